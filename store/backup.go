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
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ropadesk/ropadesk/model"
)

// Rotation defaults: the newest backup of each of the last 7 days with
// backups, and of each of the 4 weeks before them. The settings
// backup_keep_daily and backup_keep_weekly change them.
const (
	DefaultKeepDaily  = 7
	DefaultKeepWeekly = 4

	SettingKeepDaily  = "backup_keep_daily"
	SettingKeepWeekly = "backup_keep_weekly"
)

// backupStamp is the UTC time in a backup's name; it sorts as text.
const backupStamp = "20060102T150405Z"

// backupName matches "<register>-<stamp>[-reason][-n].ropa".
var backupName = regexp.MustCompile(`-(\d{8}T\d{6}Z)(-[a-z]+(?:-[a-z]+)*)?(-\d+)?\.ropa$`)

// BackupInfo describes one backup file.
type BackupInfo struct {
	Path string
	Time time.Time // when it was made (from its name), UTC
	Size int64
	// Reason is why it was made beyond the daily copy: "before-import",
	// "before-upgrade", "before-restore", or "" for a daily or manual one.
	Reason string
	// OK is whether SQLite's quick_check passed on it just now.
	OK bool
	// Problem says what is wrong when OK is false.
	Problem string

	modTime time.Time // orders backups made in the same second
}

// DefaultBackupDir is where a register's backups go: a folder beside it
// named after it, so that copying the folder a register is in copies its
// backups too.
func DefaultBackupDir(registerPath string) string {
	base := strings.TrimSuffix(filepath.Base(registerPath), filepath.Ext(registerPath))
	return filepath.Join(filepath.Dir(registerPath), base+" backups")
}

// Backup writes a consistent copy of the register into dir ("" means
// DefaultBackupDir) and returns its path. The copy is made with VACUUM
// INTO under a temporary name, synced to disk, checked with quick_check,
// and only then given its final name, so a file with a backup's name is
// always a complete, checked backup.
func (db *DB) Backup(ctx context.Context, dir string) (string, error) {
	return db.backup(ctx, dir, "")
}

func (db *DB) backup(ctx context.Context, dir, reason string) (string, error) {
	if db.damaged {
		return "", model.Errorf(model.EINVALID, "The register is damaged, so it cannot be backed up; restore a backup instead.")
	}
	if dir == "" {
		dir = DefaultBackupDir(db.path)
	}
	return backupFrom(ctx, db.path, dir, reason)
}

// BackupBeforeImport makes the backup an import is preceded by. Callers
// of Apply that bring in outside data (the import screen, ropactl import)
// call it first; Apply itself does not, because the example register and
// restored values go through Apply too.
func (db *DB) BackupBeforeImport(ctx context.Context) (string, error) {
	p, err := db.backup(ctx, "", "before-import")
	if err != nil {
		return "", err
	}
	db.rotate(ctx)
	return p, nil
}

// DailyBackup makes today's backup if there is none yet (today in local
// time, as the DPO counts days) and rotates the folder. It reports the new
// backup's path and whether one was made. The app calls it on open and
// now and then while it runs.
func (db *DB) DailyBackup(ctx context.Context) (string, bool, error) {
	if db.readOnly != "" {
		return "", false, nil // someone else's copy, or damaged: not ours to back up
	}
	dir := DefaultBackupDir(db.path)
	list, err := ListBackups(dir)
	if err != nil {
		return "", false, err
	}
	y, m, d := time.Now().Date()
	for _, b := range list {
		if by, bm, bd := b.Time.Local().Date(); by == y && bm == m && bd == d && b.OK {
			return "", false, nil
		}
	}
	p, err := db.backup(ctx, dir, "")
	if err != nil {
		return "", false, err
	}
	db.rotate(ctx)
	return p, true, nil
}

// rotate prunes the default backup folder by the register's settings. A
// failure only leaves extra backups, so it is not reported.
func (db *DB) rotate(ctx context.Context) {
	daily, weekly := DefaultKeepDaily, DefaultKeepWeekly
	if s, err := db.Setting(ctx, SettingKeepDaily); err == nil && s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			daily = n
		}
	}
	if s, err := db.Setting(ctx, SettingKeepWeekly); err == nil && s != "" {
		if n, err := strconv.Atoi(s); err == nil && n >= 0 {
			weekly = n
		}
	}
	_, _ = Rotate(DefaultBackupDir(db.path), daily, weekly)
}

