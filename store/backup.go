package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
//
// Symlinks are resolved first, so every name of a register finds the same
// backups.
func DefaultBackupDir(registerPath string) string {
	if _, err := os.Lstat(registerPath); err == nil {
		registerPath = realPath(registerPath)
	}
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
//
// When nothing has changed since the newest sound backup (the same data
// version, see DataVersion), that backup already holds what the import is
// about to change, and its path is returned instead of making another:
// a script importing every minute no longer piles up copies.
func (db *DB) BackupBeforeImport(ctx context.Context) (string, error) {
	if p, ok := db.unchangedSinceBackup(ctx); ok {
		return p, nil
	}
	p, err := db.backup(ctx, "", "before-import")
	if err != nil {
		return "", err
	}
	db.rotate(ctx)
	return p, nil
}

// unchangedSinceBackup finds the newest backup and reports whether the
// register is still as that backup holds it.
func (db *DB) unchangedSinceBackup(ctx context.Context) (string, bool) {
	list, err := listBackupNames(DefaultBackupDir(db.path))
	if err != nil || len(list) == 0 {
		return "", false
	}
	sortNewestFirst(list)
	newest := list[0].Path
	if checkBackup(ctx, newest) != "" {
		return "", false
	}
	b, err := openReadOnly(newest)
	if err != nil {
		return "", false
	}
	defer b.Close()
	theirs, err1 := dataVersion(ctx, b)
	ours, err2 := dataVersion(ctx, db.db)
	return newest, err1 == nil && err2 == nil && theirs == ours
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

// Bounds on the rotation settings. They are stored in the register, which
// may come from anyone: a value outside them is taken as the nearest bound,
// so a register can never make its own backups vanish (keep one day) or
// pile up for ever.
const (
	minKeepDaily, maxKeepDaily   = 3, 366
	minKeepWeekly, maxKeepWeekly = 1, 520
)

// RotationSettings is how many days and weeks of backups the rotation
// keeps: the register's settings, bounded, or the defaults.
func (db *DB) RotationSettings(ctx context.Context) (daily, weekly int) {
	return db.rotationSettings(ctx)
}

// rotationSettings reads the register's rotation settings, bounded.
func (db *DB) rotationSettings(ctx context.Context) (daily, weekly int) {
	return boundedSetting(db, ctx, SettingKeepDaily, DefaultKeepDaily, minKeepDaily, maxKeepDaily),
		boundedSetting(db, ctx, SettingKeepWeekly, DefaultKeepWeekly, minKeepWeekly, maxKeepWeekly)
}

func boundedSetting(db *DB, ctx context.Context, key string, def, lo, hi int) int {
	s, err := db.Setting(ctx, key)
	if err != nil || s == "" {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return min(max(n, lo), hi)
}

// rotate prunes the default backup folder by the register's settings. A
// failure only leaves extra backups, so it is not reported.
func (db *DB) rotate(ctx context.Context) {
	daily, weekly := db.rotationSettings(ctx)
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
	// A unique temporary name, 0600 whatever the umask, locked while it is
	// written: two backups in one second never share it, and a sweep
	// knows a live one from a leftover (see tempfiles.go). VACUUM INTO
	// accepts an existing empty file and keeps its permissions.
	stem := strings.TrimSuffix(filepath.Base(final), Extension)
	t, err := newTempFile(dir, "."+stem+"-*.part")
	if err != nil {
		return "", fmt.Errorf("back up %s: %w", path, err)
	}
	defer t.done()
	tmp := t.path
	if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		t.discard()
		return "", fmt.Errorf("back up %s: %w", path, err)
	}
	if err := syncFile(tmp); err != nil {
		t.discard()
		return "", fmt.Errorf("back up %s: %w", path, err)
	}
	if problem := checkBackup(ctx, tmp); problem != "" {
		t.discard()
		return "", fmt.Errorf("back up %s: the copy failed its check: %s", path, problem)
	}
	if err := renameDurably(tmp, final); err != nil {
		t.discard()
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

// Bounds on the backup folder: at most this many backups from the last 24
// hours (the newest), and at most this many bytes in all, whatever the
// rotation settings say; only the newest sound backup is always kept.
var (
	maxRecentBackups       = 12
	maxBackupBytes   int64 = 4 << 30
)

// newestGood is the path of the newest backup in list (newest first) that
// passes its check.
func newestGood(list []BackupInfo) string {
	for _, b := range list {
		if checkBackup(context.Background(), b.Path) == "" {
			return b.Path
		}
	}
	return ""
}

// Rotate prunes the backups in dir, returning the paths removed. It keeps
// the backups made in the last 24 hours (so that the copy taken before
// this morning's import survives this afternoon's; at most
// maxRecentBackups of them), the newest backup of
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
	recentKept := 0
	for _, b := range list {
		if b.Time.After(recent) && recentKept < maxRecentBackups {
			keep[b.Path] = true
			recentKept++
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
	// Size-aware: beyond the newest sound backup, the oldest kept go
	// until the folder is within its budget.
	budget := max(maxBackupBytes, 0)
	var total int64
	for _, b := range list {
		if keep[b.Path] {
			total += b.Size
		}
	}
	good := newestGood(list)
	for i := len(list) - 1; i > 0 && total > budget; i-- {
		if b := list[i]; keep[b.Path] && b.Path != good {
			keep[b.Path] = false
			total -= b.Size
		}
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
