package ui

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// HistoryChange is one recorded change of an activity as the history view
// shows it; cmd/ropa converts the store's history entries into these.
type HistoryChange struct {
	Seq    int64
	At     time.Time
	User   string
	Action string // "create", "update" or "delete"
	// Field is the JSON key changed by an update ("" for create and
	// delete); Old and New are its values as JSON.
	Field    string
	Old, New string
}

// HistoryView lists an activity's changes, newest first: when, who, the
// field, and old → new. A field's earlier value can be put back with
// "Restore this value", which calls OnRestore with the field and the old
// value as JSON; the editor saves it as an ordinary edit, so the restore
// is itself recorded in the history.
type HistoryView struct {
	// OnRestore sets field back to oldJSON; nil hides the buttons.
	OnRestore func(field, oldJSON string)

	changes []HistoryChange
	summary *widget.Label
	list    *widget.List
	content fyne.CanvasObject
}

// NewHistoryView makes the view; SetChanges fills it.
func NewHistoryView(onRestore func(field, oldJSON string)) *HistoryView {
	v := &HistoryView{OnRestore: onRestore}
	v.buildUI()
	return v
}

// Content is the view's canvas object, to put in a tab or a dialog.
func (v *HistoryView) Content() fyne.CanvasObject { return v.content }

// List is the list of changes.
func (v *HistoryView) List() *widget.List { return v.list }

// Changes are the changes shown, newest first.
func (v *HistoryView) Changes() []HistoryChange { return v.changes }

// SetChanges shows changes (in any order; shown newest first).
func (v *HistoryView) SetChanges(changes []HistoryChange) {
	v.changes = append([]HistoryChange(nil), changes...)
	sort.SliceStable(v.changes, func(i, j int) bool {
		if v.changes[i].Seq != v.changes[j].Seq {
			return v.changes[i].Seq > v.changes[j].Seq
		}
		return v.changes[i].At.After(v.changes[j].At)
	})
	if len(v.changes) == 0 {
		v.summary.SetText(lang.L("No changes are recorded for this activity."))
	} else {
		v.summary.SetText(fmt.Sprintf(lang.L("%d recorded changes, newest first."), len(v.changes)))
	}
	v.list.Refresh()
}

func (v *HistoryView) buildUI() {
	v.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	v.list = &widget.List{
		Length: func() int { return len(v.changes) },
		CreateItem: func() fyne.CanvasObject {
			when := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
			what := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
			// Centred, so the button keeps its own height rather than
			// stretching to the two lines of the change.
			restore := &widget.Button{Text: lang.L("Restore this value"), Icon: theme.ContentUndoIcon(), Importance: widget.LowImportance}
			return container.NewBorder(nil, nil, nil, container.NewCenter(restore), container.NewVBox(when, what))
		},
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) {
			c := v.changes[i]
			row := o.(*fyne.Container)
			text := row.Objects[0].(*fyne.Container)
			restore := row.Objects[1].(*fyne.Container).Objects[0].(*widget.Button)
			text.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s · %s", c.At.Local().Format("2 Jan 2006 15:04"), orSomeone(c.User)))
			text.Objects[1].(*widget.Label).SetText(describeChange(c))
			if c.Action == "update" && c.Field != "" && c.Field != "updated_at" && v.OnRestore != nil {
				restore.OnTapped = func() { v.OnRestore(c.Field, c.Old) }
				restore.Show()
			} else {
				restore.OnTapped = nil
				restore.Hide()
			}
		},
	}
	v.list.ExtendBaseWidget(v.list)
	v.content = container.NewBorder(container.NewPadded(v.summary), nil, nil, nil, v.list)
	v.SetChanges(nil)
}

// describeChange is one line saying what a change did.
func describeChange(c HistoryChange) string {
	switch c.Action {
	case "create":
		return lang.L("Created")
	case "delete":
		return lang.L("Deleted")
	}
	return fmt.Sprintf("%s: %s → %s", fieldLabel(c.Field), shortValue(c.Old), shortValue(c.New))
}

// shortValue renders a JSON value for one line: text without quotes, lists
// joined by commas, nothing as "(empty)".
func shortValue(raw string) string {
	if raw == "" || raw == "null" || raw == `""` || raw == "[]" {
		return lang.L("(empty)")
	}
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return raw
	}
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case bool:
		s = lang.L("No")
		if x {
			s = lang.L("Yes")
		}
	case []any:
		parts := make([]string, 0, len(x))
		for _, p := range x {
			if ps, ok := p.(string); ok {
				parts = append(parts, ps)
			} else {
				b, _ := json.Marshal(p)
				parts = append(parts, string(b))
			}
		}
		s = strings.Join(parts, ", ")
	default:
		s = raw
	}
	const most = 80
	if r := []rune(s); len(r) > most {
		s = string(r[:most-1]) + "…"
	}
	return s
}

func orSomeone(s string) string {
	if s == "" {
		return lang.L("someone")
	}
	return s
}
