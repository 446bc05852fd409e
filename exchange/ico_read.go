package exchange

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/model"
)

// Problem is one value an import could not map, or could not accept, with
// where it is in the file so the DPO can find it.
type Problem struct {
	File    string `json:"file"`
	Sheet   string `json:"sheet,omitempty"`
	Row     int    `json:"row,omitempty"`     // 1-based, as the spreadsheet shows it
	Column  string `json:"column,omitempty"`  // letter: "L", "AB"
	Heading string `json:"heading,omitempty"` // the column's heading in the file
	Field   string `json:"field,omitempty"`   // the activity's JSON key concerned
	Text    string `json:"text,omitempty"`    // the cell's text
	Message string `json:"message"`
	// Severity error blocks the import; warning means the value was kept
	// as text (in an extra column) for the DPO to map by hand.
	Severity model.Severity `json:"severity"`
}

// String formats a problem on one line: where, what, and the cell's text.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Sheet != "" {
		fmt.Fprintf(&b, ", sheet %q", p.Sheet)
	}
	if p.Row > 0 {
		fmt.Fprintf(&b, ", row %d", p.Row)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, ", column %s", p.Column)
		if p.Heading != "" {
			fmt.Fprintf(&b, " (%s)", truncate(p.Heading, 50))
		}
	}
	fmt.Fprintf(&b, ": %s: %s", p.Severity, p.Message)
	if p.Text != "" {
		fmt.Fprintf(&b, " Cell text: %q", truncate(p.Text, 120))
	}
	return b.String()
}

// ImportedActivity is an activity read from a file, with where it came from.
type ImportedActivity struct {
	model.Activity
	Sheet string
	Row   int // 1-based; 0 for JSON
	// Organisation is the organisation's name as the file gives it, used
	// when the file carries no organisation id.
	Organisation string
	// Fields lists the activity's JSON keys the file supplied. Merging into
	// an existing activity changes only these; nil means all of them (JSON).
	Fields []string
	// Cells says which cell supplied each top-level field, so the preview
	// can say which cell changed what; nil for JSON.
	Cells map[string]CellRef
	// AssetIDs and SupplierIDs are the information assets and suppliers
	// the row links the activity to (ROPA Desk's columns), when the file
	// has those columns (Links says which); an import makes the
	// register's links match them (ico_links.go).
	AssetIDs, SupplierIDs []uuid.UUID
	Links                 struct{ Assets, Suppliers bool }
}

// Imported is what a file holds, read but not yet applied. Organisations
// and activities have a zero ID where the file carried none.
type Imported struct {
	File          string
	Organisations []model.Organisation
	Activities    []ImportedActivity
	ReviewCycles  []model.ReviewCycle
	// InformationAssets and Suppliers come only from a JSON document.
	InformationAssets []model.InformationAsset
	Suppliers         []model.Supplier
	// PublishedNotices come only from a JSON document too.
	PublishedNotices []model.PublishedNotice
	Problems         []Problem
	// OrganisationsComplete: the file gives every detail of its
	// organisations (an Organisations sheet, or JSON), so an import may
	// clear what the file leaves empty. Otherwise (the template's block, a
	// CSV) only what the file gives is laid over the register's details.
	OrganisationsComplete bool
}

// Blocking reports whether a problem stops the import.
func (in *Imported) Blocking() bool {
	for _, p := range in.Problems {
		if p.Severity == model.SeverityError {
			return true
		}
	}
	return false
}

// ReadFile reads an import file, choosing the reader by extension: .xlsx,
// .csv or .json.
func ReadFile(path string) (*Imported, error) {
	return ReadFileWith(path, ReadOptions{})
}

