package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// listField edits a multi-value field such as purposes or recipients: an
// entry offering values already used in the register, an add button, and
// the items, each editable in place and removable.
type listField struct {
	// key is the field's JSON key, which is also what reg.Suggestions takes.
	key      string
	input    *widget.SelectEntry
	addBtn   *widget.Button
	items    *fyne.Container
	rows     []*listItem
	changed  func()
	content  *fyne.Container
	emptyMsg *widget.Label
	// suggested is what the input offers; SelectEntry keeps its options to
	// itself.
	suggested []string
}

type listItem struct {
	entry *widget.Entry
	err   *widget.Label
	obj   *fyne.Container
}

func newListField(key, placeholder string, changed func()) *listField {
	l := &listField{key: key, changed: changed, items: container.NewVBox()}
	l.input = widget.NewSelectEntry(nil)
	l.input.PlaceHolder = placeholder
	l.input.OnSubmitted = func(string) { l.onAdd() }
	l.addBtn = &widget.Button{Text: lang.L("Add"), Icon: theme.ContentAddIcon(), OnTapped: l.onAdd}
	l.emptyMsg = &widget.Label{Text: lang.L("None recorded yet."), Importance: widget.LowImportance}
	l.content = container.NewVBox(l.items, l.emptyMsg, container.NewBorder(nil, nil, nil, l.addBtn, l.input))
	return l
}

func (l *listField) onAdd() {
	v := strings.TrimSpace(l.input.Text)
	if v == "" {
		return
	}
	if !slices.Contains(l.values(), v) {
		l.addItem(v)
		l.changed()
	}
	l.input.SetText("")
}

func (l *listField) addItem(v string) {
	it := &listItem{err: newErrorLabel()}
	it.entry = &widget.Entry{Text: v, OnChanged: func(string) { l.changed() }}
	remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance}
	remove.OnTapped = func() { l.removeItem(it) }
	it.obj = container.NewVBox(container.NewBorder(nil, nil, nil, remove, it.entry), it.err)
	l.rows = append(l.rows, it)
	l.items.Add(it.obj)
	l.emptyMsg.Hide()
}

func (l *listField) removeItem(it *listItem) {
	i := slices.Index(l.rows, it)
	if i < 0 {
		return
	}
	l.rows = slices.Delete(l.rows, i, i+1)
	l.items.Remove(it.obj)
	if len(l.rows) == 0 {
		l.emptyMsg.Show()
	}
	l.changed()
}

// set replaces the items without reporting a change.
func (l *listField) set(values []string) {
	l.rows = nil
	l.items.RemoveAll()
	for _, v := range values {
		l.addItem(v)
	}
	if len(values) == 0 {
		l.emptyMsg.Show()
	}
	l.input.SetText("")
}

// values returns the items, trimmed; an emptied item stays so that
// validation can point at it.
func (l *listField) values() []string {
	var out []string
	for _, it := range l.rows {
		out = append(out, strings.TrimSpace(it.entry.Text))
	}
	return out
}

func (l *listField) setSuggestions(s []string) {
	l.suggested = s
	l.input.SetOptions(s)
}

func (l *listField) target(i int, _ string) (fyne.Focusable, *widget.Label, bool) {
	if i < 0 || i >= len(l.rows) {
		return nil, nil, false
	}
	return l.rows[i].entry, l.rows[i].err, true
}

func (l *listField) clearErrors() {
	for _, it := range l.rows {
		clearError(it.err)
	}
}
