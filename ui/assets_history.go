package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// recordHistory lists an information asset's or a supplier's recorded
// changes, newest first: when, who, and the field's label with old → new.
// Its fields are named by model's label table under prefix
// ("information_assets.owner" → "Information asset owner"), so a key is
// never shown.
type recordHistory struct {
	prefix  string
	changes []HistoryChange
	// names are the linked records' names, for changes to the links.
	names   map[uuid.UUID]string
	summary *widget.Label
	list    *widget.List
	content fyne.CanvasObject
}

func newRecordHistory(prefix string) *recordHistory {
	h := &recordHistory{prefix: prefix}
	h.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	h.list = &widget.List{
		Length: func() int { return len(h.changes) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewVBox(&widget.Label{TextStyle: fyne.TextStyle{Bold: true}}, &widget.Label{Truncation: fyne.TextTruncateEllipsis})
		},
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) {
			c := h.changes[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s · %s", c.At.Local().Format("2 Jan 2006 15:04"), orSomeone(c.User)))
			box.Objects[1].(*widget.Label).SetText(h.describe(c))
		},
	}
	h.list.ExtendBaseWidget(h.list)
	h.content = container.NewBorder(container.NewPadded(h.summary), nil, nil, nil, h.list)
	h.set(nil, nil)
	return h
}

// Lines are the changes as shown, newest first.
func (h *recordHistory) Lines() []string {
	out := make([]string, len(h.changes))
	for i, c := range h.changes {
		out[i] = h.describe(c)
	}
	return out
}

func (h *recordHistory) set(changes []HistoryChange, names map[uuid.UUID]string) {
	h.changes = slices.Clone(changes)
	h.names = names
	slices.SortStableFunc(h.changes, func(a, b HistoryChange) int {
		switch {
		case a.Seq > b.Seq:
			return -1
		case a.Seq < b.Seq:
			return 1
		}
		return 0
	})
	if len(h.changes) == 0 {
		h.summary.SetText(lang.L("No changes are recorded yet: they are listed here once it is saved."))
	} else {
		h.summary.SetText(fmt.Sprintf(lang.L("%d recorded changes, newest first."), len(h.changes)))
	}
	h.list.Refresh()
}

func (h *recordHistory) describe(c HistoryChange) string {
	switch c.Action {
	case "create":
		return lang.L("Created")
	case "delete":
		return lang.L("Deleted")
	}
	switch c.Field {
	case "activity_ids", "supplier_ids":
		return h.fieldLabel(c.Field) + ": " + h.linkChange(c.Old, c.New)
	case "impact":
		// One object of three levels: each level that changed, by its label.
		var o, n map[string]string
		_ = json.Unmarshal([]byte(c.Old), &o)
		_ = json.Unmarshal([]byte(c.New), &n)
		var parts []string
		for _, k := range []string{"confidentiality", "integrity", "availability"} {
			if o[k] != n[k] {
				parts = append(parts, fmt.Sprintf("%s: %s → %s", h.fieldLabel("impact."+k), levelLabel(o[k]), levelLabel(n[k])))
			}
		}
		return strings.Join(parts, "; ")
	}
	return fmt.Sprintf("%s: %s → %s", h.fieldLabel(c.Field), h.value(c.Field, c.Old), h.value(c.Field, c.New))
}

// fieldLabel is the label of the record's field key.
func (h *recordHistory) fieldLabel(key string) string {
	switch key {
	case "updated_at":
		return lang.L("Last changed")
	case "created_at":
		return lang.L("Created")
	case "description":
		return lang.L("Description")
	case "notes":
		return lang.L("Notes")
	}
	return model.FieldLabel(h.prefix + "." + key)
}

func levelLabel(code string) string {
	if code == "" {
		return lang.L("(empty)")
	}
	return model.LabelOf(model.ImpactLevels, model.ImpactLevel(code))
}

// recordCodeLabels are the asset and supplier fields holding a code, shown by the code's label.
var recordCodeLabels = map[string]func(string) string{
	"hosting":     func(c string) string { return model.LabelOf(model.HostingKinds, model.HostingKind(c)) },
	"criticality": func(c string) string { return model.LabelOf(model.Criticalities, model.Criticality(c)) },
	"role":        func(c string) string { return model.LabelOf(model.SupplierRoles, model.SupplierRole(c)) },
	"agreement":   func(c string) string { return model.LabelOf(model.AgreementKinds, model.AgreementKind(c)) },
	"dspt_status": func(c string) string { return model.LabelOf(model.DSPTStatuses, model.DSPTStatus(c)) },
	"transfer_mechanism": func(c string) string {
		return model.LabelOf(model.SafeguardKinds, model.SafeguardKind(c))
	},
}

