package exchange_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// messyFile is a hand-made ICO-style workbook as DPOs really keep them:
// another sheet name, a title above the organisation block, headings in
// row 11 (not 9) in odd case and spacing, a heading merged over two rows,
// merged section headers, a business function merged down two activities,
// an unknown column in the middle, some ICO columns missing, an empty row,
// and free text everywhere. TestGenerateMessyWorkbook writes it; the file is
// committed so the import test reads a real file.
const messyFile = "testdata/messy-ico.xlsx"

const messySheet = "ROPA 2024"

// messyHeadings is row 11, by column letter. Column G is unknown to ROPA
// Desk; the template's rights (P) and several link columns are missing.
var messyHeadings = map[string]string{
	"A": "  BUSINESS FUNCTION ",
	"B": "Purpose of  processing",
	"C": "Name and contact details of joint controller",
	"D": "categories of individuals",
	"E": "Categories of Personal Data",
	"F": "Categories of recipients",
	"G": "Information Asset Owner",
	"H": "Names of third countries or international organisations that personal data are transferred to (if applicable)",
	"I": "Safeguards for exceptional transfers of personal data to third countries or international organisations (If Applicable)",
	"J": "Retention schedule (if possible)",
	"K": "General description of technical and organisational security measures",
	"L": "Article 6 lawful basis for processing personal data",
	"M": "Article 9 condition for processing special category data",
	"N": "Legitimate interests for the processing (if applicable)",
	"O": "Existence of automated decision-making, including profiling (if applicable)",
	"P": "Data Protection Impact Assessment required?",
	"Q": "Data Protection Impact Assessment progress",
	"R": "Has a personal data breach occurred?",
	"S": "Data Protection Act 2018 Schedule Condition for processing",
	"T": "Is personal data retained and erased in accordance with the policy document?",
}

// messyRows are the activity rows, by row number then column letter.
// Row 14 is left empty on purpose.
var messyRows = map[int]map[string]string{
	13: {
		"A": "HR", "B": "Payroll, pension administration", "D": "Staff; volunteers",
		"E": "Name, address, bank details, sickness absence records, Trade Union membership",
		"F": "HMRC\nPension provider", "G": "Jane Smith (HR Director)", "H": "USA", "I": "Standard contractual clauses",
		"J": "6 years after employment ends", "K": "Encrypted laptops", "L": "Art 6(1)(c) – legal obligation; contract",
		"M": "9(2)(b)", "O": "No", "P": "no", "Q": "N/A", "R": "N", "S": "Sch 1 Part 1 para 1", "T": "Yes",
	},
	15: {
		"A": "Clinical services", "B": "Providing care\n• assessment\n• treatment", "D": "Patients",
		"E": "Health data (diagnoses, medication), ethnicity, religion, sexual orientation",
		"F": "GPs; NHS trusts", "L": "Public task / official authority", "M": "Art. 9(2)(h) – health or social care",
		"P": "Yes", "Q": "in progress", "R": "no", "S": "Schedule 1 para 2",
	},
	16: {
		"B": "Safeguarding referrals", "D": "Patients, family members", "E": "Health, criminal convictions",
		"L": "Art 6 1 e – public task", "M": "9(2)(h); substantial public interest", "S": "Sch1 para 18", "T": "n/a",
	},
	17: {
		"A": "fundraising ", "B": "Donor marketing", "D": "Supporters", "E": "Names, email addresses, political opinions",
		"L": "legitimate interests", "N": "Keeping supporters informed", "M": "explicit consent",
		"O": "Yes – profiling of donors", "P": "Not yet decided", "Q": "Completed", "R": "No", "S": "paragraph 10",
	},
	18: {
		"A": "Facilities", "B": "CCTV", "D": "Visitors", "E": "Images", "H": "France\nGermany", "I": "adequacy",
		"L": "Because we must", "M": "see policy", "P": "maybe", "Q": "whenever", "R": "perhaps", "S": "paragraph 5",
		"T": "sometimes",
	},
}

// TestGenerateMessyWorkbook rewrites testdata/messy-ico.xlsx. It runs only
// when asked: ROPA_GENERATE_TESTDATA=1 go test ./exchange/ -run Generate
func TestGenerateMessyWorkbook(t *testing.T) {
	if os.Getenv("ROPA_GENERATE_TESTDATA") == "" {
		t.Skip("set ROPA_GENERATE_TESTDATA=1 to rewrite " + messyFile)
	}
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Notes"))
	must(f.SetCellValue("Notes", "A1", "This sheet is not the record."))
	_, err := f.NewSheet(messySheet)
	must(err)
	set := func(cell, v string) { must(f.SetCellValue(messySheet, cell, v)) }

	set("A1", "Record of Processing Activities – Riverside Care CIC")
	must(f.MergeCell(messySheet, "A1", "F1"))
	set("B3", "NAME")
	set("C3", "address ")
	set("D3", "E-mail")
	set("E3", "Telephone")
	set("A4", "controller")
	set("B4", "Riverside Care CIC")
	set("C4", "1 River Street, Leeds")
	set("D4", "info@riverside.example.org")
	set("E4", "0113 496 0000")
	set("A5", "Data Protection Officer")
	set("B5", "Sam Patel")
	set("D5", "dpo@riverside.example.org")
	set("A6", "Representative")
	set("B6", "N/A")

	set("A9", "Article 30 Record of Processing Activities")
	must(f.MergeCell(messySheet, "A9", "K9"))
	set("L9", "Privacy Notices")
	must(f.MergeCell(messySheet, "L9", "O9"))
	set("P9", "DPIA")
	must(f.MergeCell(messySheet, "P9", "Q9"))

	for col, h := range messyHeadings {
		set(col+"11", h)
	}
	// The first heading spans rows 11 and 12, as in many hand-made copies.
	must(f.MergeCell(messySheet, "A11", "A12"))
	for row, cells := range messyRows {
		for col, v := range cells {
			set(col+strconv.Itoa(row), v)
		}
	}
	// One business function written once for two activities.
	must(f.MergeCell(messySheet, "A15", "A16"))
	f.SetActiveSheet(1)
	must(os.MkdirAll(filepath.Dir(messyFile), 0o755))
	must(f.SaveAs(messyFile))
}
