package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ropadesk/ropadesk/model"
)

// The register lock is the operating system's own file lock (an
// open-file-description lock on Linux, LockFileEx on Windows, flock
// elsewhere), so that the OS releases it when the process ends however it
// ends: a crash, a kill, a log-off. Nothing is left to judge stale, and a
// new process that happens to get the old process id is never locked out.
//
// On Linux and Windows the lock is one byte of the register file itself,
// far beyond any page SQLite reads or locks (SQLite's own locks are at
// 1 GiB; a register never reaches 4 EiB), so it is keyed to the file and
// not to a path: a symlink or a hard link reaches the same lock. On other
// systems (macOS, the BSDs) a byte lock of our own would share a lock
// table with SQLite's fcntl locks, so the lock is flock on the lock file
// beside the real (symlink-resolved) path.
//
// Beside the real path, REGISTER.lock says who holds the lock: user name
// and machine, nothing more, and only for the message a second writer gets.
// It is written after the lock is taken and removed before it is released.

// lockOffset is the byte of the register that the lock covers.
const lockOffset = 1 << 62

type lockFile struct {
	os        osLock
	infoPath  string
	takenOver bool
}

// LockHolder says who has a register open for writing.
type LockHolder struct {
	User  string    // as the holder's system names them; "" if unknown
	Host  string    // the holder's machine; "" if unknown
	Since time.Time // when they opened it; zero if unknown
	// OtherMachine is set when Host is not this machine: only then can
	// the lock be taken over (see TakeOver).
	OtherMachine bool
}

type lockInfo struct {
	User string `json:"user"`
	Host string `json:"host"`
}

// Message is the sentence for a person: who has path open, and what they
// can do about it.
func (h *LockHolder) Message(path string) string {
	since := ""
	if !h.Since.IsZero() {
		since = " since " + h.Since.Local().Format("2 January 2006 15:04")
	}
	msg := fmt.Sprintf("%s is open by %s on %s%s, so it cannot be changed here. Close it there to edit it here.", path, orUnknown(h.User), orUnknownMachine(h.Host), since)
	if h.OtherMachine {
		msg += fmt.Sprintf(" If %s is switched off or can no longer reach the register, you can take the register over; anything not yet saved there is then lost.", orUnknownMachine(h.Host))
	}
	return msg
}

func lockPath(register string) string { return realPath(register) + ".lock" }

// realPath is register with symlinks resolved, so that every name of the
// file finds the same lock and backups; the path itself if it cannot be
// resolved (the file does not exist yet).
func realPath(register string) string {
	abs, err := filepath.Abs(register)
	if err != nil {
		abs = register
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}

// errNoLock means the register could not be locked at all (read-only
// media, a file system without locks): it can then only be read.
var errNoLock = errors.New("the register cannot be locked")

// acquireLock takes the register's write lock without waiting. When
// another process holds it, it returns who (and no lock).
func acquireLock(register string) (*lockFile, *LockHolder, error) {
	real := realPath(register)
	l := &lockFile{infoPath: real + ".lock"}
	held, err := lockOS(&l.os, real, l.infoPath)
	if err != nil {
		return nil, nil, err
	}
	if held {
		h := readHolder(l.infoPath)
		return nil, &h, nil
	}
	if err := l.writeInfo(); err != nil {
		l.os.unlock()
		return nil, nil, err
	}
	return l, nil, nil
}

// writeInfo records who holds the lock, 0600 whatever the umask: the file
// names a person.
func (l *lockFile) writeInfo() error {
	host, _ := os.Hostname()
	b, _ := json.Marshal(lockInfo{User: defaultUser(), Host: host})
	if err := writeInfoFile(&l.os, l.infoPath, b); err != nil {
		return fmt.Errorf("write lock file %s: %w", l.infoPath, err)
	}
	return nil
}

func readHolder(infoPath string) LockHolder {
	var h LockHolder
	var info lockInfo
	if b, err := os.ReadFile(infoPath); err == nil && json.Unmarshal(b, &info) == nil {
		h.User, h.Host = info.User, info.Host
		if st, err := os.Stat(infoPath); err == nil {
			h.Since = st.ModTime()
		}
	}
	host, _ := os.Hostname()
	h.OtherMachine = h.Host != "" && h.Host != host
	return h
}

// holderError is the error a writer gets when the register is held.
func holderError(path string, h *LockHolder) error {
	return &model.Error{Code: model.ECONFLICT, Message: h.Message(path)}
}

func orUnknown(s string) string {
	if s == "" {
		return "someone"
	}
	return s
}

func orUnknownMachine(s string) string {
	if s == "" {
		return "another computer"
	}
	return s
}

// release removes the holder's note and then lets go of the lock, in that
// order, so a note never names someone who no longer holds it.
func (l *lockFile) release() {
	if l.takenOver {
		// Taken over without the OS lock: the note is ours, and the lock
		// still belongs to the machine we took over from.
		os.Remove(l.infoPath)
		return
	}
	l.os.removeInfoAndUnlock(l.infoPath)
}

// lockHeld reports whether a live process holds the register's lock. An
// error (read-only media) counts as not held.
func lockHeld(register string) bool {
	real := realPath(register)
	return probeOS(real, real+".lock")
}
