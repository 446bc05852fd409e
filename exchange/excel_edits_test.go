package exchange_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
)

// The round trip a DPO makes: export to XLSX, edit in Excel or LibreOffice,
// save, import. Another program rewrites the whole workbook its own way, so
// these tests read ROPA Desk's export and write every cell again with
// excelize as those programs do: shared strings and a style per cell
// (Excel), or inline strings from a stream (LibreOffice), with real date
// cells where the DPO typed a date.

type saver struct {
	name string
	// inline writes the sheets with inline strings, as a stream.
	inline bool
	// dropCheck blanks the "exported text check" column, as in a file
	// exported before it existed: removes it.
	dropCheck bool
}

var savers = []saver{{name: "Excel"}, {name: "LibreOffice", inline: true}, {name: "OldExport", dropCheck: true}}

// cellEdit changes one cell: sheet, 1-based row, column letter; a time.Time
// value is written as a date serial with a date format, as Excel stores a
// typed date.
type cellEdit struct {
	sheet string
	row   int
	col   string
	value any
}

// resave rewrites data as another program would, with the edits made,
// deleting the rows in del (1-based, Template sheet) and appending add.
func resave(t *testing.T, data []byte, s saver, edits []cellEdit, del []int, add [][]string) []byte {
	t.Helper()
	src, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst := excelize.NewFile()
	defer dst.Close()
	style, err := dst.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		t.Fatal(err)
	}
	dateStyle, err := dst.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for i, sheet := range src.GetSheetList() {
		rows, err := src.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if sheet == exchange.SheetTemplate {
			if j := slices.Index(rows[8], "ROPA Desk: exported text check"); s.dropCheck && j >= 0 {
				for r, row := range rows {
					if j < len(row) {
						rows[r] = slices.Delete(row, j, j+1)
					}
				}
			}
			var kept [][]string
			for r, row := range rows {
				if !slices.Contains(del, r+1) {
					kept = append(kept, row)
				}
			}
			rows = append(kept, add...)
		}
		values := make([][]any, len(rows))
		for r, row := range rows {
			for _, v := range row {
				values[r] = append(values[r], v)
			}
		}
		for _, e := range edits {
			if e.sheet != sheet {
				continue
			}
			c, _ := excelize.ColumnNameToNumber(e.col)
			for len(values) < e.row {
				values = append(values, nil)
			}
			for len(values[e.row-1]) < c {
				values[e.row-1] = append(values[e.row-1], "")
			}
			values[e.row-1][c-1] = e.value
		}
		if i == 0 {
			if err := dst.SetSheetName("Sheet1", sheet); err != nil {
				t.Fatal(err)
			}
		} else if _, err := dst.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
		if s.inline {
			sw, err := dst.NewStreamWriter(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for r, row := range values {
				cells := make([]any, len(row))
				for c, v := range row {
					switch v := v.(type) {
					case time.Time:
						// LibreOffice stores the number: days since 30 December 1899.
						serial := v.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
						cells[c] = excelize.Cell{StyleID: dateStyle, Value: serial}
					case string:
						if v != "" {
							cells[c] = excelize.Cell{StyleID: style, Value: v}
						}
					}
				}
				cell, _ := excelize.CoordinatesToCellName(1, r+1)
				if err := sw.SetRow(cell, cells); err != nil {
					t.Fatal(err)
				}
			}
			if err := sw.Flush(); err != nil {
				t.Fatal(err)
			}
			continue
		}
		for r, row := range values {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch v := v.(type) {
				case time.Time:
					if err := dst.SetCellValue(sheet, cell, v); err != nil {
						t.Fatal(err)
					}
					if err := dst.SetCellStyle(sheet, cell, cell, dateStyle); err != nil {
						t.Fatal(err)
					}
				case string:
					if v == "" {
						continue
					}
					if err := dst.SetCellStr(sheet, cell, v); err != nil {
						t.Fatal(err)
					}
					if err := dst.SetCellStyle(sheet, cell, cell, style); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	var out bytes.Buffer
	if err := dst.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func findChange(p *exchange.ImportPlan, row int, field string) *exchange.FieldChange {
	for _, a := range p.Changed {
		if a.Row != row {
			continue
		}
		for i, c := range a.Changes {
			if c.Field == field {
				return &a.Changes[i]
			}
		}
	}
	return nil
}

func TestExcelEditsArrive(t *testing.T) {
	reg := synth.Register(30, 7)
	var buf bytes.Buffer
	if err := exchange.WriteXLSX(&buf, reg); err != nil {
		t.Fatal(err)
	}
	cycleStart := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	for _, s := range savers {
		t.Run(s.name, func(t *testing.T) {
			// Row 10 is the first activity, row 12 the third.
			edited := resave(t, buf.Bytes(), s, []cellEdit{
				{exchange.SheetTemplate, 10, "L", "Legitimate interests (preventing fraud against our customers)"},
				{exchange.SheetTemplate, 11, "J", "Seven years after the contract ends"},
				{exchange.SheetTemplate, 13, "E", "Names\nHealth records"},
				{exchange.SheetReviewCycles, 2, "C", cycleStart},
			}, []int{12}, [][]string{{"Estates", "CCTV of the car park"}})
			in, err := exchange.ReadXLSX(bytes.NewReader(edited), "edited.xlsx")
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range in.Problems {
				if p.Severity == model.SeverityError {
					t.Errorf("reading: %s", p)
				}
			}
			if !in.ReviewCycles[0].StartedAt.Equal(cycleStart) {
				t.Errorf("the cycle's start date typed as a date read as %v, want %v", in.ReviewCycles[0].StartedAt, cycleStart)
			}

			plan := exchange.Plan(reg, in)
			// The added row names no organisation and there are several:
			// asked about, not given to the first.
			if len(plan.Unassigned) != 1 || !plan.Blocking() || len(plan.Added) != 0 {
				t.Fatalf("unassigned %v, blocking %v, added %d; want the new row asked about", plan.Unassigned, plan.Blocking(), len(plan.Added))
			}
			last := len(reg.Activities) + 9 // the added row, after deleting one
			if plan.Unassigned[0].Row != last {
				t.Errorf("unassigned row %d, want %d", plan.Unassigned[0].Row, last)
			}

			chosen := reg.Organisations[1]
			plan = exchange.PlanWith(reg, in, exchange.PlanOptions{Organisation: chosen.Name, RetireMissing: true})
			for _, p := range plan.Problems {
				if p.Severity == model.SeverityError {
					t.Errorf("plan: %s", p)
				}
			}
			if len(plan.Added) != 1 || plan.Added[0].Activity.OrganisationID != chosen.ID || plan.Added[0].Activity.BusinessFunction != "Estates" {
				t.Fatalf("added %+v, want the Estates row in %q", plan.Added, chosen.Name)
			}

			basis := findChange(plan, 10, "lawful_bases")
			if basis == nil || !strings.Contains(basis.New, string(model.BasisLegitimateInterests)) {
				t.Fatalf("the lawful basis edited in L10 did not arrive: %+v", basis)
			}
			if c := basis.Cell; c == nil || c.Column != "L" || c.Row != 10 || !c.Edited || !strings.HasPrefix(c.Heading, "Article 6") {
				t.Errorf("lawful basis change says it came from %+v, want cell L10, edited", basis.Cell)
			}
			if ret := findChange(plan, 11, "retention"); ret == nil || ret.New != `"Seven years after the contract ends"` || ret.Cell == nil || ret.Cell.Column != "J" {
				t.Errorf("retention edited in J11: %+v", ret)
			}
			// Edits are made after the deletion: row 13 is then the fifth
			// activity.
			pd := findChange(plan, 13, "personal_data")
			if pd == nil || pd.New != `["Names","Health records"]` || pd.Cell == nil || pd.Cell.Column != "E" {
				t.Errorf("personal data edited in E13: %+v", pd)
			}
			if len(plan.Changed) != 3 {
				for _, a := range plan.Changed {
					t.Logf("changed row %d: %+v", a.Row, a.Changes)
				}
				t.Errorf("%d activities changed, want the 3 edited rows", len(plan.Changed))
			}
			deleted := reg.Activities[2]
			if len(plan.Missing) != 1 || plan.Missing[0].Activity.ID != deleted.ID {
				t.Fatalf("missing %d, want the deleted row's %q", len(plan.Missing), deleted.Name)
			}
			if len(plan.Retired) != 1 || plan.Retired[0].Activity.Status != model.StatusRetired {
				t.Fatalf("retired %+v", plan.Retired)
			}
			if want := len(reg.Activities) - 4; len(plan.Unchanged) != want {
				t.Errorf("%d unchanged, want %d: an unedited visible cell must not change anything", len(plan.Unchanged), want)
			}

			// And they arrive in a real register.
			db := mustStore(t)
			ctx := context.Background()
			if err := db.Apply(ctx, model.Changes{Organisations: reg.Organisations, Activities: reg.Activities}); err != nil {
				t.Fatal(err)
			}
			current, err := db.Register(ctx)
			if err != nil {
				t.Fatal(err)
			}
			plan = exchange.PlanWith(current, in, exchange.PlanOptions{Organisation: chosen.Name, RetireMissing: true})
			if plan.Blocking() {
				t.Fatalf("blocking: %v", plan.Problems)
			}
			ch, probs := plan.Rebase(current)
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			if err := db.Apply(ctx, ch); err != nil {
				t.Fatal(err)
			}
			after, err := db.Register(ctx)
			if err != nil {
				t.Fatal(err)
			}
			byID := map[string]model.Activity{}
			for _, a := range after.Activities {
				byID[a.ID.String()] = a
			}
			first := byID[reg.Activities[0].ID.String()]
			if !slices.ContainsFunc(first.LawfulBases, func(b model.BasisClaim) bool { return b.Basis == model.BasisLegitimateInterests }) || len(first.LawfulBases) != 1 {
				t.Errorf("register's lawful bases after import: %+v", first.LawfulBases)
			}
			if got := byID[reg.Activities[1].ID.String()].Retention; got != "Seven years after the contract ends" {
				t.Errorf("register's retention after import: %q", got)
			}
			if got := byID[deleted.ID.String()]; got.Status != model.StatusRetired {
				t.Errorf("deleted row's activity is %q, want retired (and still there)", got.Status)
			}
			if len(after.Activities) != len(reg.Activities)+1 {
				t.Errorf("%d activities after import, want %d", len(after.Activities), len(reg.Activities)+1)
			}
		})
	}
}
