package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// sharedPair makes a register file with the example's organisations and
// activities (and a change, so the history has more than creations) and
// copies it to a fresh database: the same register twice.
func sharedPair(t *testing.T) (file, shared string, srv *pgtest.Server) {
	t.Helper()
	ctx := context.Background()
	srv = pgtest.Start(t)
	file = filepath.Join(t.TempDir(), "team.ropa")
	db, err := store.Create(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	db.SetUser("Dana DPO")
	ex := exchange.Example()
	if err := db.Apply(ctx, model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		t.Fatal(err)
	}
	r, _ := db.Register(ctx)
	a := r.Activities[0]
	a.Description = "Changed before the copy: care records"
	if err := db.UpdateActivity(ctx, &a); err != nil {
		t.Fatal(err)
	}
	db.Close()
	shared = srv.Database(t)
	mustRun(t, "copy", file, shared)
	return file, shared, srv
}

// TestSharedSameOutput: list (table and JSON, with each filter), check
// (text and JSON) and the JSON export print the same bytes, with the same
// exit status, for a register file and its copy on PostgreSQL.
func TestSharedSameOutput(t *testing.T) {
	file, shared, _ := sharedPair(t)
	cases := [][]string{
		{"list", "%s"},
		{"list", "%s", "--json"},
		{"list", "%s", "--json", "--org", "jobs in mind"},
		{"list", "%s", "--json", "--status", "active"},
		{"list", "%s", "--json", "--query", "care rec"},
		{"list", "%s", "--json", "--query", "safeguard"},
		{"list", "%s", "--query", "nothing-matches-this"},
		{"check", "%s"},
		{"check", "%s", "--json"},
		{"export", "%s", "--format", "json", "--out", "-"},
		{"export", "%s", "--format", "csv", "--out", "-"},
	}
	for _, c := range cases {
		args := func(reg string) []string {
			out := append([]string{}, c...)
			out[1] = reg
			return out
		}
		name := strings.Join(c, " ")
		want, got := ropactl(t, args(file)...), ropactl(t, args(shared)...)
		if want.code != got.code || want.stdout != got.stdout {
			t.Errorf("%s: the file gave exit %d and\n%s\nthe shared register exit %d and\n%s\n%s", name, want.code, want.stdout, got.code, got.stdout, got.stderr)
		}
		if len(want.stdout) < 20 {
			t.Errorf("%s printed almost nothing: %q", name, want.stdout)
		}
	}
}

// TestSharedVerifyBackupImport: verify, backup and import take a
// connection string; what a shared register cannot do is refused in words.
func TestSharedVerifyBackupImport(t *testing.T) {
	file, shared, _ := sharedPair(t)
	dir := t.TempDir()

	if r := mustRun(t, "verify", shared); !strings.Contains(r.stdout, "ok   history:") {
		t.Errorf("verify of the shared register: %s", r.stdout)
	}

	r := mustRun(t, "backup", shared, "--dir", dir)
	backup := strings.TrimSpace(r.stdout)
	if filepath.Dir(backup) != dir {
		t.Fatalf("backup printed %q, not a file in %s", backup, dir)
	}
	mustRun(t, "verify", backup)
	want := mustRun(t, "export", file, "--format", "json", "--out", "-")
	if got := mustRun(t, "export", backup, "--format", "json", "--out", "-"); got.stdout != want.stdout {
		t.Errorf("the backup's export differs from the file's")
	}

	// An import of the file's own XLSX changes nothing; an edited JSON
	// export changes one activity, on the server.
	xlsx := filepath.Join(dir, "team.xlsx")
	mustRun(t, "export", file, "--out", xlsx)
	if r := mustRun(t, "import", shared, xlsx, "--dry-run"); !strings.Contains(r.stdout, "Dry run: nothing was written.") {
		t.Errorf("dry run: %s", r.stdout)
	}
	doc := filepath.Join(dir, "edited.json")
	edited := strings.Replace(want.stdout, "Changed before the copy: care records", "Changed through an import", 1)
	if edited == want.stdout {
		t.Fatal("the export does not hold the description changed before the copy")
	}
	if err := os.WriteFile(doc, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := mustRun(t, "import", shared, doc); !strings.Contains(r.stdout, "1 changed") {
		t.Errorf("import into the shared register: %s", r.stdout)
	}
	if r := mustRun(t, "list", shared, "--query", "through import", "--json"); strings.Count(r.stdout, `"id"`) != 1 {
		t.Errorf("the imported change is not listed: %s", r.stdout)
	}
	mustRun(t, "verify", shared)

	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"verify", shared, "--fingerprint", "0123456789abcdef"}, "reads the frozen copies from a register file"},
		{[]string{"export", shared, "--format", "pdf", "--cycle", "Annual review", "--out", filepath.Join(dir, "x.pdf")}, "There is no review cycle called \"Annual review\""},
		{[]string{"backup", "list", shared}, "cannot be done on a shared register yet"},
		{[]string{"restore", shared, backup}, "is not restored over a shared register"},
	} {
		r := ropactl(t, c.args...)
		if r.code != 1 || !strings.Contains(r.stderr, c.says) || strings.Contains(r.stderr, "SQLSTATE") {
			t.Errorf("%s: exit %d, %s", strings.Join(c.args, " "), r.code, r.stderr)
		}
	}
}

