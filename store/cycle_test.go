package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/model"
)

func TestReviewCycle(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	care := mustActivity(t, db, minimal(org.ID, "Care records"))
	pay := mustActivity(t, db, minimal(org.ID, "Payments"))

	c := &model.ReviewCycle{Name: "Annual review 2026", StartedAt: time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)}
	if err := db.CreateCycle(ctx, c); err != nil {
		t.Fatal(err)
	}
	if c.IntervalMonths != model.DefaultReviewInterval || c.StartedAt.IsZero() {
		t.Fatalf("cycle = %+v", c)
	}
	t.Run("ErrDuplicateName", func(t *testing.T) {
		wantCode(t, db.CreateCycle(ctx, &model.ReviewCycle{Name: "annual REVIEW 2026"}), model.ECONFLICT)
	})
	t.Run("ErrNameRequired", func(t *testing.T) {
		wantCode(t, db.CreateCycle(ctx, &model.ReviewCycle{}), model.EINVALID)
	})
	t.Run("Lookup", func(t *testing.T) {
		byName, err := db.CycleByName(ctx, "Annual review 2026")
		if err != nil || byName.ID != c.ID {
			t.Fatal(byName, err)
		}
		_, err = db.CycleByName(ctx, "Nope")
		wantCode(t, err, model.ENOTFOUND)
		cs, err := db.Cycles(ctx)
		if err != nil || len(cs) != 1 {
			t.Fatal(cs, err)
		}
	})

	day := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	t.Run("MarkReviewedReplaces", func(t *testing.T) {
		for _, outcome := range []model.ReviewOutcome{model.OutcomeNoChange, model.OutcomeChanged} {
			r := model.Review{Date: day, Reviewer: "Dana", Outcome: outcome}
			if err := db.MarkReviewed(ctx, c.ID, care.ID, r); err != nil {
				t.Fatal(err)
			}
		}
		got, _ := db.Activity(ctx, care.ID)
		if len(got.Reviews) != 1 || got.Reviews[0].Outcome != model.OutcomeChanged || got.Reviews[0].CycleID != c.ID {
			t.Fatalf("reviews = %+v", got.Reviews)
		}
	})
	t.Run("RetiredOutcomeRetiresTheActivity", func(t *testing.T) {
		db := mustOpen(t)
		gone := mustActivity(t, db, minimal(mustOrg(t, db, "MHWS").ID, "Fax referrals"))
		if gone.Status == model.StatusRetired {
			t.Fatal("fixture already retired")
		}
		c := &model.ReviewCycle{Name: "Annual review 2026"}
		if err := db.CreateCycle(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkReviewed(ctx, c.ID, gone.ID, model.Review{Date: day, Reviewer: "Dana", Outcome: model.OutcomeRetired}); err != nil {
			t.Fatal(err)
		}
		got, _ := db.Activity(ctx, gone.ID)
		if got.Status != model.StatusRetired || len(got.Reviews) != 1 {
			t.Fatalf("status %q, reviews %+v", got.Status, got.Reviews)
		}
	})
	t.Run("ErrInvalidReview", func(t *testing.T) {
		wantCode(t, db.MarkReviewed(ctx, c.ID, pay.ID, model.Review{Date: day}), model.EINVALID)
	})

	if err := db.SignOff(ctx, c.ID, model.SignOff{By: "Dana Scully", Role: "Data Protection Officer", Date: day, Statement: "Reviewed in full.",
		Acknowledgement: "Payments is reviewed next month; its open errors are known to the board."}); err != nil {
		t.Fatal(err)
	}
	// Edits after sign-off must not reach the frozen copy.
	care.Name = "Care records (renamed)"
	got, _ := db.Activity(ctx, care.ID)
	got.Name = "Care records (renamed)"
	if err := db.UpdateActivity(ctx, got); err != nil {
		t.Fatal(err)
	}

	t.Run("SnapshotFrozen", func(t *testing.T) {
		snap, err := db.CycleSnapshot(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(snap.Activities) != 2 || snap.Activities[0].Name != "Care records" {
			t.Fatalf("snapshot activities = %+v", snap.Activities)
		}
		if len(snap.ReviewCycles) != 1 || snap.ReviewCycles[0].SignOff == nil || snap.ReviewCycles[0].SignOff.By != "Dana Scully" {
			t.Fatalf("snapshot cycles = %+v", snap.ReviewCycles)
		}
	})
	t.Run("ErrMarkAfterSignOff", func(t *testing.T) {
		err := db.MarkReviewed(ctx, c.ID, pay.ID, model.Review{Date: day, Reviewer: "Dana", Outcome: model.OutcomeNoChange})
		wantCode(t, err, model.ECONFLICT)
		if !strings.Contains(model.ErrorMessage(err), "signed off by Dana Scully") {
			t.Fatalf("message = %q", model.ErrorMessage(err))
		}
	})
	t.Run("ErrSignOffTwice", func(t *testing.T) {
		wantCode(t, db.SignOff(ctx, c.ID, model.SignOff{By: "X", Statement: "Y"}), model.ECONFLICT)
	})
	t.Run("ErrNoSnapshotBeforeSignOff", func(t *testing.T) {
		c2 := &model.ReviewCycle{Name: "Annual review 2027"}
		if err := db.CreateCycle(ctx, c2); err != nil {
			t.Fatal(err)
		}
		_, err := db.CycleSnapshot(ctx, c2.ID)
		wantCode(t, err, model.ENOTFOUND)
		wantCode(t, db.SignOff(ctx, c2.ID, model.SignOff{By: "", Statement: ""}), model.EINVALID)
	})
	t.Run("RegisterHasCycles", func(t *testing.T) {
		r, err := db.Register(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.ReviewCycles) != 2 || r.ReviewCycles[0].SignOff == nil || len(r.Activities) != 2 || len(r.Organisations) != 1 {
			t.Fatalf("register = %+v", r)
		}
	})
}
