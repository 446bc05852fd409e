package ui

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// editorLinks is the Sharing tab's "Systems and suppliers", at its top: the
// information assets and suppliers whose records link the activity in the
// editor (the links live on those records, as activity_ids), each by name
// opening its screen at the record. Linking or unlinking one here saves
// that record at once, through the store with its revision, apart from the
// activity's own Save. They are read in the background when an activity is
// loaded, never as the DPO types.
type editorLinks struct {
	assets, suppliers *linkField
	note, message     *widget.Label
	content           fyne.CanvasObject

	activity uuid.UUID
	// saved are the records linked as last read, to tell what the DPO
	// added or removed in a field.
	saved map[*linkField][]uuid.UUID
	gen   int

	// openAsset and openSupplier show a record on its screen, and
	// afterChange tells the other screens a record was saved; the main
	// window sets them (wireEditorLinks).
	openAsset, openSupplier func(id uuid.UUID)
	afterChange             func()
}

func (e *ActivityEditor) buildRecordLinks() fyne.CanvasObject {
	l := &e.links
	l.saved = map[*linkField][]uuid.UUID{}
	reg := e.reg
	l.assets = newLinkField(lang.L("Type an information asset's name to link it"), assetSearch(reg), nil, func() { e.syncRecordLinks(l.assets) })
	l.suppliers = newLinkField(lang.L("Type a supplier's name to link it"), supplierSearch(reg), nil, func() { e.syncRecordLinks(l.suppliers) })
	l.assets.open = func(id uuid.UUID) {
		if l.openAsset != nil {
			l.openAsset(id)
		}
	}
	l.suppliers.open = func(id uuid.UUID) {
		if l.openSupplier != nil {
			l.openSupplier(id)
		}
	}
	if reg != nil && reg.ReadOnly() != "" {
		l.assets.readOnly, l.suppliers.readOnly = true, true
	}
	l.note = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	l.note.Hide()
	l.message = newErrorLabel()
	assets := newField(lang.L("Information assets"), lang.L("The systems that process the activity's data. DSPT 1.1.2 column 9. Linking or unlinking one here saves the asset's record at once."), l.assets.content)
	suppliers := newField(lang.L("Suppliers"), lang.L("The processors and partners the activity's data goes to, with their agreements. DSPT 1.1.2 column 7, 10.1.2. Linking or unlinking one saves the supplier's record at once."), l.suppliers.content)
	l.content = container.NewVBox(newHeading(lang.L("Systems and suppliers")), l.note, assets.row, suppliers.row, l.message, widget.NewSeparator())
	return l.content
}

// loadRecordLinks reads, in the background, the assets and suppliers that
// link the activity id; a new activity has none, and can link them once
// saved.
func (e *ActivityEditor) loadRecordLinks(id uuid.UUID) {
	l := &e.links
	if l.assets == nil {
		return
	}
	l.gen++
	gen := l.gen
	l.activity = id
	l.message.Hide()
	writable := e.reg != nil && e.reg.ReadOnly() == ""
	if id == uuid.Nil || e.reg == nil {
		l.show(nil, nil)
		setLabel(l.note, lang.L("Save the activity first, then link the systems and suppliers it uses."), widget.LowImportance)
		l.note.Show()
		l.assets.input.Disable()
		l.suppliers.input.Disable()
		return
	}
	l.note.Hide()
	if writable {
		l.assets.input.Enable()
		l.suppliers.input.Enable()
	}
	reg := e.reg
	inBackground(func() func() {
		assets, suppliers, err := recordsLinking(context.Background(), reg, id)
		return func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				showError(l.message, personMessage(err))
				return
			}
			l.show(assets, suppliers)
		}
	})
}

// reloadRecordLinks reads the links of the activity in the editor again
// (after an asset or supplier was saved on its screen).
func (e *ActivityEditor) reloadRecordLinks() {
	if e.links.assets != nil {
		e.loadRecordLinks(e.links.activity)
	}
}

