package report

import (
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

const titleDSPT = "DSPT evidence"

// dsptSection prints the register as evidence for NHS England's Data
// Security and Protection Toolkit: which register content evidences each
// toolkit item (model.DSPTEvidenceMap), then the item 1.1.2 table with NHS
// England's 13 columns (model.DSPTColumns) over the same rows the DSPT
// workbook export prints (model.DSPTTable), so the PDF and the workbook
// never disagree. Thirteen columns do not fit across a portrait page, so
// each row is printed as a block: the column's heading beside the
// activity's entry, in the columns' order.
func (d *doc) dsptSection() error {
	d.section(titleDSPT)
	d.paragraph(stBody, "NHS England's Data Security and Protection Toolkit asks for the record of processing "+
		"activities and an information asset register, reviewed and approved in the last twelve months (evidence item "+
		"1.1.2), and takes further items from the same content. The map below says which part of this register "+
		"evidences each item, as at "+longDate(d.asAt)+", and what it still lacks; the 1.1.2 table follows, one entry per "+
		"activity in use with its information assets and suppliers. The DSPT workbook export holds the same table.")
	d.space(3)

	d.subheading("Evidence map", 25)
	var ev [][]cell
	for _, e := range model.DSPTEvidenceMap(d.reg, d.asAt) {
		gaps := cell{text: e.Gaps, style: stTable}
		if strings.TrimSpace(e.Gaps) == "" {
			gaps = cell{text: "None the register shows", style: textStyle{sans, "", 8.5, colMuted}}
		}
		ev = append(ev, []cell{
			{text: e.Item, style: stSmallBold},
			{text: e.Asks, style: stTable},
			{text: e.Evidence, style: stTable},
			gaps,
		})
	}
	d.table([]column{{"Item", 18, "L"}, {"What it asks", 46, "L"}, {"What the register holds", 62, "L"}, {"Gaps", contentW - 126, "L"}}, ev)
	d.space(5)

	rows := map[uuid.UUID]model.DSPTRow{}
	for _, r := range model.DSPTTable(d.reg) {
		rows[r.Activity.ID] = r
	}
	d.subheading(fmt.Sprintf("Item 1.1.2: record of processing and information assets (%d)", len(rows)), 40)
	if len(rows) == 0 {
		d.paragraph(stMissing, "There are no activities in use, so the table is empty.")
		return d.ctx.Err()
	}
	d.paragraph(stSmall, "Each entry gives NHS England's minimum columns for 1.1.2 in their order; “Not recorded” "+
		"marks a column the register does not answer. Select an entry's heading to go to the activity's record.")
	d.space(2)
	// In the order of the records, so an entry is found where its
	// activity is.
	for _, a := range d.activities {
		r, ok := rows[a.ID]
		if !ok {
			continue
		}
		d.dsptEntry(a, r)
		if err := d.ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// dsptLabelW is the width of the column headings beside each entry: the
// longest, "Information asset owner or person with overall
// responsibility", takes two lines.
const dsptLabelW = 62.0

func (d *doc) dsptEntry(a *model.Activity, r model.DSPTRow) {
	widths := []float64{dsptLabelW, contentW - dsptLabelW}
	label := textStyle{sans, "B", 7.5, colMuted}
	cells := make([][]cell, 0, len(r.Cells))
	for i, v := range r.Cells {
		c := cell{text: v, style: stTable}
		if strings.TrimSpace(v) == "" {
			c = cell{text: "Not recorded", style: textStyle{sans, "I", 8.5, colMuted}}
		}
		cells = append(cells, []cell{{text: fmt.Sprintf("%d  %s", i+1, model.DSPTColumns[i]), style: label}, c})
	}
	head := []cell{{text: d.refs[a.ID], style: textStyle{mono, "", 7.5, colAccent}}, {text: activityTitle(a) + "  ·  " + orgName(d.reg, a), style: stSmallBold}}
	const pad = 0.9
	// An entry's heading is kept with its first three columns, so it
	// never stands alone at the foot of a page; the rest may run on, so
	// that the entries fill the pages.
	d.ensure(d.measure(widths, head, pad) + d.measureRows(widths, cells[:3], pad) + 2)
	d.space(2)
	// Each entry is a table of its own: a header row naming the activity
	// (a link to its record), then a row for each column.
	d.tags.begin("Table")
	defer d.tags.end()
	d.row(widths, head, rowOpts{pad: pad, fill: &colAccentBg, link: d.actLinks[a.ID], kind: rowHead})
	// An entry that runs on to the next page names its activity again
	// there, so no page of columns is left without its activity.
	again := []cell{head[0], {text: head[1].text + " (continued)", style: head[1].style}}
	repeat := func() {
		d.row(widths, again, rowOpts{pad: pad, fill: &colAccentBg, link: d.actLinks[a.ID], kind: rowRepeat})
	}
	for i, c := range cells {
		o := rowOpts{pad: pad, rule: true, repeat: repeat, kind: rowField}
		if i == len(cells)-2 {
			// The last column goes over with the one before it, never
			// alone under a "(continued)" heading.
			o.keep = d.measure(widths, cells[i+1], pad)
		}
		if i%2 == 1 {
			o.fill = &colZebra
		}
		d.row(widths, c, o)
	}
}
