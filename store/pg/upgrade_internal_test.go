package pgstore

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/model"
)

// TestUpgradeFromSchema2: a register set up and used by a version that
// knew migrations up to schema 2 only (schemaLimit) — a DPO's
// organisations and activities, an edit, an editor — is refused in words
// by this version until its administrator re-runs SetUp, which then
// upgrades it to the current schema with every row, the history and the
// editor's view kept, and the tables schema 3 adds usable; run again, it
// changes nothing.
func TestUpgradeFromSchema2(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Start(t)
	admin := srv.Database(t)
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	open := func(role string) *DB {
		t.Helper()
		db, err := Open(ctx, srv.ConnStringAs(role, name))
		if err != nil {
			t.Fatalf("open as %s: %v", role, err)
		}
		return db
	}

	schemaLimit = 2
	t.Cleanup(func() { schemaLimit = 0 })
	res, err := SetUp(ctx, admin, "ropa_owner")
	if err != nil || res.From != 0 || res.To != 2 || !res.Changed {
		t.Fatalf("set up at schema 2: %+v, %v", res, err)
	}
	for _, r := range []string{"dana", "alice"} {
		if err := srv.Exec(`CREATE ROLE ` + r + ` LOGIN`); err != nil {
			t.Fatal(err)
		}
	}
	if err := Grant(ctx, admin, "dana", RoleDPO, nil); err != nil {
		t.Fatal(err)
	}
	dpo := open("dana")
	var orgs []model.Organisation
	var acts []uuid.UUID
	for _, n := range []string{"Jobs in Mind", "Kensington and Chelsea Mind"} {
		o := model.Organisation{Name: n}
		if err := dpo.CreateOrganisation(ctx, &o); err != nil {
			t.Fatal(err)
		}
		a := &model.Activity{OrganisationID: o.ID, Name: "Activity of " + n, Role: model.RoleController, Status: model.StatusActive}
		if err := dpo.CreateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
		a.Description = "Edited at schema 2"
		if err := dpo.UpdateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
		orgs, acts = append(orgs, o), append(acts, a.ID)
	}
	if err := Grant(ctx, admin, "alice", RoleEditor, []uuid.UUID{orgs[0].ID}); err != nil {
		t.Fatal(err)
	}
	// What the register holds, read as the DPO and as the editor.
	state := func(db *DB) string {
		t.Helper()
		var out []any
		list, err := db.Organisations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, list)
		for _, id := range acts {
			a, err := db.Activity(ctx, id)
			if model.ErrorCode(err) == model.ENOTFOUND {
				continue
			} else if err != nil {
				t.Fatal(err)
			}
			out = append(out, a)
		}
		head, err := db.HistoryHead(ctx)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(append(out, head))
		return string(b)
	}
	ed := open("alice")
	before, beforeEditor := state(dpo), state(ed)
	dpo.Close()
	ed.Close()
	if !strings.Contains(before, "Kensington") || strings.Contains(beforeEditor, "Kensington") {
		t.Fatalf("at schema 2 the DPO reads %s and the editor %s", before, beforeEditor)
	}
	var exists bool
	raw, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close(ctx)
	if err := raw.QueryRow(ctx, `SELECT to_regclass('review_cycles') IS NOT NULL`).Scan(&exists); err != nil || exists {
		t.Fatalf("the schema-2 register has schema 3's tables (%v)", err)
	}

	// This version: the DPO, who may not change the tables, is told who
	// can upgrade them.
	schemaLimit = 0
	_, err = Open(ctx, srv.ConnStringAs("dana", name))
	if model.ErrorCode(err) != model.EREADONLY || !strings.Contains(model.ErrorMessage(err), "is at schema 2, and this version of ROPA Desk needs schema 3") || !strings.Contains(model.ErrorMessage(err), "ropactl db init") {
		t.Errorf("the DPO opening the schema-2 register with this version: %v", err)
	}
	res, err = SetUp(ctx, admin, "ropa_owner")
	if err != nil || res.From != 2 || res.To != 3 || !res.Changed {
		t.Fatalf("the upgrade: %+v, %v", res, err)
	}
	dpo, ed = open("dana"), open("alice")
	defer dpo.Close()
	defer ed.Close()
	if after := state(dpo); after != before {
		t.Errorf("the DPO reads after the upgrade\n%s\nbefore\n%s", after, before)
	}
	if after := state(ed); after != beforeEditor {
		t.Errorf("the editor reads after the upgrade\n%s\nbefore\n%s", after, beforeEditor)
	}
	if v, err := dpo.VerifyHistory(ctx); err != nil || !v.OK() {
		t.Errorf("the history after the upgrade: %+v, %v", v.Problems, err)
	}
	if err := dpo.CreateCycle(ctx, &model.ReviewCycle{Name: "Annual review", IntervalMonths: 12}); err != nil {
		t.Errorf("a review cycle after the upgrade: %v", err)
	}
	if err := dpo.SaveAsset(ctx, &model.InformationAsset{Name: "Clinical record system"}); err != nil {
		t.Errorf("an asset after the upgrade: %v", err)
	}
	if cs, err := ed.Cycles(ctx); err != nil || len(cs) != 1 {
		t.Errorf("the editor reads %d cycles (%v)", len(cs), err)
	}
	if res, err := SetUp(ctx, admin, "ropa_owner"); err != nil || res.Changed || res.From != 3 {
		t.Errorf("set up again: %+v, %v", res, err)
	}
}