// recordsLinking are the assets and the suppliers whose records link the
// activity id, by name.
func recordsLinking(ctx context.Context, reg Register, id uuid.UUID) (assets, suppliers []linkOption, err error) {
	xs, err := reg.Assets(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, x := range xs {
		if slices.Contains(x.ActivityIDs, id) {
			assets = append(assets, linkOption{x.ID, x.Name})
		}
	}
	ss, err := reg.Suppliers(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range ss {
		if slices.Contains(s.ActivityIDs, id) {
			suppliers = append(suppliers, linkOption{s.ID, s.Name})
		}
	}
	return assets, suppliers, nil
}

func (l *editorLinks) show(assets, suppliers []linkOption) {
	for _, v := range []struct {
		f    *linkField
		opts []linkOption
	}{{l.assets, assets}, {l.suppliers, suppliers}} {
		ids := make([]uuid.UUID, len(v.opts))
		for i, o := range v.opts {
			ids[i] = o.id
			v.f.names[o.id] = o.label
		}
		v.f.ids = ids
		v.f.input.SetText("")
		v.f.draw()
		l.saved[v.f] = slices.Clone(ids)
	}
}

// syncRecordLinks saves the records the DPO linked or unlinked in f since
// the links were read, then reads them again.
func (e *ActivityEditor) syncRecordLinks(f *linkField) {
	l := &e.links
	if l.activity == uuid.Nil || e.reg == nil || e.reg.ReadOnly() != "" {
		return
	}
	now, was := f.get(), l.saved[f]
	var add, remove []uuid.UUID
	for _, id := range now {
		if !slices.Contains(was, id) {
			add = append(add, id)
		}
	}
	for _, id := range was {
		if !slices.Contains(now, id) {
			remove = append(remove, id)
		}
	}
	if len(add) == 0 && len(remove) == 0 {
		return
	}
	l.saved[f] = slices.Clone(now)
	reg, activity, isAsset := e.reg, l.activity, f == l.assets
	inBackground(func() func() {
		ctx := context.Background()
		var err error
		for _, id := range append(add, remove...) {
			on := slices.Contains(add, id)
			if isAsset {
				err = linkAsset(ctx, reg, id, activity, on)
			} else {
				err = linkSupplier(ctx, reg, id, activity, on)
			}
			if err != nil {
				err = fmt.Errorf("%s: %s", f.name(id), personMessage(err))
				break
			}
		}
		return func() {
			e.reloadRecordLinks()
			if err != nil {
				showError(l.message, fmt.Sprintf(lang.L("Could not change the link to %s"), err.Error()))
			}
			if l.afterChange != nil {
				l.afterChange()
			}
		}
	})
}

// setLinked adds activity to ids, or takes it out.
func setLinked(ids []uuid.UUID, activity uuid.UUID, on bool) []uuid.UUID {
	ids = slices.DeleteFunc(slices.Clone(ids), func(x uuid.UUID) bool { return x == activity })
	if on {
		ids = append(ids, activity)
	}
	if len(ids) == 0 {
		return nil
	}
	return ids
}

func linkAsset(ctx context.Context, reg Register, id, activity uuid.UUID, on bool) error {
	x, err := reg.Asset(ctx, id)
	if err != nil {
		return err
	}
	x.ActivityIDs = setLinked(x.ActivityIDs, activity, on)
	return reg.SaveAsset(ctx, x)
}

func linkSupplier(ctx context.Context, reg Register, id, activity uuid.UUID, on bool) error {
	s, err := reg.Supplier(ctx, id)
	if err != nil {
		return err
	}
	s.ActivityIDs = setLinked(s.ActivityIDs, activity, on)
	return reg.SaveSupplier(ctx, s)
}

// assetSearch finds information assets whose name holds what is typed.
func assetSearch(reg Register) func(context.Context, string) ([]linkOption, error) {
	return nameSearch(reg.Assets, func(x model.InformationAsset) linkOption { return linkOption{x.ID, x.Name} })
}

// wireEditorLinks lets the editor's links open the Assets and Suppliers
// screens at a record, and tell the screens when it saved one.
func (m *MainWindow) wireEditorLinks() {
	l := &m.editor.links
	l.openAsset = func(id uuid.UUID) {
		m.tabs.Select(m.assetsTab)
		m.assets.Open(id, nil)
	}
	l.openSupplier = func(id uuid.UUID) {
		m.tabs.Select(m.suppliersTab)
		m.suppliers.Open(id, nil)
	}
	l.afterChange = func() {
		m.assets.Reload()
		m.suppliers.Reload()
		m.problems.Refresh()
	}
}
