package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
)

// TestExportOrg exports one organisation by name (in any case) and reads
// the workbook back; an unknown name says which organisations there are.
func TestExportOrg(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	mustRun(t, "example", reg)
	out := filepath.Join(dir, "kcm.xlsx")
	mustRun(t, "export", reg, "--org", "kensington and chelsea mind", "--out", out)
	im, err := exchange.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Organisations) != 1 || im.Organisations[0].Name != "Kensington and Chelsea Mind" || len(im.Activities) != 3 {
		t.Errorf("export --org wrote %d organisations and %d activities", len(im.Organisations), len(im.Activities))
	}
	r := mustRun(t, "export", reg, "--org", "Jobs in Mind", "--format", "json", "--out", "-")
	var doc struct {
		Organisations []struct{ Name string } `json:"organisations"`
		Activities    []struct{ Name string } `json:"activities"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Organisations) != 1 || doc.Organisations[0].Name != "Jobs in Mind" || len(doc.Activities) != 1 {
		t.Errorf("JSON export of Jobs in Mind holds %+v", doc)
	}

	bad := ropactl(t, "export", reg, "--org", "Nobody Ltd", "--out", filepath.Join(dir, "x.json"))
	if bad.code == 0 || !strings.Contains(bad.stderr, `There is no organisation called "Nobody Ltd"`) || !strings.Contains(bad.stderr, `"Jobs in Mind"`) {
		t.Errorf("unknown --org: exit %d, stderr %q", bad.code, bad.stderr)
	}
}
