package pgstore_test

import (
	"context"
	"fmt"
	"net"
	"net/url"
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
	if err == nil || !strings.Contains(model.ErrorMessage(err), "was lost; your change was not saved") {
		t.Errorf("a save with the server gone: %v", err)
	}
	plainWords(t, "a save with the server gone", err)
	if a.Description != "typed while the server went away" {
		t.Errorf("the refused save changed the caller's copy")
	}
	// A read finds the server unreachable, or (on a connection the pool
	// still held) the connection lost.
	_, err = db.Register(ctx)
	if msg := model.ErrorMessage(err); err == nil || !strings.Contains(msg, "could not be reached") && !strings.Contains(msg, "was lost: try again") {
		t.Errorf("reading with the server gone: %v", err)
	}
	plainWords(t, "reading with the server gone", err)
}

// TestUnreachableAndWrongPassword: a loopback port nothing listens on is
// "could not be reached"; a wrong password given in the connection string
// is a refused sign-in, and the message does not repeat the password.
func TestUnreachableAndWrongPassword(t *testing.T) {
	ctx := context.Background()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	_, err = pgstore.Open(ctx, fmt.Sprintf("postgres://dana@127.0.0.1:%d/ropa?sslmode=disable&connect_timeout=5", port))
	if msg := model.ErrorMessage(err); err == nil || !strings.HasPrefix(msg, "The server of the shared register \"ropa\" on 127.0.0.1:") || !strings.Contains(msg, "could not be reached") {
		t.Errorf("nothing listening on the port: %v", err)
	}
	plainWords(t, "nothing listening on the port", err)

	conn, _ := passwordServer(t)
	u, err := url.Parse(conn)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("dana", "not-the-password")
	_, err = pgstore.Open(ctx, u.String())
	if msg := model.ErrorMessage(err); !strings.Contains(msg, "The server refused the sign-in") || !strings.Contains(msg, "check the user name and password") || strings.Contains(msg, "not-the-password") {
		t.Errorf("a wrong password: %v", err)
	}
	plainWords(t, "a wrong password", err)
	u.User = url.UserPassword("dana", "correct horse")
	mustOpen(t, u.String())
}
