package ui

import (
	"fmt"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"
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

// historyPage is how many changes show at first, and how many more each
// "Show earlier changes" adds: every change is a few wrapped labels, and
// an activity edited for years has hundreds.
const historyPage = 25

// HistoryView lists an activity's changes, newest first: when, who, the
// field, and its value before and after, each in full. A field's earlier
// value can be put back with "Restore this value", which calls OnRestore
// with the field and the old value as JSON; the editor saves it as an
// ordinary edit, so the restore is itself recorded in the history.
type HistoryView struct {
	// OnRestore sets field back to oldJSON; nil hides the buttons.
	OnRestore func(field, oldJSON string)

	changes []HistoryChange
	cycles  map[uuid.UUID]string // review cycle names, to name a review's cycle
	shown   int
	summary *widget.Label
	rows    *fyne.Container
	more    *widget.Button
	content fyne.CanvasObject
}

// NewHistoryView makes the view; SetChanges fills it.
func NewHistoryView(onRestore func(field, oldJSON string)) *HistoryView {
	v := &HistoryView{OnRestore: onRestore}
	v.buildUI()
	return v
}

// Content is the view's canvas object, to put in a tab or a dialog. It
// does not scroll: the tab around it does.
func (v *HistoryView) Content() fyne.CanvasObject { return v.content }

// Changes are the changes shown, newest first.
func (v *HistoryView) Changes() []HistoryChange { return v.changes }

// Row is the shown row of the i-th change (newest first), nil when it is
// not shown yet.
func (v *HistoryView) Row(i int) fyne.CanvasObject {
	if i < 0 || i >= len(v.rows.Objects) {
		return nil
	}
	return v.rows.Objects[i]
}

// MoreButton shows earlier changes.
func (v *HistoryView) MoreButton() *widget.Button { return v.more }

// SetCycles gives the names of the register's review cycles, so a review
// reads "in Annual review 2026" rather than naming nothing.
func (v *HistoryView) SetCycles(names map[uuid.UUID]string) { v.cycles = names }

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
		v.summary.SetText(countOf(len(v.changes), lang.L("1 recorded change."), lang.L("%d recorded changes, newest first.")))
	}
	v.rows.Objects = nil
	v.shown = 0
	v.showMore()
}

// showMore adds the next page of rows.
func (v *HistoryView) showMore() {
	end := min(len(v.changes), v.shown+historyPage)
	for _, c := range v.changes[v.shown:end] {
		v.rows.Objects = append(v.rows.Objects, v.row(c))
	}
	v.shown = end
	if left := len(v.changes) - v.shown; left > 0 {
		v.more.SetText(fmt.Sprintf(lang.L("Show earlier changes (%d more)"), left))
		v.more.Show()
	} else {
		v.more.Hide()
	}
	v.rows.Refresh()
}

func (v *HistoryView) buildUI() {
	v.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	v.rows = container.NewVBox()
	v.more = &widget.Button{Text: lang.L("Show earlier changes"), Icon: theme.MoreVerticalIcon(), OnTapped: v.showMore}
	v.content = container.NewVBox(v.summary, v.rows, container.NewHBox(v.more))
	v.SetChanges(nil)
}

// row is one change: what changed, when and by whom, then its value
// before and after in full, wrapped.
func (v *HistoryView) row(c HistoryChange) fyne.CanvasObject {
	when := fmt.Sprintf(lang.L("%s by %s"), c.At.Local().Format("2 Jan 2006 15:04"), orSomeone(c.User))
	head := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	meta := &widget.Label{Text: when, Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	box := container.NewVBox(head, meta)
	switch c.Action {
	case "create":
		head.SetText(lang.L("Activity created"))
	case "delete":
		head.SetText(lang.L("Activity deleted"))
	default:
		head.SetText(fieldLabel(c.Field))
		before := &widget.Label{Text: v.valueText(c.Field, c.Old), Wrapping: fyne.TextWrapWord}
		after := &widget.Label{Text: v.valueText(c.Field, c.New), Wrapping: fyne.TextWrapWord}
		box.Add(container.New(layout.NewFormLayout(),
			&widget.Label{Text: lang.L("Before"), TextStyle: fyne.TextStyle{Italic: true}}, before,
			&widget.Label{Text: lang.L("After"), TextStyle: fyne.TextStyle{Italic: true}}, after))
		if c.Field != "updated_at" && v.OnRestore != nil {
			field, old := c.Field, c.Old
			restore := &widget.Button{Text: lang.L("Restore this value"), Icon: theme.ContentUndoIcon(), Importance: widget.LowImportance,
				OnTapped: func() { v.OnRestore(field, old) }}
			box.Add(container.NewHBox(restore))
		}
	}
	box.Add(widget.NewSeparator())
	return box
}

func orSomeone(s string) string {
	if s == "" {
		return lang.L("someone")
	}
	return s
}
