package exchange_test

import (
	"bytes"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
)

// FuzzReadCSV feeds ReadCSV arbitrary bytes. It must never panic, and a
// file it accepts without blocking problems must plan, export and read back
// without error. The seed corpus under testdata/fuzz/FuzzReadCSV keeps what
// earlier runs found interesting.
func FuzzReadCSV(f *testing.F) {
	f.Add(exampleCSV(f))
	f.Add([]byte("Business function,Purpose of processing,Article 6 lawful basis for processing personal data\nHR,Payroll,6(1)(c)\n"))
	f.Add([]byte("\xef\xbb\xbfBusiness function;Purpose of processing\n\"HR\",\"a\"\"b\"\n"))
	f.Add([]byte("Business function,Purpose of processing,ROPA Desk: activity id,ROPA Desk: lawful bases (JSON)\nHR,x,01a20684-3371-7ccd-99a9-3897a6e81da6,\"[{\"\"basis\"\":\"\"consent\"\"}]\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := exchange.ReadCSV(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			return
		}
		p := exchange.Plan(nil, in)
		if p.Blocking() {
			return
		}
		var out bytes.Buffer
		if err := exchange.WriteCSV(&out, p.Register()); err != nil {
			t.Fatalf("accepted a file it cannot write back: %v", err)
		}
		if _, err := exchange.ReadCSV(bytes.NewReader(out.Bytes()), "again.csv"); err != nil {
			t.Fatalf("cannot read its own output: %v\n%q", err, out.Bytes())
		}
	})
}
