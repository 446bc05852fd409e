package report

import (
	"fmt"
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

// specialCategoryTable lists every activity with special-category or
// criminal-offence data and what makes it lawful, so an auditor can check
// the Article 9 / Schedule 1 position at a glance.
func (d *doc) specialCategoryTable() error {
	d.section(titleSpecial)
	var rows [][]cell
	for _, a := range d.activities {
		if !a.HasSpecialCategoryData() && !a.CriminalOffenceData {
			continue
		}
		cats := labels(model.SpecialCategories, a.SpecialCategories)
		if a.CriminalOffenceData {
			cats = append(cats, "Criminal-offence data")
		}
		var conds []string
		for _, c := range a.Article9Conditions {
			conds = append(conds, withCite(model.Article9Conditions, c.Condition))
		}
		if a.CriminalOffenceData && a.Article10Basis != "" {
			conds = append(conds, "Art 10: "+a.Article10Basis)
		}
		var sch []string
		for _, c := range a.Schedule1Conditions {
			sch = append(sch, model.LabelOf(model.Schedule1Conditions, c)+" ("+paraOf(c)+")")
		}
		condCell := cell{text: strings.Join(conds, "\n"), style: stTable}
		if len(conds) == 0 {
			condCell = cell{text: "NONE RECORDED", style: textStyle{sans, "B", 8.5, colRed}}
		}
		rows = append(rows, []cell{
			{text: activityTitle(a), style: stSmallBold},
			{text: orgName(d.reg, a), style: stTable},
			{text: strings.Join(cats, "\n"), style: stTable},
			condCell,
			{text: orDash(strings.Join(sch, "\n")), style: stTable},
		})
	}
	d.paragraph(stBody, fmt.Sprintf("%d %s process special-category data (UK GDPR Article 9) or criminal-offence data (Article 10). "+
		"Each needs an Article 9 condition (or Article 10 authority) and, for conditions b, g, h, i and j, a DPA 2018 Schedule 1 condition.",
		len(rows), plural(len(rows), "activity", "activities")))
	d.space(4)
	if len(rows) == 0 {
		d.paragraph(stMissing, "No activity records special-category or criminal-offence data.")
		return nil
	}
	d.table([]column{
		{"Activity", 36, "L"}, {"Organisation", 30, "L"}, {"Categories", 32, "L"},
		{"Article 9 condition", 36, "L"}, {"Schedule 1", contentW - 134, "L"},
	}, rows)
	return d.ctx.Err()
}

// paraOf turns "sch1_para2" into "para 2".
func paraOf(c model.Schedule1Condition) string {
	return "para " + strings.TrimPrefix(string(c), "sch1_para")
}

func (d *doc) ndopTable() error {
	d.section(titleNDOP)
	d.paragraph(stBody, "Whether the national data opt-out applies to each activity, and why (NHS England national data opt-out "+
		"operational policy guidance; information standard DCB3058). Where the opt-out applies, patients' NHS numbers must be "+
		"checked with the Check for National Data Opt-outs service before each use or disclosure.")
	d.space(4)
	rows := make([][]cell, 0, len(d.activities))
	for _, a := range d.activities {
		res := d.ndop[a]
		v := verdictStyle(res.Verdict)
		v.size = 8.5
		reason := res.Reason
		if len(res.Missing) > 0 {
			reason = strings.TrimSpace(reason + "\nStill to record: " + strings.Join(ndopLabels(res.Missing), "; "))
		}
		rows = append(rows, []cell{
			{text: activityTitle(a), style: stSmallBold},
			{text: orgName(d.reg, a), style: stTable},
			{text: model.LabelOf(model.NDOPVerdicts, res.Verdict), style: v},
			{text: orDash(reason), style: stTable},
		})
	}
	d.table([]column{{"Activity", 40, "L"}, {"Organisation", 32, "L"}, {"Verdict", 30, "L"}, {"Reason", contentW - 102, "L"}}, rows)
	return d.ctx.Err()
}
