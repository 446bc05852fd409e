//go:build linux

package store

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// osLock is an open-file-description lock on one byte of the register:
// unlike a classic fcntl lock it belongs to this descriptor alone, so
// SQLite (or anything in this process) closing its own descriptor of the
// file does not drop it, and it does not share ranges with SQLite's locks.
type osLock struct {
	f    *os.File
	info *os.File // unused on Linux: the note is a plain file
}

func lockOS(o *osLock, real, _ string) (held bool, err error) {
	f, err := os.OpenFile(real, os.O_RDWR, 0)
	if err != nil {
		if isReadOnlyFS(err) {
			return false, fmt.Errorf("%w: %w", errNoLock, err)
		}
		return false, fmt.Errorf("lock %s: %w", real, err)
	}
	lk := unix.Flock_t{Type: unix.F_WRLCK, Whence: 0, Start: lockOffset, Len: 1}
	if err := unix.FcntlFlock(f.Fd(), unix.F_OFD_SETLK, &lk); err != nil {
		f.Close()
		if isLockBusy(err) {
			return true, nil
		}
		return false, fmt.Errorf("%w: lock %s: %w", errNoLock, real, err)
	}
	o.f = f
	return false, nil
}

func (o *osLock) unlock() {
	if o.f != nil {
		o.f.Close() // closing the only descriptor releases an OFD lock
		o.f = nil
	}
}

func (o *osLock) removeInfoAndUnlock(infoPath string) {
	os.Remove(infoPath)
	o.unlock()
}

// probeOS asks whether the lock is held without taking it, so that a
// reader looking never makes a writer think the register is taken.
func probeOS(real, _ string) bool {
	f, err := os.Open(real)
	if err != nil {
		return false
	}
	defer f.Close()
	lk := unix.Flock_t{Type: unix.F_WRLCK, Whence: 0, Start: lockOffset, Len: 1}
	if err := unix.FcntlFlock(f.Fd(), unix.F_OFD_GETLK, &lk); err != nil {
		return false
	}
	return lk.Type != unix.F_UNLCK
}
