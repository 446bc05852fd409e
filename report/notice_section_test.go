package report

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

const mhwsName = "Mental Health and Well Being Services Ltd"

func seedNotice(t testing.TB, org, audience, file string, at time.Time) model.PublishedNotice {
	t.Helper()
	text, err := os.ReadFile("notice/testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	return model.PublishedNotice{ID: uuid.NewSHA1(uuid.NameSpaceURL, []byte(file+at.String())), Organisation: org, Audience: audience,
		Source: file, Text: string(text), SHA256: model.TextDigest(string(text)), RecordedAt: at, RecordedBy: "Zoë Ní Bhriain"}
}

// TestNoticeCoverageSection: a notice recorded in the register is checked
// by CompleteInput against the register the PDF shows, and the section,
// read back from the PDF, is in the contents and shows the gaps; with no
// notice recorded there is no section.
func TestNoticeCoverageSection(t *testing.T) {
	ctx := context.Background()
	in := exampleInput(t, true)
	if err := CompleteInput(ctx, nil, &in); err != nil {
		t.Fatal(err)
	}
	if plain := squash(pdfText(t, render(t, in))); strings.Contains(plain, titleNoticeCoverage) {
		t.Fatal("section printed with no notice recorded")
	}
	n := seedNotice(t, mhwsName, "service_users", "mhws-privacy-notice.txt", time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC))
	in.Register.PublishedNotices = []model.PublishedNotice{n}
	if err := CompleteInput(ctx, nil, &in); err != nil {
		t.Fatal(err)
	}
	got := squash(pdfText(t, render(t, in)))
	for _, want := range []string{
		"Privacy notice coverage",
		"Notice for service users, from mhws-privacy-notice.txt, recorded by Zoë Ní Bhriain on 2 June 2026",
		n.SHA256[:20],
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

// The PDF shows, for each organisation and audience, the latest notice
// recorded by the end of its as-at day (for the current state), or those
// in a signed-off cycle's frozen copy; one whose organisation the register
// no longer has says it could not be checked.
func TestRecordedNoticeChoice(t *testing.T) {
	ctx := context.Background()
	in := exampleInput(t, false)
	in.Cycle = nil
	old := seedNotice(t, mhwsName, "service_users", "mhws-privacy-notice.txt", time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	newer := old
	newer.ID, newer.Text = uuid.New(), old.Text+"\nWe updated this notice.\n"
	newer.SHA256, newer.RecordedAt = model.TextDigest(newer.Text), time.Date(2026, 6, 30, 23, 0, 0, 0, time.UTC)
	later := newer
	later.ID, later.Text = uuid.New(), old.Text+"\nUpdated again.\n"
	later.SHA256, later.RecordedAt = model.TextDigest(later.Text), time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	gone := seedNotice(t, "Riverside Surgery", "", "mhws-privacy-notice.txt", old.RecordedAt)
	clw := seedNotice(t, "Community Living Well", "service_users", "community-living-well-privacy-notice.txt", old.RecordedAt)
	in.Register.PublishedNotices = []model.PublishedNotice{old, gone, clw, newer, later}
	in.AsAt = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	if err := CompleteInput(ctx, nil, &in); err != nil {
		t.Fatal(err)
	}
	var shas []string
	for _, c := range in.NoticeCoverage {
		shas = append(shas, c.Recorded.SHA256)
	}
	if len(shas) != 3 || shas[0] != newer.SHA256 || shas[1] != gone.SHA256 || shas[2] != clw.SHA256 {
		t.Fatalf("coverage of %v; want the notice of 30 June, Riverside's and CLW's", shas)
	}
	if u := in.NoticeCoverage[1].Unchecked; !strings.Contains(u, "could not be checked") || !strings.Contains(u, "Riverside Surgery") {
		t.Errorf("unchecked: %q", u)
	}
	got := squash(pdfText(t, render(t, in)))
	if !strings.Contains(got, "It could not be checked against the register as it is now") || !strings.Contains(got, "Community Living Well") {
		t.Error("PDF lacks the unchecked notice or CLW's")
	}

	// A signed-off cycle prints what its frozen copy holds, whatever the
	// as-at date.
	signed := exampleInput(t, true)
	signed.Register.PublishedNotices = []model.PublishedNotice{old, later}
	if err := CompleteInput(ctx, nil, &signed); err != nil {
		t.Fatal(err)
	}
	if len(signed.NoticeCoverage) != 1 || signed.NoticeCoverage[0].Recorded.SHA256 != later.SHA256 {
		t.Fatalf("signed-off cycle's coverage: %+v", signed.NoticeCoverage)
	}
}

// BenchmarkRecordedCoverage is what recorded notices add to every PDF
// export and every `verify --pdf`: both seed notices checked against the
// example register.
func BenchmarkRecordedCoverage(b *testing.B) {
	ctx := context.Background()
	in := exampleInput(b, false)
	in.Cycle = nil
	at := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	in.Register.PublishedNotices = []model.PublishedNotice{
		seedNotice(b, mhwsName, "service_users", "mhws-privacy-notice.txt", at),
		seedNotice(b, "Community Living Well", "service_users", "community-living-well-privacy-notice.txt", at),
	}
	for b.Loop() {
		if err := CompleteInput(ctx, nil, &in); err != nil || len(in.NoticeCoverage) != 2 {
			b.Fatalf("%v, %d coverages", err, len(in.NoticeCoverage))
		}
	}
}
