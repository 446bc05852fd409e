package ui_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// readFile opens the register file as another process would, to read
// back what the screens saved.
func readFile(t *testing.T, path string) *model.Register {
	t.Helper()
	db, err := store.OpenWith(context.Background(), path, store.Options{NoLock: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := db.Register(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// pickLink types text into a link field and picks the offer starting
// with want, as the DPO does from the entry's menu.
func pickLink(t *testing.T, u *ui.App, l linkPicker, text, want string) {
	t.Helper()
	entry := l.Entry()
	entry.SetText(text)
	ui.Settle(u)
	offers := l.Offered()
	i := slices.IndexFunc(offers, func(o string) bool { return strings.HasPrefix(o, want) })
	if i < 0 {
		t.Fatalf("typing %q offers %q, not %q", text, offers, want)
	}
	entry.SetText(offers[i])
	ui.Settle(u)
}

type linkPicker interface {
	Offered() []string
	Entry() *widget.SelectEntry
}

// pressShortcut presses Ctrl (Cmd on macOS) with key in the window.
func pressShortcut(w fyne.Window, key fyne.KeyName) {
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
}

// TestAssetAndSupplierScreens creates a supplier and an asset on their
// screens, links them to an activity and to each other, edits them, and
// reads each step back from the SQLite file.
func TestAssetAndSupplierScreens(t *testing.T) {
	u, w := newApp(t)
	path := filepath.Join(t.TempDir(), "Register.ropa")
	m := start(t, u, path)
	ctx := context.Background()
	org := mustOrganisation(t, u.Register(), "Mental Health and Wellbeing Services", true)
	act := &model.Activity{OrganisationID: org.ID, Name: "Counselling records", Role: model.RoleController, Status: model.StatusActive}
	if err := u.Register().CreateActivity(ctx, act); err != nil {
		t.Fatal(err)
	}
	m.Reload()
	ui.Settle(u)

	// Ctrl+6 opens the Suppliers screen, Ctrl+5 the Assets screen.
	pressShortcut(w, fyne.Key6)
	if got := m.SelectedTab(); got != "Suppliers" {
		t.Fatalf("Ctrl+6 shows the %q tab", got)
	}
	sup := ui.SupplierScreenWidgets(m.Suppliers())
	test.Type(sup.Name, "Stripe Payments UK Ltd")
	sup.Role.SetSelected(model.LabelOf(model.SupplierRoles, model.SupplierProcessor))
	sup.Agreement.SetSelected(model.LabelOf(model.AgreementKinds, model.AgreementContract))
	test.Type(sup.Link, "https://intranet/contracts/stripe.pdf")
	test.Type(sup.EndsOn, "31/3/2027")
	sup.AddCertification("PCI DSS Level 1", "1/6/2027")
	pickLink(t, u, sup.Activities, "counsel", "Counselling records")
	if got := sup.Activities.Linked(); !slices.Equal(got, []string{"Counselling records — Mental Health and Wellbeing Services"}) {
		t.Fatalf("supplier links shown: %q", got)
	}
	test.Tap(sup.Save)
	ui.Settle(u)
	if sup.Message.Visible() {
		t.Fatalf("saving the supplier: %s", sup.Message.Text)
	}
	r := readFile(t, path)
	if len(r.Suppliers) != 1 {
		t.Fatalf("file holds %d suppliers", len(r.Suppliers))
	}
	s := r.Suppliers[0]
	if s.Name != "Stripe Payments UK Ltd" || s.Role != model.SupplierProcessor || s.Agreement != model.AgreementContract ||
		s.AgreementLink != "https://intranet/contracts/stripe.pdf" || !s.EndsOn.Equal(time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)) ||
		len(s.Certifications) != 1 || s.Certifications[0].Name != "PCI DSS Level 1" ||
		!s.Certifications[0].Expires.Equal(time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)) ||
		!slices.Equal(s.ActivityIDs, []uuid.UUID{act.ID}) {
		t.Fatalf("supplier in the file: %+v", s)
	}

	// The asset, linked to the activity and the supplier.
	pressShortcut(w, fyne.Key5)
	if got := m.SelectedTab(); got != "Assets" {
		t.Fatalf("Ctrl+5 shows the %q tab", got)
	}
	as := ui.AssetScreenWidgets(m.Assets())
	test.Tap(as.New)
	test.Type(as.Name, "Clinical record system")
	test.Type(as.Software, "Carenotes")
	as.Hosting.SetSelected(model.LabelOf(model.HostingKinds, model.HostingSupplier))
	as.Criticality.SetSelected(model.LabelOf(model.Criticalities, model.CriticalityCritical))
	as.Confidentiality.SetSelected(model.LabelOf(model.ImpactLevels, model.ImpactHigh))
	pickLink(t, u, as.Activities, "records", "Counselling records")
	pickLink(t, u, as.Suppliers, "stripe", "Stripe Payments UK Ltd")
	test.Tap(as.Save)
	ui.Settle(u)
	if as.Message.Visible() {
		t.Fatalf("saving the asset: %s", as.Message.Text)
	}
	r = readFile(t, path)
	if len(r.InformationAssets) != 1 {
		t.Fatalf("file holds %d assets", len(r.InformationAssets))
	}
	x := r.InformationAssets[0]
	if x.Name != "Clinical record system" || x.Software != "Carenotes" || x.Hosting != model.HostingSupplier ||
		x.Criticality != model.CriticalityCritical || x.Impact.Confidentiality != model.ImpactHigh || x.Owner != "" ||
		!slices.Equal(x.ActivityIDs, []uuid.UUID{act.ID}) || !slices.Equal(x.SupplierIDs, []uuid.UUID{s.ID}) {
		t.Fatalf("asset in the file: %+v", x)
	}

	// Edit: give it an owner. The list, the file and the history agree.
	test.Type(as.Owner, "Director of Clinical Services")
	test.Tap(as.Save)
	ui.Settle(u)
	r = readFile(t, path)
	if got := r.InformationAssets[0].Owner; got != "Director of Clinical Services" {
		t.Fatalf("owner in the file: %q", got)
	}
	as.Tabs.SelectIndex(1)
	ui.Settle(u)
	lines := as.History.Lines()
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "Information asset owner: (empty) → Director of Clinical Services") &&
		!slices.ContainsFunc(lines, func(l string) bool {
			return l == "Information asset owner: (empty) → Director of Clinical Services"
		}) {
		t.Fatalf("history shows %q", lines)
	}
	for _, l := range lines {
		if strings.Contains(l, "_") {
			t.Errorf("history shows a key: %q", l)
		}
	}
}

// TestAssetStaleSaveAsks: while the DPO edits an asset, another process
// changes it; Save is refused by the store and asks whose version to keep.
// "Reload theirs" shows theirs; "Keep mine" saves the edit over it.
func TestAssetStaleSaveAsks(t *testing.T) {
	u, w := newApp(t)
	path := filepath.Join(t.TempDir(), "Register.ropa")
	m := start(t, u, path)
	ctx := context.Background()
	x := &model.InformationAsset{Name: "Online account platform"}
	if err := u.Register().SaveAsset(ctx, x); err != nil {
		t.Fatal(err)
	}
	m.Reload()
	ui.Settle(u)
	m.Assets().Open(x.ID, nil)
	ui.Settle(u)
	as := ui.AssetScreenWidgets(m.Assets())
	if as.Name.Text != "Online account platform" {
		t.Fatalf("the form shows %q", as.Name.Text)
	}

	other, err := store.OpenWith(ctx, path, store.Options{NoLock: true})
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := other.Asset(ctx, x.ID)
	if err != nil {
		t.Fatal(err)
	}
	theirs.Owner = "Head of Digital"
	if err := other.SaveAsset(ctx, theirs); err != nil {
		t.Fatal(err)
	}
	other.Close()

	test.Type(as.Software, "Salesforce")
	test.Tap(as.Save)
	ui.Settle(u)
	if r := readFile(t, path); r.InformationAssets[0].Software != "" {
		t.Fatal("a stale save was written over the other change")
	}
	overlayButton(t, w, "Reload theirs")
	ui.Settle(u)
	if as.Owner.Text != "Head of Digital" || as.Software.Text != "" {
		t.Fatalf("after Reload theirs the form shows owner %q, software %q", as.Owner.Text, as.Software.Text)
	}

	test.Type(as.Software, "Salesforce")
	other, err = store.OpenWith(ctx, path, store.Options{NoLock: true})
	if err != nil {
		t.Fatal(err)
	}
	theirs, _ = other.Asset(ctx, x.ID)
	theirs.Administrator = "Web team"
	if err := other.SaveAsset(ctx, theirs); err != nil {
		t.Fatal(err)
	}
	other.Close()
	test.Tap(as.Save)
	ui.Settle(u)
	overlayButton(t, w, "Keep mine")
	ui.Settle(u)
	got := readFile(t, path).InformationAssets[0]
	if got.Software != "Salesforce" || got.Owner != "Head of Digital" {
		t.Fatalf("after Keep mine the file holds %+v", got)
	}
}