// ReadFileWith is ReadFile keeping its temporary files where opts says.
func ReadFileWith(path string, opts ReadOptions) (*Imported, error) {
	name := filepath.Base(path)
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".xlsx", ".csv", ".json":
	case ".xls":
		return nil, model.Errorf(model.EINVALID, "%s is in the old Excel format (.xls); open it in Excel and save it as an Excel Workbook (.xlsx), then import that.", name)
	default:
		return nil, model.Errorf(model.EINVALID, "ROPA Desk imports .xlsx, .csv and .json files; %s is none of these.", name)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open import file %s: %w", path, err)
	}
	defer f.Close()
	switch ext {
	case ".xlsx":
		return ReadXLSXWith(f, name, opts)
	case ".csv":
		return ReadCSV(f, name)
	}
	reg, err := ReadJSON(f)
	if err != nil {
		return nil, err
	}
	return FromRegister(reg, name), nil
}

// FromRegister wraps a whole register (a JSON document) as an import in
// which every field is supplied.
func FromRegister(r *model.Register, name string) *Imported {
	in := &Imported{File: name, Organisations: r.Organisations, ReviewCycles: r.ReviewCycles, OrganisationsComplete: true,
		InformationAssets: r.InformationAssets, Suppliers: r.Suppliers, PublishedNotices: r.PublishedNotices}
	for _, a := range r.Activities {
		in.Activities = append(in.Activities, ImportedActivity{Activity: a})
	}
	return in
}

// readLimited reads all of r, refusing more than MaxFileSize.
func readLimited(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, model.Errorf(model.EINVALID, "%s is larger than %d MiB, the most ROPA Desk imports; check it is the right file.", name, MaxFileSize>>20)
	}
	return data, nil
}

// ReadXLSX reads a workbook in the shape of the ICO controller template (or
// one ROPA Desk wrote). It finds the heading row by its text, reads the
// organisation block above it, one activity per row below, and the
// Organisations and Review cycles sheets when present. A file it cannot
// read at all is an error; values it cannot map are reported in Problems.
//
// Nothing the DPO wrote is lost. Lists, links and plain text go into the
// activity's fields as written (lists split into items). A cell read into
// codes (Article 6 and 9, Schedule 1, transfers, rights, yes/no answers,
// DPIA progress, automated decisions) whose text would not print back the
// same is also kept verbatim in Activity.Extra under the heading
// "<ICO heading> (original text)", which the exporters write back as a
// column. Columns it does not know are kept in Extra under their own
// headings. Where a "ROPA Desk:" column is present (a file ROPA Desk wrote),
// its exact value wins over the ICO column's text.
func ReadXLSX(r io.Reader, name string) (*Imported, error) {
	return ReadXLSXWith(r, name, ReadOptions{})
}

// ReadXLSXWith is ReadXLSX keeping its temporary files where opts says.
func ReadXLSXWith(r io.Reader, name string, opts ReadOptions) (*Imported, error) {
	data, err := readLimited(r, name)
	if err != nil {
		return nil, err
	}
	f, closeWorkbook, err := openWorkbook(data, name, opts)
	if err != nil {
		return nil, err
	}
	defer closeWorkbook()

	in := &Imported{File: name}
	wb := &workbook{f: f, name: name}
	wb.findParts()
	wb.merges, wb.mergesOK = mergeRanges(data, func(name string) ([]byte, bool) {
		b := wb.part(strings.TrimPrefix(name, "/"))
		return b, b != nil
	})
	sheet, g, err := findTemplateSheet(wb)
	if err != nil {
		return nil, err
	}
	headRow, matched := findHeadingRow(g)
	if matched < 2 {
		return nil, model.Errorf(model.EINVALID, "%s: sheet %q has no row of ICO template headings (such as \"Business function\" and \"Purpose of processing\") in its first 20 rows.", name, sheet)
	}

	blockOrg, hasBlock := readOrgBlock(g, headRow, in)
	if grid, ok, err := sheetGrid(wb, SheetOrganisations); err != nil {
		return nil, err
	} else if ok {
		readOrganisations(grid, in)
		in.OrganisationsComplete = true
	}
	if len(in.Organisations) == 0 && hasBlock {
		in.Organisations = append(in.Organisations, blockOrg)
	}
	if grid, ok, err := sheetGrid(wb, SheetReviewCycles); err != nil {
		return nil, err
	} else if ok {
		readCycles(grid, in)
	}

	d := &rowDecoder{g: g, l: newLayout(g, headRow), imp: in}
	// Rows that name no organisation belong to the sheet's only one; with
	// several, the preview asks (never the first in the list).
	if len(in.Organisations) == 1 {
		d.org = in.Organisations[0].Name
	}
	d.decodeAll()
	if len(in.Activities) == 0 {
		return nil, model.Errorf(model.EINVALID, "%s: sheet %q has the template's headings (row %d) but no activity rows under them: there is nothing to import.", name, sheet, headRow+1)
	}
	in.linkOrganisations()
	return in, nil
}

