package main

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/internal/pgtest"
)

// refusedInWords fails unless the command r failed (exit 1) with stderr
// opening with the words headline (after "ropactl CMD: ") and saying says,
// without the server's or the driver's own words before them.
func refusedInWords(t *testing.T, what string, r result, headline, says string) {
	t.Helper()
	_, msg, _ := strings.Cut(r.stderr, ": ")
	if r.code != 1 || !strings.HasPrefix(msg, headline) || !strings.Contains(msg, says) {
		t.Errorf("%s: exit %d, %s", what, r.code, r.stderr)
	}
	for _, raw := range []string{"SQLSTATE", "pgconn", "failed to connect", "FATAL", "dial "} {
		if strings.Contains(r.stderr, raw) {
			t.Errorf("%s: the message shows %q: %s", what, raw, r.stderr)
		}
	}
}

// TestSharedVerifyFull: ropactl copies a register to a server and lists
// it over TCP with sslmode=verify-full, as it lists the file; trusting
// another authority, or naming the server by a name its certificate
// lacks, is refused with words that say the certificate could not be
// verified.
func TestSharedVerifyFull(t *testing.T) {
	srv := pgtest.StartWith(t, pgtest.Options{TLS: true, TLSNames: []string{"localhost"}})
	u, err := url.Parse(srv.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	file := filepath.Join(t.TempDir(), "demo.ropa")
	mustRun(t, "example", file)
	conn := srv.TLSConnStringAs(pgtest.Superuser, "localhost", name, srv.CAFile)
	if !strings.Contains(conn, "sslmode=verify-full") {
		t.Fatalf("not a verify-full connection string: %s", conn)
	}
	mustRun(t, "copy", file, conn)
	want, got := mustRun(t, "list", file), mustRun(t, "list", conn)
	if got.stdout != want.stdout || len(got.stdout) < 100 {
		t.Errorf("list over verify-full:\n%s\nthe file's list:\n%s", got.stdout, want.stdout)
	}

	other, err := pgtest.WriteCA(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	refusedInWords(t, "another authority", ropactl(t, "list", srv.TLSConnStringAs(pgtest.Superuser, "localhost", name, other)),
		"The server's certificate could not be verified", "x509: certificate signed by unknown authority")
	refusedInWords(t, "a name not in the certificate", ropactl(t, "list", srv.TLSConnStringAs(pgtest.Superuser, "127.0.0.1", name, srv.CAFile)),
		"The server's certificate could not be verified", "issued for localhost, not for 127.0.0.1")
}
