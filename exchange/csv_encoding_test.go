package exchange_test

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// CSV files as Excel saves them, on Windows and on a Mac.
func TestCSVAsExcelSavesIt(t *testing.T) {
	const rows = "Business function,Purpose of processing,Retention schedule (if possible)\r\nHR – Zoë's team,Payroll,Six years\r\nFinance,Invoices € and £,Seven years\r\n"
	tabbed := strings.ReplaceAll(rows, ",", "\t")
	utf16le := func(s string) string {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16be := func(s string) string {
		b, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cp1252 := func(s string) string {
		b, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tc := range []struct{ name, data string }{
		{"UTF8", rows},
		{"UTF8BOM", "\uFEFF" + rows},
		{"Windows1252", cp1252(rows)},
		{"UnicodeTextLE", utf16le(tabbed)},
		{"UnicodeTextBE", utf16be(tabbed)},
		{"UnicodeTextNoBOM", strings.TrimPrefix(utf16le(tabbed), "\xff\xfe")},
		{"MacCROnly", strings.ReplaceAll(rows, "\r\n", "\r")},
		{"SepLine", "sep=;\r\n" + strings.ReplaceAll(rows, ",", ";")},
		{"SepLineQuoted", "\"sep=|\"\n" + strings.ReplaceAll(rows, ",", "|")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, err := exchange.ReadCSV(strings.NewReader(tc.data), "excel.csv")
			if err != nil {
				t.Fatal(err)
			}
			if len(in.Activities) != 2 {
				t.Fatalf("%d activities, want 2", len(in.Activities))
			}
			if got := in.Activities[0].BusinessFunction; got != "HR – Zoë's team" {
				t.Errorf("business function %q", got)
			}
			if got := in.Activities[1].Purposes; len(got) != 1 || got[0] != "Invoices € and £" {
				t.Errorf("purposes %q", got)
			}
			if got := in.Activities[1].Retention; got != "Seven years" {
				t.Errorf("retention %q", got)
			}
		})
	}
}

func TestCSVRefused(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       []string
	}{
		// "Zoë" written as UTF-8, read as Windows-1252, saved as UTF-8.
		{"Mojibake", "Business function,Purpose of processing\nHR,Zo\u00c3\u00ab's payroll\n", []string{"row 2", "column B", "Purpose of processing", "Zoë's payroll", "CSV UTF-8"}},
		{"MojibakeQuote", "Business function,Purpose of processing\nHR,\u00e2\u20ac\u0153Payroll\u00e2\u20ac\u009d\n", []string{"row 2", "column B"}},
		{"HeadingsOnly", "Business function,Purpose of processing\r\n", []string{"no activity rows", "nothing to import"}},
		{"HeadingsOnlyCR", "Business function,Purpose of processing\r\r\r", []string{"no activity rows"}},
		{"BadSepLine", "sep=;;\nBusiness function;Purpose of processing\nHR;Payroll\n", []string{"first line", "sep="}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, err := exchange.ReadCSV(strings.NewReader(tc.data), "bad.csv")
			if err == nil {
				t.Fatalf("accepted: %d activities", len(in.Activities))
			}
			msg := model.ErrorMessage(err)
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
		})
	}
}

// Dates as a DPO or Excel writes them, in the cells ROPA Desk reads as
// dates; no message shows a Go layout.
func TestCSVDates(t *testing.T) {
	want := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	for _, v := range []string{"2026-12-02", "02/12/2026", "2/12/2026", "2 December 2026", "2nd December 2026", "2 Dec 2026", "46358", "2026-12-02T00:00:00Z"} {
		data := "Business function,Purpose of processing,ROPA Desk: created at\nHR,Payroll," + v + "\n"
		in, err := exchange.ReadCSV(strings.NewReader(data), "dates.csv")
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		if got := in.Activities[0].CreatedAt; !got.Equal(want) {
			t.Errorf("%q read as %v, want %v", v, got, want)
		}
		for _, p := range in.Problems {
			t.Errorf("%q: %s", v, p)
		}
	}
	in, err := exchange.ReadCSV(strings.NewReader("Business function,Purpose of processing,ROPA Desk: created at\nHR,Payroll,next Tuesday\n"), "dates.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Problems) != 1 {
		t.Fatalf("problems %v", in.Problems)
	}
	msg := in.Problems[0].String()
	if strings.Contains(msg, "2006") || strings.Contains(msg, "15:04") || !strings.Contains(msg, "2 December 2026") || !strings.Contains(msg, "column C") {
		t.Errorf("message %q", msg)
	}
}
