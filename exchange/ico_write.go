package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/model"
)

// WriteXLSX writes r in the layout of the ICO controller template: sheet
// "Template" with the organisation block in rows 1–6 (the first
// organisation's details), the section headers in row 8, the 30 headings in
// row 9 and one activity per row from row 10. ROPA Desk's own fields follow
// column AD under headings starting "ROPA Desk:", then the columns an earlier
// import did not recognise. Sheets "Organisations" and "Review cycles" hold
// what the template has no place for, so that reading the file back with
// ReadXLSX loses nothing.
func WriteXLSX(w io.Writer, r *model.Register) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetTemplate); err != nil {
		return fmt.Errorf("write XLSX: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("write XLSX styles: %w", err)
	}
	if err := writeTemplate(f, st, r); err != nil {
		return err
	}
	if err := writeOrganisations(f, st, r); err != nil {
		return err
	}
	if err := writeCycles(f, st, r); err != nil {
		return err
	}
	if err := setProperties(f, r); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fmt.Errorf("write XLSX: %w", err)
	}
	if err := sortedZip(w, buf.Bytes()); err != nil {
		return fmt.Errorf("write XLSX: %w", err)
	}
	return nil
}

type styles struct {
	required, optional, ropa, section, label, cell int
}

func newStyles(f *excelize.File) (*styles, error) {
	var st styles
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	header := func(fill string) (int, error) {
		return f.NewStyle(&excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
			Border:    border,
		})
	}
	var err error
	// The template's green for what Article 30 requires, blue for the rest.
	if st.required, err = header("C6EFCE"); err != nil {
		return nil, err
	}
	if st.optional, err = header("DDEBF7"); err != nil {
		return nil, err
	}
	if st.ropa, err = header("EDEDED"); err != nil {
		return nil, err
	}
	if st.section, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Size: 12},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    border,
	}); err != nil {
		return nil, err
	}
	if st.label, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}}); err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	// The workbook's default cell format wraps and aligns to the top, as
	// every data cell must, so a data cell carries no style of its own: a
	// 10,000-activity export has 300,000 of them, and an import (ours, or
	// any other program's) skips formatting an unstyled cell's value
	// (excelize parses the number format of every styled cell it reads:
	// a tenth of the import). A cell the DPO adds in Excel wraps too.
	// excelize has no call for changing the default format; its style
	// sheet is the File's own, so the new style's alignment is copied in.
	if xfs := f.Styles; xfs != nil && xfs.CellXfs != nil && wrap < len(xfs.CellXfs.Xf) {
		x := xfs.CellXfs.Xf
		x[0].Alignment, x[0].ApplyAlignment = x[wrap].Alignment, x[wrap].ApplyAlignment
		st.cell = 0
	} else {
		st.cell = wrap
	}
	return &st, nil
}

