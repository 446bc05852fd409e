package pgstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/internal/registertest"
	"github.com/ropadesk/ropadesk/model"
)

// TestWatchChanges: a save in one app reaches another app's watcher
// within a second; a refused save announces nothing; a watcher whose
// connection the server cut connects again, catches up, and hears the
// saves after.
func TestWatchChanges(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Start(t)
	conn := srv.Database(t)
	a, b := mustOpen(t, conn), mustOpen(t, conn)
	heard := make(chan time.Time, 16)
	stop := b.WatchChanges(ctx, 100*time.Millisecond, func() { heard <- time.Now() })
	defer stop()
	// expect waits for the announcement of what was saved at start.
	var start time.Time
	expect := func(what string) {
		t.Helper()
		select {
		case at := <-heard:
			t.Logf("%s heard after %v", what, at.Sub(start).Round(time.Millisecond))
		case <-time.After(time.Second):
			t.Fatalf("%s: the other app heard nothing within a second", what)
		}
	}
	quiet := func(what string) {
		t.Helper()
		select {
		case <-heard:
			t.Errorf("%s was announced", what)
		case <-time.After(300 * time.Millisecond):
		}
	}

	before, _ := b.DataVersion(ctx)
	start = time.Now()
	org := registertest.Org(t, a, "Jobs in Mind")
	expect("a new organisation")
	if after, _ := b.DataVersion(ctx); after == before {
		t.Errorf("the data version did not change with a save (%s)", after)
	}
	start = time.Now()
	act := registertest.Activity(t, a, org.ID, "Payroll")
	expect("a new activity")
	stale := *act
	act.Description = "first"
	start = time.Now()
	if err := a.UpdateActivity(ctx, act); err != nil {
		t.Fatal(err)
	}
	expect("a change")
	stale.Description = "second"
	if err := a.UpdateActivity(ctx, &stale); model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("stale save: %v", err)
	}
	quiet("a refused save")

	// The server cuts the watcher's connection.
	admin, err := pgx.Connect(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	var cut int
	start = time.Now()
	if err := admin.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE 'LISTEN %'`).Scan(&cut); err != nil || cut != 1 {
		t.Fatalf("cut %d listening connections: %v", cut, err)
	}
	expect("the reconnection")
	act.Description = "third"
	start = time.Now()
	if err := a.UpdateActivity(ctx, act); err != nil {
		t.Fatal(err)
	}
	expect("a change after the reconnection")
}
