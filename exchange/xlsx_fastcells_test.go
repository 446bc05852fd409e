package exchange

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
)

// readBoth reads every sheet of the workbook in data twice: with excelize's
// iterator alone and with the fast path where it takes the sheet. It fails
// the test where the two disagree (text or error) and returns, by sheet,
// whether the fast path took it.
func readBoth(t testing.TB, data []byte) map[string]bool {
	t.Helper()
	f, closeWB, err := openWorkbook(data, "t.xlsx", ReadOptions{TempDir: t.TempDir()})
	if err != nil {
		return nil // not a workbook excelize opens: nothing to compare
	}
	defer closeWB()
	wb := &workbook{f: f, name: "t.xlsx"}
	wb.findParts()
	took := map[string]bool{}
	for _, s := range f.GetSheetList() {
		part, sst, plain := wb.sheetXML(s)
		if part == nil {
			continue
		}
		_, took[s] = fastSheetRows(part, sst, plain)
		fast, fastErr := readSheetRows(f, "t.xlsx", s, part, sst, plain)
		slow, slowErr := readSheetRows(f, "t.xlsx", s, nil, sharedStrings{}, nil)
		if fmt.Sprint(fastErr) != fmt.Sprint(slowErr) {
			t.Fatalf("sheet %q: fast path's error %v, excelize's %v", s, fastErr, slowErr)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("sheet %q: fast path read\n%q\nexcelize read\n%q", s, fast, slow)
		}
	}
	return took
}

// TestFastSheetRowsAgree: on ROPA Desk's own exports (which the fast path
// must take, or the import is slow again) and on workbooks written the
// ways Excel and excelize write them, the fast path reads what excelize
// reads.
func TestFastSheetRowsAgree(t *testing.T) {
	for name, r := range map[string]*model.Register{"example": Example(), "synth": synth.Register(300, 7)} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteXLSX(&buf, r); err != nil {
				t.Fatal(err)
			}
			took := readBoth(t, buf.Bytes())
			if len(took) == 0 {
				t.Fatal("no sheet was read")
			}
			for s, ok := range took {
				if !ok {
					t.Errorf("sheet %q of ROPA Desk's own export was left to excelize", s)
				}
			}
		})
	}
}

// workbookWith is a minimal package around one sheet's XML, a shared
// strings part (none when sst is "") and styles with a plain style (0), a
// bold General one (1), text "@" (2), a date (3) and a custom format (4).
func workbookWith(t testing.TB, sheet, sst string) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	ct := `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`
	rels := `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`
	if sst != "" {
		ct += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		rels += `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
		add("xl/sharedStrings.xml", sst)
	}
	add("[Content_Types].xml", ct+`</Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Template" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", rels+`</Relationships>`)
	add("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;Ref &quot;@"/></numFmts><fonts count="2"><font><sz val="11"/></font><font><b/><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="0" fontId="1"/><xf numFmtId="49"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`)
	add("xl/worksheets/sheet1.xml", sheet)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`

const sstHead = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`

// fastCases are sheets (and shared strings) that the fast path must read
// as excelize does, or leave to it; take says which it must take, so a
// change that quietly stops taking them fails too.
var fastCases = []struct {
	name, sheet, sst string
	take             bool
}{
	{"inline", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b</t></is></c><c r="C1" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c></row></sheetData>`, "", true},
	{"shared", `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v> 1 </v></c></row><row r="4"><c r="B4" t="s"><v>2</v></c></row></sheetData>`,
		`<si><t>one</t></si><si><r><t>tw</t></r><r><rPr><b/></rPr><t>o</t></r></si><si><t>x</t><r><t>y</t></r><rPh><t>ignored</t></rPh></si>`, true},
	{"rich inline, runs after text", `<sheetData><row><c t="inlineStr"><is><r><t>b</t></r><t>a</t><phoneticPr fontId="1"/></is></c><c t="inlineStr"><is><t>c</t></is></c></row></sheetData>`, "", true},
	{"escapes", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>line_x000D_two_x005F_x000D_ bad_xD800_ _x00e9_</t></is></c><c r="B1" t="s"><v>0</v></c></row></sheetData>`, `<si><t>_x0041__x005f_</t></si>`, true},
	{"plain styles", `<sheetData><row r="1"><c r="A1" s="1" t="inlineStr"><is><t>1.50</t></is></c><c r="B1" s="0" t="s"><v>0</v></c><c r="C1" t="str"><v>0012</v></c></row></sheetData>`, `<si><t>007</t></si>`, true},
	{"text style", `<sheetData><row r="1"><c r="A1" s="2" t="inlineStr"><is><t>abc</t></is></c></row></sheetData>`, "", false},
	{"custom style", `<sheetData><row r="1"><c r="A1" s="4" t="inlineStr"><is><t>abc</t></is></c></row></sheetData>`, "", false},
	{"number", `<sheetData><row r="1"><c r="A1"><v>1.50</v></c></row></sheetData>`, "", false},
	{"date", `<sheetData><row r="1"><c r="A1" s="3"><v>45000</v></c></row></sheetData>`, "", false},
	{"bool", `<sheetData><row r="1"><c r="A1" t="b"><v>1</v></c></row></sheetData>`, "", false},
	{"formula", `<sheetData><row r="1"><c r="A1" t="str"><f>"a"</f><v>a</v></c></row></sheetData>`, "", false},
	{"empty cells", `<sheetData><row r="2" spans="1:3"><c r="A2"/><c r="B2" t="inlineStr"><is/></c><c r="C2" t="inlineStr"><is><t>z</t></is></c></row><row r="3"/></sheetData>`, "", true},
	{"no sheetData end", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>`, "", false},
	{"misnested", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</is></t></c></row></sheetData>`, "", false},
	{"rows out of order", `<sheetData><row r="3"><c t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c t="inlineStr"><is><t>b</t></is></c></row></sheetData>`, "", false},
	{"row outside sheetData", `<sheetPr><row r="1"/></sheetPr><sheetData/>`, "", false},
	{"shared out of range", `<sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData>`, `<si><t>a</t></si>`, false},
	{"prefixed", `<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>p</x:t></x:is></x:c></x:row></x:sheetData>`, "", true},
	{"lower-case ref", `<sheetData><row r="1"><c r="b1" t="inlineStr"><is><t>p</t></is></c></row></sheetData>`, "", false},
	{"cdata and comment", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<x>]]><!-- c -->y</t></is></c></row></sheetData>`, "", true},
}