// backupFrom copies the register at path to a new backup in dir. It reads
// through a connection of its own that may read but not write (query_only,
// which the store's read-only connections set, forbids VACUUM INTO too),
// and sees the last committed state, whoever is writing.
func backupFrom(ctx context.Context, path, dir, reason string) (string, error) {
	d, err := dsn(path, true)
	if err != nil {
		return "", fmt.Errorf("back up %s: %w", path, err)
	}
	src, err := sql.Open(driverName, strings.Replace(d, "&_query_only=1", "", 1))
	if err != nil {
		return "", fmt.Errorf("back up %s: %w", path, err)
	}
	defer src.Close()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("back up %s: %w", path, err)
	}
	final, err := freeBackupName(dir, path, time.Now().UTC(), reason)
	if err != nil {
		return "", fmt.Errorf("back up %s: %w", path, err)
	}
	tmp := filepath.Join(dir, "."+filepath.Base(final)+".part")
	os.Remove(tmp) // a leftover of a crashed backup; VACUUM INTO wants a new file
	if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("back up %s: %w", path, err)
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("back up %s: %w", path, err)
	}
	if problem := checkBackup(ctx, tmp); problem != "" {
		os.Remove(tmp)
		return "", fmt.Errorf("back up %s: the copy failed its check: %s", path, problem)
	}
	if err := renameDurably(tmp, final); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("back up %s: %w", path, err)
	}
	if err := syncDir(dir); err != nil {
		return "", fmt.Errorf("back up %s: %w", path, err)
	}
	return final, nil
}

// freeBackupName is the name for a backup of path made at t; a second
// backup in the same second gets a number.
func freeBackupName(dir, path string, t time.Time, reason string) (string, error) {
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + "-" + t.Format(backupStamp)
	if reason != "" {
		stem += "-" + reason
	}
	for n := 1; n < 1000; n++ {
		name := stem + Extension
		if n > 1 {
			name = fmt.Sprintf("%s-%d%s", stem, n, Extension)
		}
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
	}
	return "", fmt.Errorf("too many backups at %s", t.Format(backupStamp))
}

// checkBackup opens a backup read-only and runs quick_check; "" means it is
// a sound register.
func checkBackup(ctx context.Context, path string) string {
	if err := checkHeader(path); err != nil {
		return model.ErrorMessage(err)
	}
	d, err := openReadOnly(path)
	if err != nil {
		return err.Error()
	}
	defer d.Close()
	problems, err := checkFile(ctx, d, false)
	if err != nil {
		return err.Error()
	}
	return strings.Join(problems, "; ")
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ListBackups lists the backups in dir, newest first, each checked with
// quick_check. A missing folder has none.
func ListBackups(dir string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups in %s: %w", dir, err)
	}
	var out []BackupInfo
	for _, e := range entries {
		b, ok := parseBackup(dir, e)
		if !ok {
			continue
		}
		b.Problem = checkBackup(context.Background(), b.Path)
		b.OK = b.Problem == ""
		out = append(out, b)
	}
	sortNewestFirst(out)
	return out, nil
}

// listBackupNames lists backups without checking them, newest first.
func listBackupNames(dir string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups in %s: %w", dir, err)
	}
	var out []BackupInfo
	for _, e := range entries {
		if b, ok := parseBackup(dir, e); ok {
			out = append(out, b)
		}
	}
	return out, nil
}

func parseBackup(dir string, e fs.DirEntry) (BackupInfo, bool) {
	if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
		return BackupInfo{}, false
	}
	m := backupName.FindStringSubmatch(e.Name())
	if m == nil {
		return BackupInfo{}, false
	}
	t, err := time.Parse(backupStamp, m[1])
	if err != nil {
		return BackupInfo{}, false
	}
	info, err := e.Info()
	if err != nil {
		return BackupInfo{}, false
	}
	return BackupInfo{Path: filepath.Join(dir, e.Name()), Time: t, Size: info.Size(), modTime: info.ModTime(), Reason: strings.TrimPrefix(m[2], "-")}, true
}

func sortNewestFirst(bs []BackupInfo) {
	sort.SliceStable(bs, func(i, j int) bool {
		if !bs[i].Time.Equal(bs[j].Time) {
			return bs[i].Time.After(bs[j].Time)
		}
		if !bs[i].modTime.Equal(bs[j].modTime) {
			return bs[i].modTime.After(bs[j].modTime)
		}
		return bs[i].Path > bs[j].Path
	})
}

