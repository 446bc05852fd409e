package ui_test

import (
	"context"
	"path"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
	"github.com/ropadesk/ropadesk/ui"
)

// sharedRegister makes a shared register on a throw-away server holding
// one organisation and one activity, Payroll.
func sharedRegister(t *testing.T) (srv *pgtest.Server, address string, a *model.Activity) {
	t.Helper()
	ctx := context.Background()
	srv = pgtest.Start(t)
	address = srv.Database(t)
	db, err := pgstore.Open(ctx, address)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	org := mustOrganisation(t, db, "Jobs in Mind", false)
	a = &model.Activity{OrganisationID: org.ID, Name: "Payroll", Role: model.RoleController, Status: model.StatusActive}
	if err := db.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	return srv, address, a
}

// secondApp is another ROPA Desk on the same machine: its own window and
// interface over the same test app, as a colleague's copy would be.
func secondApp(t *testing.T) *ui.App {
	t.Helper()
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	u := ui.Create(fyne.CurrentApp(), w, opener{})
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		if r := u.Register(); r != nil {
			_ = r.Close()
		}
	})
	return u
}

// TestSharedRegisterTwoApps: two apps open one shared register by its
// address, as `ropa postgres://…` does. A save in one reaches the other's
// list and editor without anyone reloading (LISTEN/NOTIFY); an editor with
// unsaved changes keeps them and says the activity changed underneath; the
// address is kept among the recent registers as given.
func TestSharedRegisterTwoApps(t *testing.T) {
	_, address, a := sharedRegister(t)
	u1, w1 := newApp(t)
	m1 := start(t, u1, address)
	u2 := secondApp(t)
	m2 := start(t, u2, address)

	if got := u1.Register().Path(); got != address {
		t.Errorf("register path %q, want the address %q", got, address)
	}
	db := strings.TrimPrefix(path.Base(strings.SplitN(address, "?", 2)[0]), "/")
	if title := w1.Title(); title != db+" — ROPA Desk" {
		t.Errorf("title %q does not name the database", title)
	}
	if s := m1.Status().Text(); !strings.Contains(s, "Shared register") {
		t.Errorf("status bar %q does not say the register is shared", s)
	}
	if recent := u1.Settings().RecentFiles(); len(recent) == 0 || recent[0] != address {
		t.Errorf("recent registers %q, want %q first", recent, address)
	}
	if m2.Current() != a.ID {
		t.Fatalf("the second app shows %s, want Payroll", m2.Current())
	}

	// A save in the first app reaches the second's list and editor.
	typeIn(t, u1, w1, "name", " and pensions")
	m1.Save()
	ui.Settle(u1)
	if m1.Editor().Dirty() {
		t.Fatalf("the save did not go through: %s", m1.Editor().GeneralError())
	}
	if !eventually(t, u2, func() bool {
		r, ok := m2.List().Row(0)
		return ok && r.Name == "Payroll and pensions" && m2.Editor().Activity().Name == "Payroll and pensions"
	}) {
		r, _ := m2.List().Row(0)
		t.Fatalf("the second app's list shows %q and its editor %q after the first saved", r.Name, m2.Editor().Activity().Name)
	}

	// Unsaved edits in the second app stay when the first saves again.
	w2 := u2.Window()
	typeIn(t, u2, w2, "description", "Monthly salaries")
	if !m2.Editor().Dirty() {
		t.Fatal("typing did not make the second editor dirty")
	}
	typeIn(t, u1, w1, "retention", "Six years")
	m1.Save()
	ui.Settle(u1)
	if !eventually(t, u2, func() bool { return strings.Contains(m2.Editor().GeneralError(), "changed elsewhere") }) {
		t.Fatalf("the second app's editor did not say the activity changed underneath: %q", m2.Editor().GeneralError())
	}
	if !m2.Editor().Dirty() || !strings.Contains(m2.Editor().Activity().Description, "Monthly salaries") {
		t.Errorf("the second app's unsaved edit was lost: dirty %v, description %q", m2.Editor().Dirty(), m2.Editor().Activity().Description)
	}

	// Saving it opens the conflict dialog, which merges the first app's
	// changes with the second's: nothing either typed is lost.
	m2.Save()
	ui.Settle(u2)
	if top := w2.Canvas().Overlays().Top(); top == nil {
		t.Fatal("saving over the other app's change showed no conflict dialog")
	}
	test.Tap(saveButton(t, w2))
	ui.Settle(u2)
	got, err := u1.Register().Activity(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Payroll and pensions" || got.Retention != "Six years" || !strings.Contains(got.Description, "Monthly salaries") {
		t.Errorf("after the merge the server holds name %q, retention %q, description %q: an update was lost", got.Name, got.Retention, got.Description)
	}
}

// TestSharedConnectionLostKeepsTheEdit: the server goes away while the
// DPO has an edit unsaved. Saving says so in words and keeps the edit in
// the editor; once the server is back, the same Save stores it.
func TestSharedConnectionLostKeepsTheEdit(t *testing.T) {
	srv, address, a := sharedRegister(t)
	u, w := newApp(t)
	m := start(t, u, address)
	typeIn(t, u, w, "description", "Monthly salaries, typed while the server was down")
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	m.Save()
	ui.Settle(u)
	e := m.Editor()
	if !e.Dirty() || e.Activity().Description != "Monthly salaries, typed while the server was down" {
		t.Fatalf("the edit was lost with the connection: dirty %v, description %q", e.Dirty(), e.Activity().Description)
	}
	said := e.GeneralError()
	if top := w.Canvas().Overlays().Top(); top != nil {
		said += " " + strings.Join(labelTexts(top), " ")
	}
	if !strings.Contains(said, "was lost") || !strings.Contains(said, "your change was not saved") || !strings.Contains(said, "What you typed is still there") {
		t.Errorf("the failed save said %q; want it to say the connection was lost, the change not saved and the edit kept", said)
	}
	if top := w.Canvas().Overlays().Top(); top != nil {
		overlayButton(t, w, "OK")
	}

	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for e.Dirty() && time.Now().Before(deadline) {
		m.Save()
		ui.Settle(u)
		if top := w.Canvas().Overlays().Top(); top != nil && e.Dirty() {
			overlayButton(t, w, "OK")
			time.Sleep(200 * time.Millisecond)
		}
	}
	if e.Dirty() {
		t.Fatalf("the edit could not be saved once the server was back: %q", e.GeneralError())
	}
	got, err := u.Register().Activity(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Description != "Monthly salaries, typed while the server was down" {
		t.Errorf("the server holds %q", got.Description)
	}
}
