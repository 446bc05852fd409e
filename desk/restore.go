package desk

import (
	"context"
	"errors"
	"io/fs"
	"os"

	"github.com/ropadesk/ropadesk/model"
)

// RegisterFiles is what a restore needs from where registers are kept: the
// store's backups folder and its checked replace. cmd/ropactl and
// internal/uistore hand the store's over.
type RegisterFiles interface {
	// ReplaceWithBackup puts the backup in place of the closed register
	// at registerPath. It checks the backup completely first (SQLite's
	// integrity check, ROPA Desk's schema, its change history) and that it
	// is of the same register (its history began with the same entry;
	// model.ECONFLICT otherwise, unless anotherRegister), keeps the
	// current file as a "before-restore" backup, and only then replaces
	// it, so that a refusal or a crash leaves the register as it was.
	ReplaceWithBackup(ctx context.Context, registerPath, backupPath string, anotherRegister bool) error
	// BackupDir is the folder where the backups of the register at
	// registerPath are kept, the replaced file among them.
	BackupDir(registerPath string) string
}

// RestoreOptions change what Restore accepts.
type RestoreOptions struct {
	// AnotherRegister confirms that the backup is of another register and
	// is to replace this one anyway.
	AnotherRegister bool
}

// Restored says what a restore did.
type Restored struct {
	Register, Backup string
	// KeptIn is the folder holding the file the backup replaced, so the
	// restore can be undone.
	KeptIn string
}

// Restore puts the backup at backupPath in place of the closed register
// at registerPath: the one restore both front ends offer (the desktop
// app's Backups dialog and the damaged-file offer, and `ropactl restore`).
// It refuses, changing nothing, a backup that is missing, is not a file,
// or is the register itself; the files' own checks (see RegisterFiles)
// then run before anything is replaced.
func Restore(ctx context.Context, files RegisterFiles, registerPath, backupPath string, opt RestoreOptions) (Restored, error) {
	done := Restored{Register: registerPath, Backup: backupPath, KeptIn: files.BackupDir(registerPath)}
	if err := ctx.Err(); err != nil {
		return Restored{}, err
	}
	b, err := os.Stat(backupPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Restored{}, model.Errorf(model.ENOTFOUND, "The backup %s was not restored, because there is no such file. Nothing was changed.", backupPath)
	case errors.Is(err, fs.ErrPermission):
		return Restored{}, model.Errorf(model.EINVALID, "The backup %s was not restored, because you do not have permission to read it. Nothing was changed.", backupPath)
	case err != nil:
		return Restored{}, model.Errorf(model.EINVALID, "The backup %s was not restored, because it cannot be read. Nothing was changed.", backupPath)
	case !b.Mode().IsRegular():
		return Restored{}, model.Errorf(model.EINVALID, "The backup %s was not restored, because it is a folder or device, not a register file. Nothing was changed.", backupPath)
	}
	// The same file under another name (a symlink, a relative path, a
	// hard link): replacing a file with itself would first move it aside.
	if r, err := os.Stat(registerPath); err == nil && os.SameFile(r, b) {
		return Restored{}, model.Errorf(model.EINVALID, "The backup %s was not restored, because it is the register itself. Nothing was changed.", backupPath)
	}
	if err := files.ReplaceWithBackup(ctx, registerPath, backupPath, opt.AnotherRegister); err != nil {
		return Restored{}, err
	}
	return done, nil
}
