package pgstore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/internal/registertest"
	"github.com/ropadesk/ropadesk/store"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// TestSuiteSQLite and TestSuitePostgres run one suite against both stores.

func TestSuiteSQLite(t *testing.T) {
	registertest.Run(t, func(t *testing.T) registertest.Opened {
		path := filepath.Join(t.TempDir(), "suite.ropa")
		db, err := store.Create(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return registertest.Opened{Store: db, Tamper: func(t *testing.T, q string) {
			raw, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			if _, err := raw.Exec(q); err != nil {
				t.Fatalf("tamper: %v", err)
			}
		}}
	})
}

func TestSuitePostgres(t *testing.T) {
	srv := pgtest.Start(t)
	registertest.Run(t, func(t *testing.T) registertest.Opened {
		conn := srv.Database(t)
		return registertest.Opened{Store: mustOpen(t, conn), Tamper: func(t *testing.T, q string) {
			raw, err := pgx.Connect(context.Background(), conn)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close(context.Background())
			if _, err := raw.Exec(context.Background(), q); err != nil {
				t.Fatalf("tamper: %v", err)
			}
		}}
	})
}

func mustOpen(t *testing.T, conn string) *pgstore.DB {
	t.Helper()
	db, err := pgstore.Open(context.Background(), conn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
