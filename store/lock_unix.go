//go:build !windows

package store

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// writeInfoFile writes the holder's note. On systems where the note is
// the locked file itself (flock), it is rewritten in place.
func writeInfoFile(o *osLock, path string, b []byte) error {
	if o.info != nil {
		if err := o.info.Truncate(0); err != nil {
			return err
		}
		if _, err := o.info.WriteAt(b, 0); err != nil {
			return err
		}
		return o.info.Chmod(0o600)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		// A note left by an older version may have been created 0644.
		err = f.Chmod(0o600)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// isLockBusy reports whether err means another process holds the lock.
func isLockBusy(err error) bool {
	return errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EWOULDBLOCK)
}

// isReadOnlyFS reports whether err means the file cannot be opened for
// writing because of the medium or its permissions.
func isReadOnlyFS(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM)
}

// onReadOnlyMedia reports whether the register is on a read-only file
// system (a CD, a read-only mount or share), where SQLite could not make
// the -shm file a WAL reader needs and nobody can be writing. A folder
// the user merely may not write is not enough: someone else may be
// writing the register there, so it must still be read with locks.
func onReadOnlyMedia(path string) bool {
	return errors.Is(unix.Access(filepath.Dir(realPath(path)), unix.W_OK), unix.EROFS)
}

// beforeReplace does nothing on Unix: a rename replaces a file whatever
// holds it open, so the lock is kept until the restore is done.
func (o *osLock) beforeReplace() {}
