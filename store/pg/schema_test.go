package pgstore_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/internal/registertest"
	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// TestSchema: several apps opening a new database at once set it up once
// (the migrations run under an advisory lock); a schema newer than this
// version opens read-only, readable, every write refused in words.
func TestSchema(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Start(t)
	conn := srv.Database(t)
	var wg sync.WaitGroup
	errs := make([]error, 5)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := pgstore.Open(ctx, conn)
			if err == nil {
				db.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("app %d opening a new database: %v", i, err)
		}
	}
	db := mustOpen(t, conn)
	org := registertest.Org(t, db, "Jobs in Mind")
	db.Close()

	raw, err := pgx.Connect(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close(ctx)
	var version int
	if err := raw.QueryRow(ctx, `SELECT version FROM ropa_schema`).Scan(&version); err != nil || version < 2 {
		t.Fatalf("schema version %d: %v", version, err)
	}
	if _, err := raw.Exec(ctx, `UPDATE ropa_schema SET version = 99`); err != nil {
		t.Fatal(err)
	}
	newer := mustOpen(t, conn)
	if why := newer.ReadOnly(); !strings.Contains(why, "newer version of ROPA Desk") {
		t.Errorf("a newer schema opens with ReadOnly %q", why)
	}
	if _, err := newer.Organisation(ctx, org.ID); err != nil {
		t.Errorf("reading a newer schema: %v", err)
	}
	org.Name = "Changed"
	if err := newer.UpdateOrganisation(ctx, org); model.ErrorCode(err) != model.EREADONLY {
		t.Errorf("writing a newer schema: %v", err)
	}
	var after int
	if err := raw.QueryRow(ctx, `SELECT version FROM ropa_schema`).Scan(&after); err != nil || after != 99 {
		t.Errorf("opening a newer schema changed its version to %d (%v)", after, err)
	}
}
