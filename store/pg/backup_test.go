package pgstore_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/internal/registertest"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// TestBackupBeforeImport: the snapshot is a register file that opens,
// verifies, ends at the shared register's history head and holds its
// activities; a second backup is a second file.
func TestBackupBeforeImport(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Start(t)
	db := mustOpen(t, srv.Database(t))
	db.BackupDir = filepath.Join(t.TempDir(), "backups")
	org := registertest.Org(t, db, "Jobs in Mind")
	a := registertest.Activity(t, db, org.ID, "Payroll")
	a.Description = "Paying staff"
	if err := db.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	path, err := db.BackupBeforeImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("the backup does not open: %v", err)
	}
	defer f.Close()
	res, err := f.VerifyHistory(ctx)
	head, _ := db.HistoryHead(ctx)
	if err != nil || !res.OK() || res.Head != head {
		t.Errorf("the backup verifies %v with head %s (shared %s): %+v", err, res.Head, head, res.Problems)
	}
	got, err := f.Activity(ctx, a.ID)
	if err != nil || got.Description != "Paying staff" {
		t.Errorf("the backup's activity: %+v, %v", got, err)
	}
	again, err := db.BackupBeforeImport(ctx)
	if err != nil || again == path {
		t.Errorf("a second backup: %s, %v", again, err)
	}
	if err := db.BackupTo(ctx, path); model.ErrorCode(err) != model.ECONFLICT {
		t.Errorf("a backup over an existing file: %v", err)
	}
}
