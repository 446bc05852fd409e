package report

import (
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
)

// bottom is the lowest y that flowing content may reach.
func (d *doc) bottom() float64 { return pageH - marginBottom }

// ensure starts a new page unless h millimetres are left on this one.
func (d *doc) ensure(h float64) {
	if d.pdf.GetY()+h > d.bottom() {
		d.pdf.AddPage()
	}
}

// space moves down by h, unless that would start a page anyway.
func (d *doc) space(h float64) {
	if d.pdf.GetY()+h > d.bottom() {
		return
	}
	d.pdf.SetY(d.pdf.GetY() + h)
}

// entry records a contents entry and a PDF bookmark at the current position.
func (d *doc) entry(title string, level int) {
	d.pdf.Bookmark(title, level, -1)
	if i := len(d.toc); i < len(d.tocLinks) {
		d.pdf.SetLink(d.tocLinks[i], -1, -1)
	}
	d.toc = append(d.toc, tocEntry{title: title, level: level, page: d.pdf.PageNo()})
}

// section starts a top-level part of the document on a new page.
func (d *doc) section(title string) {
	d.pdf.AddPage()
	d.entry(title, 0)
	d.use(stH1)
	d.pdf.SetX(marginLeft)
	d.heading(1, func() { d.pdf.MultiCell(contentW, lineHeight(stH1), title, "", "L", false) })
	d.accentRule()
}

// accentRule is the short rule under a top-level heading.
func (d *doc) accentRule() {
	d.stroke(colAccent)
	d.pdf.SetLineWidth(0.6)
	y := d.pdf.GetY() + 1.5
	d.decor(func() { d.pdf.Line(marginLeft, y, marginLeft+24, y) })
	d.pdf.SetY(y + 5)
}

// subheading prints a level-3 heading, kept with at least keep mm of what
// follows it.
func (d *doc) subheading(title string, keep float64) {
	d.ensure(lineHeight(stH3) + 3 + keep)
	d.space(2)
	d.use(stH3)
	d.pdf.SetX(marginLeft)
	// A subheading is one level below the section, organisation or
	// activity it is in, and sets no level itself.
	level := d.headLevel
	d.heading(level+1, func() {
		d.pdf.CellFormat(contentW, lineHeight(stH3), strings.ToUpper(title), "", 1, "L", false, 0, "")
	})
	d.headLevel = level
	d.stroke(colRule)
	d.pdf.SetLineWidth(0.2)
	y := d.pdf.GetY() + 0.5
	d.decor(func() { d.pdf.Line(marginLeft, y, pageW-marginRight, y) })
	d.pdf.SetY(y + 1.5)
}

// paragraph prints wrapped text across the full width.
func (d *doc) paragraph(s textStyle, text string) {
	d.use(s)
	d.pdf.SetX(marginLeft)
	d.tagged("P", func() { d.pdf.MultiCell(contentW, lineHeight(s), text, "", "L", false) })
}

// cell is one cell of a row: its text, how it looks, how it sits.
type cell struct {
	text  string
	style textStyle
	align string // "L" (default), "C" or "R"
	fill  *rgb
}

// rowOpts says how a row is framed.
type rowOpts struct {
	pad    float64
	fill   *rgb
	rule   bool   // hairline under the row
	repeat func() // redraws the table header after a page break
	link   int    // internal link target for the whole row; 0 for none
	// kind says how the row is tagged: its cells are TD, TH (a table's
	// header), a TH then TDs (a label and its value), or an artefact (a
	// table header repeated after a page break).
	kind rowKind
	// keep is how many mm below the row must fit on its page too, so a
	// row is not left alone at the foot of a page.
	keep float64
}

type rowKind int8

const (
	rowData rowKind = iota
	rowHead
	rowField
	rowRepeat
)

// bullet starts a list item; hang marks the continuation lines of a
// wrapped item, which drawRow indents under the item's text.
const (
	bullet = "• "
	hang   = "\x00"
)

// wrapKey is one cell's text wrapped in one style to one width.
type wrapKey struct {
	text  string
	style textStyle
	width float64
}

// wrapped is wrap in style st, remembered for the document: a cell is
// wrapped when a table is measured to keep it together, when its row is
// measured and drawn, and again in the second layout pass, and wrapping
// (fpdf's SplitText and the font changes it needs) was a fifth of the
// time. The lines depend only on the text, the font and the width, so a
// remembered answer is the answer. Callers must not change the lines.
func (d *doc) wrapped(st textStyle, text string, w float64) []string {
	k := wrapKey{text, st, w}
	if l, ok := d.wraps[k]; ok {
		return l
	}
	d.use(st)
	l := wrap(d.pdf, text, w)
	d.wraps[k] = l
	return l
}

