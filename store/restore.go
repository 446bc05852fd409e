package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ropadesk/ropadesk/model"
)

// RestoreOptions change what Restore accepts.
type RestoreOptions struct {
	// AnotherRegister confirms that the backup is of another register
	// (its history began elsewhere) and is to replace this one anyway.
	AnotherRegister bool
}

// Restore puts the backup at backupPath in place of the register at
// registerPath; see RestoreWith.
func Restore(ctx context.Context, registerPath, backupPath string) error {
	return RestoreWith(ctx, registerPath, backupPath, RestoreOptions{})
}

// RestoreWith puts the backup at backupPath in place of the register at
// registerPath (the real file, when registerPath is a symlink). It first
// checks the backup completely, and replaces nothing unless it passes:
// SQLite's full integrity check, ROPA Desk's schema exactly, its change
// history verified, and the same register (its history begins with the
// same entry; ECONFLICT unless opt.AnotherRegister). The register must not
// be open (close it first): Restore takes its lock. The current file is
// itself backed up first (or, if it is too damaged to copy, kept byte for
// byte beside the backups), then the backup is copied to a temporary file
// beside the register, synced, and renamed over it, so a crash leaves
// either the old file or the new one.
func RestoreWith(ctx context.Context, registerPath, backupPath string, opt RestoreOptions) error {
	registerPath = realPath(registerPath)
	if err := checkRestorable(ctx, registerPath, backupPath, opt); err != nil {
		return err
	}
	var lock *lockFile
	if _, err := os.Stat(registerPath); err == nil {
		// No lock when there is no file yet: nobody can have it open.
		var holder *LockHolder
		lock, holder, err = acquireLock(registerPath)
		if err != nil {
			return fmt.Errorf("restore %s: %w", registerPath, err)
		}
		if holder != nil {
			return model.Errorf(model.ECONFLICT, "The register cannot be restored while it is open. %s", holder.Message(registerPath))
		}
		defer lock.release()
	}

	dir := DefaultBackupDir(registerPath)
	if _, err := os.Stat(registerPath); err == nil {
		if err := keepCurrent(ctx, registerPath, dir); err != nil {
			return fmt.Errorf("restore %s: keep the current file first: %w", registerPath, err)
		}
	}
	tmp, err := copyToTemp(backupPath, filepath.Dir(registerPath))
	if err != nil {
		return fmt.Errorf("restore %s: %w", registerPath, err)
	}
	defer tmp.done()
	// The journals belong to the file being replaced; left beside the
	// restored one, SQLite would replay them into it. Nobody else has
	// them open: we hold the lock.
	for _, j := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(registerPath + j); err != nil && !errors.Is(err, fs.ErrNotExist) {
			tmp.discard()
			return fmt.Errorf("restore %s: %w", registerPath, err)
		}
	}
	if lock != nil {
		lock.os.beforeReplace()
	}
	if err := renameDurably(tmp.path, registerPath); err != nil {
		tmp.discard()
		return fmt.Errorf("restore %s: %w", registerPath, err)
	}
	if err := syncDir(filepath.Dir(registerPath)); err != nil {
		return fmt.Errorf("restore %s: %w", registerPath, err)
	}
	return nil
}

// checkRestorable checks the backup before anything is replaced.
func checkRestorable(ctx context.Context, registerPath, backupPath string, opt RestoreOptions) error {
	refuse := func(why string) error {
		return model.Errorf(model.EINVALID, "The backup %s was not restored, because %s. Nothing was changed.", backupPath, why)
	}
	if err := checkHeader(backupPath); err != nil {
		return refuse("it is not a sound register: " + strings.TrimSuffix(model.ErrorMessage(err), "."))
	}
	d, err := openReadOnly(backupPath)
	if err != nil {
		return fmt.Errorf("restore from %s: %w", backupPath, err)
	}
	defer d.Close()
	problems, err := checkFile(ctx, d, true)
	if err != nil {
		return fmt.Errorf("restore from %s: %w", backupPath, err)
	}
	if len(problems) > 0 {
		return refuse("it is damaged (SQLite found: " + strings.Join(problems, "; ") + ")")
	}
	found, err := CheckSchema(ctx, backupPath)
	if err != nil {
		return fmt.Errorf("restore from %s: %w", backupPath, err)
	}
	if len(found) > 0 {
		return refuse("it contains things a ROPA Desk register never has (" + strings.Join(found, "; ") + ")")
	}
	var version int
	if err := d.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return fmt.Errorf("restore from %s: %w", backupPath, err)
	}
	if version > latestVersion() {
		return refuse("it was written by a newer version of ROPA Desk")
	}
	if version >= 1 {
		b := &DB{db: d, path: backupPath}
		res, err := b.VerifyHistory(ctx)
		if err != nil {
			return fmt.Errorf("restore from %s: %w", backupPath, err)
		}
		if !res.OK() {
			return refuse(fmt.Sprintf("its change history does not verify (%s)", res.Problems[0].Message))
		}
	}
	if opt.AnotherRegister {
		return nil
	}
	theirs := historyOrigin(ctx, d)
	if theirs == "" || checkHeader(registerPath) != nil {
		return nil
	}
	cur, err := openReadOnly(registerPath)
	if err != nil {
		return nil // the register is unreadable: replacing it is the point
	}
	defer cur.Close()
	if ours := historyOrigin(ctx, cur); ours != "" && ours != theirs {
		return model.Errorf(model.ECONFLICT, "The backup %s is of another register: its change history began elsewhere than that of %s. Nothing was changed. Restore it only if you mean to replace this register with that other one.", backupPath, registerPath)
	}
	return nil
}

// historyOrigin is the hash of a register's first history entry: the same
// in every copy and backup of one register, and different in any other.
func historyOrigin(ctx context.Context, d *sql.DB) string {
	var h string
	if err := d.QueryRowContext(ctx, `SELECT hash FROM history WHERE seq = 1`).Scan(&h); err != nil {
		return ""
	}
	return h
}

// keepCurrent backs up the register about to be replaced. A file too
// damaged for VACUUM INTO is copied as it is, with its journal, under a
// name ListBackups does not offer.
func keepCurrent(ctx context.Context, path, dir string) error {
	if err := checkHeader(path); err == nil {
		if _, err := backupFrom(ctx, path, dir, "before-restore"); err == nil {
			return nil
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	stamp := time.Now().UTC().Format(backupStamp)
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + "-" + stamp + "-replaced"
	for _, suffix := range []string{"", "-wal"} {
		if _, err := os.Stat(path + suffix); err != nil {
			continue
		}
		tmp, err := copyToTemp(path+suffix, dir)
		if err != nil {
			return err
		}
		err = renameDurably(tmp.path, filepath.Join(dir, base+".ropa-damaged"+suffix))
		if err != nil {
			tmp.discard()
			return err
		}
		tmp.done()
	}
	return syncDir(dir)
}

// copyToTemp copies src to a new synced, locked temporary file in dir.
func copyToTemp(src, dir string) (*tempFile, error) {
	in, err := os.Open(src)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	t, err := newTempFile(dir, ".restore-*.part")
	if err != nil {
		return nil, err
	}
	out, err := os.OpenFile(t.path, os.O_WRONLY, 0)
	if err != nil {
		t.discard()
		return nil, err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.discard()
		return nil, err
	}
	return t, nil
}
