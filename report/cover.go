package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

// banner draws a tinted box with a bold headline and an explanation:
// the device for states an auditor must not misread (signed off or not).
func (d *doc) banner(bg, fg rgb, headline, text string) {
	pdf := d.pdf
	pad := 4.0
	d.use(stBody)
	lines := wrap(pdf, text, contentW-2*pad-3)
	h := pad*2 + lineHeight(stH2) + 1 + float64(len(lines))*lineHeight(stBody)
	d.ensure(h)
	y := pdf.GetY()
	d.fill(bg)
	d.decor(func() {
		pdf.Rect(marginLeft, y, contentW, h, "F")
		d.fill(fg)
		pdf.Rect(marginLeft, y, 1.6, h, "F")
	})
	// The headline is a paragraph of its own, in bold, not a heading:
	// it is a statement, not a part of the outline.
	d.use(textStyle{sans, "B", 13, fg})
	pdf.SetXY(marginLeft+pad+2, y+pad)
	d.tagged("P", func() { pdf.CellFormat(contentW-2*pad-3, lineHeight(stH2), headline, "", 0, "L", false, 0, "") })
	d.use(stBody)
	d.tagged("P", func() {
		for i, l := range lines {
			pdf.SetXY(marginLeft+pad+2, y+pad+lineHeight(stH2)+1+float64(i)*lineHeight(stBody))
			pdf.CellFormat(contentW-2*pad-3, lineHeight(stBody), l, "", 0, "L", false, 0, "")
		}
	})
	pdf.SetXY(marginLeft, y+h)
}

// status describes the sign-off state for the cover and the sign-off page.
func (d *doc) status() (bg, fg rgb, headline, text string) {
	c := d.in.Cycle
	switch {
	case c == nil:
		return colAmberBg, colAmber, "CURRENT STATE — NOT A REVIEW CYCLE",
			"This document shows the register as it stood on " + longDate(d.asAt) +
				". It was not produced from a review cycle and carries no sign-off."
	case c.SignOff == nil:
		return colRedBg, colRed, "NOT SIGNED OFF",
			fmt.Sprintf("The review cycle “%s” has not been signed off. This document shows the register as it stood on %s; it is a working draft, not an approved record.", c.Name, longDate(d.asAt))
	default:
		return colGreenBg, colGreen, "SIGNED OFF",
			fmt.Sprintf("Signed off by %s on %s. The record shown is the register as frozen at sign-off.", c.SignOff.By, longDate(c.SignOff.Date))
	}
}

