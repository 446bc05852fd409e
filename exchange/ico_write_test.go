package exchange_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/exchange"
)

// icoHeadings are the template's 30 headings, A to AD, copied from
// shared/domain/register-fields.md.
var icoHeadings = []string{
	"Business function", "Purpose of processing", "Name and contact details of joint controller (if applicable)",
	"Categories of individuals", "Categories of personal data", "Categories of recipients", "Link to contract with processor",
	"Names of third countries or international organisations that personal data are transferred to (if applicable)",
	"Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)",
	"Retention schedule (if possible)", "General description of technical and organisational security measures (if possible)",
	"Article 6 lawful basis for processing personal data", "Article 9 condition for processing special category data",
	"Legitimate interests for the processing (if applicable)", "Link to record of legitimate interests assessment (if applicable)",
	"Rights available to individuals", "Existence of automated decision-making, including profiling (if applicable)",
	"The source of the personal data (if applicable)", "Link to record of consent", "Location of personal data",
	"Data Protection Impact Assessment required?", "Data Protection Impact Assessment progress",
	"Link to Data Protection Impact Assessment", "Has a personal data breach occurred?", "Link to record of personal data breach",
	"Data Protection Act 2018 Schedule 1 Condition for processing", "GDPR Article 6 lawful basis for processing",
	"Link to retention and erasure policy document", "Is personal data retained and erased in accordance with the policy document?",
	"Reasons for not adhering to policy document (if applicable)",
}

func TestWriteXLSXLayout(t *testing.T) {
	reg := exchange.Example()
	f, err := excelize.OpenReader(bytes.NewReader(exampleXLSX(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, "|") != "Template|Organisations" {
		t.Errorf("sheets = %v", got)
	}
	rows, err := f.GetRows("Template")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Headings", func(t *testing.T) {
		for i, h := range icoHeadings {
			if got := rows[8][i]; got != h {
				t.Errorf("column %d heading = %q, want %q", i+1, got, h)
			}
		}
		if got := rows[8][30]; got != "ROPA Desk: activity id" {
			t.Errorf("AE9 = %q", got)
		}
	})
	t.Run("OrganisationBlock", func(t *testing.T) {
		o := reg.Organisations[0]
		if rows[2][0] != "Controller" || rows[2][1] != o.Controller.Name || rows[3][0] != "Data Protection Officer" || rows[4][0] != "Representative" {
			t.Errorf("block rows = %q", rows[:6])
		}
	})
	t.Run("Activities", func(t *testing.T) {
		if got := len(rows) - 9; got != len(reg.Activities) {
			t.Errorf("%d activity rows, want %d", got, len(reg.Activities))
		}
		if rows[9][0] != reg.Activities[0].BusinessFunction {
			t.Errorf("A10 = %q", rows[9][0])
		}
	})
	t.Run("Sections", func(t *testing.T) {
		merges, err := f.GetMergeCells("Template")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range merges {
			got = append(got, m.GetStartAxis()+":"+m.GetEndAxis()+"="+m.GetCellValue())
		}
		want := "A8:K8=Article 30 Record of Processing Activities|L8:R8=Privacy Notices|U8:W8=Data Protection Impact Assessments|X8:Y8=Personal Data Breaches|Z8:AD8=Data Protection Act 2018 – Special Category or Criminal Conviction and Offence data"
		if strings.Join(got, "|") != want {
			t.Errorf("merges = %v", got)
		}
		if v, _ := f.GetCellValue("Template", "S8"); v != "Consent" {
			t.Errorf("S8 = %q", v)
		}
	})
	t.Run("Style", func(t *testing.T) {
		panes, err := f.GetPanes("Template")
		if err != nil || !panes.Freeze || panes.YSplit != 9 {
			t.Errorf("panes = %+v, %v", panes, err)
		}
		fill := func(cell string) string {
			id, _ := f.GetCellStyle("Template", cell)
			st, _ := f.GetStyle(id)
			if st == nil || len(st.Fill.Color) == 0 {
				return ""
			}
			return st.Fill.Color[0]
		}
		if a, l := fill("A9"), fill("L9"); a == l || a == "" || l == "" {
			t.Errorf("required A9 fill %q, optional L9 fill %q", a, l)
		}
		if w, _ := f.GetColWidth("Template", "B"); w < 20 {
			t.Errorf("column B width %v", w)
		}
	})
}