func writeTemplate(f *excelize.File, st *styles, r *model.Register) error {
	enc := newRowEncoder(r)
	sw, err := f.NewStreamWriter(SheetTemplate)
	if err != nil {
		return fmt.Errorf("write XLSX sheet %s: %w", SheetTemplate, err)
	}
	cols := enc.columns()
	for i, c := range cols {
		w := c.Width
		if w == 0 {
			w = 25
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return fmt.Errorf("write XLSX: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headingRow, TopLeftCell: fmt.Sprintf("A%d", firstRow), ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("write XLSX: %w", err)
	}

	// Rows 1–6: the organisation block, for the first organisation.
	var org model.Organisation
	if len(r.Organisations) > 0 {
		org = r.Organisations[0]
	}
	block := [][]any{
		{excelize.Cell{StyleID: st.label, Value: "Name and contact details"}},
		{nil},
	}
	for _, l := range contactFields {
		block[1] = append(block[1], excelize.Cell{StyleID: st.label, Value: l})
	}
	for i, c := range []model.Contact{org.Controller, org.DPO, org.Representative} {
		name := c.Name
		if i == 0 && name == "" {
			name = org.Name
		}
		block = append(block, []any{excelize.Cell{StyleID: st.label, Value: contactRoles[i]}, name, c.Address, c.Email, c.Telephone})
	}
	for i, row := range block {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+1), row); err != nil {
			return fmt.Errorf("write XLSX organisation block: %w", err)
		}
	}

	// Row 8: section headers merged across their columns.
	sections := make([]any, len(cols))
	for _, s := range icoSections {
		for c := s.First; c < s.End; c++ {
			sections[c] = excelize.Cell{StyleID: st.section}
		}
		sections[s.First] = excelize.Cell{StyleID: st.section, Value: s.Title}
		if s.End-s.First > 1 {
			from, _ := excelize.CoordinatesToCellName(s.First+1, sectionRow)
			to, _ := excelize.CoordinatesToCellName(s.End, sectionRow)
			if err := sw.MergeCell(from, to); err != nil {
				return fmt.Errorf("write XLSX: %w", err)
			}
		}
	}
	sections[icoColumnCount] = excelize.Cell{StyleID: st.section, Value: "ROPA Desk"}
	if err := sw.SetRow(fmt.Sprintf("A%d", sectionRow), sections[:icoColumnCount+1], excelize.RowOpts{Height: 30}); err != nil {
		return fmt.Errorf("write XLSX: %w", err)
	}

	heads := make([]any, len(cols))
	for i, c := range cols {
		style := st.ropa
		if i < icoColumnCount {
			style = st.optional
			if c.Required {
				style = st.required
			}
		}
		heads[i] = excelize.Cell{StyleID: style, Value: c.Heading}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", headingRow), heads, excelize.RowOpts{Height: 75}); err != nil {
		return fmt.Errorf("write XLSX: %w", err)
	}

	row := make([]any, len(cols))
	for i := range r.Activities {
		a := &r.Activities[i]
		vals, err := enc.encode(a)
		if err != nil {
			return err
		}
		for j, v := range vals {
			if n := len(utf16.Encode([]rune(v))); n > excelCellLimit {
				return model.Errorf(model.EINVALID, "Activity %q: the text for %q is %d characters long, more than the %d a spreadsheet cell can hold. Export as JSON instead, which has no such limit.", a.Name, cols[j].Heading, n, excelCellLimit)
			}
			if v == "" {
				row[j] = nil
			} else {
				row[j] = excelize.Cell{StyleID: st.cell, Value: v}
			}
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", firstRow+i), row); err != nil {
			return fmt.Errorf("write XLSX activity %q: %w", a.Name, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write XLSX: %w", err)
	}
	return nil
}

// orgHeadings are the columns of the Organisations sheet.
var orgHeadings = []string{
	"Organisation id", "Name", "Partnership", "Roles", "ICO registration",
	"Controller name", "Controller address", "Controller email", "Controller telephone",
	"DPO name", "DPO address", "DPO email", "DPO telephone",
	"Representative name", "Representative address", "Representative email", "Representative telephone",
	"NDOP in scope", "NDOP all patients", "Created at", "Updated at", "Complaints procedure",
}

func orgRow(o *model.Organisation) []string {
	roles := make([]string, len(o.Roles))
	for i, r := range o.Roles {
		roles[i] = string(r)
	}
	row := []string{o.ID.String(), o.Name, o.Partnership, strings.Join(roles, ", "), o.ICORegistration}
	for _, c := range []model.Contact{o.Controller, o.DPO, o.Representative} {
		row = append(row, c.Name, c.Address, c.Email, c.Telephone)
	}
	return append(row, yesNo(o.NDOPInScope), yesNo(o.NDOPAllPatients), formatTime(o.CreatedAt), formatTime(o.UpdatedAt), o.ComplaintsProcedure)
}

func writeOrganisations(f *excelize.File, st *styles, r *model.Register) error {
	rows := make([][]string, len(r.Organisations))
	for i := range r.Organisations {
		rows[i] = orgRow(&r.Organisations[i])
	}
	return writeTable(f, st, SheetOrganisations, orgHeadings, rows)
}

var cycleHeadings = []string{"Cycle id", "Name", "Started at", "Interval (months)", "Sign-off (JSON)"}

func writeCycles(f *excelize.File, st *styles, r *model.Register) error {
	if len(r.ReviewCycles) == 0 {
		return nil
	}
	rows := make([][]string, len(r.ReviewCycles))
	for i, c := range r.ReviewCycles {
		so := ""
		if c.SignOff != nil {
			so = mustJSON(c.SignOff)
		}
		rows[i] = []string{c.ID.String(), c.Name, formatTime(c.StartedAt), fmt.Sprint(c.IntervalMonths), so}
	}
	return writeTable(f, st, SheetReviewCycles, cycleHeadings, rows)
}

func writeTable(f *excelize.File, st *styles, sheet string, heads []string, rows [][]string) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return fmt.Errorf("write XLSX sheet %s: %w", sheet, err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("write XLSX sheet %s: %w", sheet, err)
	}
	if err := sw.SetColWidth(1, len(heads), 22); err != nil {
		return fmt.Errorf("write XLSX sheet %s: %w", sheet, err)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("write XLSX sheet %s: %w", sheet, err)
	}
	hr := make([]any, len(heads))
	for i, h := range heads {
		hr[i] = excelize.Cell{StyleID: st.ropa, Value: h}
	}
	if err := sw.SetRow("A1", hr); err != nil {
		return fmt.Errorf("write XLSX sheet %s: %w", sheet, err)
	}
	for i, vals := range rows {
		row := make([]any, len(vals))
		for j, v := range vals {
			row[j] = excelize.Cell{StyleID: st.cell, Value: v}
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", i+2), row); err != nil {
			return fmt.Errorf("write XLSX sheet %s: %w", sheet, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write XLSX sheet %s: %w", sheet, err)
	}
	return nil
}

// rowEncoder turns activities into rows of text, shared by the XLSX and CSV
// writers so both carry the same columns.
type rowEncoder struct {
	reg    *model.Register
	extras []string // headings of unknown columns, in first-seen order
	orgs   map[[16]byte]string
	// assets and suppliers are the links cells of each activity.
	assets, suppliers map[uuid.UUID]string
}

func newRowEncoder(r *model.Register) *rowEncoder {
	e := &rowEncoder{reg: r, orgs: map[[16]byte]string{}, assets: map[uuid.UUID]string{}, suppliers: map[uuid.UUID]string{}}
	for _, o := range r.Organisations {
		e.orgs[o.ID] = o.Name
	}
	link := func(cells map[uuid.UUID]string, activities []uuid.UUID, id uuid.UUID, name string) {
		for _, a := range activities {
			if cells[a] != "" {
				cells[a] += "\n"
			}
			cells[a] += id.String() + " " + strings.Join(strings.Fields(name), " ")
		}
	}
	for i := range r.InformationAssets {
		x := &r.InformationAssets[i]
		link(e.assets, x.ActivityIDs, x.ID, x.Name)
	}
	for i := range r.Suppliers {
		s := &r.Suppliers[i]
		link(e.suppliers, s.ActivityIDs, s.ID, s.Name)
	}
	for _, a := range r.Activities {
		// Merge each activity's headings into one order that keeps every
		// activity's own order where the activities agree: a new heading
		// goes straight after the one before it. A heading used twice in
		// one activity needs two columns.
		pos := -1
		seen := map[string]int{}
		for _, x := range a.Extra {
			seen[x.Heading]++
			j := nthIndex(e.extras, x.Heading, seen[x.Heading])
			if j < 0 {
				j = pos + 1
				e.extras = slices.Insert(e.extras, j, x.Heading)
			}
			pos = max(pos, j)
		}
	}
	return e
}

// nthIndex returns the index of the nth (1-based) v in s, or -1.
func nthIndex(s []string, v string, n int) int {
	for i, x := range s {
		if x == v {
			if n--; n == 0 {
				return i
			}
		}
	}
	return -1
}

func (e *rowEncoder) columns() []column {
	cols := allColumns()
	for _, h := range e.extras {
		cols = append(cols, column{Heading: h, Width: 25})
	}
	return cols
}

func (e *rowEncoder) headings() []string {
	cols := e.columns()
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Heading
	}
	return out
}

// encode returns one activity's cells: human-readable text in the ICO
// columns, exact values in ROPA Desk's, then the unknown columns.
func (e *rowEncoder) encode(a *model.Activity) ([]string, error) {
	v := make([]string, icoColumnCount+ropaColumnCount+len(e.extras))
	icoCells(v[:icoColumnCount], a)
	e.ropaCells(v[icoColumnCount:icoColumnCount+ropaColumnCount], a)
	v[icoColumnCount+rdVisibleCheck] = visibleCheck(v[:icoColumnCount])
	ex := v[icoColumnCount+ropaColumnCount:]
	used := make([]bool, len(e.extras))
	for _, x := range a.Extra {
		for j, h := range e.extras {
			if h == x.Heading && !used[j] {
				ex[j], used[j] = x.Value, true
				break
			}
		}
	}
	return v, nil
}

// ropaCells fills ROPA Desk's columns with exact values.
func (e *rowEncoder) ropaCells(rd []string, a *model.Activity) {
	rd[rdActivityID] = idString(a.ID)
	rd[rdOrganisationID] = idString(a.OrganisationID)
	rd[rdOrganisation] = e.orgs[a.OrganisationID]
	rd[rdRole] = string(a.Role)
	rd[rdControllersServed] = renderList(a.ControllersServed)
	rd[rdName] = a.Name
	rd[rdStatus] = string(a.Status)
	rd[rdDescription] = a.Description
	rd[rdOwner] = a.Owner
	rd[rdRetentionClass] = a.RetentionClass
	rd[rdSpecialCategories] = joinCodes(a.SpecialCategories)
	rd[rdCriminalOffence] = yesNo(a.CriminalOffenceData)
	rd[rdLargeScale] = yesNo(a.LargeScale)
	rd[rdLawfulBases] = jsonUnlessEmpty(len(a.LawfulBases), a.LawfulBases)
	rd[rdArticle9] = jsonUnlessEmpty(len(a.Article9Conditions), a.Article9Conditions)
	rd[rdSchedule1] = joinCodes(a.Schedule1Conditions)
	rd[rdArticle10] = a.Article10Basis
	rd[rdParagraph41] = jsonUnlessEmpty(boolInt(a.Paragraph41 != model.Paragraph41{}), a.Paragraph41)
	rd[rdTransfers] = jsonUnlessEmpty(len(a.Transfers), a.Transfers)
	rd[rdAutomated] = jsonUnlessEmpty(boolInt(a.AutomatedDecisions != model.AutomatedDecisions{}), a.AutomatedDecisions)
	rd[rdDPIA] = jsonUnlessEmpty(boolInt(a.DPIA != model.DPIA{}), a.DPIA)
	rd[rdNDOP] = jsonUnlessEmpty(boolInt(a.NDOP != model.NDOPAssessment{}), a.NDOP)
	rd[rdRightOverrides] = jsonUnlessEmpty(len(a.RightOverrides), a.RightOverrides)
	rd[rdReviews] = jsonUnlessEmpty(len(a.Reviews), a.Reviews)
	rd[rdExactLists] = exactLists(a)
	rd[rdCreatedAt] = formatTime(a.CreatedAt)
	rd[rdUpdatedAt] = formatTime(a.UpdatedAt)
	rd[rdAudiences] = jsonUnlessEmpty(len(a.Audiences), a.Audiences)
	rd[rdProvisionRequirement] = jsonUnlessEmpty(boolInt(!a.ProvisionRequirement.IsZero()), a.ProvisionRequirement)
	rd[rdRecognisedInterest] = jsonUnlessEmpty(boolInt(a.RecognisedInterest != model.RecognisedInterest{}), a.RecognisedInterest)
	rd[rdOutsidePublicTasks] = yesNo(a.OutsidePublicTasks)
	rd[rdInformationAssets] = e.assets[a.ID]
	rd[rdSuppliers] = e.suppliers[a.ID]
}

// listFields are the activity's free lists, by JSON key, for the exact-lists
// column.
func listFields(a *model.Activity) []struct {
	Key   string
	Items *[]string
} {
	return []struct {
		Key   string
		Items *[]string
	}{
		{"purposes", &a.Purposes},
		{"joint_controllers", &a.JointControllers},
		{"data_subjects", &a.DataSubjects},
		{"personal_data", &a.PersonalData},
		{"recipients", &a.Recipients},
		{"sources", &a.Sources},
		{"locations", &a.Locations},
		{"controllers_served", &a.ControllersServed},
	}
}

// exactLists holds, as JSON, the lists whose one-item-a-line text would not
// read back the same (an item containing a comma, say). Usually empty.
func exactLists(a *model.Activity) string {
	m := map[string][]string{}
	for _, lf := range listFields(a) {
		if !listRoundTrips(*lf.Items) {
			m[lf.Key] = *lf.Items
		}
	}
	if len(m) == 0 {
		return ""
	}
	return mustJSON(m)
}

func renderTransfers(ts []model.Transfer) (countries, safeguards string) {
	var c, s []string
	for _, t := range ts {
		c = append(c, t.Destination)
		if t.Safeguard != "" {
			s = append(s, t.Destination+": "+t.Safeguard)
		}
	}
	return strings.Join(c, "\n"), strings.Join(s, "\n")
}

// renderRights lists the rights available, as the rules derive them; a
// right that holds for only part of the data says so, rather than being
// left out or claimed in full.
func renderRights(a *model.Activity) string {
	var out []string
	for _, r := range model.DeriveRights(a) {
		switch {
		case r.Available:
			out = append(out, model.LabelOf(model.Rights, r.Right))
		case r.Answer == model.AnswerInPart:
			out = append(out, model.LabelOf(model.Rights, r.Right)+" (in part)")
		}
	}
	return strings.Join(out, "\n")
}

func joinCodes[T ~string](codes []T) string {
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

func idString(id [16]byte) string {
	if id == [16]byte{} {
		return ""
	}
	return fmt.Sprintf("%x-%x-%x-%x-%x", id[0:4], id[4:6], id[6:8], id[8:10], id[10:16])
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func jsonUnlessEmpty(n int, v any) string {
	if n == 0 {
		return ""
	}
	return mustJSON(v)
}

// mustJSON marshals values of the model's own types, which cannot fail.
func mustJSON(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("exchange: marshal %T: %v", v, err))
	}
	return strings.TrimSuffix(b.String(), "\n")
}
