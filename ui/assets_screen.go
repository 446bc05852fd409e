package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// AssetRegister is what the Assets and Suppliers screens need from the
// register: DSPT 1.1.2's information asset register and 10.1.2's supplier
// list, each record saved with its revision (a stale copy is refused with
// model.ECONFLICT, as an activity's is).
type AssetRegister interface {
	Assets(ctx context.Context) ([]model.InformationAsset, error)
	Asset(ctx context.Context, id uuid.UUID) (*model.InformationAsset, error)
	SaveAsset(ctx context.Context, x *model.InformationAsset) error
	DeleteAsset(ctx context.Context, id uuid.UUID) error

	Suppliers(ctx context.Context) ([]model.Supplier, error)
	Supplier(ctx context.Context, id uuid.UUID) (*model.Supplier, error)
	SaveSupplier(ctx context.Context, s *model.Supplier) error
	DeleteSupplier(ctx context.Context, id uuid.UUID) error
}

// recordKind is what differs between the Assets and Suppliers screens:
// the words, how a record is read and written, and its form.
type recordKind[T any] struct {
	what, newLabel string
	// find is the search entry's placeholder.
	find string
	// prefix is the records' path in the register's JSON
	// ("information_assets"), under which model labels their fields.
	prefix string
	list   func(ctx context.Context, r recordRegister) ([]T, error)
	get    func(ctx context.Context, r recordRegister, id uuid.UUID) (*T, error)
	save   func(ctx context.Context, r recordRegister, x *T) error
	del    func(ctx context.Context, r recordRegister, id uuid.UUID) error
	id     func(x *T) uuid.UUID
	name   func(x *T) string
	// detail is the list's second line for x.
	detail func(x *T) string
	// blank is a new record, as the form starts it.
	blank func() T
	// sorts are the orders the list offers, the first the store's (by
	// name).
	sorts []recordSort[T]
}

// recordSort is one order of a record list: its label and how two
// records compare (ties go by name).
type recordSort[T any] struct {
	label string
	cmp   func(a, b *T) int
}

// recordForm is one screen's editor: it fills its widgets from a record
// and reads them back into one.
type recordForm[T any] interface {
	content() fyne.CanvasObject
	set(x *T)
	read(x *T)
	// problem is a message about text in the form that cannot be saved
	// (a date that is not one), "" when there is none.
	problem() string
}

// recordScreen lists the records of one kind beside an editor with their
// history. Saves go through the store with the record's revision.
type recordScreen[T any] struct {
	reg  recordRegister
	host recordHost
	kind recordKind[T]
	form recordForm[T]

	search    *widget.Entry
	sortSel   *widget.Select
	list      *widget.List
	count     *widget.Label
	heading   *widget.Label
	message   *widget.Label
	history   *recordHistory
	tabs      *container.AppTabs
	newBtn    *widget.Button
	saveBtn   *widget.Button
	revertBtn *widget.Button
	deleteBtn *widget.Button
	content   fyne.CanvasObject

	items   []T
	shown   []int // indices into items matching the search
	loaded  T     // the record in the form as stored (or as started)
	loading bool  // the form is being filled, not edited
	gen     int   // the latest reload, so an older one never lands
}

func newRecordScreen[T any](reg recordRegister, host recordHost, kind recordKind[T], form func(changed func()) recordForm[T]) *recordScreen[T] {
	s := &recordScreen[T]{reg: reg, host: host, kind: kind}
	s.form = form(s.onChanged)
	s.buildUI()
	return s
}

