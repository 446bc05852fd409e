package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

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
	h.set(nil)
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

func (h *recordHistory) set(changes []HistoryChange) {
	h.changes = slices.Clone(changes)
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
	label := model.FieldLabel(h.prefix + "." + c.Field)
	switch c.Field {
	case "updated_at":
		label = lang.L("Last changed")
	case "created_at":
		label = lang.L("Created")
	}
	return fmt.Sprintf("%s: %s → %s", label, shortValue(c.Old), shortValue(c.New))
}
