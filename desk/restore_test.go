package desk_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// storeFiles is the store's register files, as cmd/ropactl and
// internal/uistore hand them to desk.Restore.
type storeFiles struct{}

func (storeFiles) ReplaceWithBackup(ctx context.Context, reg, backup string, another bool) error {
	return store.RestoreWith(ctx, reg, backup, store.RestoreOptions{AnotherRegister: another})
}

func (storeFiles) BackupDir(reg string) string { return store.DefaultBackupDir(reg) }

// registerWithBackup makes a register of one organisation, backs it up,
// then renames the organisation final, and closes it.
func registerWithBackup(t *testing.T, dir, name, final string) (reg, backup string) {
	t.Helper()
	ctx := context.Background()
	reg = filepath.Join(dir, name+".ropa")
	db, err := store.Create(ctx, reg)
	if err != nil {
		t.Fatal(err)
	}
	org := model.Organisation{Name: "Before"}
	if err := db.CreateOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	backup, err = db.Backup(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	org.Name = final
	if err := db.UpdateOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return reg, backup
}

func organisationNames(t *testing.T, path string) string {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := db.Register(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range r.Organisations {
		names = append(names, o.Name)
	}
	return strings.Join(names, ",")
}

// TestRestore: the one restore both front ends call puts the backup in
// place, keeps the replaced file, and refuses — changing nothing — a
// backup that is missing, damaged, the register itself, or of another
// register unless that is confirmed.
func TestRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	reg, backup := registerWithBackup(t, dir, "clinic", "After")
	other, _ := registerWithBackup(t, dir, "other", "Other")

	unchanged := func(t *testing.T) {
		t.Helper()
		if got := organisationNames(t, reg); got != "After" {
			t.Fatalf("a refused restore changed the register: organisations %q", got)
		}
	}
	t.Run("Missing", func(t *testing.T) {
		_, err := desk.Restore(ctx, storeFiles{}, reg, filepath.Join(dir, "nowhere.ropa"), desk.RestoreOptions{})
		if model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("missing backup: %v", err)
		}
		unchanged(t)
	})
	t.Run("Damaged", func(t *testing.T) {
		bad := filepath.Join(dir, "damaged.ropa")
		data, err := os.ReadFile(backup)
		if err != nil {
			t.Fatal(err)
		}
		// Cut off after the header: the file claims to be SQLite but its
		// pages are gone, which the full check must find.
		if err := os.WriteFile(bad, data[:len(data)/2], 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := desk.Restore(ctx, storeFiles{}, reg, bad, desk.RestoreOptions{}); err == nil {
			t.Fatal("a damaged backup was restored")
		}
		unchanged(t)
	})
	t.Run("Itself", func(t *testing.T) {
		link := filepath.Join(dir, "link.ropa")
		if err := os.Symlink(reg, link); err != nil {
			t.Fatal(err)
		}
		_, err := desk.Restore(ctx, storeFiles{}, reg, link, desk.RestoreOptions{})
		if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), "the register itself") {
			t.Fatalf("restoring the register over itself: %v", err)
		}
		unchanged(t)
	})
	t.Run("AnotherRegister", func(t *testing.T) {
		_, err := desk.Restore(ctx, storeFiles{}, reg, other, desk.RestoreOptions{})
		if model.ErrorCode(err) != model.ECONFLICT {
			t.Fatalf("another register's file: %v", err)
		}
		unchanged(t)
	})
	t.Run("OK", func(t *testing.T) {
		done, err := desk.Restore(ctx, storeFiles{}, reg, backup, desk.RestoreOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := organisationNames(t, reg); got != "Before" {
			t.Fatalf("after restore: organisations %q, want the backup's", got)
		}
		if done.KeptIn != store.DefaultBackupDir(reg) {
			t.Errorf("KeptIn %q", done.KeptIn)
		}
		list, err := store.ListBackups(done.KeptIn)
		if err != nil {
			t.Fatal(err)
		}
		kept := false
		for _, b := range list {
			if b.Reason == "before-restore" && organisationNames(t, b.Path) == "After" {
				kept = true
			}
		}
		if !kept {
			t.Error("the replaced register was not kept as a before-restore backup")
		}
	})
	t.Run("AnotherRegisterConfirmed", func(t *testing.T) {
		if _, err := desk.Restore(ctx, storeFiles{}, reg, other, desk.RestoreOptions{AnotherRegister: true}); err != nil {
			t.Fatal(err)
		}
		if got := organisationNames(t, reg); got != "Other" {
			t.Fatalf("after a confirmed restore of another register: %q", got)
		}
	})
}
