package ui_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// TestNDOPReassessmentFallsDueWithoutASave moves the clock past the day an
// NDOP assessment is due again, with no change to the register in between,
// and sees the list (its row and the "Has problems" filter), the Problems
// screen, the Review screen, the PDF and `ropactl check` all report it.
// (The list once stored this warning when the activity was saved, so an
// assessment that fell due later never showed there.)
func TestNDOPReassessmentFallsDueWithoutASave(t *testing.T) {
	ctx := context.Background()
	bin := buildRopactl(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "ndop.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	org := mustOrganisation(t, db, "Clinic", true)
	// Assessed 13 months ago, so due again a month ago: due today, for
	// ropactl's real clock. Reviewed since, so only the NDOP is due.
	now := time.Now().UTC()
	assessed := now.AddDate(0, -13, 0)
	yes := true
	a := &model.Activity{OrganisationID: org.ID, Name: "Waiting-list analysis", Role: model.RoleController, Status: model.StatusActive,
		Purposes: []string{"Planning clinic capacity"}, DataSubjects: []string{"Patients"}, PersonalData: []string{"Appointment dates"},
		LawfulBases:      []model.BasisClaim{{Basis: model.BasisContract, Reason: "Treatment contracts"}},
		Retention:        "Six years after the last appointment",
		SecurityMeasures: "Encrypted at rest; access by role",
		NDOP: model.NDOPAssessment{Anonymised: &yes, AnonymisationJustification: "Counts only, per the ICO anonymisation code",
			AssessedBy: "Zoë Ní Bhriain", AssessedAt: assessed},
		Reviews: []model.Review{{Date: assessed.AddDate(0, 5, 0), Reviewer: "Zoë Ní Bhriain", Outcome: model.OutcomeNoChange}}}
	if err := db.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	// An open review cycle, for the Review screen to show.
	cycle := model.ReviewCycle{Name: "Annual review", StartedAt: assessed.AddDate(0, 5, 0), IntervalMonths: 12}
	if err := db.CreateCycle(ctx, &cycle); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// The app starts half a year after the assessment.
	before := assessed.AddDate(0, 6, 0)
	restore := ui.SetClock(func() time.Time { return before })
	defer restore()
	u, w := newApp(t)
	m := start(t, u, path)
	hasProblems := find(t, w.Content(), func(c *widget.Check) bool { return c.Text == "Has problems" })
	warnings := -1
	pdfs := 0
	onScreens := func() (row, filtered, problems, review, pdf bool) {
		t.Helper()
		r, ok := m.List().Row(0)
		if !ok || r.ID != a.ID {
			t.Fatalf("the list's first row is %+v, want %s", r, a.Name)
		}
		// The reassessment is one more warning than the activity had.
		row = r.NDOPReassessmentDue && (warnings < 0 || r.Warnings == warnings+1)
		if warnings < 0 {
			warnings = r.Warnings
		}
		test.Tap(hasProblems)
		ui.Settle(u)
		filtered = m.List().Total() == 1
		test.Tap(hasProblems)
		ui.Settle(u)
		for _, f := range m.Problems().Findings() {
			problems = problems || (f.Code == model.CodeNDOPReassessmentDue && f.ActivityID == a.ID)
		}
		review = strings.Contains(m.Review().Summary(), "NDOP reassessment due: 1")

		pdfs++
		out := filepath.Join(dir, "register"+string(rune('0'+pdfs))+".pdf")
		u.ExportAs(desk.PDF, out)
		ui.Settle(u)
		text, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", out, err)
		}
		// Its findings' headings are in capitals.
		pdf = strings.Contains(strings.ToLower(string(text)), "reassess the national data opt-out")
		return
	}
	if row, filtered, problems, review, pdf := onScreens(); row || filtered || problems || review || pdf {
		t.Fatalf("before the assessment is due: due in the list %v, by the filter %v, on the Problems screen %v, on the Review screen %v, in the PDF %v; want none",
			row, filtered, problems, review, pdf)
	}

	// The day passes; nothing is saved.
	restore()
	m.Reload()
	m.Problems().Refresh()
	m.Review().Reload()
	ui.Settle(u)
	if row, filtered, problems, review, pdf := onScreens(); !row || !filtered || !problems || !review || !pdf {
		t.Fatalf("after the assessment is due: due in the list %v, by the filter %v, on the Problems screen %v, on the Review screen %v, in the PDF %v; want all",
			row, filtered, problems, review, pdf)
	}

	if !ropactlReports(t, bin, path, model.CodeNDOPReassessmentDue, a.ID) {
		t.Errorf("ropactl check does not report the NDOP reassessment due")
	}
}
