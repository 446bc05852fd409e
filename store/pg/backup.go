package pgstore

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// BackupTo writes the shared register, history and chain included, into
// a new register file at path (refused if it exists), and verifies the
// file before reporting success; a file that does not verify is removed.
// The file opens in ROPA Desk like any other register.
func (db *DB) BackupTo(ctx context.Context, path string) error {
	c, err := db.ReadCopy(ctx)
	if err != nil {
		return err
	}
	f, err := store.Create(ctx, path)
	if err != nil {
		return err
	}
	f.SetUser(db.currentUser())
	fail := func(err error) error {
		f.Close()
		for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal", path + ".lock"} {
			os.Remove(p)
		}
		return err
	}
	if err := f.WriteCopy(ctx, c); err != nil {
		return fail(fmt.Errorf("back up %s to %s: %w", db.where, path, err))
	}
	res, err := f.VerifyHistory(ctx)
	if err != nil {
		return fail(err)
	}
	if !res.OK() || (len(c.History) > 0 && res.Head != c.History[len(c.History)-1].Hash) {
		msg := "its history head differs"
		if !res.OK() {
			msg = res.Problems[0].Message
		}
		return fail(model.Errorf(model.EINTERNAL, "The backup of %s did not verify (%s), so it was removed.", db.where, msg))
	}
	if err := f.Close(); err != nil {
		return fail(fmt.Errorf("close %s: %w", path, err))
	}
	return nil
}

// backupDir is where BackupBeforeImport writes: BackupDir, or a
// folder per server and database in the user's cache folder, since a
// shared register has no folder of its own beside it.
func (db *DB) backupDir() (string, error) {
	if db.BackupDir != "" {
		return db.BackupDir, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find a folder for backups: %w", err)
	}
	return filepath.Join(cache, "ROPA Desk", "shared register backups", fileSafe(db.where)), nil
}

// BackupBeforeImport writes a verified .ropa snapshot before an import
// changes the register (desk.Register) and returns its path.
func (db *DB) BackupBeforeImport(ctx context.Context) (string, error) {
	return db.snapshot(ctx, "", "before-import-")
}

// Backup writes a verified .ropa snapshot of the shared register into
// dir ("" for the folder BackupBeforeImport uses) and returns its path,
// as the file store's Backup does for `ropactl backup`.
func (db *DB) Backup(ctx context.Context, dir string) (string, error) {
	return db.snapshot(ctx, dir, "backup-")
}

func (db *DB) snapshot(ctx context.Context, dir, prefix string) (string, error) {
	if dir == "" {
		var err error
		if dir, err = db.backupDir(); err != nil {
			return "", err
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("make the backups folder %s: %w", dir, err)
	}
	path := filepath.Join(dir, prefix+time.Now().UTC().Format("20060102T150405.000000000Z")+".ropa")
	if err := db.BackupTo(ctx, path); err != nil {
		return "", err
	}
	return path, nil
}

// fileSafe makes a name usable as a folder name everywhere.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, s)
}
