package exchange_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// TestWriteDSPT writes the example's DSPT workbook to a real file and reads
// it back with excelize: NHS England's 13 headings in order, one row per
// activity in use with its systems, and the evidence map's items.
func TestWriteDSPT(t *testing.T) {
	r := exchange.Example()
	var buf bytes.Buffer
	if err := exchange.WriteDSPT(&buf, r, testNow); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "dspt.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(exchange.SheetDSPT112)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Purpose of processing", "Legal basis (Article 6 and Article 9)", "Categories of data subject and personal data",
		"Categories of recipients", "Where it is held, and whether it is transferred overseas",
		"Retained and disposed of in line with policies (or why not)", "Written data-sharing agreement or contract, and when it ends",
		"Sensitive information held, and why", "Systems or services that process it", "Impact of its loss, compromise or disclosure",
		"Software used to manage the data", "Information asset owner or person with overall responsibility", "Support and maintenance arrangements",
	}
	if len(rows) < 2 || strings.Join(rows[1], "|") != strings.Join(want, "|") {
		t.Fatalf("headings: %q", rows[1])
	}
	if !strings.Contains(rows[0][0], "1.1.2") || !strings.Contains(rows[0][0], "1 September 2026") {
		t.Errorf("title %q", rows[0][0])
	}
	inUse := 0
	for _, a := range r.Activities {
		if a.Status != model.StatusRetired {
			inUse++
		}
	}
	if got := len(rows) - 2; got != inUse {
		t.Fatalf("%d activity rows, want %d", got, inUse)
	}
	// The care record's row: its systems, their impact, software, owners,
	// the supplier's contract end and its sensitive data, in words.
	care := rows[2]
	for col, sub := range map[int]string{
		0:  "Care records",
		1:  "Contract (UK GDPR Art 6(1)(b))",
		4:  "Clinical record system (Supplier's London and Manchester data centres, United Kingdom)",
		6:  "Example Clinical Systems Ltd (clinical record system): Contract (with Article 28 terms), ends 31 March 2029",
		7:  "Health",
		8:  "Clinical record system; Paper clinical records store",
		9:  "Clinical record system: confidentiality high, integrity high, availability high",
		10: "Example Clinical Systems EPR",
		11: "Clinical Director (activity)",
		12: "4-hour fix",
	} {
		if col >= len(care) || !strings.Contains(care[col], sub) {
			t.Errorf("care row, column %d (%s): %q lacks %q", col+1, want[col], cellAt(care, col), sub)
		}
	}
	for _, row := range rows[2:] {
		for _, c := range row {
			if strings.Contains(c, "_") && !strings.Contains(c, "http") {
				t.Errorf("a cell shows a code value: %q", c)
			}
		}
	}

	ev, err := f.GetRows(exchange.SheetDSPTEvidence)
	if err != nil {
		t.Fatal(err)
	}
	var items []string
	for _, row := range ev[1:] {
		items = append(items, row[0])
	}
	if got := strings.Join(items, "|"); got != "1.1.2|1.1.3|1.2.4|1.4.1|7.1.1, 7.1.5, 7.1.6|10.1.2, 10.2.1, 10.2.2|CAF A3.a|CAF E2.c" {
		t.Errorf("evidence items: %s", got)
	}
	if !strings.Contains(ev[1][2], "13 information assets") || !strings.Contains(ev[1][3], "sign-off") {
		t.Errorf("1.1.2 evidence %q, gaps %q", ev[1][2], cellAt(ev[1], 3))
	}
	if !strings.Contains(ev[2][2], "ZX000417") {
		t.Errorf("1.1.3 evidence %q", ev[2][2])
	}
}

func cellAt(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}
