package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/ropadesk/ropadesk/model"

	"github.com/ropadesk/ropadesk/report/notice"
)

// titleNoticeCoverage is the optional section printed when the register
// holds recorded published notices (report/notice): CompleteInput checks
// each against the register the PDF shows.
const titleNoticeCoverage = "Privacy notice coverage"

// noticeCoverageSection prints, for each published notice checked against
// the register, every item of the ICO checklist covered or not, gaps first,
// with the sentence of the notice that covers it. It prints nothing when
// no notice was checked.
func (d *doc) noticeCoverageSection() error {
	if len(d.in.NoticeCoverage) == 0 {
		return nil
	}
	d.section(titleNoticeCoverage)
	d.paragraph(stBody, "Each published privacy notice was checked against the register, item by item of the ICO's "+
		"right-to-be-informed checklist. A REQUIRED gap is something the law requires the notice to say that it does not; "+
		"an ADVISABLE gap is where the notice says more than the register supports, or is vague.")
	d.space(3)
	for _, c := range d.in.NoticeCoverage {
		d.subheading(c.Organisation, 20)
		from := "checked from the file " + c.Notice
		if r := c.Recorded; r != nil {
			from = fmt.Sprintf("from %s, recorded by %s on %s (SHA-256 of its text %s)", c.Notice, r.By, longDate(r.At), r.SHA256)
		}
		if c.Unchecked != "" {
			d.paragraph(stBody, fmt.Sprintf("Notice for %s, %s. %s", strings.ToLower(c.Audience), from, c.Unchecked))
			d.space(4)
			continue
		}
		d.paragraph(stBody, fmt.Sprintf("Notice for %s, %s: %d REQUIRED gaps and %d ADVISABLE gaps, across %d activities.",
			strings.ToLower(c.Audience), from, c.Required, c.Advisable, len(c.Activities)))
		d.space(2)
		var rows [][]cell
		for _, class := range []string{notice.Required, notice.Advisable, ""} {
			for _, f := range c.Findings {
				if f.Class != class {
					continue
				}
				result := cell{text: f.ResultText(), style: stSmallBold}
				switch f.Class {
				case notice.Required:
					result.fill = &colRedBg
				case notice.Advisable:
					result.fill = &colAmberBg
				}
				detail := f.Why
				if f.Sentence != "" {
					detail = "“" + f.Sentence + "”\n" + f.Why
				}
				rows = append(rows, []cell{
					{text: fmt.Sprintf("%d. %s", f.Item, f.Title), style: stSmallBold},
					{text: f.About(), style: stTable},
					result,
					{text: detail, style: stTable},
				})
			}
		}
		d.table([]column{{"Item", 38, "L"}, {"For", 40, "L"}, {"Result", 24, "L"}, {"Sentence, or why not", contentW - 102, "L"}}, rows)
		d.space(4)
		if err := d.ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// recordedCoverage checks the published notices recorded in the register
// the PDF shows against that register: the latest for each organisation
// and audience recorded by the end of the as-at day, or, for a signed-off
// cycle, those in its frozen copy. The checker is deterministic, so the
// same state gives the same section, which is what lets `ropactl verify
// --pdf` make the PDF again.
func recordedCoverage(in *Input) []*notice.Coverage {
	if in.Register == nil || len(in.Register.PublishedNotices) == 0 {
		return nil
	}
	var until time.Time
	if in.Cycle == nil || in.Cycle.SignOff == nil {
		y, m, day := in.AsAt.UTC().Date()
		until = time.Date(y, m, day+1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
	}
	var out []*notice.Coverage
	for _, n := range model.CurrentNotices(in.Register.PublishedNotices, until) {
		out = append(out, notice.CheckRecorded(in.Register, &n))
	}
	return out
}
