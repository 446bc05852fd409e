//go:build windows

package store

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// osLock is LockFileEx on one byte of the register, far beyond its data:
// the lock belongs to this handle, the system drops it when the process
// ends (or its session logs off), and on a shared folder the file server
// enforces it for every machine.
type osLock struct {
	h windows.Handle
}

func lockOS(o *osLock, real, _ string) (held bool, err error) {
	p, err := windows.UTF16PtrFromString(real)
	if err != nil {
		return false, err
	}
	// FILE_SHARE_DELETE so that a restore can still rename over the file.
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE,
		nil, windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		if errors.Is(err, windows.ERROR_ACCESS_DENIED) || errors.Is(err, windows.ERROR_WRITE_PROTECT) {
			return false, fmt.Errorf("%w: %w", errNoLock, err)
		}
		return false, fmt.Errorf("lock %s: %w", real, err)
	}
	ov := windows.Overlapped{Offset: uint32(lockOffset & 0xffffffff), OffsetHigh: uint32(lockOffset >> 32)}
	err = windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov)
	if err != nil {
		windows.CloseHandle(h)
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
			return true, nil
		}
		return false, fmt.Errorf("%w: lock %s: %w", errNoLock, real, err)
	}
	o.h = h
	return false, nil
}

func (o *osLock) unlock() {
	if o.h != 0 {
		windows.CloseHandle(o.h) // closing the handle releases its locks
		o.h = 0
	}
}

func (o *osLock) removeInfoAndUnlock(infoPath string) {
	os.Remove(infoPath)
	o.unlock()
}

func writeInfoFile(_ *osLock, path string, b []byte) error {
	return os.WriteFile(path, b, 0o600)
}

func isReadOnlyFS(err error) bool {
	return errors.Is(err, windows.ERROR_ACCESS_DENIED) || errors.Is(err, windows.ERROR_WRITE_PROTECT)
}

// probeOS takes and drops the lock: Windows has no way to only ask. A
// shared lock is enough to find an exclusive one.
func probeOS(real, _ string) bool {
	p, err := windows.UTF16PtrFromString(real)
	if err != nil {
		return false
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE,
		nil, windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return false
	}
	defer windows.CloseHandle(h)
	ov := windows.Overlapped{Offset: uint32(lockOffset & 0xffffffff), OffsetHigh: uint32(lockOffset >> 32)}
	if err := windows.LockFileEx(h, windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov); err != nil {
		return errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING)
	}
	windows.UnlockFileEx(h, 0, 1, 0, &ov)
	return false
}

// onReadOnlyMedia: Windows readers share the -shm through the file
// system's own locking, so a read-only share needs nothing special here.
func onReadOnlyMedia(string) bool { return false }

// beforeReplace lets go of the lock's handle on the register just before
// a restore renames the restored copy over it: Windows refuses to replace
// a file that is open, even when it was opened to allow deletion. A
// process that opens the register in the instant between makes the rename
// fail, and nothing is lost: the restore then reports the failure and the
// register is as it was.
func (o *osLock) beforeReplace() { o.unlock() }
