package report

import (
	"fmt"
	"strings"

	"github.com/ropadesk/ropadesk/report/notice"
)

// titleNoticeCoverage is the optional section printed when Input carries
// the result of checking published privacy notices (report/notice).
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
		d.paragraph(stBody, fmt.Sprintf("Notice for %s, checked from the file %s: %d REQUIRED gaps and %d ADVISABLE gaps, across %d activities.",
			strings.ToLower(c.Audience), c.Notice, c.Required, c.Advisable, len(c.Activities)))
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
