package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// What the preview asks (rows with no organisation, rows deleted from the
// file) and the flags that answer it; a file with no rows is an error.
func TestImportChoices(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	mustRun(t, "example", reg)
	exported := filepath.Join(dir, "demo.csv")
	mustRun(t, "export", reg, "--out", exported)

	t.Run("DeletedRow", func(t *testing.T) {
		data, err := os.ReadFile(exported)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		// Delete a row of an organisation that has others in the file (the
		// file speaks for the organisations it has rows of).
		orgCol := slices.Index(recs[0], "ROPA Desk: organisation")
		del := slices.IndexFunc(recs[1:], func(r []string) bool {
			return slices.ContainsFunc(recs[1:], func(o []string) bool { return &o[0] != &r[0] && o[orgCol] == r[orgCol] })
		}) + 1
		gone := recs[del][slices.Index(recs[0], "ROPA Desk: name")]
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.WriteAll(slices.Delete(recs, del, del+1))
		short := filepath.Join(dir, "short.csv")
		if err := os.WriteFile(short, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		dry := mustRun(t, "import", reg, short, "--dry-run")
		if !strings.Contains(dry.stdout, "Not in the file, left as they are (--retire-missing retires them): 1 activity") {
			t.Fatalf("the deleted row is not reported:\n%s", dry.stdout)
		}
		mustRun(t, "import", reg, short)
		if list := mustRun(t, "list", reg, "--status", "retired"); strings.Contains(list.stdout, gone) {
			t.Fatalf("retired without --retire-missing:\n%s", list.stdout)
		}
		r := mustRun(t, "import", reg, short, "--retire-missing")
		if !strings.Contains(r.stdout, "1 retired") {
			t.Fatalf("--retire-missing:\n%s", r.stdout)
		}
		if list := mustRun(t, "list", reg, "--status", "retired"); !strings.Contains(list.stdout, gone) {
			t.Fatalf("not retired:\n%s", list.stdout)
		}
	})
	t.Run("NoOrganisation", func(t *testing.T) {
		f := filepath.Join(dir, "new.csv")
		if err := os.WriteFile(f, []byte("Business function,Purpose of processing\nEstates,CCTV of the car park\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		r := ropactl(t, "import", reg, f)
		if r.code != 1 || !strings.Contains(r.stdout, "name no organisation; say whose they are with --organisation") || !strings.Contains(r.stdout, "row 2") {
			t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
		}
		list := mustRun(t, "list", reg, "--json")
		if strings.Contains(list.stdout, "CCTV of the car park") {
			t.Fatal("a row without an organisation was imported")
		}
		org := firstOrganisation(t, reg)
		mustRun(t, "import", reg, f, "--organisation", org)
		if list := mustRun(t, "list", reg, "--org", org); !strings.Contains(list.stdout, "CCTV of the car park") {
			t.Fatalf("not imported into %q:\n%s", org, list.stdout)
		}
	})
	t.Run("ErrNoRows", func(t *testing.T) {
		f := filepath.Join(dir, "empty.csv")
		if err := os.WriteFile(f, []byte("Business function,Purpose of processing\r\r"), 0o600); err != nil {
			t.Fatal(err)
		}
		if r := ropactl(t, "import", reg, f); r.code == 0 || !strings.Contains(r.stderr, "no activity rows") {
			t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
		}
	})
}

// firstOrganisation is the name of the first activity's organisation
// as `list --json` gives it.
func firstOrganisation(t *testing.T, reg string) string {
	t.Helper()
	out := mustRun(t, "list", reg, "--json").stdout
	i := strings.Index(out, `"organisation": "`)
	if i < 0 {
		t.Fatalf("no organisation in:\n%.500s", out)
	}
	rest := out[i+len(`"organisation": "`):]
	return rest[:strings.IndexByte(rest, '"')]
}
