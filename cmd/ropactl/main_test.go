package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

func init() {
	clock = func() time.Time { return time.Date(2026, time.September, 1, 9, 0, 0, 0, time.UTC) }
}

type result struct {
	code           int
	stdout, stderr string
}

func ropactl(t *testing.T, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := ropactl(t, args...)
	if r.code != 0 {
		t.Fatalf("ropactl %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

func TestExampleExportJSON(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	out := filepath.Join(dir, "demo.json")
	mustRun(t, "example", reg)
	mustRun(t, "export", reg, "--format", "json", "--out", out)

	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Format        string               `json:"format"`
		Version       int                  `json:"version"`
		Organisations []model.Organisation `json:"organisations"`
		Activities    []struct {
			model.Activity
			Derived json.RawMessage `json:"derived"`
		} `json:"activities"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if doc.Format != "ropa-desk-register" || doc.Version != 1 {
		t.Errorf("format %q version %d", doc.Format, doc.Version)
	}
	orgs := map[string]model.Organisation{}
	clw := 0
	for _, o := range doc.Organisations {
		orgs[o.ID.String()] = o
		if o.Partnership == "Community Living Well" {
			clw++
		}
	}
	if clw != 6 {
		t.Errorf("Community Living Well has %d organisations in the export, want 6", clw)
	}
	healthFlagged := false
	for _, a := range doc.Activities {
		if orgs[a.OrganisationID.String()].Name == "Mental Health and Well Being Services Ltd" &&
			strings.HasPrefix(a.Name, "Care records") && slices.Contains(a.SpecialCategories, model.SpecialHealth) {
			healthFlagged = true
		}
		if len(a.Derived) == 0 {
			t.Errorf("activity %q has no derived block", a.Name)
		}
	}
	if !healthFlagged {
		t.Error("MHWS care records are not flagged as special-category health data in the export")
	}
	// What was exported must import again, and write back byte for byte:
	// the store lost nothing the JSON format carries.
	back, err := exchange.ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the export does not read back: %v", err)
	}
	var again bytes.Buffer
	if err := exchange.WriteJSON(&again, back, clock()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), data) {
		t.Error("export → read → write changed the document")
	}
	// Nothing left beside it by the atomic write.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestExportStdoutAndFormatFromExtension(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	mustRun(t, "example", reg)
	r := mustRun(t, "export", reg, "--format", "json", "--out", "-")
	if !strings.HasPrefix(r.stdout, "{\n  \"format\": \"ropa-desk-register\"") {
		t.Errorf("stdout export starts %.60q", r.stdout)
	}
	mustRun(t, "export", "--out", filepath.Join(dir, "x.json"), reg)
	if _, err := os.Stat(filepath.Join(dir, "x.json")); err != nil {
		t.Errorf("format from extension: %v", err)
	}
}

func TestExportFailureLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	mustRun(t, "example", reg)
	out := filepath.Join(dir, "missing-dir", "x.json")
	r := ropactl(t, "export", reg, "--format", "json", "--out", out)
	if r.code != 1 || r.stderr == "" {
		t.Fatalf("export into a missing directory: exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed export left %s", out)
	}
}

func TestNewAndList(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "clinic.ropa")
	r := mustRun(t, "new", reg, "--org", "Ynys Môn Clinic Ltd")
	if !strings.Contains(r.stdout, "Ynys Môn Clinic Ltd") {
		t.Errorf("new says %q", r.stdout)
	}
	if r := mustRun(t, "list", reg); !strings.Contains(r.stdout, "No activities") {
		t.Errorf("list of an empty register: %q", r.stdout)
	}
	if r := ropactl(t, "new", reg, "--org", "Again"); r.code != 1 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("new over an existing file: exit %d, stderr %q", r.code, r.stderr)
	}

	// Add an activity through the store, as the GUI would.
	ctx := context.Background()
	db, err := store.Open(ctx, reg)
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := db.Organisations(ctx)
	if err != nil || len(orgs) != 1 {
		t.Fatalf("organisations %v, %v", orgs, err)
	}
	a := &model.Activity{OrganisationID: orgs[0].ID, Role: model.RoleController, Status: model.StatusActive,
		BusinessFunction: "Finance", Name: "Payroll",
		LawfulBases: []model.BasisClaim{{Basis: model.BasisLegalObligation, Reason: "HMRC"}}}
	if err := db.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	db.Close()

	r = mustRun(t, "list", reg)
	for _, want := range []string{"NAME", "LAST REVIEW", "Payroll", "Ynys Môn Clinic Ltd", "legal_obligation", "never", "1 activity."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("list output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = mustRun(t, "list", "--json", reg, "--status", "active", "--org", "ynys môn clinic ltd")
	var rows []listedActivity
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatalf("list --json: %v\n%s", err, r.stdout)
	}
	if len(rows) != 1 || rows[0].Name != "Payroll" || rows[0].ID != a.ID {
		t.Errorf("list --json rows %+v", rows)
	}
	r = mustRun(t, "list", reg, "--status", "draft", "--json")
	if strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("list --status draft: %q, want []", r.stdout)
	}
	if r := ropactl(t, "list", reg, "--org", "Nobody"); r.code != 1 || !strings.Contains(r.stderr, `"Ynys Môn Clinic Ltd"`) {
		t.Errorf("list --org Nobody: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestListFilters(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "demo.ropa")
	mustRun(t, "example", reg)
	var rows []listedActivity
	r := mustRun(t, "list", reg, "--org", "Jobs in Mind", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Organisation != "Jobs in Mind" {
		t.Errorf("--org Jobs in Mind: %+v", rows)
	}
	r = mustRun(t, "list", reg, "--query", "safeguarding", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || rows[0].Name != "Safeguarding referrals" {
		t.Errorf("--query safeguarding: %+v", rows)
	}
}

func TestCheck(t *testing.T) {
	ctx := context.Background()
	example := exchange.Example()
	care := example.Activities[0]
	mhws := example.Organisations[0]

	write := func(t *testing.T, acts ...model.Activity) string {
		t.Helper()
		path := filepath.Join(t.TempDir(), "r.ropa")
		db, err := store.Create(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Apply(ctx, model.Changes{Organisations: []model.Organisation{mhws}, Activities: acts}); err != nil {
			t.Fatal(err)
		}
		return path
	}

	t.Run("OK", func(t *testing.T) {
		r := ropactl(t, "check", write(t, care))
		// The activity itself is clean; the register around it has no
		// information assets and has never been signed off (DSPT 1.1.2).
		if r.code != 0 || !strings.Contains(r.stdout, "1 activity checked: 0 errors, 2 warnings.") ||
			!strings.Contains(r.stdout, "records no information assets") || !strings.Contains(r.stdout, "never been signed off") {
			t.Errorf("clean register: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("ErrNoArticle9Condition", func(t *testing.T) {
		bad := care
		bad.Article9Conditions = nil
		r := ropactl(t, "check", write(t, bad))
		if r.code != 1 {
			t.Errorf("exit %d, want 1\n%s", r.code, r.stdout)
		}
		for _, want := range []string{"Care records: diagnoses, treatment and care (Mental Health and Well Being Services Ltd)", "  error", "Article 9 condition for processing special category data", "1 error"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("check output lacks %q:\n%s", want, r.stdout)
			}
		}
		if strings.Contains(r.stdout, "article9_conditions") {
			t.Errorf("check output shows a field key, not its label:\n%s", r.stdout)
		}
		r = ropactl(t, "check", "--json", write(t, bad))
		var rep checkReport
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("check --json: %v\n%s", err, r.stdout)
		}
		if r.code != 1 || rep.Errors == 0 || rep.Activities != 1 {
			t.Errorf("check --json: exit %d, report %+v", r.code, rep)
		}
	})
	t.Run("WarningsOnly", func(t *testing.T) {
		reg := filepath.Join(t.TempDir(), "demo.ropa")
		mustRun(t, "example", reg)
		r := ropactl(t, "check", reg)
		if r.code != 0 || !strings.Contains(r.stdout, "19 activities checked: 0 errors, 3 warnings.") {
			t.Errorf("example: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
	})
}

func TestExampleRefusesToOverwrite(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "demo.ropa")
	if err := os.WriteFile(reg, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := ropactl(t, "example", reg)
	if r.code != 1 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(reg); string(data) != "precious" {
		t.Error("example overwrote an existing file")
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	notReg := filepath.Join(dir, "notes.ropa")
	if err := os.WriteFile(notReg, []byte("not a register"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"ErrMissingFile", []string{"list", filepath.Join(dir, "nope.ropa")}, "does not exist"},
		{"ErrNotRegister", []string{"check", notReg}, "notes.ropa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ropactl(t, tt.args...)
			if r.code != 1 || !strings.Contains(r.stderr, tt.want) || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q on stderr", r.code, r.stdout, r.stderr, tt.want)
			}
		})
	}
}

func TestUsage(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "r.ropa")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"ErrNoCommand", nil, "Commands:"},
		{"ErrUnknownCommand", []string{"frobnicate"}, `no command "frobnicate"`},
		{"ErrHelpUnknown", []string{"help", "frobnicate"}, `no command "frobnicate"`},
		{"ErrListNoRegister", []string{"list"}, "missing the register file"},
		{"ErrListTwoRegisters", []string{"list", "a.ropa", "b.ropa"}, `unexpected argument "b.ropa"`},
		{"ErrNewNoOrg", []string{"new", reg}, "--org NAME is required"},
		{"ErrUnknownFlag", []string{"list", reg, "--colour"}, "flag provided but not defined: -colour"},
		{"ErrBadStatus", []string{"list", reg, "--status", "pending"}, `"pending" is not a status`},
		{"ErrExportNoOut", []string{"export", reg, "--format", "json"}, "--out FILE is required"},
		{"ErrExportBadFormat", []string{"export", reg, "--format", "xml", "--out", "x.xml"}, `"xml" is not a format`},
		{"ErrExportNoFormat", []string{"export", reg, "--out", "-"}, "--format is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ropactl(t, tt.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, tt.want)
			}
			if r.stdout != "" {
				t.Errorf("usage error wrote to stdout: %q", r.stdout)
			}
		})
	}
	if _, err := os.Stat(reg); !os.IsNotExist(err) {
		t.Error("a usage error created the register")
	}
}

func TestHelp(t *testing.T) {
	r := mustRun(t, "help")
	for name := range commands {
		if !strings.Contains(r.stdout, "  "+name) {
			t.Errorf("help does not list %s", name)
		}
		for _, args := range [][]string{{name, "--help"}, {name, "-h"}, {"help", name}} {
			r := mustRun(t, args...)
			if !strings.HasPrefix(r.stdout, "usage: ropactl "+name) || !strings.Contains(r.stdout, "Examples:") {
				t.Errorf("ropactl %s: %q", strings.Join(args, " "), r.stdout)
			}
		}
	}
}
