package exchange

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/model"
)

// This file turns a grid of cells (from a sheet or a CSV file) into
// activities: it finds the heading row, maps each column, and reads each row
// with the recognisers of parse.go, reporting what it could not map.

// grid is one sheet's cells, already read: rows[i] is spreadsheet row i+1.
type grid struct {
	file, sheet string
	rows        [][]string
	// raw gives a cell's value as stored (a date's serial number), for
	// the few cells read as dates; nil for CSV.
	raw func(row, col int) string
}

func (g *grid) cell(row, col int) string {
	if row < 0 || row >= len(g.rows) || col >= len(g.rows[row]) {
		return ""
	}
	return g.rows[row][col]
}

func colLetter(c int) string {
	s, _ := excelize.ColumnNumberToName(c + 1)
	return s
}

func cellName(c, r int) string { return fmt.Sprintf("%s%d", colLetter(c), r+1) }

// findHeadingRow returns the row among the first 20 that names the most
// known headings, and how many it names.
func findHeadingRow(g *grid) (row, matched int) {
	row = -1
	for r := 0; r < len(g.rows) && r < 20; r++ {
		n := 0
		for _, v := range g.rows[r] {
			if matchHeading(v) != noColumn {
				n++
			}
		}
		if n > matched {
			row, matched = r, n
		}
	}
	return row, matched
}

// layout is where each known column sits in a grid.
type layout struct {
	headRow int
	at      map[columnRef]int // known column → index in the row
	unknown []int             // indexes of columns kept as Extra
	heading []string          // heading text of each index
	norm    []string          // normaliseHeading of each heading, for isHeadingRepeat
	// pos is at as a slice indexed by columnRef (-1: absent), because
	// every cell of every row is looked up through it.
	pos []int
	// letter is each index's column letter, named in every cell reference.
	letter []string
}

func newLayout(g *grid, headRow int) *layout {
	l := &layout{headRow: headRow, at: map[columnRef]int{}}
	head := g.rows[headRow]
	width := 0
	for _, row := range g.rows[headRow:] {
		width = max(width, len(row))
	}
	l.heading = make([]string, width)
	for c := 0; c < width; c++ {
		h := ""
		if c < len(head) {
			h = cleanCell(head[c])
		}
		l.heading[c] = h
		ref := matchHeading(h)
		if _, dup := l.at[ref]; ref != noColumn && !dup {
			l.at[ref] = c
			continue
		}
		if h == "" {
			l.heading[c] = "Column " + colLetter(c)
		}
		l.unknown = append(l.unknown, c)
	}
	l.norm = make([]string, width)
	l.letter = make([]string, width)
	for c, h := range l.heading {
		l.norm[c] = normaliseHeading(h)
		l.letter[c] = colLetter(c)
	}
	l.pos = make([]int, icoColumnCount+ropaColumnCount)
	for i := range l.pos {
		l.pos[i] = -1
	}
	for ref, c := range l.at {
		if ref >= 0 && int(ref) < len(l.pos) {
			l.pos[ref] = c
		}
	}
	return l
}

func (l *layout) has(ref columnRef) bool { return ref >= 0 && int(ref) < len(l.pos) && l.pos[ref] >= 0 }

// rowDecoder reads the activity rows of one grid.
type rowDecoder struct {
	g     *grid
	l     *layout
	imp   *Imported
	org   string // organisation named by the sheet's block, for rows that name none
	cells []string
	row   int // 0-based
	// Per row, filled by setRow: each known column's cleaned text and
	// whether each ROPA Desk column is used, asked many times a row.
	texts []string
	mach  []bool
	// skip is reused by each row for the ICO columns it need not read
	// (carried.go).
	skip []bool
	// asExported and printed: the row's fingerprints (matchPrints).
	asExported []bool
	printed    bool
	// fields and overridden are decode's per-row sets, reused.
	fields, overridden map[string]bool
	// classify is false on a row whose special categories and criminal
	// offence data a ROPA Desk column replaces: the personal data cell is
	// split into its list but not classified.
	classify bool
}

// setRow makes cells (0-based row r) the row being decoded.
func (d *rowDecoder) setRow(cells []string, r int) {
	d.cells, d.row = cells, r
	if d.texts == nil {
		d.texts = make([]string, len(d.l.pos))
		d.mach = make([]bool, ropaColumnCount)
	}
	for ref, c := range d.l.pos {
		d.texts[ref] = ""
		if c >= 0 && c < len(cells) {
			d.texts[ref] = cleanCell(cells[c])
		}
	}
	d.matchPrints()
	hasID := d.texts[d.rd(rdActivityID)] != ""
	for i := range d.mach {
		ref := d.rd(i)
		d.mach[i] = d.l.has(ref) && (d.texts[ref] != "" || hasID)
	}
}

