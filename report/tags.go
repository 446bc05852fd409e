package report

import (
	"strconv"

	"codeberg.org/go-pdf/fpdf"
)

// The PDF is tagged in two halves. While the second layout pass draws, a
// tagger wraps every mark fpdf makes in a marked-content sequence (BDC …
// EMC, written into the page with RawWriteStr) and records which
// structure element each sequence belongs to; after fpdf's Output the
// post-processor (tagtree.go) writes the structure tree from that record.
// fpdf knows nothing of either: it only sees raw operators between its
// own.

// structElem is one structure element: a heading, a paragraph, a table
// cell, or a grouping element (Table, TR, L, TOC) holding others.
type structElem struct {
	typ    string
	parent int32
	kids   []structKid
	// alt is a Figure's replacement text; scope a TH's /Scope.
	alt, scope string
}

// structKid is a child of an element: another element (elem ≥ 0), a
// marked-content sequence on a page (mcid ≥ 0), or a link annotation
// (annot ≥ 0, the annotation's place among its page's).
type structKid struct {
	elem, page, mcid, annot int32
}

// Artefacts: content that is not part of the document's text. Running
// headers and footers and a table header repeated after a page break are
// pagination; the DRAFT strokes a watermark; rules, tints and bar tracks
// layout.
const (
	artHeader    = "/Artifact <</Type /Pagination /Subtype /Header>> BDC"
	artFooter    = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"
	artWatermark = "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC"
	artRepeat    = "/Artifact <</Type /Pagination>> BDC"
	artLayout    = "/Artifact <</Type /Layout>> BDC"
)

// tagger records the structure while the second pass lays the document
// out. A nil *tagger (the measuring pass) does nothing.
type tagger struct {
	pdf   *fpdf.Fpdf
	elems []structElem
	// stack holds the open grouping elements, the Document at the bottom;
	// implicit marks the ones row opened itself (a run of label/value
	// rows is a table of its own), which the next element outside a row
	// closes.
	stack    []int32
	implicit []bool
	// cur is the element whose marked content is open, or -1; art the
	// artefact's operator when an artefact is open instead.
	cur int32
	art string
	// held is what suspend closed at a page's foot, for resume to reopen
	// at the next page's head.
	heldCur int32
	heldArt string
	// mcids[p] lists page p+1's marked-content sequences by MCID: the
	// element each belongs to. links[p] lists page p+1's link annotations
	// in the order fpdf writes them: the Link element and its /Contents.
	mcids [][]int32
	links [][]tagLink
	buf   []byte
}

type tagLink struct {
	elem     int32
	contents string
}

func newTagger(pdf *fpdf.Fpdf) *tagger {
	t := &tagger{pdf: pdf, cur: -1, heldCur: -1}
	t.elems = append(t.elems, structElem{typ: "Document", parent: -1})
	t.stack = []int32{0}
	t.implicit = []bool{false}
	return t
}

func (t *tagger) top() int32 {
	if t == nil {
		return -1
	}
	return t.stack[len(t.stack)-1]
}

// figure opens a Figure element's content, described by alt, for a chart
// drawn with fpdf's primitives.
func (t *tagger) figure(alt string) {
	if t == nil {
		return
	}
	el := t.leaf("Figure")
	t.elems[el].alt = alt
	t.open(el)
}

// add makes a new element under parent.
func (t *tagger) add(parent int32, typ string) int32 {
	if t == nil {
		return -1
	}
	id := int32(len(t.elems))
	t.elems = append(t.elems, structElem{typ: typ, parent: parent})
	t.elems[parent].kids = append(t.elems[parent].kids, structKid{elem: id, page: -1, mcid: -1, annot: -1})
	return id
}

// closeImplicit ends the tables row opened by itself.
func (t *tagger) closeImplicit() {
	for t != nil && t.implicit[len(t.implicit)-1] {
		t.end()
	}
}

// begin opens a grouping element under the innermost open one.
func (t *tagger) begin(typ string) int32 {
	if t == nil {
		return -1
	}
	t.closeImplicit()
	return t.push(typ, false)
}

func (t *tagger) push(typ string, implicit bool) int32 {
	id := t.add(t.top(), typ)
	t.stack = append(t.stack, id)
	t.implicit = append(t.implicit, implicit)
	return id
}

// end closes the innermost grouping element.
func (t *tagger) end() {
	if t == nil || len(t.stack) == 1 {
		return
	}
	t.stack = t.stack[:len(t.stack)-1]
	t.implicit = t.implicit[:len(t.implicit)-1]
}

// inTable makes sure a row has a Table to go into: the one table or
// linkedTable opened, or one of its own for a run of loose rows.
func (t *tagger) inTable() {
	if t == nil || t.elems[t.top()].typ == "Table" {
		return
	}
	t.push("Table", true)
}

