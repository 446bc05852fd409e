//go:build windows

package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/store"
)

// Windows spellings of one path: backslashes, forward slashes (what a file
// dialog or a pasted path may give), a lower-case drive letter, a long
// OneDrive folder past MAX_PATH, and a UNC share.

func TestWindowsPathSpellings(t *testing.T) {
	dir := t.TempDir() // C:\users\…\Temp\…
	if filepath.VolumeName(dir) == "" || strings.Contains(dir, "/") {
		t.Fatalf("TempDir %q is not a drive-letter path with backslashes", dir)
	}
	path := filepath.Join(dir, "Registers", "MHWS register.ropa")
	t.Run("ForwardSlashes", func(t *testing.T) {
		lifecycle(t, path, filepath.ToSlash(path))
	})
	t.Run("LowerCaseDrive", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "Reg.ropa")
		lifecycle(t, p, strings.ToLower(p[:1])+p[1:])
	})
	t.Run("DotDot", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "A", "Reg.ropa")
		lifecycle(t, p, filepath.Join(filepath.Dir(p), "..", "A", "Reg.ropa"))
	})
}

// OneDrive puts a business's files under "OneDrive - <organisation>", and
// DPOs nest folders deeply; past 260 characters only \\?\ paths work,
// which Go adds itself and SQLite must cope with.
func TestWindowsLongOneDrivePath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "OneDrive - Mid Herts Wellbeing Service CIC", "Documents",
		"Information Governance", "Data Protection Officer", "Records of Processing Activities",
		"2026 annual review – working copies", "Shared with the Caldicott Guardian")
	path := filepath.Join(dir, "Record of Processing Activities – Mid Herts Wellbeing Service.ropa")
	if len(path) <= 260 {
		t.Fatalf("path is %d characters, want more than MAX_PATH (260)", len(path))
	}
	lifecycle(t, path, "")
}

// A register on a UNC share uses SQLite's rollback journal, never WAL
// (store/volume.go). ROPA_TEST_UNC names a writable share folder
// (\\server\share\folder); scripts/windows/test-wine.sh maps one into the
// Wine prefix, on real Windows point it at any share you can write to.
func TestWindowsUNCPath(t *testing.T) {
	share := os.Getenv("ROPA_TEST_UNC")
	if share == "" {
		t.Skip(`ROPA_TEST_UNC is not set (a writable \\server\share\folder); scripts/windows/test-wine.sh sets it`)
	}
	if !strings.HasPrefix(share, `\\`) {
		t.Fatalf("ROPA_TEST_UNC = %q is not a UNC path", share)
	}
	dir := filepath.Join(share, t.Name())
	os.RemoveAll(dir)
	t.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "Shared register.ropa")

	lifecycle(t, path, "")

	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	mode, note := db.JournalMode(), db.VolumeNote()
	mustOrg(t, db, "Written on the share")
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("a -wal file beside a register on a UNC share")
	}
	db.Close()
	if mode != "delete" || !strings.Contains(note, "network drive") {
		t.Errorf("on %s: journal %q, note %q; want the rollback journal and the network-drive note", path, mode, note)
	}
}