func (d *rowDecoder) text(ref columnRef) string {
	if ref < 0 || int(ref) >= len(d.texts) {
		return ""
	}
	return d.texts[ref]
}

func (d *rowDecoder) rd(i int) columnRef { return columnRef(icoColumnCount + i) }

// machine reports whether a ROPA Desk column is to be used for this row:
// present, and either filled or on a row ROPA Desk wrote (it has an id),
// where an empty cell means "none".
func (d *rowDecoder) machine(i int) bool { return d.mach[i] }

func (d *rowDecoder) problem(ref columnRef, sev model.Severity, field, format string, args ...any) {
	p := Problem{File: d.g.file, Sheet: d.g.sheet, Row: d.row + 1, Severity: sev, Field: field, Message: fmt.Sprintf(format, args...)}
	if c, ok := d.l.at[ref]; ok {
		p.Column = colLetter(c)
		p.Heading = d.l.heading[c]
		if c < len(d.cells) {
			p.Text = d.cells[c]
		}
	}
	d.imp.Problems = append(d.imp.Problems, p)
}

// isHeadingRepeat reports whether a row only repeats the headings, as the
// second row of a heading merged over two rows does.
func (d *rowDecoder) isHeadingRepeat(cells []string) bool {
	found := false
	for c, v := range cells {
		v = cleanCell(v)
		if v == "" {
			continue
		}
		if c >= len(d.l.norm) || normaliseHeading(v) != d.l.norm[c] {
			return false
		}
		found = true
	}
	return found
}

