//go:build unix

package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

func backupOf(t *testing.T, path string) string {
	t.Helper()
	db, err := store.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := db.Backup(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRestoreVerifiesFirst: a backup whose history fails, another
// register's backup and a backup carrying a trigger are refused before
// anything is replaced; a sound backup of the same register is restored,
// through a symlink into the real file.
func TestRestoreVerifiesFirst(t *testing.T) {
	ctx := context.Background()
	path := newRegister(t)
	good := backupOf(t, path)
	before := fileSum(t, path)

	tampered := backupOf(t, path)
	rawExec(t, tampered, `UPDATE history SET user = 'Mallory' WHERE seq = 1`)
	wantCode(t, store.Restore(ctx, path, tampered), model.EINVALID)

	hostile := backupOf(t, path)
	rawExec(t, hostile, `CREATE TRIGGER t AFTER INSERT ON history BEGIN DELETE FROM history; END`)
	err := store.Restore(ctx, path, hostile)
	wantCode(t, err, model.EINVALID)
	if !strings.Contains(model.ErrorMessage(err), `trigger "t" on history`) {
		t.Fatalf("message = %q", model.ErrorMessage(err))
	}

	other := backupOf(t, newRegister(t))
	wantCode(t, store.Restore(ctx, path, other), model.ECONFLICT)
	if fileSum(t, path) != before {
		t.Fatal("a refused restore changed the register")
	}
	if err := store.RestoreWith(ctx, path, other, store.RestoreOptions{AnotherRegister: true}); err != nil {
		t.Fatalf("confirmed restore of another register: %v", err)
	}

	// Through a symlink: the real file is replaced, the link stays a link.
	link := filepath.Join(t.TempDir(), "link.ropa")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	if err := store.RestoreWith(ctx, link, good, store.RestoreOptions{AnotherRegister: true}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the symlink was replaced: %v", err)
	}
	if fileSum(t, path) != fileSum(t, good) {
		t.Fatal("restore through the symlink did not replace the real file")
	}
}

// TestPrivateFiles: under umask 022 every file the store makes is 0600 and
// the backup folder 0700.
func TestPrivateFiles(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "private.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustOrg(t, db, "MHWS")
	b, err := db.Backup(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	before, err := db.BackupBeforeImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", path + ".lock", b, before} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if m := st.Mode().Perm(); m != 0o600 {
			t.Errorf("%s is %o, want 600", filepath.Base(p), m)
		}
	}
	if st, _ := os.Stat(store.DefaultBackupDir(path)); st.Mode().Perm() != 0o700 {
		t.Errorf("backup folder is %o", st.Mode().Perm())
	}
}

// TestRotationNeverGrowsWithoutBound: many backups in a day are cut to
// the newest few, and the folder to its byte budget.
func TestRotationNeverGrowsWithoutBound(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	mustOrg(t, db, "MHWS")
	dir := store.DefaultBackupDir(db.Path())
	var paths []string
	for i := 0; i < 8; i++ {
		p, err := db.Backup(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	store.SetBackupBounds(t.Cleanup, 5, 1<<40)
	if _, err := store.Rotate(dir, 7, 4); err != nil {
		t.Fatal(err)
	}
	if list, _ := store.ListBackups(dir); len(list) != 5 {
		t.Fatalf("%d backups kept, want the newest 5", len(list))
	}
	st, _ := os.Stat(paths[len(paths)-1])
	store.SetBackupBounds(t.Cleanup, 100, 2*st.Size()+1)
	if _, err := store.Rotate(dir, 7, 4); err != nil {
		t.Fatal(err)
	}
	list, _ := store.ListBackups(dir)
	if len(list) != 2 || list[0].Path != paths[len(paths)-1] {
		t.Fatalf("kept %+v within a budget of two backups", list)
	}
}
