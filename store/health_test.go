package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/internal/sqlitetest"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// bigRegister makes a register whose activities fill many pages, backs it
// up, closes it and returns its path and one of the activities.
func bigRegister(t *testing.T) (string, *model.Activity) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Create(ctx, filepath.Join(t.TempDir(), "big.ropa"))
	if err != nil {
		t.Fatal(err)
	}
	org := mustOrg(t, db, "MHWS")
	var a *model.Activity
	for i := range 60 {
		x := fullActivity(org.ID)
		x.Name = fmt.Sprintf("Activity %02d", i)
		x.Description = strings.Repeat("Kept for the care of residents. ", 40)
		a = mustActivity(t, db, x)
	}
	if _, err := db.Backup(ctx, ""); err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path, a
}

func TestDamagedFile(t *testing.T) {
	ctx := context.Background()
	path, a := bigRegister(t)
	sqlitetest.OverwriteTableRoot(t, path, "activities")
	before := fileSum(t, path)

	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatalf("a damaged register should open read-only: %v", err)
	}
	if !db.Damaged() {
		db.Close()
		t.Fatal("Damaged() = false")
	}
	ro := db.ReadOnly()
	for _, w := range []string{"is damaged", "read-only", "last good backup"} {
		if !strings.Contains(ro, w) {
			t.Errorf("ReadOnly() = %q, does not say %q", ro, w)
		}
	}
	wantCode(t, db.SetSetting(ctx, "k", "v"), model.EREADONLY)
	if _, err := db.Backup(ctx, ""); err == nil {
		t.Error("a damaged register was backed up")
	}
	db.Close()
	if fileSum(t, path) != before {
		t.Fatal("opening the damaged file changed it")
	}

	last, ok := store.LastGoodBackup(path)
	if !ok || !last.OK {
		t.Fatalf("LastGoodBackup = %+v, %v", last, ok)
	}
	if err := store.Restore(ctx, path, last.Path); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Damaged() || db.ReadOnly() != "" {
		t.Fatalf("restored register: damaged %v, read-only %q", db.Damaged(), db.ReadOnly())
	}
	if got, err := db.Activity(ctx, a.ID); err != nil || got.Name != a.Name {
		t.Fatalf("restored activity: %v, %v", got, err)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	// The damaged file was kept beside the backups, not thrown away.
	if names := dirNames(t, store.DefaultBackupDir(path)); len(names) < 2 {
		t.Fatalf("backup folder after restore: %v", names)
	}
}

func TestDamagedSchemaPage(t *testing.T) {
	// Page 1 holds the schema: with it overwritten SQLite cannot read the
	// file at all. Open must say so and leave it alone (or, if SQLite can
	// still read enough, open it read-only as damaged).
	ctx := context.Background()
	path, _ := bigRegister(t)
	f, _ := os.OpenFile(path, os.O_RDWR, 0)
	// The whole of page 1 after the file header: with the schema of
	// several migrations, page 1 is an interior page of sqlite_master and
	// junk only in its middle could land in free space.
	junk := make([]byte, 4096-100)
	for i := range junk {
		junk[i] = byte(i*7 + 3)
	}
	f.WriteAt(junk, 100)
	f.Close()
	before := fileSum(t, path)
	db, err := store.Open(ctx, path)
	switch {
	case err != nil:
		wantCode(t, err, model.EINVALID)
		if msg := model.ErrorMessage(err); !strings.Contains(msg, "damaged") || !strings.Contains(msg, "last good backup") {
			t.Errorf("message %q", msg)
		}
	case !db.Damaged():
		db.Close()
		t.Fatal("a register with its schema overwritten opened as sound")
	default:
		db.Close()
	}
	if fileSum(t, path) != before {
		t.Fatal("the damaged file was changed")
	}
}

func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	saved := mustActivity(t, db, minimal(org.ID, "Payroll"))
	path := db.Path()

	// One connection, so the limit set on it applies to the next save:
	// the file may not grow by a page, as on a full disk.
	pool := store.SQL(db)
	pool.SetMaxOpenConns(1)
	var pages int
	if err := pool.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
	big := minimal(org.ID, "Care records")
	big.Description = strings.Repeat("A long description that needs new pages. ", 2000)
	err := db.CreateActivity(ctx, big)
	if err == nil {
		t.Fatal("a save onto a full disk succeeded")
	}
	if msg := model.ErrorMessage(err); !strings.HasPrefix(msg, "The disk is full") || !strings.Contains(msg, "was not saved") {
		t.Fatalf("message %q (error %v)", msg, err)
	}
	saved.Description = "Edited on a full disk"
	saved.Purposes = []string{strings.Repeat("x", 20000)}
	if err := db.UpdateActivity(ctx, saved); model.ErrorCode(err) == "" {
		t.Fatal("an update onto a full disk succeeded")
	}
	db.Close()

	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	if res, err := db.VerifyHistory(ctx); err != nil || !res.OK() {
		t.Fatalf("history after a full disk: %+v, %v", res, err)
	}
	got, err := db.Activity(ctx, saved.ID)
	if err != nil || got.Description != "" {
		t.Fatalf("last saved state: %+v, %v", got, err)
	}
	if _, n, _ := db.ListActivities(ctx, model.ActivityFilter{}); n != 1 {
		t.Fatalf("%d activities, want the one saved", n)
	}
	// And with room again, saving works.
	if err := db.CreateActivity(ctx, big); err != nil {
		t.Fatal(err)
	}
}

func TestJournalMode(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		network bool
		mode    string
		note    string
	}{
		{"LocalDiskWAL", false, "wal", ""},
		{"NetworkDriveRollbackJournal", true, "delete", "network drive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store.SetVolumeKind(t.Cleanup, tt.network)
			db := mustOpen(t)
			org := mustOrg(t, db, "MHWS")
			a := mustActivity(t, db, minimal(org.ID, "Payroll"))
			if got := db.JournalMode(); got != tt.mode {
				t.Errorf("JournalMode() = %q, want %q", got, tt.mode)
			}
			if note := db.VolumeNote(); (tt.note == "") != (note == "") || !strings.Contains(note, tt.note) {
				t.Errorf("VolumeNote() = %q", note)
			}
			path := db.Path()
			db.Close()
			if _, err := os.Stat(path + "-wal"); tt.network && err == nil {
				t.Error("a -wal file beside a register on a network drive")
			}
			db, err := store.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if got := db.JournalMode(); got != tt.mode {
				t.Errorf("after reopening, JournalMode() = %q", got)
			}
			if _, err := db.Activity(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		})
	}
}
