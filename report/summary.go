package report

import (
	"fmt"
	"strings"

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
	var active, draft, retired, dpiaOpen, transfers, unsafe int
	for _, a := range d.activities {
		switch a.Status {
		case model.StatusActive:
			active++
		case model.StatusDraft:
			draft++
		case model.StatusRetired:
			retired++
		}
		if a.Status != model.StatusRetired && a.Role != model.RoleProcessor {
			req := a.DPIA.Required
			if (req != nil && *req && a.DPIA.Progress != model.DPIACompleted) || (req == nil && (a.LargeScale || a.HasSpecialCategoryData())) {
				dpiaOpen++
			}
		}
		if len(a.Transfers) > 0 {
			transfers++
			for _, t := range a.Transfers {
				if t.Safeguard == "" && !t.Exceptional {
					unsafe++
					break
				}
			}
		}
	}
	special, criminal, overdue := sum.SpecialCategoryActivities, sum.CriminalOffenceActivities, sum.ReviewsOverdue
	errs, warns := sum.Errors, sum.Warnings
	reviewed, total := d.reviewCounts()

	intro := fmt.Sprintf("Scope: the register records %d processing %s (%d active, %d draft, %d retired) for %d %s, as at %s.",
		total, plural(total, "activity", "activities"), active, draft, retired,
		len(reg.Organisations), plural(len(reg.Organisations), "organisation", "organisations"), longDate(d.asAt))
	if d.in.Cycle != nil {
		intro += fmt.Sprintf(" In the review cycle “%s”, %d of %d activities were reviewed.", d.in.Cycle.Name, reviewed, total)
	}
	d.paragraph(stBody, intro)
	d.space(4)

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
	blocked := d.countVerdict(model.VerdictBlocked)
	figs := []figure{
		{fmt.Sprint(errs), "Errors to resolve", "gaps the law requires filled", red(errs)},
		{fmt.Sprint(warns), "Warnings", "ICO recommendations, due soon", amber(warns)},
		{fmt.Sprint(overdue), "Reviews overdue", fmt.Sprintf("review interval %d months", d.interval), red(overdue)},
	}
	if d.in.Cycle != nil {
		figs = append(figs, figure{fmt.Sprintf("%d/%d", reviewed, total), "Reviewed in this cycle", d.in.Cycle.Name, red(total - reviewed)})
	} else {
		figs = append(figs, figure{fmt.Sprint(sum.Reviewed), "Ever reviewed", fmt.Sprintf("of %d activities", total), red(total - sum.Reviewed)})
	}
	figs = append(figs,
		figure{fmt.Sprint(d.countVerdict(model.VerdictApplies)), "Opt-out applies", fmt.Sprintf("%d blocked: no legal basis", blocked), red(blocked)},
		figure{fmt.Sprint(dpiaOpen), "DPIAs outstanding", "required or undecided, not completed", amber(dpiaOpen)},
		figure{fmt.Sprint(transfers), "With restricted transfers", fmt.Sprintf("%d without a safeguard", unsafe), red(unsafe)},
		figure{fmt.Sprint(special), "Special-category data", fmt.Sprintf("%d with criminal-offence data", criminal), colAccent},
	)
	d.figures(figs)
	d.space(4)

	d.subheading("What changed since the last sign-off", 14)
	d.paragraph(stBody, d.changeSummary())
	d.space(2)
	d.subheading("What the sign-off covers", 14)
	d.paragraph(stBody, d.signOffCovers(errs, reviewed, total))
	d.space(2)

	d.findingsChart()

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
			bar{"Never reviewed", total - sum.Reviewed, colRed})
	}
	status = append(status, bar{"Review overdue", overdue, colAmber})
	d.chart("Review status", status)

	var verdicts []bar
	for _, o := range model.NDOPVerdicts {
		c := colBarFill
		if o.Code == model.VerdictBlocked {
			c = colRed
		}
		verdicts = append(verdicts, bar{o.Label, sum.ByVerdict[o.Code], c})
	}
	d.chart("National data opt-out verdicts", verdicts)

	return nil
}

// changeSummary says in a sentence or two what changed since the previous
// sign-off: the counts, and the added and retired activities by name.
func (d *doc) changeSummary() string {
	cs := d.changes
	if cs == nil {
		return "There is no previous signed-off review to compare with; the next review will be compared with this one."
	}
	s := fmt.Sprintf("%s %d %s added, %d retired, %d deleted and %d changed (%d %s in all); %d %s details changed.",
		d.comparedWith(), len(cs.added), plural(len(cs.added), "activity", "activities"), len(cs.retired), len(cs.removed),
		len(cs.changed), cs.fieldCount, plural(cs.fieldCount, "field", "fields"),
		len(cs.orgs), plural(len(cs.orgs), "organisation's", "organisations'"))
	if n := len(cs.settings); n > 0 {
		s += fmt.Sprintf(" %d register %s changed (what the backups keep).", n, plural(n, "setting was", "settings were"))
	}
	var names []string
	for _, a := range cs.added {
		names = append(names, "“"+activityTitle(a)+"” ("+d.refs[a.ID]+")")
	}
	if len(names) > 0 {
		s += " Added: " + joinAnd(names[:min(5, len(names))])
		if len(names) > 5 {
			s += fmt.Sprintf(" and %d more", len(names)-5)
		}
		s += "."
	}
	// The changes an auditor weighs most: the legal footing of an activity.
	weighty := 0
	for _, ad := range cs.changed {
		for _, f := range ad.fields {
			switch f.label {
			case fieldLabel("lawful_bases"), fieldLabel("special_categories"), fieldLabel("article9_conditions"), fieldLabel("transfers"), fieldLabel("retention"):
				weighty++
			}
		}
	}
	if weighty > 0 {
		s += fmt.Sprintf(" %d of the changes are to lawful bases, special categories, Article 9 conditions, transfers or retention.", weighty)
	}
	return s + " The section “" + titleChanges + "” lists each change with its old and new value, who made it and when."
}

