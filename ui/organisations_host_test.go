package ui_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// TestOrganisationScopeShowsInTheOpenEditor: an organisation's opt-out
// scope saved on the Organisations screen reaches the activity open in the
// editor (through the one register-changed notification), instead of the
// editor keeping the old verdict and hint.
func TestOrganisationScopeShowsInTheOpenEditor(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "scope.ropa")
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
	u, _ := newApp(t)
	m := start(t, u, path)
	if m.Current() != a.ID {
		t.Fatalf("the editor holds %v, want the activity", m.Current())
	}
	if hint := ui.ScopeHint(m.Editor()); !strings.Contains(hint, "not bound") {
		t.Fatalf("before: the editor says %q", hint)
	}
	s := m.Organisations()
	s.OrganisationList().Select(0)
	test.Tap(s.NDOPInScope())
	test.Tap(s.SaveButton())
	ui.Settle(u)
	if hint := ui.ScopeHint(m.Editor()); strings.Contains(hint, "not bound") || !strings.Contains(hint, "bound by the opt-out") {
		t.Errorf("after the organisation was put in scope, the open editor still says %q", hint)
	}
}
