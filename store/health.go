package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

// Damaged reports whether the open-time check found the file damaged; the
// register is then open read-only and ReadOnly says so. Callers offer
// LastGoodBackup and Restore.
func (db *DB) Damaged() bool { return db.damaged }

// JournalMode is SQLite's journal mode for the register: "wal" on a local
// disk, "delete" (the rollback journal) on a network or removable drive.
func (db *DB) JournalMode() string {
	var mode string
	if err := db.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		return ""
	}
	return strings.ToLower(mode)
}

// VolumeNote is a sentence for the status bar when the register's drive
// changes how it is kept ("" on a local disk).
func (db *DB) VolumeNote() string { return db.volumeNote }

// uncleanExit reports whether the last program to write path stopped
// without closing it: its lock file is left by a process that is gone (or
// was never finished), or a journal SQLite would have removed on a clean
// close is still there. A false alarm only costs a full integrity check.
func uncleanExit(path string) bool {
	if _, err := os.Stat(lockPath(path)); err == nil {
		// A holder's note with nobody holding the lock: its writer ended
		// without closing. While someone holds it, its journal is in use.
		return !lockHeld(path)
	}
	for _, j := range []string{path + "-wal", path + "-journal"} {
		if st, err := os.Stat(j); err == nil && st.Size() > 0 {
			return true
		}
	}
	return false
}

// checkFile runs quick_check, or the full integrity_check when full is set,
// and returns what it found wrong; SQLite failing to read the file at all
// counts as damage too. quick_check skips only the index-content checks,
// so it finds overwritten or truncated pages in a fraction of the time.
func checkFile(ctx context.Context, d *sql.DB, full bool) ([]string, error) {
	pragma := "PRAGMA quick_check"
	if full {
		pragma = "PRAGMA integrity_check"
	}
	rows, err := d.QueryContext(ctx, pragma)
	if err != nil {
		if isDamage(err) {
			return []string{err.Error()}, nil
		}
		return nil, fmt.Errorf("check register: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("check register: %w", err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		if isDamage(err) {
			return append(problems, err.Error()), nil
		}
		return nil, fmt.Errorf("check register: %w", err)
	}
	return problems, nil
}

func isDamage(err error) bool {
	c := sqliteCode(err)
	return c == sqliteCorrupt || c == sqliteNotADB
}

// openChecks checks the file on Open's read-only connection ro before
// anything writes to it. A damaged file comes back as a read-only *DB on
// ro; a sound one as nil.
func openChecks(ctx context.Context, ro *sql.DB, path string) (*DB, error) {
	problems, err := checkFile(ctx, ro, uncleanExit(path))
	if err != nil {
		return nil, fmt.Errorf("open register %s: %w", path, err)
	}
	if len(problems) > 0 {
		const most = 5
		if len(problems) > most {
			problems = append(problems[:most], fmt.Sprintf("and %d more", len(problems)-most))
		}
		db := &DB{db: ro, path: path, user: defaultUser(), damaged: true}
		db.readOnly = fmt.Sprintf("The register file %s is damaged (SQLite found: %s). It is open read-only so that nothing more is lost.%s",
			path, strings.Join(problems, "; "), restoreOffer(path))
		return db, nil
	}
	return nil, nil
}

// beforeMigration backs up an existing register that a migration is about
// to change, so that a bad migration can be undone by restoring it.
func beforeMigration(ctx context.Context, path string, version int) error {
	if version >= latestVersion() {
		return nil
	}
	if _, err := backupFrom(ctx, path, DefaultBackupDir(path), "before-upgrade"); err != nil {
		return fmt.Errorf("back up %s before upgrading it: %w", path, err)
	}
	return nil
}

// restoreOffer is the sentence that points at the last good backup.
func restoreOffer(path string) string {
	b, ok := LastGoodBackup(path)
	if !ok {
		return " There is no backup of it to restore; keep a copy of the file as it is and contact support."
	}
	return fmt.Sprintf(" The last good backup is from %s (%s); restore it to carry on working.", b.Time.Local().Format("2 January 2006 15:04"), b.Path)
}

// unreadable is the error for a file that has a register's header but that
// SQLite cannot read: it is left alone and the user told where to turn.
func unreadable(path string, err error) error {
	if !isDamage(err) && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("open register %s: %w", path, err)
	}
	return fmt.Errorf("%w (%w)", notReadable(path), err)
}

func notReadable(path string) error {
	return model.Errorf(model.EINVALID, "The register file %s is damaged so badly that it cannot be read. It has not been changed.%s", path, restoreOffer(path))
}
