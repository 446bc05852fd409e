//go:build !linux && !windows

package store

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// osLock is flock on the lock file beside the register: flock and a byte
// lock of the register would share one lock table with SQLite's fcntl
// locks here.
type osLock struct {
	info *os.File
}

func lockOS(o *osLock, _, lockPath string) (held bool, err error) {
	for attempt := 0; attempt < 10; attempt++ {
		f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			if isReadOnlyFS(err) {
				return false, fmt.Errorf("%w: %w", errNoLock, err)
			}
			return false, fmt.Errorf("lock %s: %w", lockPath, err)
		}
		if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
			f.Close()
			if isLockBusy(err) {
				return true, nil
			}
			return false, fmt.Errorf("%w: lock %s: %w", errNoLock, lockPath, err)
		}
		// The holder removes the file before it lets go; if we locked a
		// file that was removed meanwhile, lock the new one instead.
		fst, err1 := f.Stat()
		pst, err2 := os.Stat(lockPath)
		if err1 == nil && err2 == nil && os.SameFile(fst, pst) {
			o.info = f
			return false, nil
		}
		f.Close()
	}
	return false, fmt.Errorf("lock %s: another process keeps replacing it", lockPath)
}

func (o *osLock) unlock() {
	if o.info != nil {
		o.info.Close()
		o.info = nil
	}
}

func (o *osLock) removeInfoAndUnlock(infoPath string) {
	os.Remove(infoPath)
	o.unlock()
}

// probeOS takes and drops the lock: flock has no way to only ask.
func probeOS(real, lockPath string) bool {
	if _, err := os.Stat(lockPath); err != nil {
		return false
	}
	f, err := os.Open(lockPath)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_SH|unix.LOCK_NB); err != nil {
		return isLockBusy(err)
	}
	unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return false
}
