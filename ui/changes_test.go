package ui_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// eventually settles the app until ok holds, for up to five seconds: the
// change watch polls, so another process's change arrives a little later.
func eventually(t *testing.T, u *ui.App, ok func() bool) bool {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		ui.Settle(u)
		if ok() {
			return true
		}
	}
	return false
}

// TestChangeByAnotherProcessShowsEverywhere changes the register through a
// second connection, as ropactl does, while the app has it open: the list
// and the editor (no unsaved changes) show the change; with unsaved
// changes the editor keeps them and says the activity changed underneath.
func TestChangeByAnotherProcessShowsEverywhere(t *testing.T) {
	defer ui.SetWatchInterval(20 * time.Millisecond)()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	org := mustOrganisation(t, db, "Clinic", false)
	a := &model.Activity{OrganisationID: org.ID, Name: "Payroll", Role: model.RoleController, Status: model.StatusActive}
	if err := db.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	db.Close()

	u, w := newApp(t)
	m := start(t, u, path)
	if m.Current() != a.ID {
		t.Fatalf("the editor shows %s, want Payroll", m.Current())
	}
	other, err := store.OpenWith(ctx, path, store.Options{NoLock: true})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	rename := func(name string) {
		t.Helper()
		b, err := other.Activity(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		b.Name = name
		if err := other.UpdateActivity(ctx, b); err != nil {
			t.Fatal(err)
		}
	}

	rename("Payroll and pensions")
	if !eventually(t, u, func() bool {
		r, ok := m.List().Row(0)
		return ok && r.Name == "Payroll and pensions" && m.Editor().Activity().Name == "Payroll and pensions"
	}) {
		r, _ := m.List().Row(0)
		t.Fatalf("after another process renamed it: list shows %q, editor %q", r.Name, m.Editor().Activity().Name)
	}

	// Unsaved edits stay; the editor says the activity changed underneath.
	e := m.Editor()
	typeIn(t, u, w, "description", "Monthly salaries")
	if !e.Dirty() {
		t.Fatal("typing did not make the editor dirty")
	}
	rename("Staff pay")
	if !eventually(t, u, func() bool { return strings.Contains(e.GeneralError(), "changed elsewhere") }) {
		t.Fatalf("no notice that the activity changed underneath; the editor says %q", e.GeneralError())
	}
	if !e.Dirty() || e.Activity().Name != "Payroll and pensions" {
		t.Errorf("the unsaved edits were replaced: dirty %v, name %q", e.Dirty(), e.Activity().Name)
	}
}