// signOffCovers states plainly what a signature on this document vouches
// for, and what it does not.
func (d *doc) signOffCovers(errs, reviewed, total int) string {
	c := d.in.Cycle
	if c == nil {
		return "Nothing: this document shows the register's current state and is not part of a review cycle. " +
			"A sign-off is made on a review cycle and covers the register as frozen at that moment."
	}
	s := fmt.Sprintf("The sign-off of “%s” covers the whole register as frozen at sign-off: the %d activities and %d organisations "+
		"in this document, their Article 30 records, lawful bases and conditions, rights and opt-out decisions.",
		c.Name, total, len(d.reg.Organisations))
	if reviewed < total {
		s += fmt.Sprintf(" %d %s not reviewed in the cycle.", total-reviewed, plural(total-reviewed, "activity was", "activities were"))
	}
	if errs > 0 {
		s += fmt.Sprintf(" %d %s open; signing off does not resolve them.", errs, plural(errs, "error is", "errors are"))
	}
	if c.SignOff == nil {
		s += " It has not been signed off: this is a draft."
	}
	return s
}

// findingsChart draws the open findings per organisation as bars split
// into errors (red) and warnings (amber).
func (d *doc) findingsChart() {
	type counts struct{ errs, warns int }
	by := map[string]*counts{}
	for _, g := range d.groups {
		by[g.name] = &counts{}
	}
	for _, f := range d.findings {
		a := d.activityByID(f.ActivityID)
		if a == nil {
			continue
		}
		c := by[d.groupName(a)]
		if c == nil {
			continue
		}
		if f.Severity == model.SeverityError {
			c.errs++
		} else {
			c.warns++
		}
	}
	pdf := d.pdf
	const pitch, barH, labelColW, countW = 4.6, 3.0, 58.0, 34.0
	trackW := contentW - labelColW - countW - 2
	d.subheading("Open findings by organisation (errors red, warnings amber)", pitch*float64(len(d.groups)))
	maxV := 0
	for _, c := range by {
		maxV = max(maxV, c.errs+c.warns)
	}
	// The chart is one Figure; its replacement text gives every bar's
	// figures in words.
	alt := make([]string, 0, len(d.groups))
	for _, g := range d.groups {
		alt = append(alt, g.name+": "+orNone(countWords(by[g.name].errs, by[g.name].warns)))
	}
	d.tags.figure("Bar chart of open findings by organisation. " + strings.Join(alt, "; ") + ".")
	defer d.tags.close()
	for _, g := range d.groups {
		c := by[g.name]
		d.ensure(pitch)
		y := pdf.GetY()
		d.use(textStyle{sans, "", 8, colInk})
		pdf.SetXY(marginLeft, y)
		pdf.CellFormat(labelColW-2, pitch, fitWords(pdf, g.name, labelColW-3), "", 0, "L", false, 0, "")
		bx := marginLeft + labelColW
		d.fill(colBarTrack)
		pdf.Rect(bx, y+(pitch-barH)/2, trackW, barH, "F")
		if maxV > 0 {
			we := trackW * float64(c.errs) / float64(maxV)
			ww := trackW * float64(c.warns) / float64(maxV)
			if we > 0 {
				d.fill(colRed)
				pdf.Rect(bx, y+(pitch-barH)/2, we, barH, "F")
			}
			if ww > 0 {
				d.fill(colAmber)
				pdf.Rect(bx+we, y+(pitch-barH)/2, ww, barH, "F")
			}
		}
		d.use(stSmallBold)
		pdf.SetXY(bx+trackW+2, y)
		pdf.CellFormat(countW, pitch, orNone(countWords(c.errs, c.warns)), "", 0, "R", false, 0, "")
		pdf.SetXY(marginLeft, y+pitch)
	}
	d.space(1)
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
		d.decor(func() {
			pdf.Rect(x, y, w, h, "F")
			d.fill(f.colour)
			pdf.Rect(x, y, w, 1.1, "F")
		})
		// Each card, its number, label and detail, is a paragraph.
		d.tags.open(d.tags.leaf("P"))
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
		d.tags.close()
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
	alt := make([]string, 0, len(bars))
	for _, b := range bars {
		alt = append(alt, fmt.Sprintf("%s: %d", b.label, b.value))
	}
	d.tags.figure("Bar chart, " + title + ". " + strings.Join(alt, "; ") + ".")
	defer d.tags.close()
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

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