func (s *recordScreen[T]) buildUI() {
	s.search = &widget.Entry{PlaceHolder: s.kind.find}
	s.search.OnChanged = func(string) { s.filter() }
	s.count = &widget.Label{Importance: widget.LowImportance}
	sortLabels := make([]string, len(s.kind.sorts))
	for i, o := range s.kind.sorts {
		sortLabels[i] = o.label
	}
	s.sortSel = widget.NewSelect(sortLabels, func(string) { s.filter() })
	if len(sortLabels) > 0 {
		s.sortSel.Selected = sortLabels[0]
	}
	s.list = &widget.List{
		Length: func() int { return len(s.shown) },
		CreateItem: func() fyne.CanvasObject {
			name := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
			detail := &widget.Label{Truncation: fyne.TextTruncateEllipsis, SizeName: theme.SizeNameCaptionText}
			return container.NewVBox(name, detail)
		},
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) {
			x := &s.items[s.shown[i]]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(s.kind.name(x))
			box.Objects[1].(*widget.Label).SetText(s.kind.detail(x))
		},
		OnSelected: s.onSelected,
	}
	s.list.ExtendBaseWidget(s.list)

	s.heading = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Truncation: fyne.TextTruncateEllipsis}
	s.message = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	s.message.Hide()
	s.history = newRecordHistory(s.kind.prefix)
	s.newBtn = &widget.Button{Text: s.kind.newLabel, Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: s.New}
	s.saveBtn = &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: s.Save}
	s.revertBtn = &widget.Button{Text: lang.L("Revert"), Icon: theme.ContentUndoIcon(), OnTapped: s.Revert}
	s.deleteBtn = &widget.Button{Text: lang.L("Delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: s.onDelete}

	formTab := container.NewTabItem(lang.L("Details"), container.NewVScroll(container.NewPadded(s.form.content())))
	s.tabs = container.NewAppTabs(formTab, container.NewTabItem(lang.L("History"), s.history.content))
	s.tabs.OnSelected = func(it *container.TabItem) {
		if it.Content == s.history.content {
			s.loadHistory()
		}
	}
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(s.saveBtn, s.revertBtn, s.deleteBtn), s.heading)
	right := container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), s.message, nil, nil, s.tabs)
	top := container.NewVBox(container.NewBorder(nil, nil, s.newBtn, s.count), s.search)
	if len(s.kind.sorts) > 1 {
		top.Add(container.NewBorder(nil, nil, &widget.Label{Text: lang.L("Sort by")}, nil, s.sortSel))
	}
	left := container.NewBorder(top, nil, nil, nil, s.list)
	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(right))
	split.Offset = 0.3
	s.content = split
	s.edit(s.kind.blank())
	if s.reg.ReadOnly() != "" {
		disableAll(s.form.content(), false)
		s.content = container.NewThemeOverride(split, legibleDisabled{})
	}
	s.updateButtons()
}

// Reload reads the records again; the one in the form is reloaded too
// unless it has unsaved changes.
func (s *recordScreen[T]) Reload() {
	reg, kind := s.reg, s.kind
	s.gen++
	gen := s.gen
	inBackground(func() func() {
		items, err := kind.list(context.Background(), reg)
		return func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				s.showMessage(personMessage(err))
				return
			}
			s.items = items
			s.filter()
			id := kind.id(&s.loaded)
			if id == uuid.Nil || s.Dirty() {
				return
			}
			if i := slices.IndexFunc(items, func(x T) bool { return kind.id(&x) == id }); i >= 0 {
				s.edit(items[i])
			}
		}
	})
}

// filter shows the records whose name or list detail holds every word of
// the search, in the order chosen (the store's, by name, at first).
func (s *recordScreen[T]) filter() {
	words := strings.Fields(strings.ToLower(s.search.Text))
	s.shown = s.shown[:0]
	for i := range s.items {
		text := strings.ToLower(s.kind.name(&s.items[i]) + " " + s.kind.detail(&s.items[i]))
		if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(text, w) }) {
			s.shown = append(s.shown, i)
		}
	}
	if i := slices.Index(s.sortSel.Options, s.sortSel.Selected); i > 0 {
		cmp := s.kind.sorts[i].cmp
		slices.SortStableFunc(s.shown, func(a, b int) int { return cmp(&s.items[a], &s.items[b]) })
	}
	s.count.SetText(fmt.Sprintf(lang.L("%d of %d"), len(s.shown), len(s.items)))
	s.list.Refresh()
	s.selectCurrent()
}

// selectCurrent highlights the record in the form, without reopening it.
func (s *recordScreen[T]) selectCurrent() {
	id := s.kind.id(&s.loaded)
	for i, k := range s.shown {
		if id != uuid.Nil && s.kind.id(&s.items[k]) == id {
			if s.list.OnSelected != nil {
				on := s.list.OnSelected
				s.list.OnSelected = nil
				s.list.Select(i)
				s.list.OnSelected = on
			}
			return
		}
	}
	s.list.UnselectAll()
}

// scrollToCurrent brings the record in the form into the list's view.
func (s *recordScreen[T]) scrollToCurrent() {
	id := s.kind.id(&s.loaded)
	for i, k := range s.shown {
		if id != uuid.Nil && s.kind.id(&s.items[k]) == id {
			s.list.ScrollTo(i)
			return
		}
	}
}

