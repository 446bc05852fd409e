package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report"
)

// TestReviewWorkflow scripts a whole annual review on a register made from
// the example: start, mark everything, check progress, sign off, export
// the PDF and read it back.
func TestReviewWorkflow(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	const cycle = "Annual review 2026"
	const statement = "I confirm that this record of processing is complete and accurate."
	mustRun(t, "example", reg)
	mustRun(t, "review", "start", reg, "--name", cycle, "--date", "2026-06-01")

	r := mustRun(t, "review", "status", reg, "--cycle", cycle)
	if !strings.Contains(r.stdout, "0 of 19 activities reviewed") || !strings.Contains(r.stdout, "Online account") {
		t.Errorf("status before marking:\n%s", r.stdout)
	}

	mustRun(t, "review", "mark", reg, "--cycle", cycle, "--all", "--outcome", "no_change",
		"--reviewer", "Zoë Ní Bhriain", "--date", "2026-06-20", "--ndop-confirmed")
	mustRun(t, "review", "mark", reg, "--cycle", cycle, "--activity", "online account", "--outcome", "changed",
		"--reviewer", "Zoë Ní Bhriain", "--date", "2026-06-21", "--notes", "Two-factor authentication added.")

	r = mustRun(t, "review", "status", reg, "--cycle", cycle)
	if !strings.Contains(r.stdout, "19 of 19 activities reviewed") || strings.Contains(r.stdout, "Not yet reviewed") {
		t.Errorf("status after marking all:\n%s", r.stdout)
	}

	mustRun(t, "review", "signoff", reg, "--cycle", cycle, "--by", "Zoë Ní Bhriain", "--role", "Data Protection Officer", "--statement", statement, "--date", "2026-06-30",
		"--acknowledge", "The open findings are on the action plan.")
	r = mustRun(t, "review", "list", reg)
	if !strings.Contains(r.stdout, cycle) || !strings.Contains(r.stdout, "signed off by Zoë Ní Bhriain on 2026-06-30") {
		t.Errorf("list after sign-off:\n%s", r.stdout)
	}

	// Signed off means frozen: marking again is refused.
	if r := ropactl(t, "review", "mark", reg, "--cycle", cycle, "--all", "--outcome", "changed", "--reviewer", "X"); r.code != 1 {
		t.Errorf("marking a signed-off cycle: exit %d, want 1\n%s", r.code, r.stderr)
	}

	pdfPath := filepath.Join(dir, "review.pdf")
	mustRun(t, "export", reg, "--format", "pdf", "--cycle", cycle, "--out", pdfPath)
	pdf, err := os.ReadFile(pdfPath)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfToText(t, pdfPath)), " ")
	for _, want := range []string{"SIGNED OFF", "Signed off by Zoë Ní Bhriain on 30 June 2026", statement, "Two-factor authentication added.", cycle} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if strings.Contains(text, "NOT SIGNED OFF") {
		t.Error("the PDF of a signed-off cycle says NOT SIGNED OFF")
	}
	if _, ok := report.ExtractFingerprint(pdf); !ok {
		t.Error("the PDF carries no fingerprint")
	}

	// The signed-off cycle prints its frozen copy: editing the register
	// afterwards changes neither the PDF nor its bytes.
	mustRun(t, "review", "start", reg, "--name", "Annual review 2027", "--date", "2027-06-01")
	mustRun(t, "review", "mark", reg, "--cycle", "Annual review 2027", "--activity", "Online account",
		"--outcome", "retired", "--reviewer", "Zoë Ní Bhriain", "--date", "2027-06-02")
	again := filepath.Join(dir, "again.pdf")
	mustRun(t, "export", reg, "--format", "pdf", "--cycle", cycle, "--out", again)
	pdf2, err := os.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pdf, pdf2) {
		f1, _ := report.ExtractFingerprint(pdf)
		f2, _ := report.ExtractFingerprint(pdf2)
		t.Errorf("the PDF of a signed-off cycle changed after later edits to the register (fingerprints %s, %s)", f1, f2)
	}

	// The open 2027 cycle compares with 2026 and shows the retirement.
	open := filepath.Join(dir, "open.pdf")
	mustRun(t, "export", reg, "--format", "pdf", "--cycle", "Annual review 2027", "--as-at", "2027-06-03", "--out", open)
	text = strings.Join(strings.Fields(pdfToText(t, open)), " ")
	for _, want := range []string{"NOT SIGNED OFF", "CHANGED (1)", "Status", "As at 3 June 2027"} {
		if !strings.Contains(text, want) {
			t.Errorf("the open cycle's PDF lacks %q", want)
		}
	}
}

