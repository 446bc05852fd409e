package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// TestStaleSaveIsAConflict is the lost update of the issue: one copy of an
// activity is open in the app while another process (here a second handle
// on the file) marks it reviewed; the app's save of its older copy must be
// refused, naming who changed it, and the review must survive.
func TestStaleSaveIsAConflict(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	db.SetUser("GUI user")
	org := mustOrg(t, db, "MHWS")
	a := mustActivity(t, db, minimal(org.ID, "Payroll"))
	cycle := &model.ReviewCycle{Name: "Annual review 2026", IntervalMonths: 12}
	if err := db.CreateCycle(ctx, cycle); err != nil {
		t.Fatal(err)
	}
	inApp, err := db.Activity(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if inApp.Revision == 0 || inApp.Revision != a.Revision {
		t.Fatalf("revision read %d, created %d", inApp.Revision, a.Revision)
	}

	cli, err := openNoLock(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	cli.SetUser("Mallory Script")
	if err := cli.MarkReviewed(ctx, cycle.ID, a.ID, model.Review{Reviewer: "Zoë", Outcome: model.OutcomeNoChange}); err != nil {
		t.Fatal(err)
	}
	cli.Close()

	inApp.Name = "Payroll and pensions"
	err = db.UpdateActivity(ctx, inApp)
	wantCode(t, err, model.ECONFLICT)
	if msg := model.ErrorMessage(err); !strings.Contains(msg, "Mallory Script") || !strings.Contains(msg, `"Payroll"`) {
		t.Fatalf("conflict message = %q", msg)
	}
	got, err := db.Activity(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Reviews) != 1 || got.Name != "Payroll" {
		t.Fatalf("the stale save reverted the review: %+v", got)
	}

	// Reloaded, the same edit saves, and the revision moves on.
	got.Name = "Payroll and pensions"
	before := got.Revision
	if err := db.UpdateActivity(ctx, got); err != nil {
		t.Fatal(err)
	}
	if got.Revision <= before {
		t.Fatalf("revision %d after save, %d before", got.Revision, before)
	}
	// An unchanged save writes nothing and keeps the revision.
	r := got.Revision
	if err := db.UpdateActivity(ctx, got); err != nil || got.Revision != r {
		t.Fatalf("no-op save: %v, revision %d → %d", err, r, got.Revision)
	}
	// A copy without a revision (made up, not read) is never saved over.
	blind := *got
	blind.Revision = 0
	blind.Description = "blind"
	wantCode(t, db.UpdateActivity(ctx, &blind), model.ECONFLICT)
	res, err := db.VerifyHistory(ctx)
	if err != nil || !res.OK() {
		t.Fatalf("history after conflicts: %+v %v", res, err)
	}
}

func TestStaleOrganisationAndApply(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	a := mustActivity(t, db, minimal(org.ID, "Payroll"))
	stale := *org
	fresh, err := db.Organisation(ctx, org.ID)
	if err != nil {
		t.Fatal(err)
	}
	fresh.ICORegistration = "ZA123456"
	if err := db.UpdateOrganisation(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	stale.Partnership = "Somewhere"
	wantCode(t, db.UpdateOrganisation(ctx, &stale), model.ECONFLICT)

	// Apply refuses the whole change set when one entry is stale.
	reg, err := db.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	planned := reg.Activities[0]
	a.Description = "changed meanwhile"
	if err := db.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	planned.Description = "from an import"
	added := *minimal(org.ID, "New one")
	wantCode(t, db.Apply(ctx, model.Changes{Activities: []model.Activity{added, planned}}), model.ECONFLICT)
	after, _ := db.Register(ctx)
	if len(after.Activities) != 1 || after.Activities[0].Description != "changed meanwhile" {
		t.Fatalf("a refused Apply wrote: %+v", after.Activities)
	}
}

func TestDataVersion(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	v1, err := db.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := db.DataVersion(ctx); v != v1 {
		t.Fatalf("changed with nothing written: %s → %s", v1, v)
	}
	other, err := openNoLock(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	steps := []func() error{
		func() error { return other.CreateActivity(ctx, minimal(org.ID, "Payroll")) },
		func() error { return other.SetSetting(ctx, store.SettingKeepDaily, "8") },
		func() error { return other.SetSetting(ctx, store.SettingKeepDaily, "9") },
		func() error { return other.CreateCycle(ctx, &model.ReviewCycle{Name: "C", IntervalMonths: 12}) },
	}
	prev := v1
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
		v, err := db.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v == prev {
			t.Fatalf("step %d by another handle did not change the data version %s", i, v)
		}
		prev = v
	}
}

// TestApplyPlannedRace: an import loop planning inside the write (one
// field, as a partial CSV does) against a loop of reviews on another
// handle of the same file; every acknowledged review and import stays.
func TestApplyPlannedRace(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	a := mustActivity(t, db, minimal(org.ID, "Payroll"))
	cycle := &model.ReviewCycle{Name: "Annual review 2026", IntervalMonths: 12}
	if err := db.CreateCycle(ctx, cycle); err != nil {
		t.Fatal(err)
	}
	other, err := openNoLock(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	const rounds = 40
	done := make(chan error, 1)
	go func() {
		for i := 1; i <= rounds; i++ {
			err := other.MarkReviewed(ctx, cycle.ID, a.ID, model.Review{Reviewer: "Zoë", Outcome: model.OutcomeNoChange, Notes: fmt.Sprint("mark ", i)})
			if err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for i := 1; i <= rounds; i++ {
		err := db.ApplyPlanned(ctx, func(cur *model.Register) (model.Changes, error) {
			c := cur.Activities[0]
			c.Retention = fmt.Sprint("Kept for ", i, " years")
			return model.Changes{Activities: []model.Activity{c}}, nil
		})
		if err != nil {
			t.Fatalf("import %d: %v", i, err)
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	got, err := db.Activity(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Reviews) != 1 || got.Reviews[0].Notes != fmt.Sprint("mark ", rounds) || got.Retention != fmt.Sprint("Kept for ", rounds, " years") {
		t.Fatalf("after the race: retention %q, reviews %+v", got.Retention, got.Reviews)
	}

	// An error from the plan writes nothing.
	before, _ := db.DataVersion(ctx)
	wantErr := model.Errorf(model.EINVALID, "no")
	err = db.ApplyPlanned(ctx, func(cur *model.Register) (model.Changes, error) {
		return model.Changes{Activities: []model.Activity{*minimal(org.ID, "Never")}}, wantErr
	})
	if err != wantErr {
		t.Fatalf("ApplyPlanned returned %v", err)
	}
	if after, _ := db.DataVersion(ctx); after != before {
		t.Fatal("a failed plan wrote")
	}
}