func (s *recordScreen[T]) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(s.shown) {
		return
	}
	x := s.items[s.shown[i]]
	if s.kind.id(&x) == s.kind.id(&s.loaded) {
		return
	}
	s.selectCurrent() // until the DPO has answered about unsaved changes
	s.confirmLeave(func() { s.edit(x) })
}

// Open shows the record with id in the form (after asking about unsaved
// changes), once the records have loaded.
func (s *recordScreen[T]) Open(id uuid.UUID, after func()) {
	reg, kind := s.reg, s.kind
	s.confirmLeave(func() {
		inBackground(func() func() {
			x, err := kind.get(context.Background(), reg, id)
			return func() {
				if err != nil {
					s.showMessage(personMessage(err))
					return
				}
				s.edit(*x)
				if after != nil {
					after()
				}
			}
		})
	})
}

// edit fills the form with x, which becomes the copy edits apply to.
func (s *recordScreen[T]) edit(x T) {
	s.loaded = x
	s.loading = true
	s.form.set(&x)
	s.loading = false
	s.message.Hide()
	name := s.kind.name(&x)
	if s.kind.id(&x) == uuid.Nil || name == "" {
		name = s.kind.newLabel
	}
	s.heading.SetText(name)
	s.selectCurrent()
	s.history.set(nil, nil)
	if s.tabs.Selected() != nil && s.tabs.Selected().Content == s.history.content {
		s.loadHistory()
	}
	s.updateButtons()
}

// Current is the record as the form shows it, on the copy it was loaded
// from (its id and revision).
func (s *recordScreen[T]) Current() T {
	x := s.loaded
	// A deep copy, so reading the form never writes into s.loaded's
	// slices.
	b, _ := json.Marshal(&x)
	var c T
	_ = json.Unmarshal(b, &c)
	copyStamp(&c, &x)
	s.form.read(&c)
	return c
}

// Dirty reports whether the form differs from the record loaded.
func (s *recordScreen[T]) Dirty() bool {
	if s.form.problem() != "" {
		return true
	}
	a, _ := json.Marshal(s.Current())
	b, _ := json.Marshal(s.loaded)
	return string(a) != string(b)
}

func (s *recordScreen[T]) onChanged() {
	if !s.loading {
		s.updateButtons()
	}
}

func (s *recordScreen[T]) updateButtons() {
	writable := s.reg.ReadOnly() == ""
	dirty := s.Dirty()
	setEnabled(s.newBtn, writable)
	setEnabled(s.saveBtn, writable && dirty)
	setEnabled(s.revertBtn, dirty)
	setEnabled(s.deleteBtn, writable && s.kind.id(&s.loaded) != uuid.Nil)
}

// New starts a new record in the form.
func (s *recordScreen[T]) New() {
	if s.reg.ReadOnly() != "" {
		return
	}
	s.confirmLeave(func() {
		s.list.UnselectAll()
		s.edit(s.kind.blank())
		s.host.formReplaced()
	})
}

// Revert drops the form's unsaved changes.
func (s *recordScreen[T]) Revert() { s.edit(s.loaded) }

// Save validates the form and saves it through the store; a save refused
// because someone changed the record since asks whose version to keep.
func (s *recordScreen[T]) Save() { s.save(nil) }

func (s *recordScreen[T]) save(then func()) {
	if s.reg.ReadOnly() != "" {
		return
	}
	if p := s.form.problem(); p != "" {
		s.showMessage(p)
		return
	}
	x := s.Current()
	if v, ok := any(&x).(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			s.showMessage(personMessage(err))
			return
		}
	}
	reg, kind := s.reg, s.kind
	inBackground(func() func() {
		err := kind.save(context.Background(), reg, &x)
		return func() {
			switch {
			case model.ErrorCode(err) == model.ECONFLICT:
				s.resolveConflict(err, x)
				return
			case err != nil:
				s.showMessage(personMessage(err))
				return
			}
			s.edit(x)
			s.host.recordsChanged()
			if then != nil {
				then()
			}
		}
	})
}