// leaf makes a new element for content under the innermost open one.
func (t *tagger) leaf(typ string) int32 {
	if t == nil {
		return -1
	}
	t.closeImplicit()
	return t.add(t.top(), typ)
}

// open starts a marked-content sequence of element el on the current
// page, closing whatever was open.
func (t *tagger) open(el int32) {
	if t == nil || (t.cur == el && t.art == "") {
		return
	}
	t.close()
	p := t.pdf.PageNo() - 1
	for len(t.mcids) <= p {
		t.mcids = append(t.mcids, nil)
	}
	mcid := int32(len(t.mcids[p]))
	t.mcids[p] = append(t.mcids[p], el)
	e := &t.elems[el]
	e.kids = append(e.kids, structKid{elem: -1, page: int32(p), mcid: mcid, annot: -1})
	t.buf = append(t.buf[:0], '/')
	t.buf = append(t.buf, e.typ...)
	t.buf = append(t.buf, " <</MCID "...)
	t.buf = strconv.AppendInt(t.buf, int64(mcid), 10)
	t.buf = append(t.buf, ">> BDC"...)
	t.pdf.RawWriteStr(string(t.buf))
	t.cur = el
}

// artifact starts an artefact, closing whatever was open.
func (t *tagger) artifact(op string) {
	if t == nil || t.art == op {
		return
	}
	t.close()
	t.pdf.RawWriteStr(op)
	t.art = op
}

// close ends the open marked-content sequence, if any.
func (t *tagger) close() {
	if t == nil || (t.cur < 0 && t.art == "") {
		return
	}
	t.pdf.RawWriteStr("EMC")
	t.cur, t.art = -1, ""
}

// suspend closes the open sequence at the foot of a page (fpdf's footer
// callback runs in the middle of whatever broke the page) and resume
// reopens it on the next page, after the running header: the same
// element, with a new MCID on its new page.
func (t *tagger) suspend() {
	if t == nil {
		return
	}
	t.heldCur, t.heldArt = t.cur, t.art
	t.close()
}

func (t *tagger) resume() {
	if t == nil {
		return
	}
	cur, art := t.heldCur, t.heldArt
	t.heldCur, t.heldArt = -1, ""
	t.close()
	switch {
	case cur >= 0:
		t.open(cur)
	case art != "":
		t.artifact(art)
	}
}

// link records the link annotation fpdf has just been asked for on the
// current page as a child of element el, described by contents.
func (t *tagger) link(el int32, contents string) {
	if t == nil {
		return
	}
	p := t.pdf.PageNo() - 1
	for len(t.links) <= p {
		t.links = append(t.links, nil)
	}
	t.links[p] = append(t.links[p], tagLink{elem: el, contents: contents})
	t.elems[el].kids = append(t.elems[el].kids, structKid{elem: -1, page: int32(p), mcid: -1, annot: int32(len(t.links[p]) - 1)})
}

// tagged draws as the content of a new element of type typ.
func (d *doc) tagged(typ string, draw func()) int32 {
	el := d.tags.leaf(typ)
	d.tags.open(el)
	draw()
	d.tags.close()
	return el
}

// decor draws a layout artefact: a rule, a tint, a bar's track.
func (d *doc) decor(draw func()) {
	d.tags.artifact(artLayout)
	draw()
	d.tags.close()
}

// heading draws a heading one level below the last of level-setting
// headings (section, organisation, activity), so that the levels follow
// the document's outline.
func (d *doc) heading(level int, draw func()) {
	d.headLevel = level
	d.tagged("H"+strconv.Itoa(min(level, 6)), draw)
}

// link and linkURL make fpdf's link annotations and tag them as children
// of el (a Link element).
func (d *doc) link(el int32, x, y, w, h float64, target int) {
	d.pdf.Link(x, y, w, h, target)
	d.tags.link(el, d.linkText[target])
}

func (d *doc) linkURL(el int32, x, y, w, h float64, url string) {
	d.pdf.LinkString(x, y, w, h, url)
	d.tags.link(el, "Open "+url)
}

// describeLinks says where each internal link goes, for the /Contents of
// its annotations: the activity or contents entry and, from the first
// pass, its page.
func (d *doc) describeLinks() {
	d.linkText = make(map[int]string, len(d.actLinks)+len(d.tocLinks))
	for _, a := range d.activities {
		s := "Go to " + d.refs[a.ID] + " " + activityTitle(a)
		if p, ok := d.knownActPage[a.ID]; ok {
			s += ", page " + strconv.Itoa(p)
		}
		d.linkText[d.actLinks[a.ID]] = s
	}
	for i, e := range d.plannedTOC() {
		s := "Go to " + e.title
		if i < len(d.knownTOC) {
			s += ", page " + strconv.Itoa(d.knownTOC[i].page)
		}
		d.linkText[d.tocLinks[i]] = s
	}
}