// linkOrganisations gives each activity that names its organisation only by
// name the id of that organisation, when the file carried one.
func (in *Imported) linkOrganisations() {
	for i := range in.Activities {
		ia := &in.Activities[i]
		if ia.OrganisationID != uuid.Nil {
			continue
		}
		for _, o := range in.Organisations {
			if o.ID != uuid.Nil && sameName(o.Name, ia.Organisation) {
				ia.OrganisationID = o.ID
				break
			}
		}
	}
}

func sameName(a, b string) bool { return normaliseText(a) == normaliseText(b) }

func normaliseText(s string) string {
	return strings.ToLower(strings.TrimSpace(spaceRun.ReplaceAllString(s, " ")))
}

// findTemplateSheet picks the sheet of activities: "Template" if there is
// one, otherwise the sheet whose heading row names the most ICO headings.
func findTemplateSheet(wb *workbook) (string, *grid, error) {
	best, bestN := "", -1
	var bestGrid *grid
	name := wb.name
	for _, s := range wb.f.GetSheetList() {
		if strings.EqualFold(s, SheetOrganisations) || strings.EqualFold(s, SheetReviewCycles) {
			continue
		}
		g, _, err := sheetGrid(wb, s)
		if err != nil {
			return "", nil, err
		}
		_, n := findHeadingRow(g)
		if strings.EqualFold(strings.TrimSpace(s), SheetTemplate) && n >= 2 {
			return s, g, nil
		}
		if n > bestN {
			best, bestN, bestGrid = s, n, g
		}
	}
	if bestGrid == nil {
		return "", nil, model.Errorf(model.EINVALID, "%s has no sheet of activities.", name)
	}
	return best, bestGrid, nil
}

// sheetGrid reads a sheet's cells, filling every cell of a merged range
// with the range's value, and refusing oversized cells.
// workbook is an open XLSX file with its merged ranges.
type workbook struct {
	f        *excelize.File
	name     string
	merges   map[string][]string
	mergesOK bool
	// parts maps each sheet to its XML part, for fastSheetRows; nil when
	// the package is laid out in a way that reader does not follow.
	parts map[string]string
	sst   *sharedStrings // read at the first sheet that needs it
	plain func(style int) bool
}

// findParts finds each sheet's part in the package, as excelize names the
// sheets (the same names in the same order, or none is used).
func (wb *workbook) findParts() {
	sheets, ok := sheetParts(wb.part("xl/workbook.xml"), wb.part("xl/_rels/workbook.xml.rels"))
	names := wb.f.GetSheetList()
	if !ok || len(sheets) != len(names) {
		return
	}
	parts := map[string]string{}
	for i, s := range sheets {
		if s.name != names[i] {
			return
		}
		parts[s.name] = s.part
	}
	wb.parts = parts
}

// sheetXML is the sheet's XML as excelize holds it in memory, with the
// shared strings and styles; nil when excelize spooled it to disk or it is
// not found.
func (wb *workbook) sheetXML(sheet string) ([]byte, sharedStrings, func(int) bool) {
	part, ok := wb.parts[sheet]
	if !ok {
		return nil, sharedStrings{}, nil
	}
	data := wb.part(part)
	if data == nil {
		return nil, sharedStrings{}, nil
	}
	if wb.sst == nil {
		sst := readSharedStrings(wb.part("xl/sharedStrings.xml"))
		wb.sst = &sst
		wb.plain = plainStyles(wb.f.GetStyle, wb.part("xl/styles.xml"))
	}
	return data, *wb.sst, wb.plain
}

