package report

import (
	"fmt"

	"github.com/ropadesk/ropadesk/model"
)

// figure is one headline number of the executive summary.
type figure struct {
	value  string
	label  string
	detail string
	colour rgb
}

func (d *doc) summary() error {
	d.section(titleSummary)
	reg := d.reg
	sum := model.Summarise(reg, d.asAt)
	var active, draft, retired int
	for _, a := range d.activities {
		switch a.Status {
		case model.StatusActive:
			active++
		case model.StatusDraft:
			draft++
		case model.StatusRetired:
			retired++
		}
	}
	special, criminal, overdue := sum.SpecialCategoryActivities, sum.CriminalOffenceActivities, sum.ReviewsOverdue
	errs, warns := sum.Errors, sum.Warnings
	reviewed, total := d.reviewCounts()

	intro := fmt.Sprintf("The register records %d processing %s for %d %s, as at %s.",
		total, plural(total, "activity", "activities"), len(reg.Organisations), plural(len(reg.Organisations), "organisation", "organisations"), longDate(d.asAt))
	if d.in.Cycle != nil {
		intro += fmt.Sprintf(" In the review cycle “%s”, %d of %d activities were reviewed.", d.in.Cycle.Name, reviewed, total)
	}
	d.paragraph(stBody, intro)
	d.space(5)

	red := func(n int) rgb {
		if n > 0 {
			return colRed
		}
		return colGreen
	}
	amber := func(n int) rgb {
		if n > 0 {
			return colAmber
		}
		return colGreen
	}
	figs := []figure{
		{fmt.Sprint(total), "Processing activities", fmt.Sprintf("%d active · %d draft · %d retired", active, draft, retired), colAccent},
		{fmt.Sprint(special), "Special-category data", fmt.Sprintf("%d with criminal-offence data", criminal), colAccent},
		{fmt.Sprint(errs), "Errors to resolve", "from the consistency checks", red(errs)},
		{fmt.Sprint(warns), "Warnings", "from the consistency checks", amber(warns)},
	}
	if d.in.Cycle != nil {
		figs = append(figs, figure{fmt.Sprintf("%d/%d", reviewed, total), "Reviewed in this cycle", d.in.Cycle.Name, red(total - reviewed)})
	} else {
		figs = append(figs, figure{fmt.Sprint(len(reg.Organisations)), "Organisations", "in the register", colAccent})
	}
	figs = append(figs,
		figure{fmt.Sprint(overdue), "Reviews overdue", fmt.Sprintf("review interval %d months", d.interval), amber(overdue)},
		figure{fmt.Sprint(d.countVerdict(model.VerdictApplies)), "NDOP applies", "opt-outs must be checked", colAccent},
		figure{fmt.Sprint(d.countVerdict(model.VerdictBlocked)), "NDOP blocked", "no legal basis to set aside confidentiality", red(d.countVerdict(model.VerdictBlocked))},
	)
	d.figures(figs)
	d.space(1)

	// Activities may rely on several bases, so the bars need not sum to
	// the number of activities.
	var bases []bar
	for _, o := range model.LawfulBases {
		bases = append(bases, bar{o.Label, sum.ByBasis[o.Code], colBarFill})
	}
	bases = append(bases, bar{"None recorded", d.count(func(a *model.Activity) bool { return len(a.LawfulBases) == 0 }), colRed})
	d.chart("Activities by Article 6 lawful basis", bases)

	var verdicts []bar
	for _, o := range model.NDOPVerdicts {
		c := colBarFill
		if o.Code == model.VerdictBlocked {
			c = colRed
		}
		verdicts = append(verdicts, bar{o.Label, sum.ByVerdict[o.Code], c})
	}
	d.chart("National data opt-out verdicts", verdicts)

	var cats []bar
	for _, o := range model.SpecialCategories {
		cats = append(cats, bar{o.Label, sum.BySpecialCategory[o.Code], colBarFill})
	}
	cats = append(cats, bar{"Criminal-offence data (Art 10)", criminal, colBarFill})
	d.chart("Activities by special category of data", cats)

	var status []bar
	if c := d.in.Cycle; c != nil {
		for _, o := range model.ReviewOutcomes {
			n := d.count(func(a *model.Activity) bool {
				r := cycleReview(a, c)
				return r != nil && r.Outcome == o.Code
			})
			status = append(status, bar{"Reviewed: " + o.Label, n, colGreen})
		}
		status = append(status, bar{"Not yet reviewed", total - reviewed, colRed})
	} else {
		status = append(status,
			bar{"Reviewed at least once", sum.Reviewed, colGreen},
			bar{"Never reviewed", total - sum.Reviewed, colRed},
			bar{"Review overdue (active activities)", overdue, colAmber})
	}
	d.chart("Review status", status)
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (d *doc) count(pred func(a *model.Activity) bool) int {
	n := 0
	for _, a := range d.activities {
		if pred(a) {
			n++
		}
	}
	return n
}

func (d *doc) countVerdict(v model.NDOPVerdict) int {
	return d.count(func(a *model.Activity) bool { return d.ndop[a].Verdict == v })
}

// figures draws the headline numbers as a grid of four per row.
func (d *doc) figures(figs []figure) {
	pdf := d.pdf
	const perRow, gap, h = 4, 3.5, 22.0
	w := (contentW - gap*(perRow-1)) / perRow
	rowY := pdf.GetY()
	for i, f := range figs {
		col := i % perRow
		if col == 0 {
			if i > 0 {
				pdf.SetY(rowY + h + gap)
			}
			d.ensure(h)
			rowY = pdf.GetY()
		}
		x, y := marginLeft+float64(col)*(w+gap), rowY
		d.fill(colZebra)
		pdf.Rect(x, y, w, h, "F")
		d.fill(f.colour)
		pdf.Rect(x, y, w, 1.1, "F")
		d.use(textStyle{sans, "B", 18, f.colour})
		pdf.SetXY(x+3, y+2.6)
		pdf.CellFormat(w-6, 8, f.value, "", 0, "L", false, 0, "")
		d.use(stSmallBold)
		pdf.SetXY(x+3, y+10.8)
		pdf.CellFormat(w-6, 4, fit(pdf, f.label, w-6), "", 0, "L", false, 0, "")
		d.use(textStyle{sans, "", 7, colMuted})
		for j, l := range wrap(pdf, f.detail, w-6) {
			if j == 2 {
				break
			}
			pdf.SetXY(x+3, y+15+float64(j)*3.1)
			pdf.CellFormat(w-6, 3.1, l, "", 0, "L", false, 0, "")
		}
	}
	pdf.SetXY(marginLeft, rowY+h)
}

type bar struct {
	label  string
	value  int
	colour rgb
}

// chart draws a horizontal bar chart with fpdf primitives: a label, a bar
// on a light track scaled to the largest value, and the count.
func (d *doc) chart(title string, bars []bar) {
	pdf := d.pdf
	const pitch, barH, labelColW, countW = 4.6, 3.0, 58.0, 12.0
	trackW := contentW - labelColW - countW - 2
	d.subheading(title, pitch*float64(len(bars)))
	maxV := 0
	for _, b := range bars {
		maxV = max(maxV, b.value)
	}
	for _, b := range bars {
		d.ensure(pitch)
		y := pdf.GetY()
		d.use(textStyle{sans, "", 8, colInk})
		pdf.SetXY(marginLeft, y)
		pdf.CellFormat(labelColW-2, pitch, fit(pdf, b.label, labelColW-3), "", 0, "L", false, 0, "")
		bx := marginLeft + labelColW
		d.fill(colBarTrack)
		pdf.Rect(bx, y+(pitch-barH)/2, trackW, barH, "F")
		if maxV > 0 && b.value > 0 {
			d.fill(b.colour)
			pdf.Rect(bx, y+(pitch-barH)/2, trackW*float64(b.value)/float64(maxV), barH, "F")
		}
		d.use(stSmallBold)
		pdf.SetXY(bx+trackW+2, y)
		pdf.CellFormat(countW, pitch, fmt.Sprint(b.value), "", 0, "R", false, 0, "")
		pdf.SetXY(marginLeft, y+pitch)
	}
	d.space(1)
}
