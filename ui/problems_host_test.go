package ui

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// recordingHost is a window holding the Problems screen, recording what
// the screen asks of it.
type recordingHost struct {
	opened []model.Finding
	title  string
}

func (h *recordingHost) openFinding(f model.Finding) { h.opened = append(h.opened, f) }
func (h *recordingHost) fieldTab(field string) string {
	if field == "lawful_bases[0].reason" {
		return "Lawful basis"
	}
	return ""
}
func (h *recordingHost) setProblemsTitle(title string) { h.title = title }

// TestProblemsScreenNeedsOnlyItsHost: the Problems screen works from a
// register's activities and the three things problemsHost declares — no
// main window — so what it depends on is what it says.
func TestProblemsScreenNeedsOnlyItsHost(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	db, err := store.Create(ctx, filepath.Join(t.TempDir(), "p.ropa"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	org := model.Organisation{Name: "Clinic", Roles: []model.Role{model.RoleController}}
	if err := db.CreateOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	a := &model.Activity{OrganisationID: org.ID, Name: "Payroll", Role: model.RoleController, Status: model.StatusActive,
		LawfulBases: []model.BasisClaim{{Basis: model.BasisContract}}}
	if err := db.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}

	h := &recordingHost{}
	p := newProblemsScreen(db, h)
	p.Refresh()
	settle(nil)
	k := slices.IndexFunc(p.Findings(), func(f model.Finding) bool { return f.Code == model.CodeBasisWithoutReason })
	if k < 0 {
		t.Fatalf("no basis-without-reason finding among %+v", p.Findings())
	}
	want := len(p.Findings())
	if h.title == "" || h.title != "Problems ("+strconv.Itoa(want)+")" {
		t.Errorf("the tab's title is %q, want Problems (%d)", h.title, want)
	}
	p.List().Select(k)
	if len(h.opened) != 1 || h.opened[0].Field != "lawful_bases[0].reason" || h.opened[0].ActivityID != a.ID {
		t.Errorf("picking the finding asked the window to open %+v", h.opened)
	}
}
