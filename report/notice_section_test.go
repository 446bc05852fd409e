package report

import (
	"os"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/report/notice"
)

// TestNoticeCoverageSection prints the seed notice's coverage into the PDF
// and reads it back: the section is in the contents and shows the gaps.
func TestNoticeCoverageSection(t *testing.T) {
	in := exampleInput(t, true)
	plain := squash(pdfText(t, render(t, in)))
	if strings.Contains(plain, titleNoticeCoverage) {
		t.Fatal("section printed with no notice checked")
	}
	s, err := notice.Select(in.Register, "Mental Health and Well Being Services Ltd", "service_users")
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile("notice/testdata/mhws-privacy-notice.txt")
	if err != nil {
		t.Fatal(err)
	}
	in.NoticeCoverage = []*notice.Coverage{notice.Check(s, "mhws-privacy-notice.txt", string(text))}
	got := squash(pdfText(t, render(t, in)))
	for _, want := range []string{
		"Privacy notice coverage",
		"Notice for service users, checked from the file mhws-privacy-notice.txt",
		"REQUIRED gap", "ADVISABLE gap", "Genetic data", "Retention is described only vaguely",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	if strings.Count(got, titleNoticeCoverage) < 2 {
		t.Error("section not in the contents")
	}
}