// resolveConflict asks, after a refused save, whether to reload theirs
// (dropping the edits) or keep mine (save mine over theirs).
func (s *recordScreen[T]) resolveConflict(err error, mine T) {
	reg, kind := s.reg, s.kind
	d := dialog.NewConfirm(lang.L("Changed elsewhere"),
		fmt.Sprintf(lang.L("%s Reload their version (your unsaved changes are dropped), or keep yours and save it over theirs?"), model.ErrorMessage(err)),
		func(keepMine bool) {
			inBackground(func() func() {
				theirs, err := kind.get(context.Background(), reg, kind.id(&mine))
				return func() {
					deleted := model.ErrorCode(err) == model.ENOTFOUND
					if err != nil && !deleted {
						s.showMessage(personMessage(err))
						return
					}
					if !keepMine {
						if deleted {
							s.edit(kind.blank())
						} else {
							s.edit(*theirs)
						}
						return
					}
					// Mine over theirs: the form's edits on their revision
					// (none when they deleted it, which adds it back).
					if deleted {
						setStampRevision(&s.loaded, 0)
					} else {
						setStampRevision(&s.loaded, revisionOf(theirs))
					}
					s.save(nil)
				}
			})
		}, s.host.window())
	d.SetConfirmText(lang.L("Keep mine"))
	d.SetDismissText(lang.L("Reload theirs"))
	// A button only, as for activities (conflict.go): Escape would mean
	// "Reload theirs" and lose the edits.
	d.Show()
}

// confirmLeave runs then at once when the form has no unsaved changes, or
// after the DPO has chosen Save or Discard.
func (s *recordScreen[T]) confirmLeave(then func()) {
	if !s.Dirty() {
		then()
		return
	}
	name := s.kind.name(&s.loaded)
	if cur := s.Current(); s.kind.name(&cur) != "" {
		name = s.kind.name(&cur)
	}
	msg := &widget.Label{Text: fmt.Sprintf(lang.L("Save the changes to %s?"), name), Wrapping: fyne.TextWrapWord}
	var d *dialog.CustomDialog
	save := &widget.Button{Text: lang.L("Save"), Importance: widget.HighImportance, OnTapped: func() {
		d.Hide()
		s.save(then)
	}}
	discard := &widget.Button{Text: lang.L("Discard"), Importance: widget.DangerImportance, OnTapped: func() {
		d.Hide()
		s.Revert()
		then()
	}}
	cancel := &widget.Button{Text: lang.L("Cancel"), OnTapped: func() { d.Hide() }}
	d = dialog.NewCustomWithoutButtons(lang.L("Unsaved changes"), msg, s.host.window())
	d.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	d.Resize(fyne.NewSize(420, 0))
	showDialog(s.host.window(), d, save.OnTapped)
}

func (s *recordScreen[T]) onDelete() {
	x := s.loaded
	id := s.kind.id(&x)
	if id == uuid.Nil || s.reg.ReadOnly() != "" {
		return
	}
	d := dialog.NewConfirm(fmt.Sprintf(lang.L("Delete %s"), s.kind.what),
		fmt.Sprintf(lang.L("Delete %q from the register? Its change history is kept."), s.kind.name(&x)),
		func(ok bool) {
			if !ok {
				return
			}
			reg, kind := s.reg, s.kind
			inBackground(func() func() {
				err := kind.del(context.Background(), reg, id)
				return func() {
					if err != nil {
						s.showMessage(personMessage(err))
						return
					}
					s.edit(kind.blank())
					s.host.recordsChanged()
				}
			})
		}, s.host.window())
	d.SetConfirmText(lang.L("Delete"))
	d.SetDismissText(lang.L("Cancel"))
	d.SetConfirmImportance(widget.DangerImportance)
	showDialog(s.host.window(), d, nil)
}

func (s *recordScreen[T]) loadHistory() {
	id := s.kind.id(&s.loaded)
	if id == uuid.Nil {
		s.history.set(nil, nil)
		return
	}
	reg := s.reg
	inBackground(func() func() {
		h, err := reg.History(context.Background(), id)
		var names map[uuid.UUID]string
		if err == nil {
			names, err = historyNames(context.Background(), reg, h)
		}
		return func() {
			if s.kind.id(&s.loaded) != id {
				return
			}
			if err != nil {
				s.showMessage(personMessage(err))
				return
			}
			s.history.set(h, names)
		}
	})
}

func (s *recordScreen[T]) showMessage(msg string) {
	s.message.SetText(msg)
	s.message.Show()
}

// copyStamp copies what the form never shows (id, times, revision) from
// src to dst: JSON leaves the revision out.
func copyStamp[T any](dst, src *T) {
	setStampRevision(dst, revisionOf(src))
}

func revisionOf(v any) int64 {
	switch x := v.(type) {
	case *model.InformationAsset:
		return x.Revision
	case *model.Supplier:
		return x.Revision
	}
	return 0
}

func setStampRevision(v any, rev int64) {
	switch x := v.(type) {
	case *model.InformationAsset:
		x.Revision = rev
	case *model.Supplier:
		x.Revision = rev
	}
}