// LastGoodBackup is the newest backup of the register at registerPath
// (in its default backup folder) that passes quick_check.
func LastGoodBackup(registerPath string) (BackupInfo, bool) {
	list, err := listBackupNames(DefaultBackupDir(registerPath))
	if err != nil {
		return BackupInfo{}, false
	}
	sortNewestFirst(list)
	for _, b := range list {
		if b.Problem = checkBackup(context.Background(), b.Path); b.Problem == "" {
			b.OK = true
			return b, true
		}
	}
	return BackupInfo{}, false
}

// Rotate prunes the backups in dir, returning the paths removed. It keeps
// every backup made in the last 24 hours (so that the copy taken before
// this morning's import survives this afternoon's), the newest backup of
// each of the keepDaily most recent days that have backups, and the newest
// of each of the keepWeekly most recent ISO weeks before those days.
// Backups that fail quick_check do not count towards the days kept, and
// are removed once older than a day; if none passes, nothing is removed.
func Rotate(dir string, keepDaily, keepWeekly int) ([]string, error) {
	list, err := listBackupNames(dir)
	if err != nil {
		return nil, err
	}
	sortNewestFirst(list)
	keep := map[string]bool{}
	recent := time.Now().UTC().Add(-24 * time.Hour)
	days := map[string]bool{}
	weeks := map[string]bool{}
	var oldestDay string
	for _, b := range list {
		if b.Time.After(recent) {
			keep[b.Path] = true
		}
		day := b.Time.Local().Format("2006-01-02")
		if !days[day] && len(days) < keepDaily && checkBackup(context.Background(), b.Path) == "" {
			days[day] = true
			oldestDay = day
			keep[b.Path] = true
		}
	}
	for _, b := range list {
		day := b.Time.Local().Format("2006-01-02")
		if keep[b.Path] || day >= oldestDay {
			continue
		}
		y, w := b.Time.Local().ISOWeek()
		week := fmt.Sprintf("%d-%02d", y, w)
		if !weeks[week] && len(weeks) < keepWeekly && checkBackup(context.Background(), b.Path) == "" {
			weeks[week] = true
			keep[b.Path] = true
		}
	}
	if len(days) == 0 {
		// No backup passes its check: keep them all for someone to look
		// at rather than prune by a rule that assumed good ones.
		return nil, nil
	}
	var removed []string
	for _, b := range list {
		if keep[b.Path] {
			continue
		}
		if err := os.Remove(b.Path); err != nil {
			return removed, fmt.Errorf("remove old backup %s: %w", b.Path, err)
		}
		removed = append(removed, b.Path)
	}
	return removed, nil
}

// Restore puts the backup at backupPath in place of the register at
// registerPath. The register must not be open (close it first): Restore
// takes its lock. The current file is itself backed up first (or, if it is
// too damaged to copy, kept byte for byte beside the backups), then the
// backup is copied to a temporary file beside the register, synced, and
// renamed over it, so a crash leaves either the old file or the new one.
func Restore(ctx context.Context, registerPath, backupPath string) error {
	if problem := checkBackup(ctx, backupPath); problem != "" {
		return model.Errorf(model.EINVALID, "The backup %s cannot be restored, because it is not a sound register: %s", backupPath, problem)
	}
	lock, holder, err := acquireLock(registerPath)
	if err != nil {
		return fmt.Errorf("restore %s: %w", registerPath, err)
	}
	if holder != "" {
		return model.Errorf(model.ECONFLICT, "The register cannot be restored while it is open. %s", holder)
	}
	defer lock.release()

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
	// The journals belong to the file being replaced; left beside the
	// restored one, SQLite would replay them into it. Nobody else has
	// them open: we hold the lock.
	for _, j := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(registerPath + j); err != nil && !errors.Is(err, fs.ErrNotExist) {
			os.Remove(tmp)
			return fmt.Errorf("restore %s: %w", registerPath, err)
		}
	}
	if err := renameDurably(tmp, registerPath); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("restore %s: %w", registerPath, err)
	}
	if err := syncDir(filepath.Dir(registerPath)); err != nil {
		return fmt.Errorf("restore %s: %w", registerPath, err)
	}
	return nil
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
		if err := renameDurably(tmp, filepath.Join(dir, base+".ropa-damaged"+suffix)); err != nil {
			os.Remove(tmp)
			return err
		}
	}
	return syncDir(dir)
}

// copyToTemp copies src to a new synced temporary file in dir.
func copyToTemp(src, dir string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, ".restore-*.part")
	if err != nil {
		return "", err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}
