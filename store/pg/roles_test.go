package pgstore_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/internal/registertest"
	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// sharedWithRoles sets up a register as its administrator would (Init),
// with two organisations of one activity each, an editor of Jobs in Mind
// (alice), a DPO (dana) and an auditor (audrey), each a login role of
// their own.
func sharedWithRoles(t *testing.T) (srv *pgtest.Server, admin, dbName string, jim, kcm *model.Activity) {
	t.Helper()
	ctx := context.Background()
	srv = pgtest.Start(t)
	admin = srv.Database(t)
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	dbName = strings.TrimPrefix(u.Path, "/")
	if err := pgstore.Init(ctx, admin, "ropa_owner"); err != nil {
		t.Fatalf("init: %v", err)
	}
	// Init twice changes nothing, fails nothing, and says so.
	if res, err := pgstore.SetUp(ctx, admin, "ropa_owner"); err != nil || res.Changed || res.From != res.To || res.To < 3 {
		t.Fatalf("init again: %+v, %v", res, err)
	}
	raw, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close(ctx)
	for _, p := range []string{"alice", "dana", "audrey"} {
		if _, err := raw.Exec(ctx, `CREATE ROLE `+p+` LOGIN`); err != nil {
			t.Fatal(err)
		}
	}
	if err := pgstore.Grant(ctx, admin, "dana", pgstore.RoleDPO, nil); err != nil {
		t.Fatal(err)
	}
	dpo := mustOpen(t, srv.ConnStringAs("dana", dbName))
	if why := dpo.ReadOnly(); why != "" {
		t.Fatalf("the DPO's register is read-only: %s", why)
	}
	j := registertest.Org(t, dpo, "Jobs in Mind")
	k := registertest.Org(t, dpo, "Kensington and Chelsea Mind")
	jim = registertest.Activity(t, dpo, j.ID, "Employment support")
	kcm = registertest.Activity(t, dpo, k.ID, "Counselling")
	if err := pgstore.Grant(ctx, admin, "alice", pgstore.RoleEditor, []uuid.UUID{j.ID}); err != nil {
		t.Fatal(err)
	}
	if err := pgstore.Grant(ctx, admin, "audrey", pgstore.RoleAuditor, nil); err != nil {
		t.Fatal(err)
	}
	return srv, admin, dbName, jim, kcm
}

