package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// notRecorded is the choice of a code field left empty.
func notRecorded() string { return lang.L("Not recorded") }

// codeSelect chooses one code of opts by its label, or none.
type codeSelect[T ~string] struct {
	opts []model.Option[T]
	sel  *widget.Select
}

func newCodeSelect[T ~string](opts []model.Option[T], changed func()) *codeSelect[T] {
	c := &codeSelect[T]{opts: opts}
	c.sel = widget.NewSelect(append([]string{notRecorded()}, labels(opts)...), func(string) { changed() })
	return c
}

func (c *codeSelect[T]) set(v T) {
	if v == "" {
		c.sel.SetSelected(notRecorded())
		return
	}
	c.sel.SetSelected(model.LabelOf(c.opts, v))
}

func (c *codeSelect[T]) get() T {
	for _, o := range c.opts {
		if o.Label == c.sel.Selected {
			return o.Code
		}
	}
	return ""
}

// linkOption is a record a link can point at, as the picker offers it.
type linkOption struct {
	id    uuid.UUID
	label string
}

// linkField edits a list of links to other records (activities,
// suppliers): each linked record by name with a button to remove it, and
// an entry that finds records by name as the DPO types, offering them to
// pick. The search and the names run in the background, so a register of
// thousands of activities is never listed whole.
type linkField struct {
	input   *widget.SelectEntry
	items   *fyne.Container
	empty   *widget.Label
	content *fyne.Container

	ids     []uuid.UUID
	names   map[uuid.UUID]string
	offered map[string]uuid.UUID
	gen     int

	// open, when set, makes each linked record's name a link opening it;
	// readOnly leaves out the buttons that remove a link.
	open     func(id uuid.UUID)
	readOnly bool

	search  func(ctx context.Context, text string) ([]linkOption, error)
	resolve func(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]string, error)
	changed func()
}

func newLinkField(placeholder string, search func(context.Context, string) ([]linkOption, error),
	resolve func(context.Context, []uuid.UUID) (map[uuid.UUID]string, error), changed func()) *linkField {
	l := &linkField{search: search, resolve: resolve, changed: changed, names: map[uuid.UUID]string{}, items: container.NewVBox()}
	l.input = widget.NewSelectEntry(nil)
	l.input.PlaceHolder = placeholder
	l.input.OnChanged = l.onTyped
	l.input.OnSubmitted = func(string) { l.pickFirst() }
	l.empty = &widget.Label{Text: lang.L("None linked yet."), Importance: widget.LowImportance}
	l.content = container.NewVBox(l.items, l.empty, l.input)
	return l
}

// onTyped adds the record picked from the offers, or looks for records
// matching what is typed.
func (l *linkField) onTyped(text string) {
	if id, ok := l.offered[text]; ok {
		l.add(id, text)
		l.input.SetText("")
		return
	}
	l.gen++
	gen := l.gen
	if strings.TrimSpace(text) == "" {
		l.offer(nil)
		return
	}
	search := l.search
	inBackground(func() func() {
		found, err := search(context.Background(), text)
		return func() {
			if gen != l.gen || err != nil {
				return
			}
			l.offer(found)
		}
	})
}

// offer sets what the entry's menu offers, without the records already
// linked; labels that repeat get a number, so each names one record.
func (l *linkField) offer(found []linkOption) {
	l.offered = map[string]uuid.UUID{}
	var labels []string
	for _, o := range found {
		if slices.Contains(l.ids, o.id) {
			continue
		}
		label := o.label
		for n := 2; l.offered[label] != uuid.Nil; n++ {
			label = fmt.Sprintf("%s (%d)", o.label, n)
		}
		l.offered[label] = o.id
		labels = append(labels, label)
	}
	l.input.SetOptions(labels)
}

