// Package atomicfile writes a file so that it is either whole or absent,
// and durable once written: the one such write in ROPA Desk, for exports
// (and, once the store uses it, backups).
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
)

// WriteFile writes path through a temporary file in the same folder (so
// the rename cannot cross file systems), syncs it, renames it into place
// and syncs the folder, so that a crash or a failed write never leaves
// half a file and a finished export survives a power cut. The file is
// readable by its owner only: an export holds personal data about
// personal data.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = RenameDurably(tmp.Name(), path); err != nil {
		return err
	}
	return SyncDir(dir)
}