func TestFastSheetRowsCases(t *testing.T) {
	for _, tc := range fastCases {
		t.Run(tc.name, func(t *testing.T) {
			sst := ""
			if tc.sst != "" {
				sst = sstHead + tc.sst + `</sst>`
			}
			end := `</worksheet>`
			if strings.HasSuffix(tc.sheet, "</row>") {
				end = "" // the case is a sheet cut short
			}
			took := readBoth(t, workbookWith(t, sheetHead+tc.sheet+end, sst))
			if took["Template"] != tc.take {
				t.Errorf("fast path took the sheet: %v, want %v", took["Template"], tc.take)
			}
		})
	}
}

// FuzzFastSheetRows: for any sheet and shared strings, the fast path either
// leaves the sheet to excelize or reads exactly what excelize reads.
func FuzzFastSheetRows(f *testing.F) {
	for _, tc := range fastCases {
		f.Add(tc.sheet, tc.sst)
	}
	f.Fuzz(func(t *testing.T, sheet, sst string) {
		if sst != "" {
			sst = sstHead + sst + `</sst>`
		}
		readBoth(t, workbookWith(t, sheetHead+sheet+`</worksheet>`, sst))
	})
}

// TestFastSheetRowsExcel reads workbooks excelize writes the ways Excel
// does: shared strings, rich text, styles, numbers, dates and formulas
// mixed, and the committed messy workbook.
func TestFastSheetRowsExcel(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	sh := "Sheet1"
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	must(err)
	date, err := x.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	must(x.SetCellStr(sh, "A1", "Business function"))
	must(x.SetCellStyle(sh, "A1", "A1", bold))
	must(x.SetCellStr(sh, "B3", "Line one\nline two & <three>"))
	must(x.SetCellRichText(sh, "C3", []excelize.RichTextRun{{Text: "bold "}, {Text: "plain", Font: &excelize.Font{Italic: true}}}))
	must(x.SetCellValue(sh, "D3", 12.5))
	must(x.SetCellValue(sh, "E3", true))
	must(x.SetCellInt(sh, "F3", 45000))
	must(x.SetCellStyle(sh, "F3", "F3", date))
	must(x.SetCellFormula(sh, "G3", "D3*2"))
	var buf bytes.Buffer
	must(x.Write(&buf))
	readBoth(t, buf.Bytes())

	// Strings only, shared and styled: the fast path's to take.
	y := excelize.NewFile()
	defer y.Close()
	for r := 1; r <= 50; r++ {
		must(y.SetCellStr(sh, fmt.Sprintf("A%d", r), fmt.Sprintf("row %d", r)))
		must(y.SetCellStr(sh, fmt.Sprintf("C%d", r), "1.50"))
	}
	heading, err := y.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true}})
	must(err)
	must(y.SetCellStyle(sh, "A1", "C1", heading))
	buf.Reset()
	must(y.Write(&buf))
	if took := readBoth(t, buf.Bytes()); !took[sh] {
		t.Errorf("the fast path left a sheet of shared strings to excelize")
	}

	messy, err := os.ReadFile("testdata/messy-ico.xlsx")
	must(err)
	readBoth(t, messy)
}