func blankRow(cells []string) bool {
	for _, v := range cells {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// decodeAll reads every activity row after the heading row.
func (d *rowDecoder) decodeAll() {
	// One activity a row at most: grow once, not by doubling a slice of
	// large structs.
	d.imp.Activities = slices.Grow(d.imp.Activities, max(0, len(d.g.rows)-d.l.headRow-1))
	for r := d.l.headRow + 1; r < len(d.g.rows); r++ {
		cells := d.g.rows[r]
		if blankRow(cells) || d.isHeadingRepeat(cells) {
			continue
		}
		d.setRow(cells, r)
		d.imp.Activities = append(d.imp.Activities, d.decode())
	}
}

// coded lists the ICO columns whose text is read into structured values;
// when the text does not print back the same, the original is kept as an
// extra column "<heading> (original text)", so nothing the DPO wrote is lost.
var coded = []columnRef{colThirdCountries, colSafeguards, colArticle6, colArticle9, colRights, colAutomated,
	colDPIARequired, colDPIAProgress, colBreachOccurred, colRetainedPerPolicy, colSchedule1}

func (d *rowDecoder) decode() ImportedActivity {
	ia := ImportedActivity{Sheet: d.g.sheet, Row: d.row + 1}
	a := &ia.Activity
	// The row's field sets are kept by the decoder and cleared each row:
	// two maps a row were a tenth of a 10,000-row import's allocations.
	if d.fields == nil {
		d.fields, d.overridden = make(map[string]bool, 64), make(map[string]bool, 32)
	}
	fields, overridden := d.fields, d.overridden
	clear(fields)
	clear(overridden)
	fields["extra"] = true
	// problems found while reading ICO columns that a ROPA Desk column
	// may make moot; kept aside until we know.
	var icoProblems map[columnRef][]Problem // made when a column has one
	saved := d.imp.Problems
	d.imp.Problems = nil
	skip, classified := d.carried()
	d.classify = !classified
	for ref := range columnRef(icoColumnCount) {
		if !d.l.has(ref) {
			continue
		}
		for _, f := range icoColumns[ref].Fields {
			fields[f] = true
		}
		if skip[ref] {
			continue
		}
		d.decodeICO(ref, a)
		if len(d.imp.Problems) > 0 {
			if icoProblems == nil {
				icoProblems = map[columnRef][]Problem{}
			}
			icoProblems[ref] = d.imp.Problems
			d.imp.Problems = nil
		}
	}
	d.imp.Problems = saved
	// Heuristics read from free text add, never clear: see decodeICO.
	if len(a.SpecialCategories) == 0 && !d.machine(rdSpecialCategories) {
		delete(fields, "special_categories")
	}
	if !a.CriminalOffenceData && !d.machine(rdCriminalOffence) {
		delete(fields, "criminal_offence_data")
	}

	fromText := *a // the activity as the visible cells give it
	for i := range ropaColumnCount {
		if !d.machine(i) {
			continue
		}
		for _, f := range ropaColumns[i].Fields {
			fields[f], overridden[f] = true, true
		}
		d.decodeROPA(i, &ia, fields)
	}
	// A visible cell edited since export wins over the hidden column.
	edited := d.editedColumns(a)
	if err := applyEdits(a, &fromText, edited); err != nil {
		d.problem(noColumn, model.SeverityError, "", "Could not combine the edited cells of this row with ROPA Desk's columns.")
	}
	ia.Cells = d.cellRefs(overridden, edited)

	// Now the activity is final: compare each coded ICO cell with what it
	// prints as, keep the original where they differ, and report.
	// A cell is printed only if it needs comparing (a row ROPA Desk
	// wrote and nobody edited needs none).
	printedAs := func(ref columnRef) string { return icoCell(ref, a) }
	asExported := d.asExported
	for ref := range columnRef(icoColumnCount) {
		if !d.l.has(ref) {
			continue
		}
		txt := d.text(ref)
		// A cell left as exported is carried exactly by the hidden
		// columns, however it prints today; an edited one was read above.
		over := !slices.Contains(edited, ref) && slices.ContainsFunc(icoColumns[ref].Fields, func(f string) bool {
			top, _, _ := strings.Cut(f, ".")
			return overridden[f] || overridden[top]
		})
		// Lists and plain text always match (icoMatches): only a coded
		// column needs the row printed.
		keep := txt != "" && !over && !asExported[ref] && slices.Contains(coded, ref) && !d.icoMatches(ref, txt, printedAs(ref), a)
		if keep {
			a.Extra = append(a.Extra, model.ExtraField{Heading: icoColumns[ref].Heading + originalSuffix, Value: txt})
		}
		switch {
		case ref == colRights && keep:
			d.problem(ref, model.SeverityWarning, "rights", "ROPA Desk works out the rights from the lawful bases; your text is kept in the extra column %q.", icoColumns[ref].Heading+originalSuffix)
		case !over:
			d.imp.Problems = append(d.imp.Problems, icoProblems[ref]...)
		}
	}

	d.decodeExtras(a)
	// A file without extra columns says nothing about the extras on
	// record (a CSV of five columns must not clear them).
	if len(d.l.unknown) == 0 && len(a.Extra) == 0 {
		delete(fields, "extra")
	}
	if a.Name == "" && !d.machine(rdName) {
		a.Name = derivedName(a, d.row+1)
	}
	if a.Role == "" {
		a.Role = model.RoleController
	}
	if a.Status == "" {
		a.Status = model.StatusActive
	}
	if ia.Organisation == "" && a.OrganisationID == uuid.Nil {
		ia.Organisation = d.org
	}
	if err := a.Validate(); err != nil {
		if v, ok := err.(model.ValidationErrors); ok {
			for _, fe := range v {
				if fe.Field == "organisation_id" {
					continue // resolved when the import is planned
				}
				d.problem(noColumn, model.SeverityError, fe.Field, "%s", fe.Message)
			}
		}
	}
	for f := range fields {
		ia.Fields = append(ia.Fields, f)
	}
	slices.Sort(ia.Fields)
	return ia
}

func derivedName(a *model.Activity, row int) string {
	name := ""
	switch {
	case len(a.Purposes) > 0:
		name = a.Purposes[0]
	case a.BusinessFunction != "":
		name = a.BusinessFunction
	default:
		return fmt.Sprintf("Row %d", row)
	}
	if r := []rune(name); len(r) > 100 {
		name = string(r[:100]) + "…"
	}
	return name
}

func (d *rowDecoder) decodeICO(ref columnRef, a *model.Activity) {
	txt := d.text(ref)
	switch ref {
	case colBusinessFunction:
		a.BusinessFunction = txt
	case colPurpose:
		a.Purposes = splitList(txt)
	case colJointController:
		a.JointControllers = splitList(txt)
	case colIndividuals:
		a.DataSubjects = splitList(txt)
	case colPersonalData:
		a.PersonalData = splitList(txt)
		if !d.classify {
			break
		}
		rep := ClassifyCategories(a.PersonalData)
		a.SpecialCategories, a.CriminalOffenceData = rep.Special, rep.Criminal
		if msg := rep.UnrecognisedMessage(); msg != "" {
			d.problem(ref, model.SeverityWarning, "special_categories", "%s", msg)
		}
	case colRecipients:
		a.Recipients = splitList(txt)
	case colProcessorContract:
		a.ProcessorContractLink = txt
	case colThirdCountries:
		for _, dest := range splitList(txt) {
			a.Transfers = append(a.Transfers, model.Transfer{Destination: dest})
		}
		d.decodeSafeguards(a)
	case colSafeguards:
		if !d.l.has(colThirdCountries) {
			d.decodeSafeguards(a)
		}
	case colRetention:
		a.Retention = txt
	case colSecurity:
		a.SecurityMeasures = txt
	case colArticle6:
		claims, unknown := ParseBases(txt)
		a.LawfulBases = claims
		for _, u := range unknown {
			d.problem(ref, model.SeverityWarning, "lawful_bases", "Could not recognise an Article 6 lawful basis in %q; choose it in ROPA Desk (the cell's text is kept).", u)
		}
	case colArticle9:
		claims, unknown := ParseConditions(txt)
		a.Article9Conditions = claims
		for _, u := range unknown {
			d.problem(ref, model.SeverityWarning, "article9_conditions", "Could not recognise an Article 9(2) condition in %q; choose it in ROPA Desk (the cell's text is kept).", u)
		}
	case colLegitimateInterests:
		a.LegitimateInterests = txt
	case colLIALink:
		a.LIALink = txt
	case colRights:
		// Rights are derived from the bases; the text is compared, and
		// kept if it says something else, once the activity is read.
	case colAutomated:
		a.AutomatedDecisions = ParseAutomated(txt)
	case colSource:
		a.Sources = splitList(txt)
	case colConsentLink:
		a.ConsentRecordLink = txt
	case colLocation:
		a.Locations = splitList(txt)
	case colDPIARequired:
		v, ok := parseYesNo(txt)
		a.DPIA.Required = v
		if !ok {
			d.problem(ref, model.SeverityWarning, "dpia.required", "Could not read %q as yes or no; answer it in ROPA Desk (the cell's text is kept).", txt)
		}
	case colDPIAProgress:
		p, ok := ParseDPIAProgress(txt)
		a.DPIA.Progress = p
		if !ok {
			d.problem(ref, model.SeverityWarning, "dpia.progress", "Could not read %q as not started, in progress or completed (the cell's text is kept).", txt)
		}
	case colDPIALink:
		a.DPIA.Link = txt
	case colBreachOccurred:
		v, ok := parseYesNo(txt)
		a.Breach.Occurred = v != nil && *v
		if !ok {
			d.problem(ref, model.SeverityWarning, "breach.occurred", "Could not read %q as yes or no (the cell's text is kept).", txt)
		}
	case colBreachLink:
		a.Breach.Link = txt
	case colSchedule1:
		conds, bad := ParseSchedule1(txt)
		a.Schedule1Conditions = conds
		for _, b := range bad {
			d.problem(ref, model.SeverityWarning, "schedule1_conditions", "%s; name the condition's paragraph (the cell's text is kept).", b)
		}
		if len(conds) == 0 && len(bad) == 0 && txt != "" && !isNone(txt) {
			d.problem(ref, model.SeverityWarning, "schedule1_conditions", "Could not recognise a Schedule 1 condition in %q; name its paragraph, such as \"Schedule 1 para 2\" (the cell's text is kept).", txt)
		}
	case colPara41Article6:
		a.Paragraph41.Article6Explanation = txt
	case colRetentionPolicyLink:
		a.Paragraph41.RetentionPolicyLink = txt
	case colRetainedPerPolicy:
		v, ok := parseYesNo(txt)
		a.Paragraph41.RetainedPerPolicy = v
		if !ok {
			d.problem(ref, model.SeverityWarning, "paragraph41.retained_per_policy", "Could not read %q as yes or no (the cell's text is kept).", txt)
		}
	case colNotAdheringReason:
		a.Paragraph41.NotAdheringReason = txt
	}
}

// decodeSafeguards pairs the safeguards cell with the transfers: one line
// "Destination: safeguard" each, or the whole cell when there is one
// transfer.
func (d *rowDecoder) decodeSafeguards(a *model.Activity) {
	txt := d.text(colSafeguards)
	if txt == "" || isNone(txt) {
		return
	}
	if len(a.Transfers) == 0 {
		d.problem(colSafeguards, model.SeverityWarning, "transfers", "Safeguards are given but no third country is named in column %s (the cell's text is kept).", colLetter(d.l.at[colThirdCountries]))
		return
	}
	unmatched := []string{}
	for line := range strings.SplitSeq(txt, "\n") {
		dest, safeguard, ok := strings.Cut(line, ":")
		i := -1
		if ok {
			i = slices.IndexFunc(a.Transfers, func(t model.Transfer) bool {
				return strings.EqualFold(strings.TrimSpace(t.Destination), strings.TrimSpace(dest))
			})
		}
		if i >= 0 {
			a.Transfers[i].Safeguard = strings.TrimSpace(safeguard)
		} else if strings.TrimSpace(line) != "" {
			unmatched = append(unmatched, line)
		}
	}
	if len(unmatched) > 0 && len(a.Transfers) == 1 && a.Transfers[0].Safeguard == "" {
		a.Transfers[0].Safeguard = strings.Join(unmatched, "\n")
		return
	}
	for _, u := range unmatched {
		d.problem(colSafeguards, model.SeverityWarning, "transfers", "Could not tell which transfer the safeguard %q is for; write one line per country, \"Country: safeguard\" (the cell's text is kept).", u)
	}
}
