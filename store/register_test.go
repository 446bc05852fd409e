package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

func TestApply(t *testing.T) {
	ctx := context.Background()
	when := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	orgID := uuid.Must(uuid.NewV7())
	batch := func() model.Changes {
		return model.Changes{
			Organisations: []model.Organisation{{ID: orgID, Name: "Community Living Well", CreatedAt: when, UpdatedAt: when}},
			Activities: []model.Activity{
				*minimal(orgID, "Peer support"),
				*minimal(orgID, "Newsletter"),
			},
		}
	}

	t.Run("ErrOneInvalidNothingWritten", func(t *testing.T) {
		db := mustOpen(t)
		ch := batch()
		ch.Activities = append(ch.Activities, *minimal(orgID, ""))
		wantCode(t, db.Apply(ctx, ch), model.EINVALID)
		r, _ := db.Register(ctx)
		if len(r.Organisations) != 0 || len(r.Activities) != 0 {
			t.Fatalf("something was written: %+v", r)
		}
		if head, _ := db.HistoryHead(ctx); head != "" {
			t.Fatal("history was written")
		}
	})
	t.Run("ErrLateFailureRollsBack", func(t *testing.T) {
		db := mustOpen(t)
		ch := batch()
		// Valid on its own, but its organisation does not exist: found only
		// while writing, after the others were written in the transaction.
		ch.Activities = append(ch.Activities, *minimal(uuid.Must(uuid.NewV7()), "Orphan"))
		wantCode(t, db.Apply(ctx, ch), model.EINVALID)
		r, _ := db.Register(ctx)
		if len(r.Organisations) != 0 || len(r.Activities) != 0 {
			t.Fatalf("something was written: %+v", r)
		}
	})
	t.Run("ReviewCyclesInTheSameTransaction", func(t *testing.T) {
		db := mustOpen(t)
		ch := batch()
		ch.ReviewCycles = []model.ReviewCycle{{Name: "Annual review 2026"}}
		ch.Activities = append(ch.Activities, *minimal(uuid.Must(uuid.NewV7()), "Orphan"))
		wantCode(t, db.Apply(ctx, ch), model.EINVALID)
		if cs, _ := db.Cycles(ctx); len(cs) != 0 {
			t.Fatalf("a cycle was created although the batch failed: %+v", cs)
		}
		ch = batch()
		ch.ReviewCycles = []model.ReviewCycle{{Name: "Annual review 2026"}}
		if err := db.Apply(ctx, ch); err != nil {
			t.Fatal(err)
		}
		c, err := db.CycleByName(ctx, "Annual review 2026")
		if err != nil || c.IntervalMonths != model.DefaultReviewInterval {
			t.Fatalf("cycle = %+v, %v", c, err)
		}
		signed := model.Changes{ReviewCycles: []model.ReviewCycle{{Name: "Old", SignOff: &model.SignOff{By: "A", Date: when, Statement: "S"}}}}
		wantCode(t, db.Apply(ctx, signed), model.EINVALID)
	})
	t.Run("UpsertAndDelete", func(t *testing.T) {
		db := mustOpen(t)
		ch := batch()
		if err := db.Apply(ctx, ch); err != nil {
			t.Fatal(err)
		}
		org, err := db.Organisation(ctx, orgID)
		if err != nil || !org.CreatedAt.Equal(when) {
			t.Fatalf("organisation = %+v, %v (import keeps dates)", org, err)
		}
		peer := ch.Activities[0]
		if peer.ID == uuid.Nil {
			t.Fatal("Apply did not set the new activity's ID")
		}
		peer.Description = "Weekly groups"
		again := model.Changes{Activities: []model.Activity{peer}, DeleteActivities: []uuid.UUID{ch.Activities[1].ID}}
		if err := db.Apply(ctx, again); err != nil {
			t.Fatal(err)
		}
		r, err := db.Register(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Activities) != 1 || r.Activities[0].Description != "Weekly groups" {
			t.Fatalf("activities = %+v", r.Activities)
		}
		if res, err := db.VerifyHistory(ctx); err != nil || !res.OK() {
			t.Fatalf("history after Apply: %+v, %v", res, err)
		}
	})
}

func TestSettings(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	if v, err := db.Setting(ctx, "dpo_name"); err != nil || v != "" {
		t.Fatalf("unset setting = %q, %v", v, err)
	}
	for _, v := range []string{"Dana Scully", "Zoë Ní Bhriain"} {
		if err := db.SetSetting(ctx, "dpo_name", v); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Setting(ctx, "dpo_name"); err != nil || got != v {
			t.Fatalf("setting = %q, %v; want %q", got, err, v)
		}
	}
}

func TestRegisterOrder(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	b := mustOrg(t, db, "Bristol Mind")
	a := mustOrg(t, db, "Age UK")
	mustActivity(t, db, minimal(b.ID, "Alpha"))
	mustActivity(t, db, minimal(a.ID, "Zulu"))
	mustActivity(t, db, minimal(a.ID, "mike"))
	r, err := db.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, x := range r.Activities {
		names = append(names, x.Name)
	}
	if !reflect.DeepEqual(names, []string{"mike", "Zulu", "Alpha"}) {
		t.Fatalf("order = %v", names)
	}
}

func TestEachActivity(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	b := mustOrg(t, db, "Bristol Mind")
	a := mustOrg(t, db, "Age UK")
	mustActivity(t, db, minimal(b.ID, "Alpha"))
	mustActivity(t, db, minimal(a.ID, "Zulu"))
	mustActivity(t, db, minimal(a.ID, "mike"))
	r, err := db.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []model.Activity
	err = db.EachActivity(ctx, func(x *model.Activity, org *model.Organisation) error {
		if org == nil || org.ID != x.OrganisationID {
			t.Errorf("%s: organisation %+v", x.Name, org)
		}
		got = append(got, *x)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r.Activities) {
		t.Fatalf("EachActivity gave %d activities unlike Register's %d", len(got), len(r.Activities))
	}
	t.Run("ErrStops", func(t *testing.T) {
		stop := errors.New("stop")
		n := 0
		err := db.EachActivity(ctx, func(*model.Activity, *model.Organisation) error { n++; return stop })
		if !errors.Is(err, stop) || n != 1 {
			t.Fatalf("err %v after %d calls", err, n)
		}
	})
}