// wrap splits text into lines no wider than w in the current font,
// keeping the writer's own line breaks and hanging wrapped list items under
// their first word. It always returns at least one line.
func wrap(pdf *fpdf.Fpdf, text string, w float64) []string {
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(para) == "" {
			out = append(out, "")
			continue
		}
		if item, ok := strings.CutPrefix(para, bullet); ok {
			lines := pdf.SplitText(item, w-pdf.GetStringWidth(bullet))
			for i, l := range lines {
				if i == 0 {
					out = append(out, bullet+l)
				} else {
					out = append(out, hang+l)
				}
			}
			continue
		}
		if strings.Contains(para, "://") {
			out = append(out, wrapURLs(pdf, para, w)...)
			continue
		}
		out = append(out, pdf.SplitText(para, w)...)
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// row draws one table or label/value row. It measures every cell first;
// a row that does not fit the rest of the page moves to the next one (after
// the table header is repeated), and a row taller than a whole page is
// split between pages line by line, so no text ever leaves its cell.
func (d *doc) row(widths []float64, cells []cell, o rowOpts) {
	pdf := d.pdf
	lines := make([][]string, len(cells))
	lh := make([]float64, len(cells))
	need := 0.0
	for i := range cells {
		if cells[i].style.size == 0 {
			cells[i].style = stTable // an empty cell of a table row
		}
		if widths[i] < 40 {
			cells[i].style = d.shrinkToWords(cells[i], widths[i]-2*o.pad)
		}
		c := cells[i]
		lines[i] = d.wrapped(c.style, c.text, widths[i]-2*o.pad)
		lh[i] = lineHeight(c.style)
		need = math.Max(need, float64(len(lines[i]))*lh[i])
	}
	usable := d.bottom() - marginTop - 8 // what a fresh page offers after a repeated header
	if pdf.GetY()+need+2*o.pad+o.keep > d.bottom() && need+2*o.pad <= usable {
		d.newPageFor(o)
	}
	rt := d.newRowTags(cells, o)
	for {
		avail := d.bottom() - pdf.GetY() - 2*o.pad
		// How many lines of each cell fit here, and is that all of them?
		take := make([]int, len(cells))
		all, some := true, false
		for i := range cells {
			n := int(math.Floor(avail / lh[i]))
			if n >= len(lines[i]) {
				n = len(lines[i])
			} else {
				all = false
			}
			if n > 0 && len(lines[i]) > 0 {
				some = true
			}
			take[i] = n
		}
		if !all && !some {
			d.newPageFor(o)
			continue
		}
		h := 0.0
		for i := range cells {
			h = math.Max(h, float64(take[i])*lh[i])
		}
		if !all {
			h = avail
		}
		d.drawRow(widths, cells, lines, take, lh, h+2*o.pad, o, rt)
		if all {
			return
		}
		for i := range lines {
			lines[i] = lines[i][take[i]:]
		}
		d.newPageFor(o)
	}
}

// shrinkToWords returns the cell's style, made smaller (to at most 75%)
// if one of its words is wider than the column, so that a narrow column
// never breaks a word in two; web addresses are left to wrapURLs.
func (d *doc) shrinkToWords(c cell, w float64) textStyle {
	st := c.style
	d.use(st)
	widest := 0.0
	for _, word := range strings.Fields(c.text) {
		if !strings.Contains(word, "://") {
			widest = math.Max(widest, d.pdf.GetStringWidth(word))
		}
	}
	if widest <= w {
		return st
	}
	st.size = math.Max(st.size*0.75, math.Floor(st.size*w/widest*10)/10)
	return st
}

// measure is the height a row will take.
func (d *doc) measure(widths []float64, cells []cell, pad float64) float64 {
	need := 0.0
	for i, c := range cells {
		st := c.style
		if st.size == 0 {
			st = stTable
		}
		need = math.Max(need, float64(len(d.wrapped(st, c.text, widths[i]-2*pad)))*lineHeight(st))
	}
	return need + 2*pad
}

func (d *doc) measureRows(widths []float64, rows [][]cell, pad float64) float64 {
	h := 0.0
	for _, r := range rows {
		h += d.measure(widths, r, pad)
	}
	return h
}

func (d *doc) newPageFor(o rowOpts) {
	d.pdf.AddPage()
	if o.repeat != nil {
		o.repeat()
	}
}

// rowTags are the structure elements of one row, made once however many
// pages the row is split over: each cell's TD or TH, the Link element of
// a linked cell, and a list cell's L and its current item's LBody.
type rowTags struct {
	cells, links, lists, items []int32
}

func (d *doc) newRowTags(cells []cell, o rowOpts) *rowTags {
	t := d.tags
	if t == nil {
		return nil
	}
	if o.kind == rowRepeat {
		// A repeated header is an artefact, unless it links somewhere:
		// an annotation must belong to the structure.
		linked := o.link > 0
		for _, c := range cells {
			linked = linked || cellURL(c) != ""
		}
		if !linked {
			return nil
		}
		o.kind = rowHead
	}
	t.inTable()
	tr := t.add(t.top(), "TR")
	n := len(cells)
	all := make([]int32, 4*n)
	rt := &rowTags{cells: all[:n:n], links: all[n : 2*n : 2*n], lists: all[2*n : 3*n : 3*n], items: all[3*n:]}
	for i, c := range cells {
		typ, scope := "TD", ""
		switch {
		case o.kind == rowHead:
			typ, scope = "TH", "Column"
		case o.kind == rowField && i == 0:
			typ, scope = "TH", "Row"
		}
		rt.cells[i] = t.add(tr, typ)
		t.elems[rt.cells[i]].scope = scope
		rt.links[i], rt.lists[i], rt.items[i] = -1, -1, -1
		if (o.link > 0 && i == 0) || (o.link == 0 && cellURL(c) != "") {
			rt.links[i] = t.add(rt.cells[i], "Link")
		}
	}
	return rt
}

// cellURL is the web address a cell links to, if it holds one.
func cellURL(c cell) string {
	if !strings.Contains(c.text, "://") {
		return ""
	}
	return urlRe.FindString(c.text)
}

// lineTag opens the marked content a cell's line belongs to: the cell's
// Link, the cell itself, or, for a bulleted line and the wrapped lines
// after it, a list item's body (the bullet is part of its text).
func (d *doc) lineTag(rt *rowTags, i int, line string) {
	t := d.tags
	switch {
	case rt == nil:
		t.artifact(artRepeat)
	case rt.links[i] >= 0:
		t.open(rt.links[i])
	case strings.HasPrefix(line, bullet):
		if rt.lists[i] < 0 {
			rt.lists[i] = t.add(rt.cells[i], "L")
		}
		li := t.add(rt.lists[i], "LI")
		rt.items[i] = t.add(li, "LBody")
		t.open(rt.items[i])
	case strings.HasPrefix(line, hang) && rt.items[i] >= 0:
		t.open(rt.items[i])
	default:
		rt.items[i] = -1
		t.open(rt.cells[i])
	}
}

func (d *doc) drawRow(widths []float64, cells []cell, lines [][]string, take []int, lh []float64, h float64, o rowOpts, rt *rowTags) {
	pdf := d.pdf
	x0, y0 := marginLeft, pdf.GetY()
	if d.measuring {
		// The first pass only learns where things fall: what a row draws
		// inside its measured box cannot move anything.
		pdf.SetXY(marginLeft, y0+h)
		return
	}
	x := x0
	for i, c := range cells {
		f := o.fill
		if c.fill != nil {
			f = c.fill
		}
		if f != nil {
			d.fill(*f)
			d.tags.artifact(artLayout)
			pdf.Rect(x, y0, widths[i], h, "F")
		}
		d.use(c.style)
		align := c.align
		if align == "" {
			align = "L"
		}
		indent := pdf.GetStringWidth(bullet)
		for j := 0; j < take[i]; j++ {
			l, dx := lines[i][j], 0.0
			d.lineTag(rt, i, l)
			if rest, ok := strings.CutPrefix(l, hang); ok {
				l, dx = rest, indent
			}
			pdf.SetXY(x+o.pad+dx, y0+o.pad+float64(j)*lh[i])
			pdf.CellFormat(widths[i]-2*o.pad-dx, lh[i], l, "", 0, align, false, 0, "")
		}
		x += widths[i]
	}
	d.tags.close()
	if rt != nil {
		if o.link > 0 {
			d.link(rt.links[0], x0, y0, x-x0, h, o.link)
		}
		x = x0
		for i, c := range cells {
			// A cell holding a web address links to it, so the address is
			// live however it wrapped.
			if o.link == 0 && rt.links[i] >= 0 {
				d.linkURL(rt.links[i], x, y0, widths[i], h, cellURL(c))
			}
			x += widths[i]
		}
	}
	if o.rule {
		d.stroke(colRule)
		pdf.SetLineWidth(0.15)
		d.decor(func() { pdf.Line(x0, y0+h, x, y0+h) })
	}
	pdf.SetXY(marginLeft, y0+h)
}

// column is one column of a table.
type column struct {
	title string
	width float64
	align string
}

// table draws a table with a header row repeated on every page it spans.
func (d *doc) table(cols []column, rows [][]cell) {
	widths := make([]float64, len(cols))
	head := make([]cell, len(cols))
	for i, c := range cols {
		widths[i] = c.width
		head[i] = cell{text: c.title, style: stTableHead, align: c.align}
	}
	kind := rowHead
	drawHead := func() {
		d.row(widths, head, rowOpts{pad: cellPad, fill: &colAccentBg, kind: kind})
	}
	// Keep the header with at least one row, and a short table whole, so
	// that no row is left alone on a page.
	if len(rows) <= 6 {
		d.ensure(d.measure(widths, head, cellPad) + d.measureRows(widths, rows, cellPad))
	}
	d.ensure(lineHeight(stTableHead)*2 + lineHeight(stTable)*2 + 4*cellPad)
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
		o := rowOpts{pad: cellPad, rule: true, repeat: drawHead}
		if i%2 == 1 {
			o.fill = &colZebra
		}
		d.row(widths, r, o)
	}
}

