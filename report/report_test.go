package report

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/assets"
	"github.com/ropadesk/ropadesk/model"
)

func TestWrite(t *testing.T) {
	in := exampleInput(t, true)
	pdf := render(t, in)
	text := pdfText(t, pdf)
	flat := squash(text)

	t.Run("OK_EveryActivityAndOrganisation", func(t *testing.T) {
		for _, a := range in.Register.Activities {
			if !strings.Contains(flat, squash(a.Name)) {
				t.Errorf("activity %q is missing from the PDF", a.Name)
			}
		}
		for _, o := range in.Register.Organisations {
			if !strings.Contains(flat, o.Name) {
				t.Errorf("organisation %q is missing from the PDF", o.Name)
			}
		}
	})
	t.Run("OK_NDOPVerdicts", func(t *testing.T) {
		seen := map[model.NDOPVerdict]bool{}
		for i := range in.Register.Activities {
			a := &in.Register.Activities[i]
			seen[model.AssessNDOP(a, in.Register.Organisation(a.OrganisationID)).Verdict] = true
		}
		if len(seen) < 2 {
			t.Fatalf("the example has only %d NDOP verdicts; the test needs variety", len(seen))
		}
		for _, o := range model.NDOPVerdicts {
			if seen[o.Code] && !strings.Contains(flat, o.Label) {
				t.Errorf("NDOP verdict %q is missing", o.Label)
			}
		}
		if !strings.Contains(flat, titleNDOP) {
			t.Errorf("NDOP table heading %q is missing", titleNDOP)
		}
	})
	t.Run("OK_SpecialCategoryTable", func(t *testing.T) {
		i := strings.Index(flat, titleSpecial+" ")
		if i < 0 {
			t.Fatalf("special-category table heading is missing")
		}
		// The table section runs from its heading to the NDOP section.
		j := strings.LastIndex(flat, titleNDOP+" Whether")
		if j < i {
			t.Fatalf("cannot find the end of the special-category section")
		}
		table := flat[i:j]
		for _, h := range []string{"Activity", "Organisation", "Categories", "Article 9 condition", "Schedule 1"} {
			if !strings.Contains(table, h) {
				t.Errorf("special-category table lacks column %q", h)
			}
		}
		n := 0
		for _, a := range in.Register.Activities {
			if a.HasSpecialCategoryData() || a.CriminalOffenceData {
				n++
				if !strings.Contains(table, firstWords(a.Name, 2)) {
					t.Errorf("special-category table lacks a row for %q", a.Name)
				}
			}
		}
		if n == 0 {
			t.Fatal("the example has no special-category activity")
		}
	})
	t.Run("OK_SignOff", func(t *testing.T) {
		for _, want := range []string{"SIGNED OFF", "Signed off by " + testSignedBy, squash(testStatement)} {
			if !strings.Contains(flat, want) {
				t.Errorf("sign-off text %q is missing", want)
			}
		}
		if strings.Contains(flat, "NOT SIGNED OFF") {
			t.Error("a signed-off cycle printed NOT SIGNED OFF")
		}
	})
	t.Run("OK_UTF8", func(t *testing.T) {
		for _, want := range []string{"Zoë Ní Bhriain", "Llanfair Pwllgwyngyll", "Ynys Môn"} {
			if !strings.Contains(text, want) {
				t.Errorf("%q did not survive the PDF", want)
			}
		}
	})
	t.Run("OK_PageNumbersAndFingerprint", func(t *testing.T) {
		pages := pageCount(t, pdf)
		fp := model.Fingerprint(in.Register, in.HistoryHead)
		if got := strings.Count(text, "Fingerprint "+fp[:16]); got != pages {
			t.Errorf("footer fingerprint on %d of %d pages", got, pages)
		}
		if !strings.Contains(text, "Page 1 of ") || !strings.Contains(flat, "Page "+itoa(pages)+" of "+itoa(pages)) {
			t.Errorf("page footer \"Page n of %d\" missing", pages)
		}
		if !strings.Contains(text, fp) {
			t.Error("cover lacks the full fingerprint")
		}
		got, ok := ExtractFingerprint(pdf)
		if !ok || got != fp {
			t.Errorf("ExtractFingerprint = %q, %v; want %q", got, ok, fp)
		}
	})
	t.Run("OK_ContentsPageNumbers", func(t *testing.T) {
		// The contents must point at the page the section starts on.
		pages := strings.Split(text, "\f")
		for _, title := range []string{titleSpecial, titleSignOff} {
			want := -1
			for i, p := range pages {
				if i > 1 && strings.Contains(p, title) {
					want = i + 1
					break
				}
			}
			line := lineWith(pages[1], title)
			if want < 0 || !strings.HasSuffix(strings.TrimSpace(line), " "+itoa(want)) {
				t.Errorf("contents line %q; section %q starts on page %d", line, title, want)
			}
		}
	})
}

