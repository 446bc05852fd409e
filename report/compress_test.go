package report

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/internal/synth"
)

// TestCompressPagesSameAsFpdf holds compressPages to fpdf's own page
// compression: the same document, byte for byte.
func TestCompressPagesSameAsFpdf(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   Input
	}{
		{"Example", exampleInput(t, true)},
		{"Synthetic", Input{Register: synth.Register(60, 5), AsAt: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), HistoryHead: "ab"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			ref, err := layOut(ctx, tc.in, nil)
			if err != nil {
				t.Fatal(err)
			}
			ref.pdf.SetCompression(true)
			var want bytes.Buffer
			if err := ref.pdf.Output(&want); err != nil {
				t.Fatal(err)
			}
			plain, err := layOut(ctx, tc.in, nil)
			if err != nil {
				t.Fatal(err)
			}
			var raw bytes.Buffer
			if err := plain.pdf.Output(&raw); err != nil {
				t.Fatal(err)
			}
			got, err := compressPages(raw.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("compressPages gave %d bytes, fpdf %d; they differ", len(got), want.Len())
			}
			var viaWrite bytes.Buffer
			if err := Write(ctx, &viaWrite, tc.in, nil); err != nil {
				t.Fatal(err)
			}
			// Write adds the structure tree to the same compressed pages.
			tagged, err := rewritePDF(raw.Bytes(), plain.tags)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(viaWrite.Bytes(), tagged) {
				t.Error("Write's output differs from fpdf's compressed output with the structure tree")
			}
		})
	}
}

func TestCompressPagesRefusesOther(t *testing.T) {
	for _, tc := range []struct{ name, pdf string }{
		{"ErrEmpty", ""},
		{"ErrNoXref", "%PDF-1.3\n1 0 obj\n<<>>\nendobj\nstartxref\n9\n%%EOF\n"},
		{"ErrBadOffset", "%PDF-1.3\nstartxref\n999999\n%%EOF\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := compressPages([]byte(tc.pdf)); err == nil {
				t.Error("no error")
			}
		})
	}
}
