package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStoredCodeNeverRuns goes under the schema check: even on a
// connection writing to a file with a trigger and a recursive view, the
// store's driver refuses to run them, quickly.
func TestStoredCodeNeverRuns(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.ropa")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		`CREATE TABLE t (x)`, `CREATE TABLE log (x)`, `INSERT INTO t VALUES (1)`,
		`CREATE TRIGGER tr AFTER UPDATE ON t BEGIN INSERT INTO log VALUES ('fired'); END`,
		`CREATE VIEW forever AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n`,
	} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	d, err := dsn(path, false)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open(driverName, d)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	if _, err := db.ExecContext(ctx, `UPDATE t SET x = 2`); err == nil || !strings.Contains(err.Error(), "authoriz") {
		t.Fatalf("an update firing a stored trigger ran: %v", err)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM forever`).Scan(&n); err == nil {
		t.Fatal("a recursive view ran")
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM log`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("log = %d, %v", n, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("took %v", d)
	}
	var trusted int
	if err := db.QueryRowContext(ctx, `PRAGMA trusted_schema`).Scan(&trusted); err != nil || trusted != 0 {
		t.Fatalf("trusted_schema = %d, %v", trusted, err)
	}
}

func TestSchemaDigestPinned(t *testing.T) {
	for _, m := range loadMigrations() {
		s, err := expectedSchema(context.Background(), m.Version)
		if err != nil {
			t.Fatal(err)
		}
		if got := schemaDigest(s); got != schemaDigests[m.Version] {
			t.Errorf("schema %d digest = %s, pinned %q: a released migration changed, or a new one needs its digest pinned", m.Version, got, schemaDigests[m.Version])
		}
	}
}
