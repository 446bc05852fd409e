package main

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// TestDBInitAndGrant: an administrator sets up an empty database with
// ropactl db init, a DPO adds two organisations, and an editor granted
// one of them by name reads only that one's rows with plain SQL.
func TestDBInitAndGrant(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Start(t)
	admin := srv.Database(t)
	u, _ := url.Parse(admin)
	name := strings.TrimPrefix(u.Path, "/")

	out := mustRun(t, "db", "init", admin, "--owner", "ropa_owner")
	if !strings.Contains(out.stdout, "ropa_editor") {
		t.Errorf("db init said: %s", out.stdout)
	}
	raw, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close(ctx)
	for _, p := range []string{"dana", "alice"} {
		if _, err := raw.Exec(ctx, `CREATE ROLE `+p+` LOGIN`); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, "db", "grant", admin, "dana", "--dpo")
	dpo, err := pgstore.Open(ctx, srv.ConnStringAs("dana", name))
	if err != nil {
		t.Fatal(err)
	}
	defer dpo.Close()
	for _, n := range []string{"Jobs in Mind", "Kensington and Chelsea Mind"} {
		o := &model.Organisation{Name: n}
		if err := dpo.CreateOrganisation(ctx, o); err != nil {
			t.Fatal(err)
		}
		a := &model.Activity{OrganisationID: o.ID, Name: "Activity of " + n, Role: model.RoleController, Status: model.StatusActive}
		if err := dpo.CreateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if r := ropactl(t, "db", "grant", admin, "alice", "--editor", "Jobs in Mnd"); r.code != 1 || !strings.Contains(r.stderr, `no organisation "Jobs in Mnd"`) {
		t.Errorf("a misspelt organisation: exit %d, %s", r.code, r.stderr)
	}
	if r := ropactl(t, "db", "grant", admin, "alice", "--dpo", "--auditor"); r.code != 2 {
		t.Errorf("two groups at once: exit %d", r.code)
	}
	mustRun(t, "db", "grant", admin, "alice", "--editor", "Jobs in Mind")
	alice, err := pgx.Connect(ctx, srv.ConnStringAs("alice", name))
	if err != nil {
		t.Fatal(err)
	}
	defer alice.Close(ctx)
	var names string
	if err := alice.QueryRow(ctx, `SELECT string_agg(name, '|') FROM activities`).Scan(&names); err != nil {
		t.Fatal(err)
	}
	if names != "Activity of Jobs in Mind" {
		t.Errorf("with plain SQL the editor reads the activities %q, want only Jobs in Mind's", names)
	}
}

// TestDBInitUpgrades: db init run again on a register at schema 2 (as an
// older ropactl left it: in use, with organisations, activities, an edit
// in their history and an editor) upgrades it to the current schema and
// keeps everything: the same list, export and verified history, the
// editor still sees only their organisation, and what schema 3 adds (a
// review cycle) works. Run once more it changes nothing and says so.
func TestDBInitUpgrades(t *testing.T) {
	ctx := context.Background()
	srv, admin, name := teamServer(t)
	dana := withPassword(t, srv.ConnStringAs("dana", name), "dana", "pw-dana")
	alice := withPassword(t, srv.ConnStringAs("alice", name), "alice", "pw-alice")
	if r := mustRun(t, "db", "init", admin, "--owner", "ropa_owner"); !strings.Contains(r.stdout, "is already at schema 3") || !strings.Contains(r.stdout, "nothing was changed") {
		t.Errorf("db init on a current register: %s", r.stdout)
	}
	edit, err := pgstore.Open(ctx, dana)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := edit.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reg.Activities[0].Description = "Edited at schema 3, before the downgrade"
	if err := edit.UpdateActivity(ctx, &reg.Activities[0]); err != nil {
		t.Fatal(err)
	}
	edit.Close()
	before := map[string]string{
		"list":   mustRun(t, "list", dana, "--json").stdout,
		"export": mustRun(t, "export", dana, "--format", "json", "--out", "-").stdout,
		"alice":  mustRun(t, "list", alice, "--json").stdout,
	}

	// Schema 3 only added tables (store/pg/migrations/0003_…): without
	// them, and with the version put back, the register is as schema 2 had it.
	raw, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close(ctx)
	if _, err := raw.Exec(ctx, `DROP TABLE review_cycles, information_assets, suppliers, published_notices; UPDATE ropa_schema SET version = 2`); err != nil {
		t.Fatal(err)
	}

	r := mustRun(t, "db", "init", admin, "--owner", "ropa_owner")
	if !strings.Contains(r.stdout, "Upgraded the shared register") || !strings.Contains(r.stdout, "from schema 2 to schema 3") {
		t.Errorf("db init on a schema-2 register: %s", r.stdout)
	}
	var version int
	if err := raw.QueryRow(ctx, `SELECT version FROM ropa_schema`).Scan(&version); err != nil || version != 3 {
		t.Errorf("after the upgrade the schema is %d (%v)", version, err)
	}
	after := map[string]string{
		"list":   mustRun(t, "list", dana, "--json").stdout,
		"export": mustRun(t, "export", dana, "--format", "json", "--out", "-").stdout,
		"alice":  mustRun(t, "list", alice, "--json").stdout,
	}
	for k, want := range before {
		if after[k] != want {
			t.Errorf("%s after the upgrade:\n%s\nbefore:\n%s", k, after[k], want)
		}
	}
	if !strings.Contains(after["export"], "Activity of Kensington and Chelsea Mind") || !strings.Contains(after["export"], "Edited at schema 3") || strings.Contains(after["alice"], "Kensington") {
		t.Errorf("the upgraded register lost rows, or the editor sees another organisation's:\n%s\n%s", after["export"], after["alice"])
	}
	if r := mustRun(t, "verify", dana); !strings.Contains(r.stdout, "ok   history:") {
		t.Errorf("verify after the upgrade: %s", r.stdout)
	}
	// The tables schema 3 adds are there with their grants: the DPO
	// starts a review, the editor reads it.
	db, err := pgstore.Open(ctx, dana)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateCycle(ctx, &model.ReviewCycle{Name: "Annual review", IntervalMonths: 12}); err != nil {
		t.Errorf("a review cycle on the upgraded register: %v", err)
	}
	ed, err := pgstore.Open(ctx, alice)
	if err != nil {
		t.Fatal(err)
	}
	defer ed.Close()
	if cs, err := ed.Cycles(ctx); err != nil || len(cs) != 1 {
		t.Errorf("the editor reads %d cycles (%v)", len(cs), err)
	}

	if r := mustRun(t, "db", "init", admin, "--owner", "ropa_owner"); !strings.Contains(r.stdout, "nothing was changed") {
		t.Errorf("db init again after the upgrade: %s", r.stdout)
	}
	// A policy someone dropped by hand is put back, and said so.
	if _, err := raw.Exec(ctx, `DROP POLICY own ON activities`); err != nil {
		t.Fatal(err)
	}
	if r := mustRun(t, "db", "init", admin, "--owner", "ropa_owner"); !strings.Contains(r.stdout, "brought up to date") {
		t.Errorf("db init with a policy missing: %s", r.stdout)
	}
	if got := mustRun(t, "list", alice, "--json").stdout; got != before["alice"] {
		t.Errorf("the editor's list after the policy was put back:\n%s", got)
	}
	// A register of a newer version is refused, untouched.
	if _, err := raw.Exec(ctx, `UPDATE ropa_schema SET version = 99`); err != nil {
		t.Fatal(err)
	}
	if r := ropactl(t, "db", "init", admin, "--owner", "ropa_owner"); r.code != 1 || !strings.Contains(r.stderr, "newer version of ROPA Desk (schema 99") || !strings.Contains(r.stderr, "Nothing was changed") {
		t.Errorf("db init on a newer register: exit %d, %s", r.code, r.stderr)
	}
}
