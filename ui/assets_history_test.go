package ui_test

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// TestAssetAndSupplierHistoryInWords: the History tabs of the Assets and
// Suppliers screens name every field by its label and show links by the
// linked records' names ("added: Care records; removed: Payroll"), codes
// by their labels and days as dates — never an id, a key or a code.
func TestAssetAndSupplierHistoryInWords(t *testing.T) {
	u, _ := newApp(t)
	path := filepath.Join(t.TempDir(), "Register.ropa")
	m := start(t, u, path)
	ctx := context.Background()
	reg := u.Register()
	org := mustOrganisation(t, reg, "Mental Health and Wellbeing Services", true)
	care := &model.Activity{OrganisationID: org.ID, Name: "Care records", Role: model.RoleController, Status: model.StatusActive}
	payroll := &model.Activity{OrganisationID: org.ID, Name: "Payroll", Role: model.RoleController, Status: model.StatusActive}
	for _, a := range []*model.Activity{care, payroll} {
		if err := reg.CreateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	sup := &model.Supplier{Name: "Stripe Payments UK Ltd", Role: model.SupplierProcessor, ActivityIDs: []uuid.UUID{payroll.ID}}
	if err := reg.SaveSupplier(ctx, sup); err != nil {
		t.Fatal(err)
	}
	x := &model.InformationAsset{Name: "Clinical record system", ActivityIDs: []uuid.UUID{payroll.ID}}
	if err := reg.SaveAsset(ctx, x); err != nil {
		t.Fatal(err)
	}
	x.ActivityIDs = []uuid.UUID{care.ID}
	x.SupplierIDs = []uuid.UUID{sup.ID}
	x.Hosting = model.HostingSupplier
	x.Criticality = model.CriticalityCritical
	x.Impact = model.Impact{Confidentiality: model.ImpactHigh}
	x.Description = "Holds the care notes"
	if err := reg.SaveAsset(ctx, x); err != nil {
		t.Fatal(err)
	}
	sup.ActivityIDs = []uuid.UUID{care.ID, payroll.ID}
	sup.Agreement = model.AgreementContract
	sup.EndsOn = time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)
	sup.Certifications = []model.Certification{{Name: "PCI DSS Level 1", Expires: time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)}}
	sup.Notes = "Card payments only"
	if err := reg.SaveSupplier(ctx, sup); err != nil {
		t.Fatal(err)
	}
	m.Reload()
	ui.Settle(u)

	uuidRE := regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-`)
	check := func(what string, lines []string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !slices.Contains(lines, w) {
				t.Errorf("%s history lacks %q: %q", what, w, lines)
			}
		}
		for _, l := range lines {
			if strings.Contains(l, "_") || uuidRE.MatchString(l) || !unicode.IsUpper([]rune(l)[0]) {
				t.Errorf("%s history shows a key, id or code: %q", what, l)
			}
		}
	}

	m.Assets().Open(x.ID, nil)
	ui.Settle(u)
	as := ui.AssetScreenWidgets(m.Assets())
	as.Tabs.SelectIndex(1)
	ui.Settle(u)
	check("asset", as.History.Lines(),
		"Processing activities using the asset: added: Care records; removed: Payroll",
		"Suppliers of the asset: added: Stripe Payments UK Ltd",
		"How it is hosted: (empty) → "+model.LabelOf(model.HostingKinds, model.HostingSupplier),
		"Criticality: (empty) → "+model.LabelOf(model.Criticalities, model.CriticalityCritical),
		"Impact of loss of confidentiality: (empty) → "+model.LabelOf(model.ImpactLevels, model.ImpactHigh),
		"Description: (empty) → Holds the care notes")

	m.Suppliers().Open(sup.ID, nil)
	ui.Settle(u)
	sw := ui.SupplierScreenWidgets(m.Suppliers())
	sw.Tabs.SelectIndex(1)
	ui.Settle(u)
	check("supplier", sw.History.Lines(),
		"Processing activities the supplier serves: added: Care records",
		"Written agreement: (empty) → "+model.LabelOf(model.AgreementKinds, model.AgreementContract),
		"Agreement ends on: (empty) → 31 Mar 2027",
		"Certifications: (empty) → PCI DSS Level 1 (expires 1 Jun 2027)",
		"Notes: (empty) → Card payments only")

	// A linked record deleted since is named as gone, not by its id.
	if err := reg.DeleteActivity(ctx, payroll.ID); err != nil {
		t.Fatal(err)
	}
	m.Reload()
	ui.Settle(u)
	m.Assets().Open(x.ID, nil)
	ui.Settle(u)
	as.Tabs.SelectIndex(0)
	as.Tabs.SelectIndex(1)
	ui.Settle(u)
	check("asset", as.History.Lines(),
		"Processing activities using the asset: added: Care records; removed: (no longer in the register)")
}
