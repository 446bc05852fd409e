package ui_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// storeBackups is the BackupSource cmd/ropa would wire: the store's
// backups, restoring after closing the register and reopening it after.
type storeBackups struct {
	path string
	db   *store.DB
}

func (s *storeBackups) Backups(ctx context.Context) ([]ui.BackupEntry, error) {
	list, err := store.ListBackups(store.DefaultBackupDir(s.path))
	var out []ui.BackupEntry
	for _, b := range list {
		out = append(out, ui.BackupEntry{Path: b.Path, Time: b.Time, Size: b.Size, Reason: b.Reason, OK: b.OK, Problem: b.Problem})
	}
	return out, err
}

func (s *storeBackups) BackUpNow(ctx context.Context) (string, error) { return s.db.Backup(ctx, "") }

func (s *storeBackups) Restore(ctx context.Context, backup string) error {
	s.db.Close()
	err := store.Restore(ctx, s.path, backup)
	db, oerr := store.Open(ctx, s.path)
	if oerr != nil {
		return oerr
	}
	s.db = db
	return err
}

func TestBackupsDialog(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "b.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	src := &storeBackups{path: path, db: db}
	defer func() { src.db.Close() }()
	org := &model.Organisation{Name: "MHWS", Roles: []model.Role{model.RoleController}}
	db.CreateOrganisation(ctx, org)

	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(800, 600))
	d := ui.NewBackupsDialog(src, w)
	var asked string
	answer := true
	d.Confirm = func(title, msg string, done func(bool)) { asked = msg; done(answer) }
	d.Show()
	ui.SettleScreens()
	if len(d.Backups()) != 0 || !strings.Contains(d.Status(), "no backups") {
		t.Fatalf("empty folder: %d backups, status %q", len(d.Backups()), d.Status())
	}
	if !d.RestoreButton().Disabled() {
		t.Fatal("Restore… enabled with nothing to restore")
	}

	test.Tap(d.BackUpButton())
	ui.SettleScreens()
	if len(d.Backups()) != 1 || d.LastGood() != 0 || !strings.Contains(d.Status(), "Backed up to") {
		t.Fatalf("after Back up now: %+v, status %q", d.Backups(), d.Status())
	}

	// Change the register, then restore the backup: the change is gone.
	org.Name = "Renamed after the backup"
	if err := src.db.UpdateOrganisation(ctx, org); err != nil {
		t.Fatal(err)
	}
	if d.RestoreButton().Disabled() {
		t.Fatal("the last good backup is not selected for Restore…")
	}
	answer = false
	test.Tap(d.RestoreButton())
	ui.SettleScreens()
	if asked == "" {
		t.Fatal("Restore… did not ask first")
	}
	if got, _ := src.db.Organisation(ctx, org.ID); got.Name != "Renamed after the backup" {
		t.Fatal("restored although the user said no")
	}
	answer = true
	test.Tap(d.RestoreButton())
	ui.SettleScreens()
	if !strings.Contains(d.Status(), "Restored the backup") {
		t.Fatalf("status %q", d.Status())
	}
	got, err := src.db.Organisation(ctx, org.ID)
	if err != nil || got.Name != "MHWS" {
		t.Fatalf("after restore: %+v, %v", got, err)
	}
	// The list now holds the backup and the register as it was before.
	if len(d.Backups()) != 2 || d.Backups()[0].Reason != "before-restore" {
		t.Fatalf("backups after restore: %+v", d.Backups())
	}
}