func TestWriteUnsigned(t *testing.T) {
	t.Run("OK_NotSignedOff", func(t *testing.T) {
		flat := squash(pdfText(t, render(t, exampleInput(t, false))))
		if strings.Count(flat, "NOT SIGNED OFF") < 2 {
			t.Error("an unsigned cycle must say NOT SIGNED OFF on the cover and the sign-off page")
		}
		for _, want := range []string{"Signature", "To be completed by the person signing off"} {
			if !strings.Contains(flat, strings.ToUpper(want)) && !strings.Contains(flat, want) {
				t.Errorf("unsigned sign-off block lacks %q", want)
			}
		}
	})
	t.Run("OK_NoCycle", func(t *testing.T) {
		in := exampleInput(t, false)
		in.Cycle = nil
		flat := squash(pdfText(t, render(t, in)))
		if !strings.Contains(flat, "NOT A REVIEW CYCLE") {
			t.Error("a PDF of the current state must say it is not a review cycle")
		}
		if !strings.Contains(flat, "no previous signed-off review cycle") {
			t.Error("without a previous cycle the changes section must say so")
		}
	})
	t.Run("ErrNoAsAt", func(t *testing.T) {
		in := exampleInput(t, false)
		in.AsAt = time.Time{}
		err := Write(context.Background(), &bytes.Buffer{}, in, nil)
		if model.ErrorCode(err) != model.EINVALID {
			t.Errorf("Write without an as-at date = %v, want EINVALID", err)
		}
	})
}

func TestWriteReproducible(t *testing.T) {
	a := render(t, exampleInput(t, true))
	b := render(t, exampleInput(t, true))
	if !bytes.Equal(a, b) {
		t.Fatalf("two exports of the same state differ (%d and %d bytes)", len(a), len(b))
	}
	in := exampleInput(t, true)
	in.Register.Activities[0].Retention += "."
	if bytes.Equal(a, render(t, in)) {
		t.Error("a changed register gave the same bytes")
	}
}

func TestWriteCancel(t *testing.T) {
	t.Run("ErrCancelledBefore", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var buf bytes.Buffer
		if err := Write(ctx, &buf, exampleInput(t, true), nil); !errors.Is(err, context.Canceled) {
			t.Errorf("Write = %v, want context.Canceled", err)
		}
		if buf.Len() != 0 {
			t.Errorf("a cancelled export wrote %d bytes", buf.Len())
		}
	})
	t.Run("ErrCancelledDuring", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		calls := 0
		progress := func(done, total int) {
			calls++
			if done == 3 {
				cancel()
			}
		}
		var buf bytes.Buffer
		err := Write(ctx, &buf, exampleInput(t, true), progress)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Write = %v, want context.Canceled", err)
		}
		if calls != 3 {
			t.Errorf("progress called %d times after cancelling at 3", calls)
		}
	})
	t.Run("OK_Progress", func(t *testing.T) {
		in := exampleInput(t, true)
		var last, total int
		err := Write(context.Background(), &bytes.Buffer{}, in, func(d, n int) { last, total = d, n })
		if err != nil {
			t.Fatal(err)
		}
		if want := 2 * len(in.Register.Activities); last != want || total != want {
			t.Errorf("progress ended at %d of %d, want %d of %d", last, total, want, want)
		}
	})
}

func TestWriteLongText(t *testing.T) {
	short := exampleInput(t, true)
	long := exampleInput(t, true)
	// A security description far longer than a page, in one field and in
	// a table cell (the NDOP reason comes from the evidence).
	para := strings.Repeat("Encrypted at rest with AES-256 and in transit with TLS 1.3; access reviewed quarterly by the Caldicott Guardian. ", 120)
	long.Register.Activities[0].SecurityMeasures = para + "END-OF-LONG-TEXT"
	long.Register.Activities[1].Name = strings.Repeat("Very long activity name ", 12) + "END-OF-NAME"
	sp, lp := render(t, short), render(t, long)
	ns, nl := pageCount(t, sp), pageCount(t, lp)
	if nl <= ns+1 {
		t.Errorf("long text gave %d pages, short %d; it should have flowed onto more pages", nl, ns)
	}
	text := pdfText(t, lp)
	if !strings.Contains(text, "END-OF-LONG-TEXT") || !strings.Contains(squash(text), "END-OF-NAME") {
		t.Error("the end of a long field is missing: it was clipped")
	}
	// Wrapped, not overflowing: no line of the text layout is wider than
	// the page allows (pdftotext -layout at its default scale prints A4
	// body text in well under 130 columns).
	// The index's pages are set in a smaller type, which makes -layout
	// spread every line of those pages wider; they are checked by the
	// index's own test.
	for _, page := range strings.Split(text, "\f") {
		if strings.Contains(page, "Last") && strings.Contains(page, "Findings") && strings.Contains(page, "Opt-out") {
			continue
		}
		for _, l := range strings.Split(page, "\n") {
			if n := len([]rune(l)); n > 140 {
				t.Errorf("a line of %d characters suggests text ran off the page: %.80q…", n, l)
				break
			}
		}
	}
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

func lineWith(page, s string) string {
	for _, l := range strings.Split(page, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestWriteLeavesFontsAlone guards against fpdf's font subsetter writing
// into the embedded font bytes, which made the second export of a process
// differ from the first and would corrupt the fonts for the GUI.
func TestWriteLeavesFontsAlone(t *testing.T) {
	before := [][]byte{
		bytes.Clone(assets.FontRegular), bytes.Clone(assets.FontBold),
		bytes.Clone(assets.FontItalic), bytes.Clone(assets.FontMono),
	}
	render(t, exampleInput(t, true))
	after := [][]byte{assets.FontRegular, assets.FontBold, assets.FontItalic, assets.FontMono}
	for i := range before {
		if !bytes.Equal(before[i], after[i]) {
			t.Errorf("font %d was modified by Write", i)
		}
	}
}
