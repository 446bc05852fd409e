package store

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/ropadesk/ropadesk/internal/atomicfile"
)

// backupStampIn matches the temporary name of a backup being written.
var backupStampIn = regexp.MustCompile(`^\..+-\d{8}T\d{6}Z.*\.part$`)

// Temporary files the store makes (a backup being written, a restore's
// copy) have unique names (os.CreateTemp, 0600) beside their target and
// are locked with the OS lock while they are being written. A process
// killed meanwhile leaves one behind with nobody holding its lock: the
// next writable open sweeps those, and only those: a temporary file that
// a live backup or restore still holds is left alone.

// tempFile is a new, empty, locked temporary file.
type tempFile struct {
	path string
	lock osLock
}

func newTempFile(dir, pattern string) (*tempFile, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	f.Close()
	t := &tempFile{path: f.Name()}
	if held, err := lockOS(&t.lock, t.path, t.path); err != nil || held {
		// Without a lock the file is still unique; only a sweep by a
		// concurrent open could remove it, which the rename would report.
		t.lock = osLock{}
	}
	return t, nil
}

// done lets go of the lock (after the rename, or before removing).
func (t *tempFile) done() { t.lock.unlock() }

// discard removes the file and lets go of it.
func (t *tempFile) discard() {
	t.done()
	os.Remove(t.path)
}

// isOurTemp reports whether name is one of the store's temporary files.
func isOurTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".part") &&
		(strings.HasPrefix(name, ".restore-") || backupTemp(name))
}

// backupTemp: ".<register>-<stamp>[-reason]-<random>.part".
func backupTemp(name string) bool {
	return backupStampIn.MatchString(name)
}

// sweepLeftovers removes the store's temporary files that no live process
// holds, beside the register and in its backup folder, and those of
// exports killed mid-write there (atomicfile's, which it sweeps by its own
// lock). It reports what it removed.
func sweepLeftovers(register string) []string {
	real := realPath(register)
	removed := sweepImportDirs(filepath.Dir(real))
	for _, dir := range []string{filepath.Dir(real), DefaultBackupDir(real)} {
		removed = append(removed, atomicfile.Sweep(dir)...)
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.IsDir() || !isOurTemp(e.Name()) {
				continue
			}
			p := filepath.Join(dir, e.Name())
			var o osLock
			held, err := lockOS(&o, p, p)
			if err != nil || held {
				continue // in use by a live backup or restore, or not ours to judge
			}
			o.unlock()
			if os.Remove(p) == nil {
				removed = append(removed, p)
			}
		}
	}
	return removed
}

// importDirPrefix starts the name of a temporary folder beside a register.
const importDirPrefix = ".ropa-import-"

// TempDirBeside makes a private (0700) temporary folder beside the
// register, for a reader that spills to disk (excelize unpacking a large
// XLSX): on the register's own disk, not a shared /tmp, and never left
// behind. done removes it; if the process is killed first, the next
// writable open of the register sweeps it, as it sweeps other leftovers
// (a folder whose owner still runs is left alone).
func TempDirBeside(registerPath string) (dir string, done func(), err error) {
	dir, err = os.MkdirTemp(filepath.Dir(realPath(registerPath)), importDirPrefix+"*")
	if err != nil {
		return "", nil, err
	}
	owner, err := newTempFile(dir, ".owner-*.part")
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	return dir, func() {
		owner.done()
		os.RemoveAll(dir)
	}, nil
}

// sweepImportDirs removes temporary folders beside the register whose
// owner is gone.
func sweepImportDirs(dir string) (removed []string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), importDirPrefix) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		owners, _ := filepath.Glob(filepath.Join(p, ".owner-*.part"))
		live := false
		for _, o := range owners {
			var l osLock
			if held, err := lockOS(&l, o, o); err != nil || held {
				live = true
				continue
			}
			l.unlock()
		}
		if !live && os.RemoveAll(p) == nil {
			removed = append(removed, p)
		}
	}
	return removed
}
