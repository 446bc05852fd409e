package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestRecentFilesOneEntryPerFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Reg.ropa")
	spellings := []string{
		filepath.Join(dir, ".", "Reg.ropa"),
		filepath.Join(dir, "sub", "..", "Reg.ropa"),
		dir + string(filepath.Separator) + string(filepath.Separator) + "Reg.ropa",
	}
	if runtime.GOOS == "windows" {
		spellings = append(spellings, filepath.ToSlash(path), filepath.ToSlash(strings.ToLower(path[:1])+path[1:]))
	}
	if err := writeEmpty(path); err != nil {
		t.Fatal(err)
	}
	s := NewSettings(test.NewTempApp(t).Preferences())
	s.AddRecentFile(path)
	for _, p := range spellings {
		s.AddRecentFile(p)
	}
	if got := s.RecentFiles(); !slices.Equal(got, []string{path}) {
		t.Errorf("recent = %q, want only %q", got, path)
	}
	// A list stored by an older version, with both spellings, shows one.
	s.prefs.SetStringList(prefRecentFiles, append([]string{path}, spellings...))
	if got := s.RecentFiles(); len(got) != 1 {
		t.Errorf("recent from an old list = %q, want one entry", got)
	}
}

func TestSamePathWindowsSpellings(t *testing.T) {
	if runtime.GOOS != "windows" {
		// On Linux C:\x and C:/x are two different names: a backslash is
		// an ordinary character in a file name there.
		if samePath(`C:\Users\reg.ropa`, `C:/Users/reg.ropa`) {
			t.Error(`C:\… and C:/… are the same path on Linux`)
		}
		return
	}
	for _, p := range []string{`C:/Users/DPO/reg.ropa`, `c:\users\dpo\REG.ropa`, `C:\Users\DPO\.\reg.ropa`} {
		if !samePath(p, `C:\Users\DPO\reg.ropa`) {
			t.Errorf("%s is not the same as C:\\Users\\DPO\\reg.ropa", p)
		}
	}
}

func writeEmpty(path string) error { return os.WriteFile(path, nil, 0o600) }