// field prints a label and its value side by side; an empty value prints
// as "Not recorded" so that a gap in the record is visible, not hidden.
func (d *doc) field(label, value string) {
	v := cell{text: value, style: stBody}
	if strings.TrimSpace(value) == "" {
		v = cell{text: "Not recorded", style: stMissing}
	}
	d.fieldCell(label, v)
}

// notApplicable prints a field that does not apply to this record, in
// the muted style but distinct from "Not recorded".
func (d *doc) notApplicable(label, why string) {
	d.fieldCell(label, cell{text: why, style: textStyle{sans, "", 9, colMuted}})
}

func (d *doc) fieldCell(label string, v cell) {
	d.row([]float64{labelW, contentW - labelW},
		[]cell{{text: label, style: stLabel}, v},
		rowOpts{pad: 1.1, kind: rowField})
}

// fit shortens s with an ellipsis until it is no wider than w.
func fit(pdf *fpdf.Fpdf, s string, w float64) string {
	if pdf.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && pdf.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

// fitWords shortens s to whole words and an ellipsis until it is no wider
// than w, so a running header never ends in half a word; a single word
// too long for w is cut by fit.
func fitWords(pdf *fpdf.Fpdf, s string, w float64) string {
	if pdf.GetStringWidth(s) <= w {
		return s
	}
	words := strings.Fields(s)
	for n := len(words) - 1; n > 0; n-- {
		t := strings.TrimRight(strings.Join(words[:n], " "), ",;:·—-") + "…"
		if pdf.GetStringWidth(t) <= w {
			return t
		}
	}
	return fit(pdf, s, w)
}

var urlRe = regexp.MustCompile(`https?://[^\s<>"]+[^\s<>".,;:)]`)

// wrapURLs wraps text holding web addresses: words go whole onto lines as
// SplitText puts them, but an address too long for a line is broken after
// a "/" (or before "?", "&", "=", "-", "_", "."), never inside a word of it
// where a separator would do, so it reads as an address.
func wrapURLs(pdf *fpdf.Fpdf, para string, w float64) []string {
	var lines []string
	cur := ""
	flush := func() {
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
		}
	}
	for _, word := range strings.Fields(para) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if pdf.GetStringWidth(try) <= w {
			cur = try
			continue
		}
		flush()
		for pdf.GetStringWidth(word) > w {
			cut := breakPoint(pdf, word, w)
			lines = append(lines, word[:cut])
			word = word[cut:]
		}
		cur = word
	}
	flush()
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// breakPoint is where to cut an over-long address so that word[:cut]
// fits w: after the last separator that fits, else the last rune that fits.
func breakPoint(pdf *fpdf.Fpdf, word string, w float64) int {
	fits, sep := 0, 0
	for i, r := range word {
		end := i + utf8.RuneLen(r)
		if pdf.GetStringWidth(word[:end]) > w {
			break
		}
		fits = end
		switch r {
		case '/':
			sep = end
		case '?', '&', '=', '-', '_', '.', '#':
			if i > 0 {
				sep = i
			}
		}
	}
	if sep > 0 {
		return sep
	}
	return max(fits, 1)
}