// TestEditorSeesOnlyTheirOrganisation: with plain SQL, not through the
// app, a Jobs in Mind editor can neither read nor change Kensington and
// Chelsea Mind's activity, its organisation or its history, nor add an
// activity to it, nor write history in another's name.
func TestEditorSeesOnlyTheirOrganisation(t *testing.T) {
	ctx := context.Background()
	srv, _, dbName, jim, kcm := sharedWithRoles(t)
	alice, err := pgx.Connect(ctx, srv.ConnStringAs("alice", dbName))
	if err != nil {
		t.Fatal(err)
	}
	defer alice.Close(ctx)
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := alice.QueryRow(ctx, q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	if n := count(`SELECT count(*) FROM activities`); n != 1 {
		t.Errorf("the editor sees %d activities, want only Jobs in Mind's one", n)
	}
	if n := count(`SELECT count(*) FROM activities WHERE id = $1`, kcm.ID); n != 0 {
		t.Errorf("the editor can read Kensington and Chelsea Mind's activity")
	}
	if n := count(`SELECT count(*) FROM organisations WHERE id = $1`, kcm.OrganisationID); n != 0 {
		t.Errorf("the editor can read Kensington and Chelsea Mind's organisation")
	}
	if n := count(`SELECT count(*) FROM history WHERE entity_id = $1 OR entity_id = $2`, kcm.ID, kcm.OrganisationID); n != 0 {
		t.Errorf("the editor can read %d history entries of Kensington and Chelsea Mind", n)
	}
	if n := count(`SELECT count(*) FROM history WHERE entity_id = $1`, jim.ID); n != 1 {
		t.Errorf("the editor sees %d entries of their own activity's history, want 1", n)
	}
	tag, err := alice.Exec(ctx, `UPDATE activities SET name = 'taken over' WHERE id = $1`, kcm.ID)
	if err != nil || tag.RowsAffected() != 0 {
		t.Errorf("the editor's update of another organisation's activity changed %d rows (%v)", tag.RowsAffected(), err)
	}
	if tag, err := alice.Exec(ctx, `DELETE FROM activities WHERE id = $1`, kcm.ID); err != nil || tag.RowsAffected() != 0 {
		t.Errorf("the editor's delete of another organisation's activity removed %d rows (%v)", tag.RowsAffected(), err)
	}
	_, err = alice.Exec(ctx, `INSERT INTO activities (id, organisation_id, name, created_at, updated_at, body) VALUES ($1, $2, 'x', '', '', '{}')`, uuid.New(), kcm.OrganisationID)
	if err == nil || !strings.Contains(err.Error(), "row-level security") {
		t.Errorf("the editor added an activity to another organisation (%v)", err)
	}
	_, err = alice.Exec(ctx, `INSERT INTO history (seq, at, "user", entity, entity_id, action, field, prev_hash, hash, db_role) VALUES (1000, '', 'x', 'activity', $1, 'update', 'name', '', '', 'dana')`, jim.ID)
	if err == nil {
		t.Errorf("the editor wrote a history entry in the DPO's name")
	}
	// The rows are untouched.
	dpo := mustOpen(t, srv.ConnStringAs("dana", dbName))
	if a, err := dpo.Activity(ctx, kcm.ID); err != nil || a.Name != "Counselling" {
		t.Errorf("Kensington and Chelsea Mind's activity after the editor's attempts: %+v, %v", a, err)
	}
}

// TestRolesThroughTheStore: through the app the editor's register holds
// only their organisation and saves there, a save elsewhere is refused in
// words, the history records the role the server signed in, and the
// auditor's register is read-only.
func TestRolesThroughTheStore(t *testing.T) {
	ctx := context.Background()
	srv, _, dbName, jim, kcm := sharedWithRoles(t)
	alice := mustOpen(t, srv.ConnStringAs("alice", dbName))
	r, err := alice.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Organisations) != 1 || len(r.Activities) != 1 || r.Activities[0].ID != jim.ID {
		t.Fatalf("the editor's register: %d organisations, %d activities", len(r.Organisations), len(r.Activities))
	}
	a := r.Activities[0]
	a.Description = "Edited by alice"
	if err := alice.UpdateActivity(ctx, &a); err != nil {
		t.Fatalf("the editor's save of their own activity: %v", err)
	}
	// Whatever the server refuses or hides from alice is said in words
	// naming the organisations she may edit, with the code of what the
	// app sees (a missing organisation, a missing activity, a refusal).
	only := "You can edit only Jobs in Mind's activities"
	refusedAs := func(what string, err error, code, says string) {
		t.Helper()
		msg := model.ErrorMessage(err)
		if model.ErrorCode(err) != code || !strings.HasPrefix(msg, only) || !strings.Contains(msg, says) {
			t.Errorf("%s: %v (code %s)", what, err, model.ErrorCode(err))
		}
		plainWords(t, what, err)
	}
	other := &model.Activity{OrganisationID: kcm.OrganisationID, Name: "Sneaked in", Role: model.RoleController, Status: model.StatusActive}
	refusedAs("an activity for an organisation the editor cannot see", alice.CreateActivity(ctx, other), model.EINVALID,
		`the organisation chosen for the activity "Sneaked in" is not one of them`)
	// Moving their own activity to another organisation's id.
	a.OrganisationID = kcm.OrganisationID
	refusedAs("moving an activity to an organisation the editor cannot see", alice.UpdateActivity(ctx, &a), model.EINVALID, "is not one of them")
	// Saving the other organisation's activity (as read by the DPO).
	theirs := *kcm
	theirs.Description = "Edited by alice"
	refusedAs("the editor saving another organisation's activity", alice.UpdateActivity(ctx, &theirs), model.ENOTFOUND,
		`the activity "Counselling" is not one of them, or it has been deleted`)
	refusedAs("a setting saved by an editor", alice.SetSetting(ctx, "review_interval", "6"), model.EREADONLY, "the server refused this change")
	refusedAs("the editor deleting another organisation's activity", alice.DeleteActivity(ctx, kcm.ID), model.ENOTFOUND, "is not one of them")
	// The DPO, who sees everything, is told plainly that a row is gone.
	dana := mustOpen(t, srv.ConnStringAs("dana", dbName))
	gone := *kcm
	gone.ID = uuid.New()
	if err := dana.UpdateActivity(ctx, &gone); model.ErrorCode(err) != model.ENOTFOUND || strings.Contains(model.ErrorMessage(err), "You can edit only") {
		t.Errorf("the DPO saving an activity that is not there: %v", err)
	}
	raw, err := pgx.Connect(ctx, srv.ConnString(dbName))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close(ctx)
	var user, role string
	if err := raw.QueryRow(ctx, `SELECT "user", db_role FROM history ORDER BY seq DESC LIMIT 1`).Scan(&user, &role); err != nil {
		t.Fatal(err)
	}
	if role != "alice" || user != "alice" {
		t.Errorf("the last entry records user %q, role %q; want alice", user, role)
	}
	if _, err := alice.VerifyHistory(ctx); model.ErrorCode(err) != model.EREADONLY || !strings.Contains(model.ErrorMessage(err), "a DPO or an auditor can") {
		t.Errorf("an editor verifying the history: %v", err)
	}
	audrey := mustOpen(t, srv.ConnStringAs("audrey", dbName))
	if audrey.ReadOnly() == "" {
		t.Errorf("the auditor's register is not read-only")
	}
	all, err := audrey.Register(ctx)
	if err != nil || len(all.Activities) != 2 {
		t.Fatalf("the auditor reads %d activities (%v), want both", len(all.Activities), err)
	}
	if err := audrey.UpdateActivity(ctx, &all.Activities[0]); model.ErrorCode(err) != model.EREADONLY {
		t.Errorf("the auditor's save gave %v, want read-only", err)
	}
	if res, err := audrey.VerifyHistory(ctx); err != nil || !res.OK() {
		t.Errorf("the auditor's verification: %+v, %v", res.Problems, err)
	}
}
