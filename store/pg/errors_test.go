package pgstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/internal/registertest"
	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// plainWords fails when a message shown to a person carries the server's
// or the driver's own words.
func plainWords(t *testing.T, what string, err error) {
	t.Helper()
	msg := model.ErrorMessage(err)
	for _, raw := range []string{"SQLSTATE", "dial", "pgx", "pgconn", "internal error", "FATAL"} {
		if strings.Contains(msg, raw) {
			t.Errorf("%s: the message shows %q: %s", what, raw, msg)
		}
	}
}

// TestErrorsInWords: a role the server does not know, a database that is
// not there, a server gone while the app has the register open.
func TestErrorsInWords(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Start(t)
	conn := srv.Database(t)

	_, err := pgstore.Open(ctx, srv.ConnStringAs("nobody_here", "postgres"))
	if err == nil || !strings.Contains(model.ErrorMessage(err), "refused the sign-in") {
		t.Errorf("an unknown role: %v", err)
	}
	plainWords(t, "an unknown role", err)

	_, err = pgstore.Open(ctx, srv.ConnString("no_such_register"))
	if model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("a missing database: %v", err)
	}
	plainWords(t, "a missing database", err)

	_, err = pgstore.Open(ctx, "postgres://someone@/ropa?host=/nonexistent-folder&connect_timeout=2")
	if err == nil || !strings.Contains(model.ErrorMessage(err), "could not be reached") {
		t.Errorf("no server: %v", err)
	}
	plainWords(t, "no server", err)

	db := mustOpen(t, conn)
	org := registertest.Org(t, db, "Jobs in Mind")
	a := registertest.Activity(t, db, org.ID, "Payroll")
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	a.Description = "typed while the server went away"
	err = db.UpdateActivity(ctx, a)
	if err == nil || !strings.Contains(model.ErrorMessage(err), "could not be reached") {
		t.Errorf("a save with the server gone: %v", err)
	}
	plainWords(t, "a save with the server gone", err)
	if a.Description != "typed while the server went away" {
		t.Errorf("the refused save changed the caller's copy")
	}
	_, err = db.Register(ctx)
	if err == nil || !strings.Contains(model.ErrorMessage(err), "could not be reached") {
		t.Errorf("reading with the server gone: %v", err)
	}
	plainWords(t, "reading with the server gone", err)
}
