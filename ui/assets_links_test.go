package ui_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// TestEditorShowsLinkedAssetsAndSuppliers: the activity editor's Sharing
// tab names the assets and suppliers whose records link the activity; a
// name opens its screen at the record; linking and unlinking there saves
// the asset's or supplier's record, read back from the SQLite file.
func TestEditorShowsLinkedAssetsAndSuppliers(t *testing.T) {
	u, _ := newApp(t)
	path := filepath.Join(t.TempDir(), "Register.ropa")
	m := start(t, u, path)
	ctx := context.Background()
	reg := u.Register()
	org := mustOrganisation(t, reg, "Mental Health and Wellbeing Services", true)
	act := &model.Activity{OrganisationID: org.ID, Name: "Counselling records", Role: model.RoleController, Status: model.StatusActive}
	other := &model.Activity{OrganisationID: org.ID, Name: "Staff payroll", Role: model.RoleController, Status: model.StatusActive}
	for _, a := range []*model.Activity{act, other} {
		if err := reg.CreateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	stripe := &model.Supplier{Name: "Stripe Payments UK Ltd", Role: model.SupplierProcessor, ActivityIDs: []uuid.UUID{act.ID}}
	if err := reg.SaveSupplier(ctx, stripe); err != nil {
		t.Fatal(err)
	}
	care := &model.InformationAsset{Name: "Clinical record system", ActivityIDs: []uuid.UUID{other.ID, act.ID}}
	payroll := &model.InformationAsset{Name: "Payroll system", ActivityIDs: []uuid.UUID{other.ID}}
	for _, x := range []*model.InformationAsset{care, payroll} {
		if err := reg.SaveAsset(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	m.Reload()
	ui.Settle(u)
	row := -1
	for i := 0; i < m.List().Total(); i++ {
		if s, ok := m.List().Row(i); ok && s.ID == act.ID {
			row = i
		}
	}
	if row < 0 {
		t.Fatal("the activity is not in the list")
	}
	m.List().Table().Select(widget.TableCellID{Row: row, Col: 0})
	ui.Settle(u)
	if m.Current() != act.ID {
		t.Fatalf("the editor holds %v, not the activity", m.Current())
	}
	m.ShowEditorTab(3) // Sharing
	ui.Settle(u)
	assets, suppliers, msg := ui.EditorLinks(m.Editor())
	if got := assets.Linked(); !slices.Equal(got, []string{"Clinical record system"}) {
		t.Fatalf("linked assets shown: %q", got)
	}
	if got := suppliers.Linked(); !slices.Equal(got, []string{"Stripe Payments UK Ltd"}) {
		t.Fatalf("linked suppliers shown: %q", got)
	}

	// Link the payroll system and unlink the supplier from the editor.
	pickLink(t, u, assets, "payroll", "Payroll system")
	ui.Settle(u)
	if !suppliers.Unlink("Stripe Payments UK Ltd") {
		t.Fatal("no button removes the supplier's link")
	}
	ui.Settle(u)
	if msg.Visible() {
		t.Fatalf("linking says: %s", msg.Text)
	}
	r := readFile(t, path)
	for _, x := range r.InformationAssets {
		want := []uuid.UUID{other.ID, act.ID}
		if !slices.Equal(x.ActivityIDs, want) {
			t.Errorf("%s in the file links %v, want %v", x.Name, x.ActivityIDs, want)
		}
	}
	if len(r.Suppliers) != 1 || len(r.Suppliers[0].ActivityIDs) != 0 {
		t.Errorf("the supplier in the file: %+v", r.Suppliers)
	}
	if got := assets.Linked(); !slices.Equal(got, []string{"Clinical record system", "Payroll system"}) {
		t.Fatalf("after linking, assets shown: %q", got)
	}
	if got := suppliers.Linked(); len(got) != 0 {
		t.Fatalf("after unlinking, suppliers shown: %q", got)
	}
	if m.Editor().Dirty() {
		t.Error("linking a record made the activity itself unsaved")
	}

	// Unlink the payroll system again, then open the clinical record
	// system at its record by its name.
	if !assets.Unlink("Payroll system") {
		t.Fatal("no button removes the asset's link")
	}
	ui.Settle(u)
	r = readFile(t, path)
	for _, x := range r.InformationAssets {
		if x.ID == payroll.ID && !slices.Equal(x.ActivityIDs, []uuid.UUID{other.ID}) {
			t.Errorf("after unlinking, payroll links %v", x.ActivityIDs)
		}
	}
	if !assets.Open("Clinical record system") {
		t.Fatal("the asset's name is not a link")
	}
	ui.Settle(u)
	if got := m.SelectedTab(); got != "Assets" {
		t.Fatalf("the asset's link shows the %q tab", got)
	}
	if got := ui.AssetScreenWidgets(m.Assets()).Name.Text; got != "Clinical record system" {
		t.Fatalf("the Assets screen shows %q", got)
	}
}

// TestEditorLinksNewActivity: a new activity cannot link records until it
// is saved, and says so.
func TestEditorLinksNewActivity(t *testing.T) {
	u, _ := newApp(t)
	m := start(t, u, filepath.Join(t.TempDir(), "Register.ropa"))
	mustOrganisation(t, u.Register(), "Mental Health and Wellbeing Services", true)
	m.Reload()
	ui.Settle(u)
	m.NewActivity()
	ui.Settle(u)
	assets, _, _ := ui.EditorLinks(m.Editor())
	if !assets.Entry().Disabled() {
		t.Error("a new activity offers to link assets before it is saved")
	}
}

// TestEditorLinksReadOnly: in a register open elsewhere (read-only) the
// editor still names the linked asset, as a link, but offers neither to
// link nor to unlink.
func TestEditorLinksReadOnly(t *testing.T) {
	path, ids := seed(t, 2)
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	x := &model.InformationAsset{Name: "Clinical record system", ActivityIDs: []uuid.UUID{ids[0]}}
	if err := db.SaveAsset(ctx, x); err != nil {
		t.Fatal(err)
	}
	u, _ := newApp(t)
	m := start(t, u, path)
	if u.Register().ReadOnly() == "" {
		t.Fatal("the register is writable while another instance has it open")
	}
	ui.Settle(u)
	if m.Current() != ids[0] {
		t.Fatalf("editor shows %v, want %v", m.Current(), ids[0])
	}
	assets, suppliers, _ := ui.EditorLinks(m.Editor())
	if got := assets.Linked(); !slices.Equal(got, []string{"Clinical record system"}) {
		t.Fatalf("linked assets shown: %q", got)
	}
	if n := assets.Removable(); n != 0 {
		t.Errorf("a read-only register offers to unlink %d assets", n)
	}
	if !assets.Entry().Disabled() || !suppliers.Entry().Disabled() {
		t.Error("a read-only register offers to link records")
	}
}
