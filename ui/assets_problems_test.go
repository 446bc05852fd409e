package ui_test

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// TestProblemsShowRegisterFindings: the Problems screen lists the DSPT
// register-level findings beside the activities' own — a contract ended,
// one ending within 90 days, a certification expired, an asset without an
// owner, a register never signed off after twelve months, a controller
// without its ICO registration number — and picking one opens what it is
// about.
func TestProblemsShowRegisterFindings(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	defer ui.SetClock(func() time.Time { return now })()
	u, _ := newApp(t)
	m := start(t, u, filepath.Join(t.TempDir(), "Register.ropa"))
	ctx := context.Background()
	reg := u.Register()
	org := &model.Organisation{Name: "MHWS", Roles: []model.Role{model.RoleController}}
	act := model.Activity{Name: "Care records", Role: model.RoleController, Status: model.StatusActive,
		CreatedAt: now.AddDate(-2, 0, 0), UpdatedAt: now.AddDate(-2, 0, 0)}
	x := model.InformationAsset{Name: "Clinical record system"}
	ended := model.Supplier{Name: "Old Hosting Ltd", Role: model.SupplierProcessor, Agreement: model.AgreementContract,
		EndsOn: now.AddDate(0, -1, 0)}
	soon := model.Supplier{Name: "Stripe Payments UK", Role: model.SupplierProcessor, Agreement: model.AgreementContract,
		EndsOn: now.AddDate(0, 0, 30), Certifications: []model.Certification{{Name: "PCI DSS", Expires: now.AddDate(0, 0, -3)}}}
	if err := reg.CreateOrganisation(ctx, org); err != nil {
		t.Fatal(err)
	}
	act.OrganisationID = org.ID
	if err := reg.Apply(ctx, model.Changes{Activities: []model.Activity{act}}); err != nil {
		t.Fatal(err)
	}
	rows := activities(t, reg, model.ActivityFilter{})
	x.ActivityIDs = []uuid.UUID{rows[0].ID}
	for _, err := range []error{reg.SaveAsset(ctx, &x), reg.SaveSupplier(ctx, &ended), reg.SaveSupplier(ctx, &soon)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	m.Reload()
	ui.Settle(u)

	p := m.Problems()
	codes := map[string]model.Finding{}
	for _, f := range p.Findings() {
		codes[f.Code] = f
	}
	for _, code := range []string{model.CodeAgreementEnded, model.CodeAgreementEndingSoon, model.CodeCertificationExpired,
		model.CodeAssetWithoutOwner, model.CodeSignOffOverdue, model.CodeNoICORegistration} {
		if _, ok := codes[code]; !ok {
			t.Errorf("the Problems screen does not show %s; it shows %v", code, slices.Collect(maps.Keys(codes)))
		}
	}
	if t.Failed() {
		return
	}
	// The list names what each is about; no key is shown.
	lines := map[string]bool{}
	list := p.List()
	for i := range len(p.Findings()) {
		item := list.CreateItem()
		list.UpdateItem(i, item)
		for _, o := range objects(item) {
			if l, ok := o.(*widget.Label); ok {
				lines[l.Text] = true
			}
		}
	}
	for _, want := range []string{"Old Hosting Ltd", "Stripe Payments UK", "Clinical record system", "MHWS", "The whole register",
		codes[model.CodeAssetWithoutOwner].Message} {
		if !lines[want] {
			t.Errorf("the list does not show %q", want)
		}
	}

	// Picking the asset's finding opens it on the Assets screen.
	i := slices.IndexFunc(p.Findings(), func(f model.Finding) bool { return f.Code == model.CodeAssetWithoutOwner })
	list.Select(i)
	ui.Settle(u)
	if got := m.SelectedTab(); got != "Assets" {
		t.Fatalf("picking the asset's finding shows the %q tab", got)
	}
	if n := ui.AssetScreenWidgets(m.Assets()).Name.Text; n != "Clinical record system" {
		t.Fatalf("the Assets screen shows %q", n)
	}
	i = slices.IndexFunc(p.Findings(), func(f model.Finding) bool { return f.Code == model.CodeAgreementEnded })
	list.Select(i)
	ui.Settle(u)
	if got, n := m.SelectedTab(), ui.SupplierScreenWidgets(m.Suppliers()).Name.Text; got != "Suppliers" || n != "Old Hosting Ltd" {
		t.Fatalf("picking the ended contract shows the %q tab with %q", got, n)
	}
}

// TestOpenExampleHasAssets: the example register opened from the menu
// holds the example's information assets and suppliers.
func TestOpenExampleHasAssets(t *testing.T) {
	u, _ := newApp(t)
	u.OpenExample()
	ui.Settle(u)
	if u.Register() == nil {
		t.Fatal("the example did not open")
	}
	ex := exchange.Example()
	ctx := context.Background()
	assets, err := u.Register().Assets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	suppliers, err := u.Register().Suppliers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(assets) != len(ex.InformationAssets) || len(suppliers) != len(ex.Suppliers) || len(assets) == 0 {
		t.Fatalf("the example register holds %d assets and %d suppliers, want %d and %d",
			len(assets), len(suppliers), len(ex.InformationAssets), len(ex.Suppliers))
	}
}
