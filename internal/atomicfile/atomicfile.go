// Package atomicfile writes a file so that it is either whole or absent,
// and durable once written: the one such write in ROPA Desk, for exports
// (and, once the store uses it, backups).
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// A write goes through a temporary file beside its target, named
// ".<target>.ropadesk.tmp-<random>" and locked with the operating
// system's own file lock while it is written. A process killed mid-write
// leaves one behind that nobody holds: Sweep removes those, and only
// those, so a temporary file another process is still writing is never
// taken from under it.

// tempMark is what every temporary name has before its random part.
const tempMark = ".ropadesk.tmp-"

// tempName matches the temporary names WriteFile makes (os.CreateTemp
// puts digits where the pattern has its star).
var tempName = regexp.MustCompile(`^\..+` + regexp.QuoteMeta(tempMark) + `\d+$`)

// IsTemp reports whether name (a base name) is one of WriteFile's
// temporary files.
func IsTemp(name string) bool { return tempName.MatchString(name) }

// WriteFile writes path through a temporary file in the same folder (so
// the rename cannot cross file systems), syncs it, renames it into place
// and syncs the folder, so that a crash or a failed write never leaves
// half a file and a finished export survives a power cut. The file is
// readable by its owner only: an export holds personal data about
// personal data. Temporary files that earlier writes of path left when
// they were killed are removed first.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	sweep(dir, "."+base+tempMark)
	tmp, err := os.CreateTemp(dir, "."+base+tempMark+"*")
	if err != nil {
		return err
	}
	// Without a lock (a file system that has none) the file is still
	// unique; Sweep cannot lock it either, so it leaves it alone.
	_ = lockTemp(tmp)
	closed := false
	defer func() {
		if !closed {
			_ = tmp.Close()
		}
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if !renameOpen {
		// Windows will not rename a file that is open; the lock goes
		// with the handle, and a sweep in the instant before the rename
		// makes the rename fail, losing nothing.
		closed = true
		if err = tmp.Close(); err != nil {
			return err
		}
	}
	if err = RenameDurably(tmp.Name(), path); err != nil {
		return err
	}
	if !closed {
		closed = true
		if err = tmp.Close(); err != nil {
			return err
		}
	}
	return SyncDir(dir)
}

// Sweep removes from dir the temporary files of writes that were killed:
// only names WriteFile makes, and only those no live process holds. It
// returns what it removed.
func Sweep(dir string) []string { return sweep(dir, "") }

// sweep is Sweep for the temporary names starting with prefix ("" for
// all).
func sweep(dir, prefix string) (removed []string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !IsTemp(name) || !strings.HasPrefix(name, prefix) {
			continue
		}
		p := filepath.Join(dir, name)
		if tempHeld(p) {
			continue
		}
		if os.Remove(p) == nil {
			removed = append(removed, p)
		}
	}
	return removed
}
