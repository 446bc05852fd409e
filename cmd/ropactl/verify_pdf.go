package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report"
	"github.com/ropadesk/ropadesk/store"
)

// How verify --pdf decides, given the state the PDF's fingerprint names:
//
//  1. It makes the PDF of that state again. The same state gives the same
//     bytes, so a PDF byte for byte identical is the genuine one.
//  2. Otherwise it compares the text of every page (pdftotext) with the
//     PDF made again. A PDF only re-saved by another program (qpdf, a
//     viewer's "save as") keeps its page text and is accepted, saying so;
//     one whose text differs anywhere — a retention period changed, a
//     fingerprint pasted into another document — is rejected, naming the
//     pages.
//
// What the PDF was made for is not all in the fingerprint: the as-at date
// is read from the page header, and the cycle reported on is found by
// trying the state's register and each of its cycles. Changes that leave
// the text alone (a box drawn over a line, colours) are beyond this check.

var printedFingerprintRe = regexp.MustCompile(`\b[0-9a-f]{64}\b`)

// printedFingerprint reads the full fingerprint from the PDF's page text.
func printedFingerprint(ctx context.Context, path string) (string, bool) {
	pages, err := pdfPages(ctx, path)
	if err != nil {
		return "", false
	}
	for _, p := range pages {
		if fp := printedFingerprintRe.FindString(p); fp != "" {
			return fp, true
		}
	}
	return "", false
}

var asAtRe = regexp.MustCompile(`As at (\d{1,2} [A-Z][a-z]+ \d{4})`)

// comparePDF makes the PDF of m's state again and compares it with the
// PDF at path. It returns a sentence and whether the PDF's content is
// what ROPA Desk printed.
func comparePDF(ctx context.Context, db *store.DB, m stateMatch, path string, data []byte) (string, bool, error) {
	pages, err := pdfPages(ctx, path)
	if err != nil {
		return "", false, err
	}
	var asAt time.Time
	if len(pages) > 0 {
		if sm := asAtRe.FindStringSubmatch(pages[0]); sm != nil {
			asAt, _ = time.Parse("2 January 2006", sm[1])
		}
	}
	if asAt.IsZero() {
		return "its first page does not say which date it shows (\"As at …\"), so it cannot be compared with the PDF of that state.", false, nil
	}
	// The cycle the fingerprint names first, then the register's state,
	// then its other cycles.
	var cycles []*model.ReviewCycle
	if m.signed != nil {
		cycles = append(cycles, m.signed)
	}
	cycles = append(cycles, nil)
	for i := range m.reg.ReviewCycles {
		if c := &m.reg.ReviewCycles[i]; m.signed == nil || c.ID != m.signed.ID {
			cycles = append(cycles, c)
		}
	}
	var (
		best     []int
		bestText [][2]string
		bestN    = -1
	)
	for _, c := range cycles {
		in := report.Input{Register: m.reg, Cycle: c, HistoryHead: m.head, AsAt: asAt}
		if err := report.CompleteInput(ctx, db, &in); err != nil {
			return "", false, err
		}
		var buf bytes.Buffer
		if err := report.Write(ctx, &buf, in, nil); err != nil {
			return "", false, err
		}
		if bytes.Equal(buf.Bytes(), data) {
			return "Its bytes are identical to the PDF ROPA Desk makes from that state.", true, nil
		}
		want, err := pdfBytesPages(ctx, buf.Bytes())
		if err != nil {
			return "", false, err
		}
		diff, text := differingPages(pages, want)
		if len(diff) == 0 {
			return fmt.Sprintf("Its bytes differ from the PDF ROPA Desk makes from that state (it was re-saved by another program), but the text of all %d pages is the same.", len(want)), true, nil
		}
		if bestN < 0 || len(diff) < len(best) {
			best, bestText, bestN = diff, text, len(want)
		}
	}
	if len(pages) != bestN {
		return fmt.Sprintf("it has %d pages where the PDF of that state has %d, and %s.", len(pages), bestN, describePages(best, bestText)), false, nil
	}
	return describePages(best, bestText) + ".", false, nil
}

// describePages names the pages that differ, with the first line that
// differs on each of the first few.
func describePages(pages []int, text [][2]string) string {
	const most = 5
	var parts []string
	for i, p := range pages {
		if i == most {
			parts = append(parts, fmt.Sprintf("%d more pages", len(pages)-most))
			break
		}
		got, want := text[i][0], text[i][1]
		parts = append(parts, fmt.Sprintf("page %d says %q where the genuine PDF says %q", p, got, want))
	}
	noun := "page differs"
	if len(pages) > 1 {
		noun = "pages differ"
	}
	return fmt.Sprintf("%d %s from the PDF of that state: %s", len(pages), noun, strings.Join(parts, "; "))
}

// differingPages returns the numbers (from 1) of the pages whose text
// differs, and for each the first line that differs (got, want).
func differingPages(got, want []string) ([]int, [][2]string) {
	var pages []int
	var text [][2]string
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g == w {
			continue
		}
		gl, wl := strings.Split(g, "\n"), strings.Split(w, "\n")
		line := [2]string{"(no page)", "(no page)"}
		for j := 0; j < max(len(gl), len(wl)); j++ {
			var a, b string
			if j < len(gl) {
				a = gl[j]
			}
			if j < len(wl) {
				b = wl[j]
			}
			if a != b {
				line = [2]string{a, b}
				break
			}
		}
		pages = append(pages, i+1)
		text = append(text, line)
	}
	return pages, text
}

// pdfPages returns the text of each page of the PDF at path, as pdftotext
// reads it.
func pdfPages(ctx context.Context, path string) ([]string, error) {
	out, err := exec.CommandContext(ctx, "pdftotext", "-enc", "UTF-8", path, "-").Output()
	if errors.Is(err, exec.ErrNotFound) {
		return nil, model.Errorf(model.EINVALID, "Checking a PDF's content needs the program pdftotext, which is not installed: install poppler-utils (Debian, Ubuntu: apt-get install poppler-utils; macOS: brew install poppler; Windows: the poppler binaries on PATH).")
	}
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "%s cannot be read as a PDF: pdftotext could not extract its text.", path)
	}
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages, nil
}

func pdfBytesPages(ctx context.Context, pdf []byte) ([]string, error) {
	f, err := os.CreateTemp("", "ropactl-verify-*.pdf")
	if err != nil {
		return nil, fmt.Errorf("compare PDF: %w", err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(pdf); err != nil {
		f.Close()
		return nil, fmt.Errorf("compare PDF: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("compare PDF: %w", err)
	}
	return pdfPages(ctx, f.Name())
}
