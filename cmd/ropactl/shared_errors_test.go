package main

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
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

// teamServer sets up a register with ropactl db init, as an administrator
// would: dana (DPO) adds Jobs in Mind and Kensington and Chelsea Mind, an
// activity each, and alice is an editor of Jobs in Mind. Everyone but the
// administrator signs in with a password ("pw-" and their name).
func teamServer(t *testing.T) (srv *pgtest.Server, admin, name string) {
	t.Helper()
	ctx := context.Background()
	srv = pgtest.Start(t)
	admin = srv.Database(t)
	u, _ := url.Parse(admin)
	name = strings.TrimPrefix(u.Path, "/")
	mustRun(t, "db", "init", admin, "--owner", "ropa_owner")
	for _, p := range []string{"dana", "alice"} {
		if err := srv.Exec(`CREATE ROLE ` + p + ` LOGIN PASSWORD 'pw-` + p + `'`); err != nil {
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
	mustRun(t, "db", "grant", admin, "alice", "--editor", "Jobs in Mind")
	if err := srv.RequirePasswords(); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	saved := askPassword
	askPassword = func(string) (string, error) { return "", nil }
	t.Cleanup(func() { askPassword = saved })
	return srv, admin, name
}

// withPassword is the connection string conn with password in it.
func withPassword(t *testing.T, conn, role, password string) string {
	t.Helper()
	u, err := url.Parse(conn)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(role, password)
	return u.String()
}

// TestSharedErrorsInWords: through ropactl, a port nothing listens on, a
// wrong password, an editor's import touching another organisation's
// activity and a schema newer than this ropactl are each said in words.
func TestSharedErrorsInWords(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	refusedInWords(t, "nothing listening", ropactl(t, "list", fmt.Sprintf("postgres://dana@127.0.0.1:%d/ropa?sslmode=disable&connect_timeout=5", port)),
		"The server of the shared register", "could not be reached")
	refusedInWords(t, "db init with nothing listening", ropactl(t, "db", "init", fmt.Sprintf("postgres://admin@127.0.0.1:%d/ropa?sslmode=disable&connect_timeout=5", port), "--owner", "ropa_owner"),
		fmt.Sprintf(`The server of the shared register "ropa" on 127.0.0.1:%d as admin could not be reached`, port), "ask its administrator")

	srv, _, name := teamServer(t)
	wrong := withPassword(t, srv.ConnStringAs("dana", name), "dana", "not-the-password")
	r := ropactl(t, "list", wrong)
	refusedInWords(t, "a wrong password", r, "The server refused the sign-in", "check the user name and password")
	if strings.Contains(r.stderr, "not-the-password") {
		t.Errorf("the refusal shows the password: %s", r.stderr)
	}

	// Alice imports the DPO's export with Kensington and Chelsea Mind's
	// activity changed.
	dana := withPassword(t, srv.ConnStringAs("dana", name), "dana", "pw-dana")
	alice := withPassword(t, srv.ConnStringAs("alice", name), "alice", "pw-alice")
	all := mustRun(t, "export", dana, "--format", "json", "--out", "-").stdout
	doc := filepath.Join(t.TempDir(), "edited.json")
	edited := strings.Replace(all, `"name": "Activity of Kensington and Chelsea Mind"`, `"name": "Activity of Kensington and Chelsea Mind", "description": "Changed by alice"`, 1)
	if edited == all {
		t.Fatalf("the export has no activity of Kensington and Chelsea Mind:\n%s", all)
	}
	if err := os.WriteFile(doc, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	// (The import's own words, which file into which register, come first.)
	refusedInWords(t, "an editor's import into another organisation", ropactl(t, "import", alice, doc),
		"import ", "You can edit only Jobs in Mind's activities; the server refused this change.")
	if got := mustRun(t, "list", dana, "--query", "Changed by alice", "--json").stdout; strings.Contains(got, `"id"`) {
		t.Errorf("the refused import changed the activity: %s", got)
	}

	// A newer schema: read as it is, changes refused.
	raw, err := pgx.Connect(context.Background(), srv.ConnString(name))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close(context.Background())
	if _, err := raw.Exec(context.Background(), `UPDATE ropa_schema SET version = 99`); err != nil {
		t.Fatal(err)
	}
	if got := mustRun(t, "list", dana).stdout; !strings.Contains(got, "Activity of Jobs in Mind") {
		t.Errorf("list of a newer schema: %s", got)
	}
	refusedInWords(t, "an import into a newer schema", ropactl(t, "import", dana, doc),
		"The shared register", "was set up by a newer version of ROPA Desk (schema 99")
}

// TestSharedLostMidImport: an import whose session the administrator ends
// while it waits for the history's lock fails saying the connection was
// lost and nothing was saved, and nothing was; run again, it imports.
func TestSharedLostMidImport(t *testing.T) {
	ctx := context.Background()
	file, shared, _ := sharedPair(t)
	want := mustRun(t, "export", file, "--format", "json", "--out", "-").stdout
	doc := filepath.Join(t.TempDir(), "edited.json")
	edited := strings.Replace(want, "Changed before the copy: care records", "Changed by an import that lost its connection", 1)
	if err := os.WriteFile(doc, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	raw, err := pgx.Connect(ctx, shared)
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
	// Another session looks for the waiting import: one transaction
	// sees the sessions as they were at its first look.
	watch, err := pgx.Connect(ctx, shared)
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close(ctx)
	done := make(chan result, 1)
	go func() {
		var out, errOut strings.Builder
		code := run([]string{"import", shared, doc}, &out, &errOut)
		done <- result{code, out.String(), errOut.String()}
	}()
	ended := 0
	for deadline := time.Now().Add(30 * time.Second); ended == 0 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if err := watch.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&ended); err != nil {
			t.Fatal(err)
		}
	}
	if ended != 1 {
		t.Fatalf("%d sessions were waiting for the history's lock, want the import's one", ended)
	}
	r := <-done
	if err := holder.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if r.code != 1 || !strings.Contains(r.stderr, "was lost; your change was not saved") || strings.Contains(r.stderr, "SQLSTATE") {
		t.Errorf("the import whose session was ended: exit %d, %s", r.code, r.stderr)
	}
	if got := mustRun(t, "list", shared, "--query", "lost its connection", "--json").stdout; strings.Contains(got, `"id"`) {
		t.Errorf("the import whose session was ended changed the register: %s", got)
	}
	if r := mustRun(t, "import", shared, doc); !strings.Contains(r.stdout, "1 changed") {
		t.Errorf("the import run again: %s", r.stdout)
	}
	mustRun(t, "verify", shared)
}