func (d *doc) cover() error {
	pdf := d.pdf
	pdf.AddPage()
	d.fill(colCoverBand)
	d.decor(func() { pdf.Rect(marginLeft, 40, 18, 2.2, "F") })
	pdf.SetY(48)
	d.paragraph(stCoverKick, "RECORD OF PROCESSING ACTIVITIES · UK GDPR ARTICLE 30")
	d.space(4)
	// The document's title is its first heading.
	d.use(stCoverTitl)
	pdf.SetX(marginLeft)
	d.heading(1, func() { pdf.MultiCell(contentW, lineHeight(stCoverTitl), d.title, "", "L", false) })
	d.space(3)
	d.paragraph(stCoverSub, d.cycleName())
	d.space(1)
	d.paragraph(stBody, "As at "+longDate(d.asAt))
	d.space(10)
	bg, fg, head, text := d.status()
	d.banner(bg, fg, head, text)

	d.space(10)
	d.subheading("Organisations covered", 12)
	rows := make([][]cell, 0, len(d.groups))
	for _, g := range d.groups {
		ico, dpo := "", ""
		controller := false
		if g.org != nil {
			ico, dpo = g.org.ICORegistration, g.org.DPO.Name
			controller = slices.Contains(g.org.Roles, model.RoleController) || slices.Contains(g.org.Roles, model.RoleJointController)
		}
		// A controller must pay the ICO's data protection fee and so has a
		// registration number; a gap there is flagged, not dashed.
		icoCell := cell{text: orDash(ico), style: stTable}
		if ico == "" && controller {
			icoCell = cell{text: "Not recorded", style: textStyle{sans, "B", 8.5, colRed}}
		}
		rows = append(rows, []cell{
			{text: g.name, style: stTable},
			icoCell,
			{text: orDash(dpo), style: stTable},
			{text: fmt.Sprint(len(g.activities)), style: stTable},
		})
	}
	d.table([]column{
		{"Organisation", 68, "L"}, {"ICO registration", 29, "L"}, {"Data protection officer", 49, "L"}, {"Activities", contentW - 146, "R"},
	}, rows)

	// The fingerprint sits at the foot of the cover, where a verifier
	// expects it; it moves down the page only if the organisations table
	// was long.
	y := pdf.GetY() + 10
	if y < 232 {
		y = 232
	}
	if y+30 > d.bottom() {
		pdf.AddPage()
		y = pdf.GetY()
	}
	pdf.SetY(y)
	d.paragraph(stLabel, "REGISTER FINGERPRINT (SHA-256)")
	d.space(1)
	d.paragraph(stMono, d.fingerprint)
	d.space(1.5)
	what := "the register as frozen at sign-off"
	if d.in.HistoryHead != "" {
		what = "the register state, including its change history,"
	}
	d.paragraph(stSmall, "This fingerprint identifies "+what+" from which this document was made. "+
		"Its first 16 characters appear at the foot of every page. "+
		"ROPA Desk can check a PDF against a register file with it.")
	return nil
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// plannedTOC lists the contents entries in the order the sections will
// record them; both passes draw the same list, so the contents pages take
// the same space whether or not their page numbers are known yet.
func (d *doc) plannedTOC() []tocEntry {
	// Activities are not listed here: the index lists them, with their
	// pages, one line each, so the contents stay on one page.
	out := []tocEntry{{title: titleSummary}, {title: titleIndex}, {title: titleChanges}, {title: titleFindings}}
	if len(d.in.NoticeCoverage) > 0 {
		out = append(out, tocEntry{title: titleNoticeCoverage})
	}
	out = append(out, tocEntry{title: titleActivities})
	for _, g := range d.groups {
		out = append(out, tocEntry{title: g.name, level: 1})
	}
	for _, t := range []string{titleSpecial, titleNDOP, titleDSPT, titleSignOff, titleVerify} {
		out = append(out, tocEntry{title: t})
	}
	return out
}

const (
	titleSummary    = "Executive summary"
	titleActivities = "Processing activities"
	titleSpecial    = "Special-category and criminal-offence data"
	titleNDOP       = "National data opt-out"
	titleFindings   = "Open findings: what to fix"
	titleChanges    = "What changed since the previous sign-off"
	titleSignOff    = "Sign-off"
	titleIndex      = "Index of processing activities"
	titleVerify     = "How to verify this document"
)

func (d *doc) contents() error {
	pdf := d.pdf
	pdf.AddPage()
	d.use(stH1)
	d.heading(1, func() { pdf.MultiCell(contentW, lineHeight(stH1), "Contents", "", "L", false) })
	d.accentRule()

	// A TOC of TOCI items, each a Link holding the title, the page
	// number and the link annotation.
	d.tags.begin("TOC")
	defer d.tags.end()

	planned := d.plannedTOC()
	for i, e := range planned {
		page := ""
		if i < len(d.knownTOC) {
			page = fmt.Sprint(d.knownTOC[i].page)
		}
		st, h, indent := stTOC, 5.2, 0.0
		switch e.level {
		case 0:
			st, h = stTOCTop, 7.5
		case 1:
			st, h, indent = stBodyBold, 6.0, 5
		case 2:
			indent = 10
		}
		d.ensure(h)
		y := pdf.GetY()
		if e.level == 0 {
			y += 1.5
		}
		numW := 14.0
		d.use(st)
		title := fit(pdf, e.title, contentW-indent-numW-8)
		item := d.tags.add(d.tags.top(), "TOCI")
		lnk := d.tags.add(item, "Link")
		d.tags.open(lnk)
		pdf.SetXY(marginLeft+indent, y)
		pdf.CellFormat(contentW-indent-numW, h, title, "", 0, "L", false, 0, "")
		tw := pdf.GetStringWidth(title)
		pdf.SetXY(pageW-marginRight-numW, y)
		pdf.CellFormat(numW, h, page, "", 0, "R", false, 0, "")
		d.tags.close()
		if i < len(d.tocLinks) {
			d.link(lnk, marginLeft+indent, y, contentW-indent, h, d.tocLinks[i])
		}
		// Dotted leader from the title to the page number.
		d.stroke(colRule)
		pdf.SetLineWidth(0.25)
		pdf.SetDashPattern([]float64{0.3, 1.2}, 0)
		ly := y + h*0.68
		d.decor(func() { pdf.Line(marginLeft+indent+tw+2, ly, pageW-marginRight-pdf.GetStringWidth(page)-2, ly) })
		pdf.SetDashPattern([]float64{}, 0)
		pdf.SetY(y + h)
	}
	return nil
}

func (d *doc) signOffPage() error {
	d.section(titleSignOff)
	c := d.in.Cycle
	bg, fg, head, text := d.status()
	d.banner(bg, fg, head, text)
	d.space(6)

	reviewed, total := d.reviewCounts()
	if c != nil {
		d.subheading("Review cycle", 20)
		d.field("Review cycle", c.Name)
		d.field("Started", longDate(c.StartedAt))
		d.field("Activities reviewed", fmt.Sprintf("%d of %d", reviewed, total))
		d.field("Review interval", fmt.Sprintf("%d months", d.interval))
	}
	if c != nil && c.SignOff != nil {
		s := c.SignOff
		d.field("Next review due", longDate(s.Date.AddDate(0, d.interval, 0)))
		d.space(4)
		d.subheading("Statement", 20)
		d.quote(s.Statement)
		d.space(4)
		d.field("Signed off by", s.By)
		if s.Role != "" {
			d.field("Role", s.Role)
		}
		if s.ApprovingBody != "" {
			d.field("Approved by", s.ApprovingBody)
		}
		if s.Reference != "" {
			d.field("Minute or reference", s.Reference)
		}
		d.field("Date", longDate(s.Date))
		if s.Acknowledgement != "" {
			// What the signer knowingly accepted, with the counts the store
			// took at sign-off, so the gaps are on the record beside it.
			d.space(4)
			d.subheading("Signed off with gaps acknowledged", 20)
			var gaps []string
			if s.Unreviewed > 0 {
				gaps = append(gaps, fmt.Sprintf("%d %s", s.Unreviewed, plural(s.Unreviewed, "activity", "activities"))+" not reviewed in the cycle")
			}
			if s.OpenErrors > 0 {
				gaps = append(gaps, fmt.Sprintf("%d %s", s.OpenErrors, plural(s.OpenErrors, "error", "errors"))+" open")
			}
			if len(gaps) > 0 {
				d.field("At sign-off", strings.Join(gaps, "; "))
			}
			d.quote(s.Acknowledgement)
		}
		if s.EnteredBy != "" {
			d.field("Recorded in ROPA Desk by", s.EnteredBy+", "+longDate(s.EnteredAt))
		}
		return nil
	}

	// An unsigned document still offers the place to sign, so that a
	// printed copy can be approved by hand and the gap is plain to see.
	d.space(4)
	d.subheading("To be completed by the person signing off", 70)
	d.paragraph(stSmall, "Statement")
	for range 3 {
		d.signLine(contentW)
	}
	d.space(4)
	for _, l := range []string{"Name", "Role", "Signature", "Date"} {
		d.paragraph(stSmall, l)
		d.signLine(90)
	}
	return nil
}

func (d *doc) signLine(w float64) {
	pdf := d.pdf
	d.ensure(10)
	y := pdf.GetY() + 8
	d.stroke(colMuted)
	pdf.SetLineWidth(0.25)
	d.decor(func() { pdf.Line(marginLeft, y, marginLeft+w, y) })
	pdf.SetY(y + 2.5)
}

// quote prints the sign-off statement set off by an accent bar.
func (d *doc) quote(text string) {
	pdf := d.pdf
	d.use(stBody)
	lines := wrap(pdf, text, contentW-8)
	lh := lineHeight(stBody)
	// One quotation, however many pages its tinted boxes run over.
	q := d.tags.leaf("BlockQuote")
	for i := 0; i < len(lines); {
		d.ensure(lh + 4)
		y := pdf.GetY()
		n := int((d.bottom() - y - 4) / lh)
		if n > len(lines)-i {
			n = len(lines) - i
		}
		h := float64(n)*lh + 4
		d.fill(colZebra)
		d.decor(func() {
			pdf.Rect(marginLeft, y, contentW, h, "F")
			d.fill(colAccent)
			pdf.Rect(marginLeft, y, 1.2, h, "F")
		})
		d.use(stBody)
		d.tags.open(q)
		for j := 0; j < n; j++ {
			pdf.SetXY(marginLeft+5, y+2+float64(j)*lh)
			pdf.CellFormat(contentW-8, lh, lines[i+j], "", 0, "L", false, 0, "")
		}
		d.tags.close()
		pdf.SetY(y + h)
		i += n
	}
}

// reviewCounts returns how many activities have a review in the cycle.
func (d *doc) reviewCounts() (reviewed, total int) {
	for _, a := range d.activities {
		if cycleReview(a, d.in.Cycle) != nil {
			reviewed++
		}
	}
	return reviewed, len(d.activities)
}