// part is a package part excelize holds in memory, or nil.
func (wb *workbook) part(name string) []byte {
	v, _ := wb.f.Pkg.Load(name)
	b, _ := v.([]byte)
	return b
}

func sheetGrid(wb *workbook, sheet string) (*grid, bool, error) {
	f, file := wb.f, wb.name
	var real string
	for _, s := range f.GetSheetList() {
		if strings.EqualFold(strings.TrimSpace(s), sheet) {
			real = s
		}
	}
	if real == "" {
		return nil, false, nil
	}
	part, sst, plain := wb.sheetXML(real)
	rows, err := readSheetRows(f, file, real, part, sst, plain)
	if err != nil {
		return nil, false, err
	}
	g := &grid{file: file, sheet: real, rows: rows, raw: func(r, c int) string {
		v, _ := f.GetCellValue(real, cellName(c, r), excelize.Options{RawCellValue: true})
		return v
	}}
	refs, ok := wb.merges[real]
	if !wb.mergesOK || !ok {
		merges, err := f.GetMergeCells(real, true)
		if err != nil {
			return nil, false, model.Errorf(model.EINVALID, "%s: sheet %q has merged cells that cannot be read; the workbook may be damaged. Open it in Excel and save it again.", file, real)
		}
		refs = refs[:0]
		for _, m := range merges {
			refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
		}
	}
	for _, ref := range refs {
		from, to, _ := strings.Cut(ref, ":")
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil || r2 < r1 || c2 < c1 || r2-r1 > 10000 || c2-c1 > 1000 {
			continue
		}
		v := g.cell(r1-1, c1-1)
		for r := r1; r <= r2; r++ {
			for len(g.rows) < r {
				g.rows = append(g.rows, nil)
			}
			row := g.rows[r-1]
			for len(row) < c2 {
				row = append(row, "")
			}
			for c := c1; c <= c2; c++ {
				row[c-1] = v
			}
			g.rows[r-1] = row
		}
	}
	return g, true, nil
}

// readOrgBlock reads the organisation block above the heading row:
// Controller, Data Protection Officer and Representative rows, each with
// Name, Address, Email and Telephone under a row of those labels (or, with
// no such row, in that order after the label).
func readOrgBlock(g *grid, headRow int, in *Imported) (model.Organisation, bool) {
	fieldCol := map[int]int{}
	for r := 0; r < headRow; r++ {
		found := map[int]int{}
		for c, v := range g.rows[r] {
			if f := contactField(v); f >= 0 {
				found[f] = c
			}
		}
		if len(found) >= 2 {
			fieldCol = found
			break
		}
	}
	var contacts [3]model.Contact
	seen := false
	for r := 0; r < headRow; r++ {
		row := g.rows[r]
		for c, v := range row {
			if strings.TrimSpace(v) == "" {
				continue
			}
			role := contactRole(v)
			if role < 0 {
				break
			}
			seen = true
			vals := [4]string{}
			for f := range vals {
				col, ok := fieldCol[f]
				if !ok {
					col = c + 1 + f
				}
				if v := cleanCell(g.cell(r, col)); col != c && !isNone(v) {
					vals[f] = v
				}
			}
			contacts[role] = model.Contact{Name: vals[0], Address: vals[1], Email: vals[2], Telephone: vals[3]}
			break
		}
	}
	if !seen || contacts == [3]model.Contact{} {
		return model.Organisation{}, false
	}
	o := model.Organisation{
		Name: contacts[0].Name, Controller: contacts[0], DPO: contacts[1], Representative: contacts[2],
		Roles: []model.Role{model.RoleController},
	}
	if o.Name == "" {
		in.Problems = append(in.Problems, Problem{File: g.file, Sheet: g.sheet, Severity: model.SeverityWarning, Field: "name",
			Message: "The organisation block names no controller; the activities are matched to an organisation already in the register, if there is only one."})
		return model.Organisation{}, false
	}
	return o, true
}

