package ui_test

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// TestSignedOffReviewsAreReadOnlyInTheEditor signs a cycle off and opens
// a reviewed activity in the editor: the review made in the cycle cannot
// be changed there, so the live register and the frozen cycle never
// disagree; a review in an open cycle still can.
func TestSignedOffReviewsAreReadOnlyInTheEditor(t *testing.T) {
	ctx := context.Background()
	u, _, db, _, ex := openReview(t)
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	closed, err := desk.StartReview(ctx, db, "Annual review 2026", 12, day)
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.Activity(ctx, ex.Activities[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := desk.MarkReviewed(ctx, db, closed, []*model.Activity{a}, model.Review{Date: day, Reviewer: "Frozen Reviewer", Outcome: model.OutcomeNoChange}); err != nil {
		t.Fatal(err)
	}
	if err := desk.SignOff(ctx, db, closed, model.SignOff{By: reviewer, Role: "Data Protection Officer", Date: day, Statement: "Complete.", Acknowledgement: "The others are reviewed in the next cycle."}); err != nil {
		t.Fatal(err)
	}
	open, err := desk.StartReview(ctx, db, "Interim review", 12, day)
	if err != nil {
		t.Fatal(err)
	}
	if err := desk.MarkReviewed(ctx, db, open, []*model.Activity{a}, model.Review{Date: day.AddDate(0, 0, 1), Reviewer: "Open Reviewer", Outcome: model.OutcomeNoChange}); err != nil {
		t.Fatal(err)
	}
	a, err = db.Activity(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	u.Main().Editor().Load(a)
	ui.Settle(u)
	entry := func(text string) *widget.Entry {
		return find(t, u.Main().Editor().Content(), func(e *widget.Entry) bool { return e.Text == text })
	}
	u.Main().Editor().FocusField("reviews")
	ui.Settle(u)
	if !entry("Frozen Reviewer").Disabled() {
		t.Error("the review of a signed-off cycle can be edited")
	}
	if entry("Open Reviewer").Disabled() {
		t.Error("the review of an open cycle cannot be edited")
	}
}