// TestSharedSignIn: a command at a terminal asks for the password the
// standard places lack; without one, and for a server that is not there,
// it says so in words.
func TestSharedSignIn(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Start(t)
	admin := srv.Database(t)
	if err := pgstore.Init(ctx, admin, "ropa_owner"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Exec(`CREATE ROLE dana LOGIN PASSWORD 'correct horse'`); err != nil {
		t.Fatal(err)
	}
	if err := pgstore.Grant(ctx, admin, "dana", pgstore.RoleDPO, nil); err != nil {
		t.Fatal(err)
	}
	if err := srv.Exec(`CREATE ROLE audrey LOGIN PASSWORD 'audit'`); err != nil {
		t.Fatal(err)
	}
	if err := pgstore.Grant(ctx, admin, "audrey", pgstore.RoleAuditor, nil); err != nil {
		t.Fatal(err)
	}
	if err := srv.RequirePasswords(); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGPASSWORD", "")
	os.Unsetenv("PGPASSWORD")
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	name := admin[strings.LastIndex(admin, "/")+1 : strings.Index(admin, "?")]
	conn := srv.ConnStringAs("dana", name)

	answer := ""
	asked := 0
	saved := askPassword
	askPassword = func(string) (string, error) { asked++; return answer, nil }
	t.Cleanup(func() { askPassword = saved })

	answer = "correct horse"
	if r := mustRun(t, "list", conn); !strings.Contains(r.stdout, "No activities match.") || asked != 1 {
		t.Errorf("list with the password typed (asked %d times): %s", asked, r.stdout)
	}
	answer = ""
	for _, c := range []struct{ conn, says string }{
		{conn, "The server refused the sign-in"},
		{"postgres://dana@/ropa?host=/nonexistent-folder&connect_timeout=2", "could not be reached"},
	} {
		r := ropactl(t, "check", c.conn)
		if r.code != 1 || !strings.Contains(r.stderr, c.says) || strings.Contains(r.stderr, "SQLSTATE") {
			t.Errorf("check %s: exit %d, %s", c.conn, r.code, r.stderr)
		}
	}

	// An auditor reads, and is told in words that an import would change
	// what the server lets them only read.
	answer = "audit"
	auditor := srv.ConnStringAs("audrey", name)
	mustRun(t, "list", auditor)
	r := ropactl(t, "import", auditor, filepath.Join(t.TempDir(), "any.json"))
	if r.code != 1 || !strings.Contains(r.stderr, "may read the shared register") || !strings.Contains(r.stderr, "read-only") {
		t.Errorf("an auditor's import: exit %d, %s", r.code, r.stderr)
	}
}

// TestSharedCyclePDF: a signed-off register copied to the server gives the
// review cycle's PDF from the server as from the file: the same pages of
// text and the same fingerprint, which verify --fingerprint accepts on the
// file the PDF was made from.
func TestSharedCyclePDF(t *testing.T) {
	srv := pgtest.Start(t)
	dir, file := reviewedRegister(t)
	mustRun(t, signOffArgs(file)...)
	shared := srv.Database(t)
	mustRun(t, "copy", file, shared)

	fromFile, fromServer := filepath.Join(dir, "file.pdf"), filepath.Join(dir, "server.pdf")
	mustRun(t, "export", file, "--format", "pdf", "--cycle", testCycle, "--out", fromFile)
	mustRun(t, "export", shared, "--format", "pdf", "--cycle", strings.ToUpper(testCycle), "--out", fromServer)
	want, got := pdfToText(t, fromFile), pdfToText(t, fromServer)
	if want != got {
		t.Errorf("the cycle's PDF from the server differs from the file's:\nfile:\n%.600s\nserver:\n%.600s", want, got)
	}
	if !strings.Contains(got, testCycle) {
		t.Errorf("the server's PDF does not name the cycle %q", testCycle)
	}
	if res := ropactl(t, "export", shared, "--format", "pdf", "--cycle", "No such review", "--out", filepath.Join(dir, "none.pdf")); res.code == 0 || !strings.Contains(res.stderr, "no review cycle called") {
		t.Errorf("an unknown cycle on the server: exit %d, %s", res.code, res.stderr)
	}
}
