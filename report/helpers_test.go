package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

var (
	testAsAt    = time.Date(2026, time.June, 30, 0, 0, 0, 0, time.UTC)
	testCycleID = uuid.MustParse("01a20684-4000-7000-8000-000000000001")
)

const (
	testSignedBy  = "Zoë Ní Bhriain"
	testStatement = "I have reviewed every processing activity in this register and confirm that it is complete and accurate as at 30 June 2026."
)

// exampleInput is the example register after a review cycle in which every
// activity was reviewed; signed says whether the cycle was signed off.
func exampleInput(t testing.TB, signed bool) Input {
	t.Helper()
	reg := exchange.Example()
	cycle := model.ReviewCycle{
		ID: testCycleID, Name: "Annual review 2026",
		StartedAt: time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC), IntervalMonths: 12,
	}
	for i := range reg.Activities {
		a := &reg.Activities[i]
		outcome := model.OutcomeNoChange
		if i%4 == 1 {
			outcome = model.OutcomeChanged
		}
		a.Reviews = append(a.Reviews, model.Review{
			ID:       uuid.NewSHA1(testCycleID, []byte(a.ID.String())),
			CycleID:  testCycleID,
			Date:     time.Date(2026, time.June, 20, 0, 0, 0, 0, time.UTC),
			Reviewer: testSignedBy, Outcome: outcome,
			Notes: "Checked against the privacy notice.", NDOPConfirmed: true,
		})
	}
	if signed {
		cycle.SignOff = &model.SignOff{By: testSignedBy, Date: testAsAt, Statement: testStatement}
	}
	reg.ReviewCycles = append(reg.ReviewCycles, cycle)
	return Input{Register: reg, Cycle: &reg.ReviewCycles[len(reg.ReviewCycles)-1], AsAt: testAsAt, HistoryHead: "00ff"}
}

func render(t testing.TB, in Input) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, in, nil); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// pdfFile writes pdf to a file of its own for the tools that read a PDF
// back (pdftotext, pdfinfo, qpdf) and returns its path.
func pdfFile(t testing.TB, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfText reads a PDF back with poppler's pdftotext -layout. CI installs
// poppler-utils, so a missing tool is a failure, not a skip.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatalf("pdftotext (poppler-utils) is needed to read the PDF back: %v", err)
	}
	path := pdfFile(t, pdf)
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pageCount reads the number of pages with pdfinfo.
func pageCount(t testing.TB, pdf []byte) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", pdfFile(t, pdf)).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			var n int
			fmt.Sscan(strings.TrimSpace(v), &n)
			return n
		}
	}
	t.Fatalf("pdfinfo gave no page count:\n%s", out)
	return 0
}

// squash collapses runs of white space, because -layout spreads table
// cells and wrapped lines over columns.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
