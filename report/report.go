// Package report typesets the annual-review PDF an auditor reads: the whole
// Record of Processing Activities as it stood at a date or at a review
// cycle's sign-off, with a summary, cross-activity tables, open findings,
// what changed since the last signed-off review, and the sign-off itself.
//
// The output is reproducible: the same Input gives the same bytes, and the
// document carries the register's fingerprint (model.Fingerprint) in its
// metadata and on every page so a later tool can check it against a register.
package report

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/assets"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report/notice"
)

// Input is what one PDF is made from.
type Input struct {
	Register *model.Register
	// Cycle is the review cycle reported on; nil means the register's
	// current state, not a review cycle.
	Cycle *model.ReviewCycle
	// Previous is the previous signed-off cycle's snapshot, compared with
	// Register for "what changed"; nil when there is none.
	Previous *model.Register
	// PreviousCycle is the cycle Previous was frozen at, named in the
	// changes section; nil when there is none.
	PreviousCycle *model.ReviewCycle
	// Changes are the history entries since the previous sign-off, oldest
	// first, which say who made each change and when.
	Changes []Change
	// SettingChanges are the history's changes of the register settings
	// that decide what is kept (backup rotation) made after the previous
	// sign-off and, for a signed-off cycle, before its own, oldest first.
	// Settings are not in a cycle's frozen copy, so the history's order,
	// not a comparison of copies, says which fall between the two.
	SettingChanges []Change
	// Entries are, from the change history, each time an activity was
	// created in or moved into an organisation, oldest first: the
	// activities' reference numbers are their places in it (references).
	Entries []ActivityEntry
	// AsAt is the date the register is shown as at. Zero means the cycle's
	// sign-off date.
	AsAt time.Time
	// HistoryHead is the head of the register's change history, part of
	// the fingerprint.
	HistoryHead string
	// Organisation is the title; empty means the organisations' names.
	Organisation string
	// NoticeCoverage, if any, adds the "Privacy notice coverage" section:
	// published notices checked against the register (report/notice).
	// CompleteInput fills it from the notices the register records.
	NoticeCoverage []*notice.Coverage
}

// KeywordPrefix marks the fingerprint in the PDF's Keywords metadata.
const KeywordPrefix = "ropa-fingerprint:"

