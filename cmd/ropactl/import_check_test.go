package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// icoHeadings are the ICO controller template's headings, columns A to AD
// (register-fields.md), as a DPO's copy of the template has them.
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

// completeRows are activities a DPO would call complete, written in the
// free text real spreadsheets hold. Each is one of the former false
// positives: employer DBS checks under Sch 1 para 1, a transfer to an EEA
// state with no safeguard written, paragraph 41 answered in columns AA–AC
// with the APD linked in AB, para 2 alone with no paragraph 41 block, and
// never reviewed because freshly imported.
var completeRows = [][]string{
	{"Human resources", "Paying staff", "", "Employees", "Name; Home address; Bank details; National insurance number; Sickness absence; Trade union membership",
		"HMRC; Pension provider", "https://intranet/contracts/payroll", "", "", "6 years after employment ends", "Role-based access; encryption at rest",
		"Contract (Art 6(1)(b)): employment contracts\nLegal obligation (Art 6(1)(c)): PAYE and sick pay law",
		"Employment (Art 9(2)(b)): statutory sick pay and union subscriptions", "", "", "", "No", "Employees", "",
		"Payroll system", "No", "", "", "No", "", "Schedule 1 Part 1 para 1 – employment",
		"Art 6(1)(b) and (c): the employment contract and PAYE law", "https://intranet/policies/appropriate-policy-document", "Yes", ""},
	{"Human resources", "Pre-employment checks", "", "Job applicants", "Name; Date of birth; DBS certificate number; Criminal convictions and cautions",
		"Disclosure and Barring Service", "", "", "", "6 months after the decision", "Held in the HR system, access limited to two officers",
		"Legal obligation (Art 6(1)(c)): safer recruitment in regulated activity", "", "", "", "", "No", "Applicants; the DBS", "",
		"HR system", "No", "", "", "No", "", "Schedule 1 para 1 (employment)",
		"Legal obligation, Art 6(1)(c)", "https://intranet/policies/appropriate-policy-document", "Yes", ""},
	{"Communications", "Newsletter", "", "Supporters", "Name; Email address", "Email service provider", "https://intranet/contracts/email",
		"Ireland", "", "Until consent is withdrawn", "Two-factor sign-in; TLS",
		"Consent (Art 6(1)(a)): newsletter sign-up form", "", "", "", "", "No", "Supporters", "https://intranet/consent-log",
		"Email service", "No", "", "", "No", "", "", "", "", "", ""},
	{"Clinical services", "Care records", "", "Patients", "Name; NHS number; Diagnoses; Medication; Blood test results; Care notes",
		"GPs; Hospitals", "", "", "", "8 years after the end of treatment (NHS Records Management Code)", "Smartcard access; audit trail",
		"Public task (Art 6(1)(e)): NHS Act 2006 functions", "Health or social care (Art 9(2)(h)): providing care",
		"", "", "", "No", "Patients; referrers", "", "Electronic patient record", "Yes", "Completed", "https://intranet/dpia/care-records",
		"No", "", "Schedule 1 para 2 – health or social care purposes", "", "", "", ""},
}

// TestCheckFreshICOImportIsClean: a register freshly imported from an ICO
// spreadsheet with complete rows checks clean (exit 0): nothing the law
// accepts is reported as an error.
func TestCheckFreshICOImportIsClean(t *testing.T) {
	dir := t.TempDir()
	sheet := writeICOSheet(t, dir, completeRows)
	reg := filepath.Join(dir, "r.ropa")
	mustRun(t, "new", reg, "--org", "Riverside Care CIC")
	imp := mustRun(t, "import", reg, sheet)
	if !strings.Contains(imp.stdout, "4 added") {
		t.Fatalf("import did not add the four rows:\n%s", imp.stdout)
	}
	if strings.Contains(imp.stdout, "Could not tell whether") {
		t.Errorf("the vocabulary left a category of the complete rows unrecognised:\n%s", imp.stdout)
	}
	r := ropactl(t, "check", reg)
	if r.code != 0 {
		t.Fatalf("check on a fresh import exits %d, want 0\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "0 errors") || !strings.Contains(r.stdout, "has not been reviewed yet") {
		t.Errorf("check output:\n%s", r.stdout)
	}
	for _, wrong := range []string{"Article 10 basis", "appropriate policy document", "no safeguard", "Safeguards for exceptional transfers"} {
		if strings.Contains(r.stdout, wrong) {
			t.Errorf("a false positive about %q:\n%s", wrong, r.stdout)
		}
	}
}

// TestImportReportsUnrecognisedCategories: an item the vocabulary cannot
// place is reported by the import, quoting it, so the DPO can look.
func TestImportReportsUnrecognisedCategories(t *testing.T) {
	dir := t.TempDir()
	row := slices.Clone(completeRows[2])
	row[4] = "Name; Email address; Zorbing preferences"
	sheet := writeICOSheet(t, dir, [][]string{row})
	reg := filepath.Join(dir, "r.ropa")
	mustRun(t, "new", reg, "--org", "Riverside Care CIC")
	imp := mustRun(t, "import", reg, sheet, "--dry-run")
	if !strings.Contains(imp.stdout, `Could not tell whether "Zorbing preferences" is special category`) || strings.Contains(imp.stdout, `"Name"`) {
		t.Errorf("import output:\n%s", imp.stdout)
	}
}

// writeICOSheet writes rows under the ICO template's headings, from row 10
// of sheet "Template", as the template has them.
func writeICOSheet(t *testing.T, dir string, rows [][]string) string {
	t.Helper()
	sheet := filepath.Join(dir, "ico.xlsx")
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", "Template"); err != nil {
		t.Fatal(err)
	}
	set := func(row int, values []string) {
		for i, v := range values {
			cell, err := excelize.CoordinatesToCellName(i+1, row)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStr("Template", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	set(9, icoHeadings)
	for i, row := range rows {
		if len(row) != len(icoHeadings) {
			t.Fatalf("row %d has %d cells, want %d", i, len(row), len(icoHeadings))
		}
		set(10+i, row)
	}
	if err := f.SaveAs(sheet); err != nil {
		t.Fatal(err)
	}
	return sheet
}
