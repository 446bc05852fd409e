package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/model"
)

// TestAssetAndSupplierCommands: add a supplier and an asset linked to an
// activity by name, list them as a table and as JSON, and see 'check'
// warn of the supplier's contract ending within 90 days.
func TestAssetAndSupplierCommands(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "r.ropa")
	mustRun(t, "new", reg, "--org", "MHWS")

	out := mustRun(t, "supplier", "add", reg, "--name", "Example Payments Europe Ltd", "--role", "processor",
		"--agreement", "contract", "--signed", "2025-02-01", "--ends", "2026-10-15",
		"--certification", "PCI DSS Level 1=2027-09-30", "--location", "Ireland", "--transfer-mechanism", "adequacy").stdout
	if !strings.Contains(out, `Added supplier "Example Payments Europe Ltd"`) {
		t.Errorf("supplier add said %q", out)
	}
	out = mustRun(t, "asset", "add", reg, "--name", "Payment platform", "--owner", "Finance Manager",
		"--criticality", "medium", "--availability", "low", "--dependency", "Internet", "--dependency", "Bank feed",
		"--supplier", "example payments europe ltd").stdout
	if !strings.Contains(out, `Added information asset "Payment platform"`) {
		t.Errorf("asset add said %q", out)
	}

	list := mustRun(t, "asset", "list", reg).stdout
	if !strings.Contains(list, "Payment platform") || !strings.Contains(list, "Finance Manager") || !strings.Contains(list, "Medium") {
		t.Errorf("asset list:\n%s", list)
	}
	var assets []model.InformationAsset
	if err := json.Unmarshal([]byte(mustRun(t, "asset", "list", reg, "--json").stdout), &assets); err != nil {
		t.Fatal(err)
	}
	if len(assets) != 1 || len(assets[0].Dependencies) != 2 || assets[0].Impact.Availability != model.ImpactLow || len(assets[0].SupplierIDs) != 1 {
		t.Errorf("asset list --json: %+v", assets)
	}
	var sups []model.Supplier
	if err := json.Unmarshal([]byte(mustRun(t, "supplier", "list", reg, "--json").stdout), &sups); err != nil {
		t.Fatal(err)
	}
	if len(sups) != 1 || sups[0].Certifications[0].Expires.Format("2006-01-02") != "2027-09-30" || sups[0].TransferMechanism != model.SafeguardAdequacy {
		t.Errorf("supplier list --json: %+v", sups)
	}
	if l := mustRun(t, "supplier", "list", reg).stdout; !strings.Contains(l, "2026-10-15") || !strings.Contains(l, "Processor") {
		t.Errorf("supplier list:\n%s", l)
	}

	// The test clock is 1 September 2026: the contract ends within 90 days.
	r := ropactl(t, "check", reg)
	if !strings.Contains(r.stdout, "Supplier: Example Payments Europe Ltd") || !strings.Contains(r.stdout, "within 90 days") {
		t.Errorf("check:\n%s", r.stdout)
	}

	for _, bad := range [][]string{
		{"asset", "add", reg, "--name", "X", "--criticality", "huge"},
		{"asset", "add", reg, "--owner", "Nobody"},
		{"supplier", "add", reg, "--name", "Y"},
		{"supplier", "add", reg, "--name", "Y", "--role", "processor", "--ends", "31/12/2027"},
		{"asset", "fly", reg},
	} {
		if r := ropactl(t, bad...); r.code != 2 {
			t.Errorf("ropactl %s: exit %d, want 2 (%s)", strings.Join(bad, " "), r.code, r.stderr)
		}
	}
	if r := ropactl(t, "asset", "add", reg, "--name", "X", "--activity", "No such activity"); r.code != 1 || !strings.Contains(r.stderr, "no activity called") {
		t.Errorf("linking to a missing activity: exit %d, %s", r.code, r.stderr)
	}
}

// TestExportDSPT: the example exports as the DSPT workbook, whose 1.1.2
// sheet has NHS England's 13 columns and a row per activity in use.
func TestExportDSPT(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	out := filepath.Join(dir, "dspt.xlsx")
	mustRun(t, "example", reg)
	if r := ropactl(t, "check", reg); r.code != 0 {
		t.Fatalf("the example does not check clean: exit %d\n%s", r.code, r.stdout)
	}
	mustRun(t, "export", reg, "--format", "dspt", "--out", out)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("DSPT 1.1.2")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 3 || len(rows[1]) != 13 || rows[1][8] != "Systems or services that process it" {
		t.Fatalf("headings: %q", rows[1])
	}
	if len(rows)-2 != 19 {
		t.Errorf("%d activity rows, want 19", len(rows)-2)
	}
	for _, row := range rows[2:] {
		if len(row) < 9 || row[8] == "" {
			t.Errorf("activity %q has no systems in the 1.1.2 sheet", row[0])
		}
	}
}

// TestImportJSONCarriesAssets: the example exported as JSON and imported
// into a new register brings its assets and suppliers, links intact.
func TestImportJSONCarriesAssets(t *testing.T) {
	dir := t.TempDir()
	src, dst, doc := filepath.Join(dir, "a.ropa"), filepath.Join(dir, "b.ropa"), filepath.Join(dir, "a.json")
	mustRun(t, "example", src)
	mustRun(t, "export", src, "--out", doc)
	mustRun(t, "new", dst, "--org", "Placeholder Ltd")
	out := mustRun(t, "import", dst, doc).stdout
	if !strings.Contains(out, "13 information assets and 9 suppliers added or updated.") {
		t.Errorf("import said:\n%s", out)
	}
	var assets []model.InformationAsset
	if err := json.Unmarshal([]byte(mustRun(t, "asset", "list", dst, "--json").stdout), &assets); err != nil {
		t.Fatal(err)
	}
	if len(assets) != 13 || len(assets[0].ActivityIDs) == 0 {
		t.Fatalf("imported assets: %d", len(assets))
	}
	// Imported again, nothing about them changes.
	if out := mustRun(t, "import", dst, doc).stdout; strings.Contains(out, "information asset") {
		t.Errorf("second import said:\n%s", out)
	}
}
