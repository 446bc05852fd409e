//go:build !windows

package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"strings"
)

// RenameDurably renames from to to; with SyncDir on the folder afterwards
// the new name survives a power cut. On Unix a rename is made durable by
// fsyncing the directory that holds it, so the rename itself is plain.
func RenameDurably(from, to string) error {
	return os.Rename(from, to)
}

// SyncDir makes the renames in dir durable by fsyncing the directory.
// A directory that cannot be opened (gone, or no permission to read it)
// leaves nothing to sync; a file system that cannot sync directories
// (some network and FUSE mounts report "not supported") is not an error.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !isSyncUnsupported(err) {
		return err
	}
	return nil
}

func isSyncUnsupported(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && strings.Contains(strings.ToLower(pe.Err.Error()), "not supported")
}
