package store_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/store"
)

// lifecycle creates a register at path, backs it up, edits it, reopens it
// under another spelling of the same path (reopen, "" for the same), and
// restores the backup. It checks each step found the same file, and that
// the folders hold nothing but the register and its backups afterwards:
// Restore leaves no temporary, journal or "-replaced" file behind.
func lifecycle(t *testing.T, path, reopen string) {
	t.Helper()
	ctx := context.Background()
	if reopen == "" {
		reopen = path
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatalf("Create %s: %v", path, err)
	}
	org := mustOrg(t, db, "Mid Herts Wellbeing Service")
	a := mustActivity(t, db, minimal(org.ID, "Payroll"))
	backup, err := db.Backup(ctx, "")
	if err != nil {
		db.Close()
		t.Fatalf("Backup of %s: %v", path, err)
	}
	a.Description = "Edited after the backup"
	if err := db.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	db.Close()

	again, err := store.Open(ctx, reopen)
	if err != nil {
		t.Fatalf("Open %s: %v", reopen, err)
	}
	got, err := again.Activity(ctx, a.ID)
	again.Close()
	if err != nil || got.Description != "Edited after the backup" {
		t.Fatalf("%s opened as %s: %+v, %v", path, reopen, got, err)
	}

	if err := store.Restore(ctx, reopen, backup); err != nil {
		t.Fatalf("Restore %s: %v", reopen, err)
	}
	restored, err := store.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open after restore: %v", err)
	}
	got, err = restored.Activity(ctx, a.ID)
	restored.Close()
	if err != nil || got.Description != "" {
		t.Fatalf("after restore: %+v, %v", got, err)
	}

	backups := store.DefaultBackupDir(path)
	wantFiles(t, filepath.Dir(path), filepath.Base(path), filepath.Base(backups))
	names := listDir(t, backups)
	if len(names) != 2 || names[0] != filepath.Base(backup) && names[1] != filepath.Base(backup) ||
		!strings.Contains(strings.Join(names, " "), "before-restore") {
		t.Errorf("backups folder holds %q, want the backup %s and one before-restore copy", names, filepath.Base(backup))
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func wantFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	sort.Strings(want)
	if got := listDir(t, dir); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s holds %q, want %q", dir, got, want)
	}
}

// Names a DPO gives files: spaces, accents, an apostrophe, a dash.
func TestLifecycleUnusualNames(t *testing.T) {
	for _, name := range []string{
		"Record of processing.ropa",
		"Zoë's register – Brontë Trust.ropa",
		"ÆØÅ 2026 (final) v2.ropa",
	} {
		t.Run(name, func(t *testing.T) {
			lifecycle(t, filepath.Join(t.TempDir(), "Data Protection", name), "")
		})
	}
}
