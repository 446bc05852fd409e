package report

import (
	"fmt"
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

// indexSection is the one-line-per-activity table an auditor samples
// from: every row links to the activity's page and gives its number.
func (d *doc) indexSection() error {
	d.section(titleIndex)
	d.paragraph(stBody, "One line per processing activity, in the order of the records that follow. The reference "+
		"is the organisation's short code and the activity's number in order of creation, which never changes (a deleted activity's number is not used again); select a row to go to its page. "+
		"The owner is the business function responsible. Activities are listed under their organisation.")
	d.space(3)
	small := textStyle{sans, "", 7, colInk}
	// One table per organisation, under its name, so the rows need no
	// organisation column and stay one or two lines high.
	for _, g := range d.groups {
		rows := make([][]cell, 0, len(g.activities))
		links := make([]int, 0, len(g.activities))
		for _, a := range g.activities {
			cats := labels(model.SpecialCategories, a.SpecialCategories)
			if a.CriminalOffenceData {
				cats = append(cats, "Criminal offence")
			}
			var bases []string
			for _, b := range a.LawfulBases {
				bases = append(bases, model.LabelOf(model.LawfulBases, b.Basis))
			}
			basesText := strings.Join(bases, ", ")
			if a.Role == model.RoleProcessor {
				basesText = "Processor"
			}
			last := "Never"
			if r := a.LastReview(); r != nil {
				last = shortDate(r.Date)
			}
			errs, warns := 0, 0
			for _, f := range d.byActivity[a.ID] {
				if f.Severity == model.SeverityError {
					errs++
				} else {
					warns++
				}
			}
			open := cell{text: "None", style: textStyle{sans, "", 7, colGreen}}
			switch {
			case errs > 0:
				open = cell{text: countWords(errs, warns), style: textStyle{sans, "B", 7, colRed}}
			case warns > 0:
				open = cell{text: countWords(errs, warns), style: textStyle{sans, "", 7, colAmber}}
			}
			verdict := shortVerdicts[d.ndop[a].Verdict]
			if a.Role == model.RoleProcessor {
				verdict = "By controller"
			}
			page := ""
			if p, ok := d.knownActPage[a.ID]; ok {
				page = fmt.Sprint(p)
			}
			rows = append(rows, []cell{
				{text: d.refs[a.ID], style: textStyle{mono, "", 6.5, colAccent}},
				{text: activityTitle(a), style: textStyle{sans, "B", 7, colInk}},
				{text: orDash(a.BusinessFunction), style: small},
				{text: orDash(strings.Join(cats, ", ")), style: small},
				{text: orDash(basesText), style: small},
				{text: verdict, style: small},
				{text: last, style: small},
				open,
				{text: page, style: textStyle{sans, "B", 7, colAccent}, align: "R"},
			})
			links = append(links, d.actLinks[a.ID])
		}
		d.subheading(fmt.Sprintf("%s (%d)", g.name, len(g.activities)), 20)
		d.linkedTable([]column{
			{"Ref", 15, "L"}, {"Activity", 38, "L"}, {"Owner", 21, "L"},
			{"Special categories", 21, "L"}, {"Bases", 21, "L"}, {"Opt-out", 14, "L"}, {"Last review", 12, "L"},
			{"Findings", 14, "L"}, {"Page", 10, "R"},
		}, rows, links, textStyle{sans, "B", 6.8, colAccent})
		d.space(3)
	}
	return d.ctx.Err()
}

// countWords is "2 errors, 1 warning".
func countWords(errs, warns int) string {
	var parts []string
	if errs > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", errs, plural(errs, "error", "errors")))
	}
	if warns > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", warns, plural(warns, "warning", "warnings")))
	}
	return strings.Join(parts, ", ")
}

// linkedTable is table with each row linked to a target and a header
// style of its own (the index's narrow columns need a smaller one).
func (d *doc) linkedTable(cols []column, rows [][]cell, links []int, head textStyle) {
	widths := make([]float64, len(cols))
	hc := make([]cell, len(cols))
	for i, c := range cols {
		widths[i] = c.width
		hc[i] = cell{text: c.title, style: head, align: c.align}
	}
	const pad = 1.2
	kind := rowHead
	drawHead := func() { d.row(widths, hc, rowOpts{pad: pad, fill: &colAccentBg, kind: kind}) }
	d.ensure(lineHeight(head)*2 + lineHeight(stTable)*2 + 4*pad)
	d.tags.begin("Table")
	defer d.tags.end()
	drawHead()
	kind = rowRepeat
	for i, r := range rows {
		for j := range r {
			if r[j].align == "" {
				r[j].align = cols[j].align
			}
		}
		o := rowOpts{pad: pad, rule: true, repeat: drawHead}
		if i < len(links) {
			o.link = links[i]
		}
		if i%2 == 1 {
			o.fill = &colZebra
		}
		d.row(widths, r, o)
	}
}

// shortVerdicts fit the index's opt-out column without breaking a word.
var shortVerdicts = map[model.NDOPVerdict]string{
	model.VerdictNotAssessed:  "Not assessed",
	model.VerdictNotInScope:   "Not in scope",
	model.VerdictDoesNotApply: "Does not apply",
	model.VerdictApplies:      "Applies",
	model.VerdictBlocked:      "Blocked",
}
