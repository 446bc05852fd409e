package store_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

func TestBackup(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	a := mustActivity(t, db, fullActivity(org.ID))

	t.Run("OK", func(t *testing.T) {
		p, err := db.Backup(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		dir := store.DefaultBackupDir(db.Path())
		if filepath.Dir(p) != dir || filepath.Base(dir) != "test backups" {
			t.Fatalf("backup at %s, want it in %s", p, dir)
		}
		if !strings.HasPrefix(filepath.Base(p), "test-") || !strings.HasSuffix(p, ".ropa") {
			t.Fatalf("backup name %s", filepath.Base(p))
		}
		if names := dirNames(t, dir); len(names) != 1 {
			t.Fatalf("backup folder holds %v; want only the backup, no temporary file", names)
		}
		b, err := openNoLock(p)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		got, err := b.Activity(ctx, a.ID)
		if err != nil || got.Name != a.Name {
			t.Fatalf("activity in backup: %v, %v", got, err)
		}
		if res, err := b.VerifyHistory(ctx); err != nil || !res.OK() {
			t.Fatalf("backup history: %+v, %v", res, err)
		}
		list, err := store.ListBackups(dir)
		if err != nil || len(list) != 1 || !list[0].OK || list[0].Path != p || list[0].Size == 0 {
			t.Fatalf("ListBackups = %+v, %v", list, err)
		}
		if d := time.Since(list[0].Time); d < 0 || d > time.Minute {
			t.Fatalf("backup time %v", list[0].Time)
		}
	})
	t.Run("Daily", func(t *testing.T) {
		dir := store.DefaultBackupDir(db.Path())
		os.RemoveAll(dir)
		p, made, err := db.DailyBackup(ctx)
		if err != nil || !made || p == "" {
			t.Fatalf("first DailyBackup = %q, %v, %v", p, made, err)
		}
		p, made, err = db.DailyBackup(ctx)
		if err != nil || made || p != "" {
			t.Fatalf("second DailyBackup the same day = %q, %v, %v", p, made, err)
		}
	})
	t.Run("BeforeImportUnchanged", func(t *testing.T) {
		// Nothing changed since the daily backup: it is the one returned.
		dir := store.DefaultBackupDir(db.Path())
		before := dirNames(t, dir)
		p, err := db.BackupBeforeImport(ctx)
		if err != nil || strings.Contains(p, "-before-import") || len(dirNames(t, dir)) != len(before) {
			t.Fatalf("BackupBeforeImport = %q, %v; folder %v", p, err, dirNames(t, dir))
		}
	})
	t.Run("BeforeImport", func(t *testing.T) {
		a.Description = "changed since the last backup"
		if err := db.UpdateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
		p, err := db.BackupBeforeImport(ctx)
		if err != nil || !strings.Contains(p, "-before-import") {
			t.Fatalf("BackupBeforeImport = %q, %v", p, err)
		}
		list, _ := store.ListBackups(store.DefaultBackupDir(db.Path()))
		if list[0].Path != p || list[0].Reason != "before-import" {
			t.Fatalf("newest backup %+v", list[0])
		}
	})
}

func TestRotate(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	mustOrg(t, db, "MHWS")
	src, err := db.Backup(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(src)
	dir := t.TempDir()
	now := time.Now().UTC()
	write := func(ago time.Duration, suffix string, data []byte) string {
		name := "reg-" + now.Add(-ago).Format("20060102T150405Z") + suffix + ".ropa"
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
		return name
	}
	day := 24 * time.Hour
	var kept, gone []string
	kept = append(kept, write(time.Hour, "", good), write(2*time.Hour, "-before-import", good))
	for d := 1; d <= 6; d++ { // six more days: days 1..7 with the first
		kept = append(kept, write(time.Duration(d)*day+time.Hour, "", good))
		gone = append(gone, write(time.Duration(d)*day+2*time.Hour, "", good)) // older the same day
	}
	// Weeks: backups every day for the five weeks before the daily window.
	weekly := map[string][]string{}
	for d := 7; d < 7+35; d++ {
		tm := now.Add(-time.Duration(d)*day - 3*time.Hour)
		y, w := tm.Local().ISOWeek()
		k := string(rune('0'+y%10)) + "-" + time.Duration(w).String()
		weekly[k] = append(weekly[k], write(time.Duration(d)*day+3*time.Hour, "", good))
	}
	damaged := write(3*day+5*time.Hour, "", []byte("not a register"))
	notBackup := filepath.Join(dir, "notes.txt")
	os.WriteFile(notBackup, []byte("keep me"), 0o600)

	removed, err := store.Rotate(dir, 7, 4)
	if err != nil {
		t.Fatal(err)
	}
	left := dirNames(t, dir)
	for _, k := range kept {
		if !slices.Contains(left, k) {
			t.Errorf("daily backup %s removed", k)
		}
	}
	for _, g := range gone {
		if slices.Contains(left, g) {
			t.Errorf("older backup of a kept day %s not removed", g)
		}
	}
	if slices.Contains(left, damaged) {
		t.Errorf("a damaged backup older than today was kept")
	}
	if !slices.Contains(left, "notes.txt") {
		t.Error("Rotate removed a file that is not a backup")
	}
	// 9 daily (two today) + 4 weekly + notes.txt.
	if len(left) != len(kept)+4+1 {
		t.Errorf("%d files left, want %d: %v", len(left), len(kept)+4+1, left)
	}
	if len(removed) == 0 || !strings.HasPrefix(removed[0], dir) {
		t.Errorf("removed = %v", removed)
	}
}

func TestRestore(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	a := mustActivity(t, db, minimal(org.ID, "Payroll"))
	backup, err := db.Backup(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	a.Description = "Edited after the backup"
	if err := db.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	path := db.Path()

	t.Run("ErrOpen", func(t *testing.T) {
		err := store.Restore(ctx, path, backup)
		wantCode(t, err, model.ECONFLICT)
		if !strings.Contains(model.ErrorMessage(err), "while it is open") {
			t.Fatalf("message %q", model.ErrorMessage(err))
		}
	})
	t.Run("ErrNotABackup", func(t *testing.T) {
		junk := filepath.Join(t.TempDir(), "junk-20260101T000000Z.ropa")
		os.WriteFile(junk, []byte("junk"), 0o600)
		wantCode(t, store.Restore(ctx, path, junk), model.EINVALID)
	})
	db.Close()
	t.Run("OK", func(t *testing.T) {
		if err := store.Restore(ctx, path, backup); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(path + ".lock"); err == nil {
			t.Fatal("Restore left its lock")
		}
		r, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		got, err := r.Activity(ctx, a.ID)
		if err != nil || got.Description != "" {
			t.Fatalf("after restore: %+v, %v", got, err)
		}
		if res, err := r.VerifyHistory(ctx); err != nil || !res.OK() {
			t.Fatalf("restored history: %+v, %v", res, err)
		}
		// The file replaced was kept.
		list, _ := store.ListBackups(store.DefaultBackupDir(path))
		var before *store.BackupInfo
		for i := range list {
			if list[i].Reason == "before-restore" {
				before = &list[i]
			}
		}
		if before == nil {
			t.Fatalf("no before-restore backup in %+v", list)
		}
		kept, err := openNoLock(before.Path)
		if err != nil {
			t.Fatal(err)
		}
		defer kept.Close()
		if got, _ := kept.Activity(ctx, a.ID); got == nil || got.Description != "Edited after the backup" {
			t.Fatalf("the replaced file's edit is not in its backup: %+v", got)
		}
	})
}

func TestBackupBeforeUpgrade(t *testing.T) {
	// A register from before the first migration: only its application_id.
	path := filepath.Join(t.TempDir(), "old.ropa")
	rawExec(t, path, `PRAGMA application_id = 1380929601`)
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, err := store.ListBackups(store.DefaultBackupDir(path))
	if err != nil || len(list) != 1 || list[0].Reason != "before-upgrade" || !list[0].OK {
		t.Fatalf("backups = %+v, %v", list, err)
	}
	// Opening again (nothing to migrate) makes no further backup.
	db.Close()
	db2, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db2.Close()
	if list, _ := store.ListBackups(store.DefaultBackupDir(path)); len(list) != 1 {
		t.Fatalf("%d backups after a second open", len(list))
	}
}
