package ui_test

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// ropactlReports reports whether `ropactl check --json` (the binary bin,
// with the real clock) finds code on the activity id in the register at path.
func ropactlReports(t *testing.T, bin, path, code string, id uuid.UUID) bool {
	t.Helper()
	out, err := exec.Command(bin, "check", path, "--json").Output()
	var rep struct {
		Findings []struct {
			Code       string `json:"code"`
			ActivityID string `json:"activity_id"`
		} `json:"findings"`
	}
	if jerr := json.Unmarshal(out, &rep); jerr != nil {
		t.Fatalf("ropactl check --json: %v (%v)\n%s", jerr, err, out)
	}
	for _, f := range rep.Findings {
		if f.Code == code && f.ActivityID == id.String() {
			return true
		}
	}
	t.Logf("ropactl check --json found: %s", out)
	return false
}

// TestReviewFallsDueWithoutASave moves the clock past an activity's review
// due date, with no change to the register in between, and sees the list,
// its "Review overdue" and "Has problems" filters, the Problems screen and
// `ropactl check` all report it overdue. (The list once stored whether an
// activity had problems when it was saved, so an activity whose review fell
// due later showed none while the Problems screen flagged it.)
func TestReviewFallsDueWithoutASave(t *testing.T) {
	ctx := context.Background()
	bin := buildRopactl(t)
	path := filepath.Join(t.TempDir(), "due.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	org := mustOrganisation(t, db, "Clinic", false)
	// Reviewed 13 months ago, so due a month ago by the register's
	// 12-month interval: overdue today, for ropactl's real clock.
	now := time.Now().UTC()
	reviewed := now.AddDate(0, -13, 0)
	a := &model.Activity{OrganisationID: org.ID, Name: "Payroll", Role: model.RoleController, Status: model.StatusActive,
		Purposes: []string{"Paying staff"}, DataSubjects: []string{"Staff"}, PersonalData: []string{"Bank details"},
		LawfulBases: []model.BasisClaim{{Basis: model.BasisContract, Reason: "Employment contracts"}},
		Retention:   "Six years after employment ends",
		Reviews:     []model.Review{{Date: reviewed, Reviewer: "Zoë Ní Bhriain", Outcome: model.OutcomeNoChange}}}
	if err := db.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	// A draft never reviewed: still being written, so not overdue by the
	// one rule (the list once counted it overdue while the checks did not).
	draft := &model.Activity{OrganisationID: org.ID, Name: "Room bookings", Role: model.RoleController, Status: model.StatusDraft}
	if err := db.CreateActivity(ctx, draft); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// The app starts on a day before the review is due.
	before := reviewed.AddDate(0, 6, 0)
	restore := ui.SetClock(func() time.Time { return before })
	defer restore()
	u, w := newApp(t)
	m := start(t, u, path)
	// The list opens sorted by name: Payroll, then Room bookings.
	errors := -1
	overdueOnScreens := func() (row, filtered, problems bool) {
		t.Helper()
		r, ok := m.List().Row(0)
		if !ok || r.ID != a.ID {
			t.Fatalf("the list's first row is %+v, want Payroll", r)
		}
		if d, ok := m.List().Row(1); !ok || d.ID != draft.ID || d.ReviewOverdue {
			t.Errorf("the list's second row is %+v, want the draft, not overdue", d)
		}
		// The overdue review is one more error than the activity had.
		row = r.ReviewOverdue && (errors < 0 || r.Errors == errors+1)
		if errors < 0 {
			errors = r.Errors
		}
		for _, f := range m.Problems().Findings() {
			problems = problems || (f.Code == model.CodeReviewOverdue && f.ActivityID == a.ID)
		}
		check := find(t, w.Content(), func(c *widget.Check) bool { return c.Text == "Review overdue" })
		test.Tap(check)
		ui.Settle(u)
		filtered = m.List().Total() == 1
		test.Tap(check)
		ui.Settle(u)
		return row, filtered, problems
	}
	if row, filtered, problems := overdueOnScreens(); row || filtered || problems {
		t.Fatalf("before the due date: overdue in the list %v, by the filter %v, on the Problems screen %v; want none", row, filtered, problems)
	}

	// The day passes; nothing is saved.
	restore()
	m.Reload()
	m.Problems().Refresh()
	ui.Settle(u)
	if row, filtered, problems := overdueOnScreens(); !row || !filtered || !problems {
		t.Fatalf("after the due date: overdue in the list %v, by the filter %v, on the Problems screen %v; want all", row, filtered, problems)
	}
	hasProblems := find(t, w.Content(), func(c *widget.Check) bool { return c.Text == "Has problems" })
	test.Tap(hasProblems)
	ui.Settle(u)
	listed := false
	for i := range m.List().Total() {
		r, _ := m.List().Row(i)
		listed = listed || r.ID == a.ID
	}
	if !listed {
		t.Errorf("the Has problems filter leaves out the activity whose review is overdue")
	}

	if !ropactlReports(t, bin, path, model.CodeReviewOverdue, a.ID) {
		t.Errorf("ropactl check does not report the review overdue")
	}
}
