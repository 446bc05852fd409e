//go:build unix

package atomicfile

import (
	"os"

	"golang.org/x/sys/unix"
)

// renameOpen: a rename on Unix does not care that the file is open, so
// the temporary file stays locked until it has its final name.
const renameOpen = true

// lockTemp takes flock on the temporary file. It belongs to this open
// file, so the OS drops it when the writer dies, however it dies; flock
// does not mix with SQLite's fcntl locks, and an export is not a register.
func lockTemp(f *os.File) error {
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
}

// tempHeld reports whether a live process holds the temporary file at p,
// or whether that cannot be told (then it is left alone).
func tempHeld(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return true
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		return true // EWOULDBLOCK: held; anything else: cannot tell
	}
	_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return false
}
