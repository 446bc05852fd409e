package ui_test

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// TestFirstRun starts the app for the first time: the welcome screen asks
// for the user's name, a new register asks for its organisation, and the
// register file records the organisation under the name given.
func TestFirstRun(t *testing.T) {
	u, w := newApp(t)
	u.Start("")
	ui.Settle(u)
	name := u.WelcomeNameEntry()
	if name == nil {
		t.Fatal("the first start does not ask for the user's name")
	}
	test.Type(name, "Zoë Ní Bhriain")
	if got := u.Settings().UserName(); got != "Zoë Ní Bhriain" {
		t.Fatalf("name remembered as %q", got)
	}

	path := filepath.Join(t.TempDir(), "New.ropa")
	u.NewRegister(path)
	ui.Settle(u)
	top := overlay(t, w)
	find(t, top, func(l *widget.Label) bool { return l.Text == "Set up your register" })
	you := entryWithPlaceholder(t, w, "e.g. Zoë")
	if you.Text != "Zoë Ní Bhriain" {
		t.Errorf("the setup starts with the name %q, want the one given on the welcome screen", you.Text)
	}
	// Corrected here, the name is what the history records from now on.
	you.SetText("Zoë Ní Bhriain-Walsh")
	save := find(t, top, func(b *widget.Button) bool { return b.Text == "Save" })
	if !save.Disabled() {
		t.Error("Save enabled without the organisation's name")
	}
	test.Type(entryWithPlaceholder(t, w, "e.g. Mental Health"), "Harbour Dental Care Ltd")
	test.Type(entryWithPlaceholder(t, w, "e.g. ZA"), "ZA765432")
	var dpo *widget.Entry
	for _, o := range objects(top) {
		if e := ui.EntryOf(o); e != nil && e.PlaceHolder == "e.g. Zoë Ní Bhriain" && e != you {
			dpo = e
		}
	}
	if dpo == nil {
		t.Fatal("no DPO name box in the setup")
	}
	test.Type(dpo, "Ciarán Ó Súilleabháin")
	email := entryWithPlaceholder(t, w, "e.g. dpo@")
	test.Type(email, "not an address")
	if !save.Disabled() {
		t.Error("Save enabled with a DPO email that is not an address")
	}
	email.SetText("dpo@harbourdental.example")
	maybeShot(t, w, "first-run-setup.png")
	overlayButton(t, w, "Save")
	ui.Settle(u)
	// The setup fires the one "register changed" notification: the
	// Organisations screen shows the new organisation without a reload.
	if n := u.Main().Organisations().OrganisationList().Length(); n != 1 {
		t.Errorf("the Organisations screen lists %d organisations after the setup, want 1", n)
	}

	if err := u.Register().Close(); err != nil {
		t.Fatal(err)
	}
	db, err := store.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	orgs, err := db.Organisations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs) != 1 {
		t.Fatalf("%d organisations in the new register, want 1", len(orgs))
	}
	o := orgs[0]
	if o.Name != "Harbour Dental Care Ltd" || o.ICORegistration != "ZA765432" || o.DPO.Name != "Ciarán Ó Súilleabháin" ||
		o.DPO.Email != "dpo@harbourdental.example" || len(o.Roles) != 1 || o.Roles[0] != model.RoleController {
		t.Errorf("organisation in the file = %+v", o)
	}
	h, err := db.History(context.Background(), o.ID)
	if err != nil || len(h) == 0 {
		t.Fatalf("history of the organisation: %v, %v", h, err)
	}
	if h[0].User != "Zoë Ní Bhriain-Walsh" || u.Settings().UserName() != "Zoë Ní Bhriain-Walsh" {
		t.Errorf("history records %q, want the name given", h[0].User)
	}
}

// TestFirstRunNameAskedOnce: once the name is known the welcome screen no
// longer asks for it.
func TestFirstRunNameAskedOnce(t *testing.T) {
	u, _ := newApp(t)
	u.Settings().SetUserName("Zoë Ní Bhriain")
	u.Start("")
	ui.Settle(u)
	if u.WelcomeNameEntry() != nil {
		t.Error("the welcome screen asks again for a name it knows")
	}
}
