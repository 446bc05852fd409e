//go:build windows

package exchange_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Windows spellings of an import file's path: forward slashes, a lower-case
// drive letter, a OneDrive folder past MAX_PATH, a UNC share.

func TestReadFileWindowsSpellings(t *testing.T) {
	for _, p := range importFiles(t, filepath.Join(t.TempDir(), "Imports"), "ICO template", false) {
		if filepath.VolumeName(p) == "" {
			t.Fatalf("%s has no drive letter", p)
		}
		readsExample(t, filepath.ToSlash(p))
		readsExample(t, strings.ToLower(p[:1])+p[1:])
	}
}

func TestReadFileWindowsLongOneDrivePath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "OneDrive - Mid Herts Wellbeing Service CIC", "Documents",
		"Information Governance", "Data Protection Officer", "Records of Processing Activities",
		"2026 annual review – working copies", "Returned by the service leads for import")
	for _, p := range importFiles(t, dir, "ROPA returned by Finance and Facilities – 2026-03", false) {
		if len(p) <= 260 {
			t.Fatalf("path is %d characters, want more than MAX_PATH (260)", len(p))
		}
		readsExample(t, p)
	}
}

// ROPA_TEST_UNC: see store/paths_windows_test.go.
func TestReadFileWindowsUNCPath(t *testing.T) {
	share := os.Getenv("ROPA_TEST_UNC")
	if share == "" {
		t.Skip(`ROPA_TEST_UNC is not set (a writable \\server\share\folder); scripts/windows/test-wine.sh sets it`)
	}
	dir := filepath.Join(share, "exchange-"+t.Name())
	t.Cleanup(func() { os.RemoveAll(dir) })
	for _, p := range importFiles(t, dir, "Shared ICO template", false) {
		readsExample(t, p)
	}
}