// readOrganisations reads the Organisations sheet ROPA Desk writes.
func readOrganisations(g *grid, in *Imported) {
	if len(g.rows) == 0 {
		return
	}
	at := map[string]int{}
	for c, h := range g.rows[0] {
		at[normaliseHeading(h)] = c
	}
	get := func(r int, h string) string {
		c, ok := at[normaliseHeading(h)]
		if !ok {
			return ""
		}
		return cleanCell(g.cell(r, c))
	}
	for r := 1; r < len(g.rows); r++ {
		if blankRow(g.rows[r]) {
			continue
		}
		prob := func(field, format string, args ...any) {
			in.Problems = append(in.Problems, Problem{File: g.file, Sheet: g.sheet, Row: r + 1, Field: field, Severity: model.SeverityError, Message: fmt.Sprintf(format, args...)})
		}
		var o model.Organisation
		if s := get(r, "Organisation id"); s != "" {
			id, err := uuid.Parse(s)
			if err != nil {
				prob("id", "%q is not an organisation id.", s)
			}
			o.ID = id
		}
		o.Name = get(r, "Name")
		o.Partnership = get(r, "Partnership")
		o.Roles = splitCodes[model.Role](get(r, "Roles"))
		o.ICORegistration = get(r, "ICO registration")
		o.ComplaintsProcedure = get(r, "Complaints procedure")
		for i, who := range []string{"Controller", "DPO", "Representative"} {
			c := model.Contact{Name: get(r, who+" name"), Address: get(r, who+" address"), Email: get(r, who+" email"), Telephone: get(r, who+" telephone")}
			switch i {
			case 0:
				o.Controller = c
			case 1:
				o.DPO = c
			default:
				o.Representative = c
			}
		}
		for _, yn := range []struct {
			h string
			p *bool
		}{{"NDOP in scope", &o.NDOPInScope}, {"NDOP all patients", &o.NDOPAllPatients}} {
			v, ok := parseYesNo(get(r, yn.h))
			if !ok {
				prob(yn.h, "%q is not yes or no.", get(r, yn.h))
			}
			*yn.p = v != nil && *v
		}
		for _, tc := range []struct {
			h, field string
			t        *time.Time
		}{{"Created at", "created_at", &o.CreatedAt}, {"Updated at", "updated_at", &o.UpdatedAt}} {
			c, has := at[normaliseHeading(tc.h)]
			if !has {
				continue
			}
			var ok bool
			if *tc.t, ok = g.timeAt(r, c); !ok {
				prob(tc.field, "%q under %q is not a date: %s.", get(r, tc.h), tc.h, dateHint)
			}
		}
		if err := o.Validate(); err != nil {
			prob("", "Organisation %q: %s", o.Name, model.ErrorMessage(err))
		}
		in.Organisations = append(in.Organisations, o)
	}
}

// readCycles reads the Review cycles sheet ROPA Desk writes.
func readCycles(g *grid, in *Imported) {
	for r := 1; r < len(g.rows); r++ {
		if blankRow(g.rows[r]) {
			continue
		}
		prob := func(format string, args ...any) {
			in.Problems = append(in.Problems, Problem{File: g.file, Sheet: g.sheet, Row: r + 1, Severity: model.SeverityError, Message: fmt.Sprintf(format, args...)})
		}
		var c model.ReviewCycle
		var err error
		if c.ID, err = uuid.Parse(cleanCell(g.cell(r, 0))); err != nil {
			prob("%q is not a review cycle id.", g.cell(r, 0))
		}
		c.Name = cleanCell(g.cell(r, 1))
		var ok bool
		if c.StartedAt, ok = g.timeAt(r, 2); !ok {
			prob("The start date %q is not a date: %s.", cleanCell(g.cell(r, 2)), dateHint)
		}
		if c.IntervalMonths, err = strconv.Atoi(cleanCell(g.cell(r, 3))); err != nil {
			prob("%q is not a number of months.", g.cell(r, 3))
		}
		if s := cleanCell(g.cell(r, 4)); s != "" {
			c.SignOff = &model.SignOff{}
			if err := json.Unmarshal([]byte(s), c.SignOff); err != nil {
				prob("The sign-off is not valid JSON: %v", err)
			}
		}
		in.ReviewCycles = append(in.ReviewCycles, c)
	}
}
