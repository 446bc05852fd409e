package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// lockFile is the REGISTER.lock file beside a register that says who is
// writing it. It is advisory and lives outside the .ropa file, because
// locking the database file itself from outside SQLite would break SQLite's
// own locking, and because a plain file also works across machines on a
// shared drive.
type lockFile struct {
	path string
	info lockInfo
}

type lockInfo struct {
	User    string    `json:"user"`
	Host    string    `json:"host"`
	PID     int       `json:"pid"`
	Started time.Time `json:"started"`
}

func lockPath(register string) string { return register + ".lock" }

// acquireLock takes the lock of register. When a live process holds it,
// it returns no lock and a sentence saying who has the register open. A
// lock left by a process that is no longer running on this host is stale
// and taken over.
func acquireLock(register string) (*lockFile, string, error) {
	host, _ := os.Hostname()
	me := lockInfo{User: defaultUser(), Host: host, PID: os.Getpid(), Started: now()}
	path := lockPath(register)
	for attempt := 0; attempt < 2; attempt++ {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			err = json.NewEncoder(f).Encode(me)
			if err == nil {
				err = f.Sync()
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				os.Remove(path)
				return nil, "", fmt.Errorf("write lock file %s: %w", path, err)
			}
			return &lockFile{path: path, info: me}, "", nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, "", fmt.Errorf("create lock file %s: %w", path, err)
		}
		held, ok := readLock(path)
		if ok && !(held.Host == host && !processAlive(held.PID)) {
			when := held.Started.Local().Format("2 January 2006 15:04")
			return nil, fmt.Sprintf("%s is open by %s on %s since %s, so it is open read-only here. Close it there to edit it here.", register, orUnknown(held.User), orUnknown(held.Host), when), nil
		}
		// Stale (its process is gone) or unreadable (a crash while writing
		// it): take it over.
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, "", fmt.Errorf("remove stale lock file %s: %w", path, err)
		}
	}
	return nil, "", fmt.Errorf("take lock file %s: another process keeps taking it", path)
}

func readLock(path string) (lockInfo, bool) {
	var l lockInfo
	b, err := os.ReadFile(path)
	if err != nil || json.Unmarshal(b, &l) != nil || l.PID == 0 {
		return l, false
	}
	return l, true
}

func orUnknown(s string) string {
	if s == "" {
		return "someone"
	}
	return s
}

// release removes the lock file, unless another process has taken it over
// meanwhile (it judged ours stale), in which case it is theirs to remove.
func (l *lockFile) release() {
	held, ok := readLock(l.path)
	if ok && held.PID == l.info.PID && held.Host == l.info.Host && held.Started.Equal(l.info.Started) {
		os.Remove(l.path)
	}
}
