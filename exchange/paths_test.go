package exchange_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// importFiles writes the example register as .xlsx, .csv and .json into
// dir under names in the case given, and returns their paths.
func importFiles(t *testing.T, dir, stem string, upper bool) []string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	var xlsx, csv bytes.Buffer
	if err := exchange.WriteXLSX(&xlsx, exchange.Example()); err != nil {
		t.Fatal(err)
	}
	if err := exchange.WriteCSV(&csv, exchange.Example()); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for ext, b := range map[string][]byte{".xlsx": xlsx.Bytes(), ".csv": csv.Bytes()} {
		if upper {
			ext = strings.ToUpper(ext)
		}
		p := filepath.Join(dir, stem+ext)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// readsExample checks ReadFile(path) finds every example activity and
// names the file by its base name, whatever folder it came from.
func readsExample(t *testing.T, path string) {
	t.Helper()
	in, err := exchange.ReadFile(path)
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", path, model.ErrorMessage(err))
	}
	if want := len(exchange.Example().Activities); len(in.Activities) != want {
		t.Errorf("%s: %d activities, want %d", path, len(in.Activities), want)
	}
	if base := filepath.Base(path); in.File != base {
		t.Errorf("%s: File = %q, want the base name %q", path, in.File, base)
	}
}

// File names as Excel and a DPO make them: spaces, accents, an upper-case
// extension (Windows shows and keeps whatever case it was given).
func TestReadFileUnusualNames(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Data Protection", "Zoë's exports – 2026")
	for _, p := range importFiles(t, dir, "ROPA (Brontë Trust) v2", false) {
		readsExample(t, p)
	}
	for _, p := range importFiles(t, dir, "ICO TEMPLATE", true) {
		readsExample(t, p)
	}
}

// A refused file is named by its base name only: the folder is noise in a
// message, and on Windows it is a long C:\Users\…\OneDrive - … path.
func TestReadFileRefusalNamesTheFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Deep", "Folder")
	os.MkdirAll(dir, 0o700)
	p := filepath.Join(dir, "Old register.XLS")
	os.WriteFile(p, []byte("not read"), 0o600)
	_, err := exchange.ReadFile(p)
	msg := model.ErrorMessage(err)
	if err == nil || !strings.Contains(msg, "Old register.XLS") || strings.Contains(msg, dir) {
		t.Errorf("ReadFile(%s) = %q, want a message naming Old register.XLS and not its folder", p, msg)
	}
}
