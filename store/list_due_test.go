package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/model"
)

// TestListAgreesWithChecksOnAnyDate lists one activity on days either side
// of its review's due date (and on it) and compares the list's overdue
// flag, its error count and both filters with what the consistency checks
// say that day: the list computes these when asked, so they never go stale.
func TestListAgreesWithChecksOnAnyDate(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "Clinic")
	a := minimal(org.ID, "Payroll")
	// 31 January: due 31 January next year, a clamp-free date either way.
	a.Reviews = []model.Review{{Date: time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC), Reviewer: "DPO", Outcome: model.OutcomeNoChange}}
	mustActivity(t, db, a)
	got, err := db.Activity(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, day := range []time.Time{
		time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 31, 0, 0, 1, 0, time.UTC),
		time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC),
	} {
		errs, overdue := 0, false
		for _, f := range model.CheckActivity(got, org, day) {
			if f.Severity == model.SeverityError {
				errs++
			}
			overdue = overdue || f.Code == model.CodeReviewOverdue
		}
		rows, _, err := db.ListActivities(ctx, model.ActivityFilter{Now: day})
		if err != nil || len(rows) != 1 {
			t.Fatal(rows, err)
		}
		if rows[0].ReviewOverdue != overdue || rows[0].Errors != errs {
			t.Errorf("%s: list says overdue %v with %d errors; the checks say %v with %d", day, rows[0].ReviewOverdue, rows[0].Errors, overdue, errs)
		}
		for name, f := range map[string]model.ActivityFilter{
			"ReviewOverdue": {ReviewOverdue: true, Now: day},
			"HasProblems":   {HasProblems: true, Now: day},
		} {
			_, n, err := db.ListActivities(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			if overdue || (name == "HasProblems" && (errs > 0 || rows[0].Warnings > 0)) {
				want = 1
			}
			if n != want {
				t.Errorf("%s: the %s filter finds %d, want %d", day, name, n, want)
			}
		}
	}
}
