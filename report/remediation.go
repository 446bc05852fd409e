package report

import (
	"fmt"
	"slices"

	"github.com/ropadesk/ropadesk/model"
)

// findingsSection is the remediation list: errors first, then warnings,
// each grouped under the action that clears it, each finding naming the
// activity (with its reference and a link to its page), the field and
// what to do.
func (d *doc) findingsSection() error {
	d.section(titleFindings)
	if len(d.findings) == 0 {
		d.paragraph(stBody, "The consistency checks found nothing to resolve as at "+longDate(d.asAt)+".")
		return nil
	}
	errs := 0
	for _, f := range d.findings {
		if f.Severity == model.SeverityError {
			errs++
		}
	}
	d.paragraph(stBody, fmt.Sprintf("As at %s the consistency checks found %s. Errors are gaps the law requires to be filled; "+
		"warnings are what the ICO recommends or what needs attention soon. Each group below is one action; select a row "+
		"to go to the activity.", longDate(d.asAt), countWords(errs, len(d.findings)-errs)))
	d.space(3)
	for _, sev := range []struct {
		s     model.Severity
		title string
		col   rgb
	}{{model.SeverityError, "Errors", colRed}, {model.SeverityWarning, "Warnings", colAmber}} {
		type group struct {
			action string
			rank   int
			items  []model.Finding
		}
		var groups []*group
		for _, f := range d.findings {
			if f.Severity != sev.s {
				continue
			}
			action, rank := actionOf(f.Code)
			i := slices.IndexFunc(groups, func(g *group) bool { return g.action == action })
			if i < 0 {
				groups = append(groups, &group{action: action, rank: rank})
				i = len(groups) - 1
			}
			groups[i].items = append(groups[i].items, f)
		}
		slices.SortStableFunc(groups, func(a, b *group) int { return a.rank - b.rank })
		n := 0
		for _, g := range groups {
			n += len(g.items)
		}
		d.ensure(30)
		d.use(textStyle{sans, "B", 13, sev.col})
		d.pdf.SetX(marginLeft)
		d.heading(2, func() {
			d.pdf.MultiCell(contentW, lineHeight(stH2), fmt.Sprintf("%s (%d)", sev.title, n), "", "L", false)
		})
		d.space(1)
		if n == 0 {
			d.paragraph(stMissing, "None.")
			d.space(4)
			continue
		}
		for _, g := range groups {
			rows := make([][]cell, 0, len(g.items))
			links := make([]int, 0, len(g.items))
			for _, f := range g.items {
				page := ""
				if p, ok := d.knownActPage[f.ActivityID]; ok {
					page = fmt.Sprint(p)
				}
				// The owner (business function) under the name says who
				// has to act.
				who := f.Activity
				if a := d.activityByID(f.ActivityID); a != nil && a.BusinessFunction != "" {
					who += "\nOwner: " + a.BusinessFunction
				}
				rows = append(rows, []cell{
					{text: d.refs[f.ActivityID], style: textStyle{mono, "", 7, colAccent}},
					{text: who, style: stSmallBold},
					{text: fieldLabel(f.Field), style: stTable},
					{text: f.Message, style: stTable},
					{text: page, style: textStyle{sans, "B", 7.5, colAccent}, align: "R"},
				})
				links = append(links, d.actLinks[f.ActivityID])
			}
			d.subheading(fmt.Sprintf("%s (%d)", g.action, len(g.items)), 18)
			d.linkedTable([]column{
				{"Ref", 17, "L"}, {"Activity", 34, "L"}, {"Field", 30, "L"}, {"What to do", contentW - 17 - 34 - 30 - 11, "L"}, {"Page", 11, "R"},
			}, rows, links, stTableHead)
			d.space(3)
		}
	}
	return d.ctx.Err()
}

// openFindings prints an activity's own open findings at the top of its
// page, so a reader sampling one activity sees what is wrong with it.
func (d *doc) openFindings(a *model.Activity) {
	fs := d.byActivity[a.ID]
	if len(fs) == 0 {
		return
	}
	d.space(1)
	for _, f := range fs {
		sev, col, bg := "Error", colRed, colRedBg
		if f.Severity == model.SeverityWarning {
			sev, col, bg = "Warning", colAmber, colAmberBg
		}
		d.row([]float64{18, contentW - 18}, []cell{
			{text: sev, style: textStyle{sans, "B", 8, col}},
			{text: fieldLabel(f.Field) + ": " + f.Message, style: textStyle{sans, "", 8, colInk}},
		}, rowOpts{pad: 1.0, fill: &bg})
	}
	d.space(2)
}
