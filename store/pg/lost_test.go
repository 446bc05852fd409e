package pgstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/internal/registertest"
	"github.com/ropadesk/ropadesk/model"
)

// lostSave fails unless err is a save of a refused because its
// connection was lost, in words, leaving a's revision as it was.
func lostSave(t *testing.T, what string, err error, a *model.Activity) {
	t.Helper()
	if msg := model.ErrorMessage(err); err == nil || !strings.HasPrefix(msg, "The connection to the shared register") || !strings.Contains(msg, "was lost; your change was not saved") {
		t.Errorf("%s: %v", what, err)
	}
	plainWords(t, what, err)
	if a.Revision == 0 {
		t.Errorf("%s: the refused save cleared the caller's revision", what)
	}
}

// TestConnectionLostMidEdit: a save whose session the server's
// administrator ends (pg_terminate_backend) while it waits for the
// history's lock, and a save while the server is stopped, are refused as
// a lost connection, with nothing saved; the same save, made again once
// the server is back, succeeds on a connection the pool makes afresh.
func TestConnectionLostMidEdit(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Start(t)
	conn := srv.Database(t)
	name := dbName(t, conn)
	db := mustOpen(t, conn)
	org := registertest.Org(t, db, "Jobs in Mind")
	a := registertest.Activity(t, db, org.ID, "Payroll")
	stored := func() string {
		t.Helper()
		got, err := db.Activity(ctx, a.ID)
		if err != nil {
			t.Fatalf("read the activity back: %v", err)
		}
		return got.Description
	}
	before := stored()

	// Another writer holds the history's head, so the save waits inside
	// its transaction; the administrator then ends the save's session.
	raw, err := pgx.Connect(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close(ctx)
	holder, err := raw.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := holder.Exec(ctx, `SELECT seq FROM chain_head FOR UPDATE`); err != nil {
		t.Fatal(err)
	}
	// Another session looks for the waiting save: one transaction sees
	// the sessions as they were at its first look.
	watch, err := pgx.Connect(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close(ctx)
	a.Description = "typed as the session was ended"
	done := make(chan error, 1)
	edit := *a
	go func() { done <- db.UpdateActivity(ctx, &edit) }()
	waiting := 0
	for deadline := time.Now().Add(30 * time.Second); waiting == 0 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if err := watch.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE datname = $1 AND wait_event_type = 'Lock'`, name).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
	}
	if waiting != 1 {
		t.Fatalf("%d sessions were waiting for the history's lock, want the save's one", waiting)
	}
	lostSave(t, "a save whose session was ended", <-done, &edit)
	if err := holder.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if got := stored(); got != before {
		t.Errorf("the refused save stored %q", got)
	}
	// The editor's copy is still the one typed: saving it again works.
	if err := db.UpdateActivity(ctx, &edit); err != nil {
		t.Fatalf("the save made again after the session was ended: %v", err)
	}
	if got := stored(); got != "typed as the session was ended" {
		t.Errorf("after saving again the server holds %q", got)
	}

	// The server stops: the save is refused; once it is back, the same
	// save succeeds.
	edit.Description = "typed while the server was down"
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	again := edit
	lostSave(t, "a save with the server stopped", db.UpdateActivity(ctx, &again), &again)
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateActivity(ctx, &again); err != nil {
		t.Fatalf("the save made again once the server was back: %v", err)
	}
	if got := stored(); got != "typed while the server was down" {
		t.Errorf("after the server came back it holds %q", got)
	}
	if res, err := db.VerifyHistory(ctx); err != nil || !res.OK() {
		t.Errorf("the history after the lost saves: %+v, %v", res.Problems, err)
	}
}
