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
