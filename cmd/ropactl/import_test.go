package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImport(t *testing.T) {
	messy, err := filepath.Abs("../../exchange/testdata/messy-ico.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		dir := t.TempDir()
		reg := filepath.Join(dir, "r.ropa")
		mustRun(t, "new", reg, "--org", "Riverside Care CIC")

		dry := mustRun(t, "import", reg, messy, "--dry-run")
		for _, want := range []string{"5 added", "0 changed", "Dry run", `row 18, column L`, `Cell text: "Because we must"`} {
			if !strings.Contains(dry.stdout, want) {
				t.Errorf("dry run output lacks %q:\n%s", want, dry.stdout)
			}
		}
		if list := mustRun(t, "list", reg); strings.Contains(list.stdout, "Donor marketing") {
			t.Fatalf("--dry-run wrote to the register:\n%s", list.stdout)
		}

		mustRun(t, "import", reg, messy)
		if list := mustRun(t, "list", reg); !strings.Contains(list.stdout, "Donor marketing") {
			t.Fatalf("import did not write:\n%s", list.stdout)
		}
		backups, _ := filepath.Glob(filepath.Join(dir, "r backups", "*-before-import*.ropa"))
		if len(backups) != 1 {
			t.Fatalf("want one backup made before the import, found %v", backups)
		}
		again := mustRun(t, "import", reg, messy)
		if !strings.Contains(again.stdout, "0 added, 0 changed, 5 unchanged") {
			t.Errorf("second import is not a no-op:\n%s", again.stdout)
		}
	})
	t.Run("RoundTripExport", func(t *testing.T) {
		dir := t.TempDir()
		reg := filepath.Join(dir, "demo.ropa")
		mustRun(t, "example", reg)
		for _, format := range []string{"xlsx", "csv"} {
			out := filepath.Join(dir, "demo."+format)
			mustRun(t, "export", reg, "--out", out)
			r := mustRun(t, "import", reg, out, "--dry-run")
			if !strings.Contains(r.stdout, "0 added, 0 changed") {
				t.Errorf("%s re-import plans changes:\n%s", format, r.stdout)
			}
		}
	})
	t.Run("ErrBlocking", func(t *testing.T) {
		dir := t.TempDir()
		reg := filepath.Join(dir, "r.ropa")
		mustRun(t, "new", reg, "--org", "Acme")
		bad := filepath.Join(dir, "bad.csv")
		csv := "Business function,Purpose of processing,ROPA Desk: activity id\nHR,Payroll,not-an-id\n"
		if err := os.WriteFile(bad, []byte(csv), 0o600); err != nil {
			t.Fatal(err)
		}
		r := ropactl(t, "import", reg, bad)
		if r.code != 1 || !strings.Contains(r.stderr, "nothing was imported") || !strings.Contains(r.stdout, "row 2, column C") {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
		}
		if list := mustRun(t, "list", reg); strings.Contains(list.stdout, "Payroll") {
			t.Fatalf("blocked import wrote:\n%s", list.stdout)
		}
	})
	t.Run("ErrCorruptFile", func(t *testing.T) {
		dir := t.TempDir()
		reg := filepath.Join(dir, "r.ropa")
		mustRun(t, "new", reg, "--org", "Acme")
		bad := filepath.Join(dir, "cut.xlsx")
		data, err := os.ReadFile(messy)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bad, data[:len(data)/2], 0o600); err != nil {
			t.Fatal(err)
		}
		r := ropactl(t, "import", reg, bad)
		if r.code != 1 || !strings.Contains(r.stderr, "not a readable Excel workbook") {
			t.Fatalf("exit %d\nstderr: %s", r.code, r.stderr)
		}
	})
	t.Run("ErrUsage", func(t *testing.T) {
		if r := ropactl(t, "import", "only.ropa"); r.code != 2 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	})
}