func TestReviewErrors(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	mustRun(t, "example", reg)
	mustRun(t, "review", "start", reg, "--name", "Annual review 2026")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"ErrNoStep", []string{"review"}, 2, "missing the review step"},
		{"ErrUnknownStep", []string{"review", "finish", reg}, 2, "no review step"},
		{"ErrNameRequired", []string{"review", "start", reg}, 2, "--name is required"},
		{"ErrDuplicateCycle", []string{"review", "start", reg, "--name", "annual review 2026"}, 1, "already a review cycle"},
		{"ErrCycleNotFound", []string{"review", "status", reg, "--cycle", "Nope"}, 1, "no review cycle called"},
		{"ErrActivityOrAll", []string{"review", "mark", reg, "--cycle", "Annual review 2026", "--outcome", "changed", "--reviewer", "A"}, 2, "--activity"},
		{"ErrBadOutcome", []string{"review", "mark", reg, "--cycle", "Annual review 2026", "--all", "--outcome", "fine", "--reviewer", "A"}, 2, "--outcome"},
		{"ErrReviewerRequired", []string{"review", "mark", reg, "--cycle", "Annual review 2026", "--all", "--outcome", "changed"}, 2, "--reviewer"},
		{"ErrBadDate", []string{"review", "mark", reg, "--cycle", "Annual review 2026", "--all", "--outcome", "changed", "--reviewer", "A", "--date", "30/06/2026"}, 2, "YYYY-MM-DD"},
		{"ErrActivityNotFound", []string{"review", "mark", reg, "--cycle", "Annual review 2026", "--activity", "Nope", "--outcome", "changed", "--reviewer", "A"}, 1, "no activity called"},
		{"ErrSignOffStatement", []string{"review", "signoff", reg, "--cycle", "Annual review 2026", "--by", "A"}, 2, "--statement"},
		{"ErrCycleWithJSON", []string{"export", reg, "--format", "json", "--cycle", "Annual review 2026", "--out", filepath.Join(dir, "x.json")}, 2, "pdf only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ropactl(t, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", r.code, r.stderr, tt.code, tt.want)
			}
		})
	}
	t.Run("OK_CurrentStatePDF", func(t *testing.T) {
		out := filepath.Join(dir, "now.pdf")
		mustRun(t, "export", reg, "--format", "pdf", "--as-at", "2026-09-01", "--out", out)
		text := strings.Join(strings.Fields(pdfToText(t, out)), " ")
		if !strings.Contains(text, "NOT A REVIEW CYCLE") {
			t.Error("the current-state PDF must say it is not a review cycle")
		}
	})
	t.Run("OK_RetiredOutcomeRetires", func(t *testing.T) {
		mustRun(t, "review", "mark", reg, "--cycle", "Annual review 2026", "--activity", "Payments for private services",
			"--outcome", "retired", "--reviewer", "A")
		r := mustRun(t, "list", reg, "--json")
		if !strings.Contains(r.stdout, string(model.StatusRetired)) {
			t.Errorf("an activity reviewed as retired is not retired:\n%.400s", r.stdout)
		}
	})
}

// pdfToText reads a PDF back with poppler's pdftotext; CI installs
// poppler-utils, so a missing tool fails the test.
func pdfToText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v (is poppler-utils installed?)", path, err)
	}
	return string(out)
}