// value is a field's value as a person reads it: a code by its label, a
// day as a date, a certification with its expiry.
func (h *recordHistory) value(field, raw string) string {
	if raw == "" || raw == "null" || raw == `""` || raw == "[]" {
		return lang.L("(empty)")
	}
	if f, ok := recordCodeLabels[field]; ok {
		var c string
		if json.Unmarshal([]byte(raw), &c) == nil {
			return f(c)
		}
	}
	switch field {
	case "signed_on", "ends_on":
		var t time.Time
		if json.Unmarshal([]byte(raw), &t) == nil {
			return t.Format("2 Jan 2006")
		}
	case "created_at", "updated_at":
		var t time.Time
		if json.Unmarshal([]byte(raw), &t) == nil {
			return t.Local().Format("2 Jan 2006 15:04")
		}
	case "certifications":
		var cs []model.Certification
		if json.Unmarshal([]byte(raw), &cs) == nil {
			parts := make([]string, len(cs))
			for i, c := range cs {
				parts[i] = c.Name
				if !c.Expires.IsZero() {
					parts[i] = fmt.Sprintf(lang.L("%s (expires %s)"), c.Name, c.Expires.Format("2 Jan 2006"))
				}
			}
			return strings.Join(parts, ", ")
		}
	}
	return shortValue(raw)
}

// linkChange is a change to a list of links, by the linked records'
// names: "added: Care records; removed: Payroll".
func (h *recordHistory) linkChange(oldRaw, newRaw string) string {
	var o, n []uuid.UUID
	_ = json.Unmarshal([]byte(oldRaw), &o)
	_ = json.Unmarshal([]byte(newRaw), &n)
	var added, removed []string
	for _, id := range n {
		if !slices.Contains(o, id) {
			added = append(added, h.linkName(id))
		}
	}
	for _, id := range o {
		if !slices.Contains(n, id) {
			removed = append(removed, h.linkName(id))
		}
	}
	var parts []string
	if len(added) > 0 {
		parts = append(parts, lang.L("added:")+" "+strings.Join(added, ", "))
	}
	if len(removed) > 0 {
		parts = append(parts, lang.L("removed:")+" "+strings.Join(removed, ", "))
	}
	if len(parts) == 0 {
		return lang.L("reordered")
	}
	return strings.Join(parts, "; ")
}

func (h *recordHistory) linkName(id uuid.UUID) string {
	if n, ok := h.names[id]; ok && n != "" {
		return n
	}
	return lang.L("(no longer in the register)")
}

// linkedIDs are the records the changes' links name, by the field that
// names them.
func linkedIDs(changes []HistoryChange) (activities, suppliers []uuid.UUID) {
	for _, c := range changes {
		if c.Action != "update" && c.Action != "" {
			continue
		}
		for _, raw := range []string{c.Old, c.New} {
			var ids []uuid.UUID
			if json.Unmarshal([]byte(raw), &ids) != nil {
				continue
			}
			switch c.Field {
			case "activity_ids":
				activities = append(activities, ids...)
			case "supplier_ids":
				suppliers = append(suppliers, ids...)
			}
		}
	}
	slices.SortFunc(activities, uuidCompare)
	slices.SortFunc(suppliers, uuidCompare)
	return slices.Compact(activities), slices.Compact(suppliers)
}

func uuidCompare(a, b uuid.UUID) int { return strings.Compare(a.String(), b.String()) }

// historyNames names the records the changes link, read from reg: the
// activities one by one (only those the history names), the suppliers
// from their list.
func historyNames(ctx context.Context, reg recordRegister, changes []HistoryChange) (map[uuid.UUID]string, error) {
	acts, sups := linkedIDs(changes)
	names, err := activityNames(reg)(ctx, acts)
	if err != nil {
		return nil, err
	}
	if len(sups) > 0 {
		s, err := supplierNames(reg)(ctx, sups)
		if err != nil {
			return nil, err
		}
		maps.Copy(names, s)
	}
	return names, nil
}