// Write typesets in as a PDF onto w. progress, if not nil, is called after
// each activity is laid out; the document is laid out twice (the first pass
// learns the page numbers the contents page shows), so total is twice the
// number of activities. Cancelling ctx stops the work between activities
// and returns ctx.Err().
func Write(ctx context.Context, w io.Writer, in Input, progress func(done, total int)) error {
	if in.Register == nil {
		return model.Errorf(model.EINVALID, "There is no register to export.")
	}
	if in.AsAt.IsZero() {
		if in.Cycle == nil || in.Cycle.SignOff == nil {
			return model.Errorf(model.EINVALID, "The PDF needs an as-at date.")
		}
		in.AsAt = in.Cycle.SignOff.Date
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	d, err := layOut(ctx, in, progress)
	if err != nil {
		return err
	}
	pc := pageCompressor{tags: d.tags}
	if err := d.pdf.Output(&pc); err != nil {
		return fmt.Errorf("typeset annual-review PDF: %w", err)
	}
	if pc.err != nil {
		// A document that could not be tagged would claim nothing, but an
		// auditor was promised a tagged one: that is a bug to report.
		return fmt.Errorf("typeset annual-review PDF: %w", pc.err)
	}
	if _, err := w.Write(pc.doc); err != nil {
		return fmt.Errorf("write annual-review PDF: %w", err)
	}
	return nil
}

// layOut runs both layout passes and returns the second, ready for Output.
func layOut(ctx context.Context, in Input, progress func(done, total int)) (*doc, error) {
	plan := newPlan(in)
	if progress == nil {
		progress = func(int, int) {}
	}
	counter := &progressCounter{fn: progress, total: 2 * len(plan.activities)}

	// Pass 1 lays out the document to learn where each contents entry
	// lands and how many pages there are; pass 2 prints those numbers. The
	// contents entries have the same text and height in both passes, so
	// the pages come out the same.
	first := &doc{plan: plan, ctx: ctx, progress: counter, measuring: true}
	if err := first.render(); err != nil {
		return nil, err
	}
	second := &doc{plan: plan, ctx: ctx, progress: counter, knownTOC: first.toc, knownPages: first.pdf.PageCount(), knownActPage: first.actPage}
	if err := second.render(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return second, nil
}

var fingerprintRe = regexp.MustCompile(regexp.QuoteMeta(KeywordPrefix) + `([0-9a-f]{64})`)

// ExtractFingerprint finds the register fingerprint in a PDF made by Write.
// It reads the Keywords entry of the document information dictionary, which
// fpdf writes uncompressed, so a plain byte search is enough.
func ExtractFingerprint(pdf []byte) (string, bool) {
	m := fingerprintRe.FindSubmatch(pdf)
	if m == nil {
		return "", false
	}
	return string(m[1]), true
}

type progressCounter struct {
	fn          func(done, total int)
	done, total int
}

func (p *progressCounter) step() {
	p.done++
	p.fn(p.done, p.total)
}

// plan is everything derived from the Input once, before either pass: the
// activities in print order, the findings, the fingerprint.
type plan struct {
	in Input
	// wraps remembers wrapped cells for both layout passes (doc.wrapped).
	wraps       map[wrapKey][]string
	reg         *model.Register
	title       string
	asAt        time.Time
	docDate     time.Time
	fingerprint string
	// groups holds the organisations in register order, each with its
	// activities in register order; activities whose organisation is
	// unknown come last under a placeholder.
	groups     []orgGroup
	activities []*model.Activity
	findings   []model.Finding
	ndop       map[*model.Activity]model.NDOPResult
	interval   int
	// index finds an activity's place in activities by its id.
	index map[uuid.UUID]int
	// refs are the activities' reference numbers (references).
	refs map[uuid.UUID]string
	// byActivity holds each activity's open findings, errors first.
	byActivity map[uuid.UUID][]model.Finding
	// changes since the previous sign-off; nil when there is none.
	changes *changeSet
	// signed: the document shows a signed-off cycle; anything else is a
	// draft and says so on every page.
	signed bool
}

type orgGroup struct {
	org        *model.Organisation
	name       string
	activities []*model.Activity
}

func newPlan(in Input) *plan {
	p := &plan{in: in, reg: in.Register, asAt: in.AsAt, interval: model.DefaultReviewInterval, wraps: map[wrapKey][]string{}}
	p.fingerprint = model.Fingerprint(in.Register, in.HistoryHead)
	p.docDate = in.AsAt
	if in.Cycle != nil {
		if in.Cycle.IntervalMonths > 0 {
			p.interval = in.Cycle.IntervalMonths
		}
		if in.Cycle.SignOff != nil && !in.Cycle.SignOff.Date.IsZero() {
			p.docDate = in.Cycle.SignOff.Date
		}
	}
	p.title = strings.TrimSpace(in.Organisation)
	if p.title == "" {
		p.title = defaultTitle(in.Register)
	}

	known := map[uuid.UUID]int{}
	for i := range p.reg.Organisations {
		o := &p.reg.Organisations[i]
		known[o.ID] = len(p.groups)
		p.groups = append(p.groups, orgGroup{org: o, name: o.Name})
	}
	var orphans []*model.Activity
	for i := range p.reg.Activities {
		a := &p.reg.Activities[i]
		if g, ok := known[a.OrganisationID]; ok {
			p.groups[g].activities = append(p.groups[g].activities, a)
		} else {
			orphans = append(orphans, a)
		}
	}
	if len(orphans) > 0 {
		p.groups = append(p.groups, orgGroup{name: "Organisation not recorded", activities: orphans})
	}
	for _, g := range p.groups {
		p.activities = append(p.activities, g.activities...)
	}
	p.findings = findings(p.reg, p.asAt)
	p.refs = references(p.reg, in.Entries)
	p.index = make(map[uuid.UUID]int, len(p.activities))
	for i, a := range p.activities {
		p.index[a.ID] = i
	}
	p.byActivity = map[uuid.UUID][]model.Finding{}
	for _, f := range p.findings {
		p.byActivity[f.ActivityID] = append(p.byActivity[f.ActivityID], f)
	}
	p.signed = in.Cycle != nil && in.Cycle.SignOff != nil
	if in.Previous != nil {
		// A comparison that fails leaves the section saying there is none
		// rather than stopping the export; changedFields fails only if
		// an activity cannot be encoded as JSON.
		p.changes, _ = newChangeSet(in.Register, in.Previous, in.Changes)
		if p.changes != nil {
			p.changes.settings = settingRows(in.SettingChanges)
		}
	}
	p.ndop = make(map[*model.Activity]model.NDOPResult, len(p.activities))
	for _, a := range p.activities {
		p.ndop[a] = model.AssessNDOP(a, p.reg.Organisation(a.OrganisationID))
	}
	return p
}

// defaultTitle names the organisations, each partnership by its own name
// (the partners are listed on the cover), in register order.
func defaultTitle(r *model.Register) string {
	if len(r.Organisations) == 0 {
		return "Record of Processing Activities"
	}
	var names []string
	for _, o := range r.Organisations {
		n := o.Name
		if o.Partnership != "" {
			n = o.Partnership
		}
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return joinAnd(names)
}

// doc is one layout pass.
type doc struct {
	*plan
	ctx      context.Context
	progress *progressCounter
	pdf      *fpdf.Fpdf

	toc        []tocEntry
	knownTOC   []tocEntry // pass 1's entries, with their pages
	knownPages int
	// tocLinks are the link targets of the contents entries, in order;
	// actLinks those of the activities' pages.
	tocLinks []int
	actLinks map[uuid.UUID]int
	// actPage is the page each activity starts on in this pass;
	// knownActPage is pass 1's, which the index prints.
	actPage      map[uuid.UUID]int
	knownActPage map[uuid.UUID]int

	// measuring: this is the first pass, which only learns the page
	// numbers, so rows and running headers are not drawn (drawRow).
	measuring bool

	// cur is the text style last set by use, valid while styled.
	cur    textStyle
	styled bool

	// tags records the structure of the second pass (tags.go); nil in
	// the first, which is never output. headLevel is the level of the
	// last section, organisation or activity heading. linkText describes
	// each internal link target for its annotation's /Contents.
	tags      *tagger
	headLevel int
	linkText  map[int]string
}

type tocEntry struct {
	title string
	level int
	page  int
}

func (d *doc) render() error {
	pdf := fpdf.New("P", "mm", "A4", "")
	d.pdf = pdf
	// fpdf writes into the font bytes it is given when it subsets them
	// (the hhea and head tables), so each document gets its own copy:
	// sharing the embedded fonts would make the second PDF differ from the
	// first, and would corrupt them for the rest of the program.
	setupFonts(pdf, bytes.Clone(assets.FontRegular), bytes.Clone(assets.FontBold),
		bytes.Clone(assets.FontItalic), bytes.Clone(assets.FontMono))
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(true, marginBottom)
	pdf.SetCellMargin(0)
	pdf.SetCatalogSort(true)
	// Page streams are compressed after Output, by compressPages, with
	// one writer for all of them instead of fpdf's one per page.
	pdf.SetCompression(false)
	// Dates come from the data, in UTC, so the bytes do not depend on when
	// or where the PDF was made.
	pdf.SetCreationDate(d.docDate.UTC())
	pdf.SetModificationDate(d.docDate.UTC())
	pdf.SetTitle(d.title+" — "+d.cycleName(), true)
	pdf.SetSubject("Record of Processing Activities (UK GDPR Article 30), as at "+longDate(d.asAt), true)
	pdf.SetAuthor(d.authorName(), true)
	pdf.SetCreator("ROPA Desk", true)
	pdf.SetProducer("ROPA Desk", true)
	pdf.SetKeywords(KeywordPrefix+d.fingerprint, false)
	pdf.SetLang("en-GB")
	pdf.SetDisplayMode("fullwidth", "continuous")
	pdf.SetXmpMetadata(xmpMetadata(d.title+" — "+d.cycleName(), d.authorName(), KeywordPrefix+d.fingerprint, d.docDate))
	pdf.SetHeaderFuncMode(d.header, true)
	pdf.SetFooterFunc(d.footer)

	// Link targets exist before anything points at them; each is placed
	// when its target is drawn (fpdf resolves links at output).
	d.actLinks = make(map[uuid.UUID]int, len(d.activities))
	d.actPage = make(map[uuid.UUID]int, len(d.activities))
	for _, a := range d.activities {
		d.actLinks[a.ID] = pdf.AddLink()
	}
	for range d.plannedTOC() {
		d.tocLinks = append(d.tocLinks, pdf.AddLink())
	}
	if !d.measuring {
		d.tags = newTagger(pdf)
		d.describeLinks()
	}

	// The auditor reads the summary first, samples from the index, then
	// reads what changed and what is still to fix before the records.
	// The privacy-notice coverage, when a notice was checked, follows the
	// findings: it is remediation too.
	sections := []func() error{
		d.cover, d.contents, d.summary, d.indexSection, d.changesSection, d.findingsSection, d.noticeCoverageSection,
		d.activitySections, d.specialCategoryTable, d.ndopTable, d.dsptSection, d.signOffPage, d.verificationPage,
	}
	for _, s := range sections {
		if err := s(); err != nil {
			return err
		}
		if err := d.pdf.Error(); err != nil {
			return fmt.Errorf("lay out annual-review PDF: %w", err)
		}
	}
	// The contents page was drawn from the plan before the sections ran;
	// if they disagree, its page numbers would be wrong.
	planned := d.plannedTOC()
	if len(planned) != len(d.toc) {
		return fmt.Errorf("lay out annual-review PDF: contents has %d entries, sections made %d", len(planned), len(d.toc))
	}
	for i := range planned {
		if planned[i].title != d.toc[i].title || planned[i].level != d.toc[i].level {
			return fmt.Errorf("lay out annual-review PDF: contents entry %d is %q, section is %q", i, planned[i].title, d.toc[i].title)
		}
	}
	return nil
}

func (d *doc) cycleName() string {
	if d.in.Cycle == nil {
		return "Current state of the register"
	}
	return d.in.Cycle.Name
}

func (d *doc) authorName() string {
	if d.in.Cycle != nil && d.in.Cycle.SignOff != nil {
		return d.in.Cycle.SignOff.By
	}
	return d.title
}

func (d *doc) shortFingerprint() string { return d.fingerprint[:16] }

func (d *doc) header() {
	pdf := d.pdf
	defer d.forgetStyle()
	d.forgetStyle()
	if d.measuring {
		pdf.SetXY(marginLeft, marginTop)
		return
	}
	// Whatever the page break interrupted goes on after the header.
	defer d.tags.resume()
	if !d.signed {
		d.tags.artifact(artWatermark)
		d.watermark()
	}
	d.tags.artifact(artHeader)
	d.use(stHeader)
	right := "As at " + longDate(d.asAt)
	if !d.signed {
		right = "DRAFT · " + right
	}
	rw := pdf.GetStringWidth(right) + 2
	pdf.SetXY(marginLeft, headerY)
	pdf.CellFormat(contentW-rw, 4, fitWords(pdf, d.title, min(contentW*0.64, contentW-rw-12)), "", 0, "L", false, 0, "")
	if !d.signed {
		d.use(textStyle{sans, "B", 7.5, colRed})
	}
	pdf.SetXY(pageW-marginRight-rw, headerY)
	pdf.CellFormat(rw, 4, right, "", 0, "R", false, 0, "")
	d.stroke(colRule)
	pdf.SetLineWidth(0.2)
	pdf.Line(marginLeft, headerY+5.5, pageW-marginRight, headerY+5.5)
	d.tags.close()
	pdf.SetXY(marginLeft, marginTop)
}

// watermark draws a large pale DRAFT across the page, under the content
// (the header runs before the page's content is drawn). The letters are
// drawn as strokes, not text, so that they never mix into the page's
// text when it is read back or copied; the header says DRAFT in words.
func (d *doc) watermark() {
	pdf := d.pdf
	const w, h, gap = 22.0, 32.0, 7.0
	x0 := pageW/2 - (5*w+4*gap)/2
	y0 := pageH/2 - h/2
	pdf.SetDrawColor(250, 224, 224)
	pdf.SetLineWidth(5)
	pdf.SetLineCapStyle("round")
	pdf.SetLineJoinStyle("round")
	pdf.TransformBegin()
	pdf.TransformRotate(55, pageW/2, pageH/2)
	line := func(x1, y1, x2, y2 float64) { pdf.Line(x1, y1, x2, y2) }
	// D
	x := x0
	line(x, y0, x, y0+h)
	line(x, y0, x+w*0.35, y0)
	line(x, y0+h, x+w*0.35, y0+h)
	pdf.Arc(x+w*0.35, y0+h/2, w*0.65, h/2, 0, -90, 90, "D")
	// R
	x += w + gap
	line(x, y0, x, y0+h)
	line(x, y0, x+w*0.5, y0)
	line(x, y0+h*0.5, x+w*0.5, y0+h*0.5)
	pdf.Arc(x+w*0.5, y0+h*0.25, w*0.5, h*0.25, 0, -90, 90, "D")
	line(x+w*0.45, y0+h*0.5, x+w, y0+h)
	// A
	x += w + gap
	line(x, y0+h, x+w/2, y0)
	line(x+w/2, y0, x+w, y0+h)
	line(x+w*0.22, y0+h*0.62, x+w*0.78, y0+h*0.62)
	// F
	x += w + gap
	line(x+w*0.1, y0, x+w*0.1, y0+h)
	line(x+w*0.1, y0, x+w, y0)
	line(x+w*0.1, y0+h*0.48, x+w*0.8, y0+h*0.48)
	// T
	x += w + gap
	line(x, y0, x+w, y0)
	line(x+w/2, y0, x+w/2, y0+h)
	pdf.TransformEnd()
	pdf.SetLineCapStyle("butt")
	pdf.SetLineJoinStyle("miter")
}

func (d *doc) footer() {
	pdf := d.pdf
	defer d.forgetStyle()
	d.forgetStyle()
	if d.measuring {
		return
	}
	// The footer runs in the middle of whatever broke the page: that
	// marked content is closed here and reopened after the next header.
	d.tags.suspend()
	d.tags.artifact(artFooter)
	defer d.tags.close()
	d.stroke(colRule)
	pdf.SetLineWidth(0.2)
	pdf.Line(marginLeft, footerY, pageW-marginRight, footerY)
	pdf.SetXY(marginLeft, footerY+1.8)
	d.use(stMonoSmall)
	pdf.CellFormat(contentW/2, 4, "Fingerprint "+d.shortFingerprint(), "", 0, "L", false, 0, "")
	d.use(stHeader)
	pdf.SetXY(marginLeft+contentW/2, footerY+1.8)
	pdf.CellFormat(contentW/2, 4, fmt.Sprintf("Page %d of %d", pdf.PageNo(), d.knownPages), "", 0, "R", false, 0, "")
}

// checkpoint is called between activities: it reports progress and stops
// the work if the caller has given up.
func (d *doc) checkpoint() error {
	d.progress.step()
	return d.ctx.Err()
}

// activityByID finds an activity of the register shown.
func (p *plan) activityByID(id uuid.UUID) *model.Activity {
	if i, ok := p.index[id]; ok {
		return p.activities[i]
	}
	return nil
}

// groupName is the organisation heading an activity is printed under.
func (p *plan) groupName(a *model.Activity) string {
	if o := p.reg.Organisation(a.OrganisationID); o != nil {
		return o.Name
	}
	return "Organisation not recorded"
}