// Offered are the labels the entry's menu offers now.
func (l *linkField) Offered() []string {
	out := make([]string, 0, len(l.offered))
	for k := range l.offered {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// pickFirst links the first record offered for what is typed (Enter).
func (l *linkField) pickFirst() {
	best := ""
	text := strings.ToLower(strings.TrimSpace(l.input.Text))
	for label := range l.offered {
		if strings.HasPrefix(strings.ToLower(label), text) && (best == "" || label < best) {
			best = label
		}
	}
	if best != "" {
		l.add(l.offered[best], best)
		l.input.SetText("")
	}
}

func (l *linkField) add(id uuid.UUID, label string) {
	if slices.Contains(l.ids, id) {
		return
	}
	l.ids = append(l.ids, id)
	l.names[id] = label
	l.draw()
	l.changed()
}

func (l *linkField) remove(id uuid.UUID) {
	l.ids = slices.DeleteFunc(l.ids, func(x uuid.UUID) bool { return x == id })
	l.draw()
	l.changed()
}

// set shows ids, without reporting a change, and looks up their names.
func (l *linkField) set(ids []uuid.UUID) {
	l.ids = slices.Clone(ids)
	l.input.SetText("")
	l.draw()
	if len(ids) == 0 {
		return
	}
	l.gen++
	gen, resolve, want := l.gen, l.resolve, slices.Clone(ids)
	inBackground(func() func() {
		names, err := resolve(context.Background(), want)
		return func() {
			if gen != l.gen || err != nil {
				return
			}
			for id, n := range names {
				l.names[id] = n
			}
			l.draw()
		}
	})
}

func (l *linkField) get() []uuid.UUID {
	if len(l.ids) == 0 {
		return nil
	}
	return slices.Clone(l.ids)
}

// Linked are the names of the linked records as shown.
func (l *linkField) Linked() []string {
	out := make([]string, len(l.ids))
	for i, id := range l.ids {
		out[i] = l.name(id)
	}
	return out
}

func (l *linkField) name(id uuid.UUID) string {
	if n, ok := l.names[id]; ok && n != "" {
		return n
	}
	return lang.L("(no longer in the register)")
}

func (l *linkField) draw() {
	l.items.RemoveAll()
	for _, id := range l.ids {
		var name fyne.CanvasObject = &widget.Label{Text: l.name(id), Truncation: fyne.TextTruncateEllipsis}
		if l.open != nil {
			h := &widget.Hyperlink{Text: l.name(id), Truncation: fyne.TextTruncateEllipsis, OnTapped: func() { l.open(id) }}
			h.ExtendBaseWidget(h)
			name = h
		}
		var remove fyne.CanvasObject
		if !l.readOnly {
			remove = &widget.Button{Icon: theme.ContentRemoveIcon(), Importance: widget.LowImportance, OnTapped: func() { l.remove(id) }}
		}
		l.items.Add(container.NewBorder(nil, nil, nil, remove, name))
	}
	if len(l.ids) == 0 {
		l.empty.Show()
	} else {
		l.empty.Hide()
	}
	l.items.Refresh()
}

// activitySearch finds activities by the words typed, as the list's
// search does, for a link picker.
func activitySearch(reg recordRegister) func(context.Context, string) ([]linkOption, error) {
	return func(ctx context.Context, text string) ([]linkOption, error) {
		rows, _, err := reg.ListActivities(ctx, model.ActivityFilter{Query: text, Sort: model.SortName, Limit: 20})
		if err != nil {
			return nil, err
		}
		out := make([]linkOption, len(rows))
		for i, r := range rows {
			out[i] = linkOption{r.ID, r.Name + " — " + r.Organisation}
		}
		return out, nil
	}
}

// activityNames names the linked activities; one no longer in the
// register is left out, and shown as such.
func activityNames(reg recordRegister) func(context.Context, []uuid.UUID) (map[uuid.UUID]string, error) {
	return func(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]string, error) {
		out := map[uuid.UUID]string{}
		for _, id := range ids {
			a, err := reg.Activity(ctx, id)
			if model.ErrorCode(err) == model.ENOTFOUND {
				continue
			}
			if err != nil {
				return nil, err
			}
			out[id] = a.Name
		}
		return out, nil
	}
}

// supplierSearch finds suppliers whose name holds what is typed.
func supplierSearch(reg recordRegister) func(context.Context, string) ([]linkOption, error) {
	return nameSearch(reg.Suppliers, func(x model.Supplier) linkOption { return linkOption{x.ID, x.Name} })
}

// nameSearch is the link pickers' one search: the first 20 records whose
// name holds what is typed, ignoring case and the spaces around it.
func nameSearch[T any](all func(context.Context) ([]T, error), option func(T) linkOption) func(context.Context, string) ([]linkOption, error) {
	return func(ctx context.Context, text string) ([]linkOption, error) {
		xs, err := all(ctx)
		if err != nil {
			return nil, err
		}
		text = strings.ToLower(strings.TrimSpace(text))
		var out []linkOption
		for _, x := range xs {
			if o := option(x); strings.Contains(strings.ToLower(o.label), text) {
				out = append(out, o)
			}
			if len(out) == 20 {
				break
			}
		}
		return out, nil
	}
}

func supplierNames(reg recordRegister) func(context.Context, []uuid.UUID) (map[uuid.UUID]string, error) {
	return func(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]string, error) {
		all, err := reg.Suppliers(ctx)
		if err != nil {
			return nil, err
		}
		out := map[uuid.UUID]string{}
		for _, s := range all {
			if slices.Contains(ids, s.ID) {
				out[s.ID] = s.Name
			}
		}
		return out, nil
	}
}

// formRow is one labelled row of a record's form: the label, the widget
// and the help under it, as the activity editor lays its fields out.
func formRow(label, help string, obj fyne.CanvasObject) fyne.CanvasObject {
	return newField(label, help, obj).row
}
