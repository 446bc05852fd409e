//go:build windows

package atomicfile

import (
	"os"

	"golang.org/x/sys/windows"
)

// renameOpen: Windows refuses to rename an open file, so the temporary
// file is closed (and so unlocked) just before its rename.
const renameOpen = false

// lockOffset is the byte the lock covers, far beyond anything written, so
// that the lock never stops a reader.
const lockOffset = 1 << 62

func overlapped() *windows.Overlapped {
	return &windows.Overlapped{Offset: uint32(lockOffset & 0xffffffff), OffsetHigh: uint32(lockOffset >> 32)}
}

// lockTemp takes LockFileEx on the temporary file's handle; the system
// drops it when the writer dies or closes the file.
func lockTemp(f *os.File) error {
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, overlapped())
}

// tempHeld reports whether a live process holds the temporary file at p,
// or whether that cannot be told (then it is left alone).
func tempHeld(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return true
	}
	defer f.Close()
	ov := overlapped()
	if err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ov); err != nil {
		return true
	}
	_ = windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, ov)
	return false
}
