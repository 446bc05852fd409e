package pgstore_test

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/internal/registertest"
	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// dbName is the database a test server's connection string names.
func dbName(t *testing.T, conn string) string {
	t.Helper()
	u, err := url.Parse(conn)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

// certificateRefused fails unless err is the refusal of a certificate in
// words: the headline says the certificate could not be verified, why
// (says), and the TLS library's own words (detail) come after it.
func certificateRefused(t *testing.T, what string, err error, says, detail string) {
	t.Helper()
	msg := model.ErrorMessage(err)
	const headline = "The server's certificate could not be verified"
	if !strings.HasPrefix(msg, headline) || !strings.Contains(msg, says) {
		t.Errorf("%s: %v", what, err)
	}
	if i := strings.Index(msg, detail); i < strings.Index(msg, says) {
		t.Errorf("%s: the detail %q is not after the words %q: %s", what, detail, says, msg)
	}
	plainWords(t, what, err)
	if model.ErrorCode(err) != model.EINVALID {
		t.Errorf("%s: code %q", what, model.ErrorCode(err))
	}
}

// TestVerifyFull: over TCP with sslmode=verify-full a register opens when
// the server's certificate is signed by the authority given as
// sslrootcert and issued for the name connected to; one trusting another
// authority, or connecting by a name the certificate lacks, is refused in
// words that say the certificate could not be verified.
func TestVerifyFull(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.StartWith(t, pgtest.Options{TLS: true})
	name := dbName(t, srv.Database(t))

	for _, host := range pgtest.DefaultTLSNames {
		db := mustOpen(t, srv.TLSConnStringAs(pgtest.Superuser, host, name, srv.CAFile))
		org := registertest.Org(t, db, "Jobs in Mind via "+host)
		if got, err := db.Organisation(ctx, org.ID); err != nil || got.Name != org.Name {
			t.Errorf("verify-full to %s: %+v, %v", host, got, err)
		}
		db.Close()
	}

	other, err := pgtest.WriteCA(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	_, err = pgstore.Open(ctx, srv.TLSConnStringAs(pgtest.Superuser, "localhost", name, other))
	certificateRefused(t, "another authority", err, "not signed by the certificate authority", "x509: certificate signed by unknown authority")

	// A certificate authority's file that is not there.
	missing := filepath.Join(t.TempDir(), "no-such-ca.crt")
	_, err = pgstore.Open(ctx, srv.TLSConnStringAs(pgtest.Superuser, "localhost", name, missing))
	if msg := model.ErrorMessage(err); !strings.HasPrefix(msg, "ROPA Desk did not connect: the file "+missing+", named in the connection string") || !strings.Contains(msg, "could not be read") {
		t.Errorf("a missing sslrootcert file: %v", err)
	}
	plainWords(t, "a missing sslrootcert file", err)

	// A server whose certificate names only localhost, reached by its
	// address.
	narrow := pgtest.StartWith(t, pgtest.Options{TLS: true, TLSNames: []string{"localhost"}})
	narrowName := dbName(t, narrow.Database(t))
	_, err = pgstore.Open(ctx, narrow.TLSConnStringAs(pgtest.Superuser, "127.0.0.1", narrowName, narrow.CAFile))
	certificateRefused(t, "a name not in the certificate", err, "it was issued for localhost, not for 127.0.0.1", "x509: cannot validate certificate for 127.0.0.1")
	mustOpen(t, narrow.TLSConnStringAs(pgtest.Superuser, "localhost", narrowName, narrow.CAFile)).Close()
}
