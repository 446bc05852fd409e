package exchange_test

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
)

// Benchmarks of export and import at 10,000 activities from internal/synth,
// every field filled in. Each iteration is a whole register; `make bench`
// runs them with -cpu 1.

const benchActivities = 10_000

// benchReg carries issue 20's sizes too: 2,000 information assets, each
// linked to 5 activities, and 500 suppliers, each serving 20, so the
// spreadsheet's links columns and the plan's links are measured with them.
var benchReg = sync.OnceValue(func() *model.Register {
	r := synth.Register(benchActivities, 1)
	n := len(r.Activities)
	for i := range 500 {
		s := model.Supplier{ID: uuid.NewSHA1(uuid.NameSpaceOID, fmt.Appendf(nil, "supplier %d", i)), Name: fmt.Sprintf("Supplier %03d", i),
			Role: model.SupplierProcessor, Agreement: model.AgreementContract}
		for k := range 20 {
			s.ActivityIDs = append(s.ActivityIDs, r.Activities[(i*20+k)%n].ID)
		}
		r.Suppliers = append(r.Suppliers, s)
	}
	for i := range 2000 {
		x := model.InformationAsset{ID: uuid.NewSHA1(uuid.NameSpaceOID, fmt.Appendf(nil, "asset %d", i)), Name: fmt.Sprintf("System %04d", i),
			Owner: "Information asset owner", SupplierIDs: []uuid.UUID{r.Suppliers[i%500].ID}}
		for k := range 5 {
			x.ActivityIDs = append(x.ActivityIDs, r.Activities[(i*5+k)%n].ID)
		}
		r.InformationAssets = append(r.InformationAssets, x)
	}
	return r
})

func BenchmarkWriteJSON10k(b *testing.B) {
	r := benchReg()
	for b.Loop() {
		if err := exchange.WriteJSON(io.Discard, r, synth.Epoch); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteXLSX10k(b *testing.B) {
	r := benchReg()
	for b.Loop() {
		if err := exchange.WriteXLSX(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadXLSX10k(b *testing.B) {
	var buf bytes.Buffer
	if err := exchange.WriteXLSX(&buf, benchReg()); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		in, err := exchange.ReadXLSX(bytes.NewReader(buf.Bytes()), "bench.xlsx")
		if err != nil {
			b.Fatal(err)
		}
		if len(in.Activities) != benchActivities {
			b.Fatalf("read %d activities", len(in.Activities))
		}
	}
}

func BenchmarkWriteCSV10k(b *testing.B) {
	r := benchReg()
	for b.Loop() {
		if err := exchange.WriteCSV(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadCSV10k(b *testing.B) {
	var buf bytes.Buffer
	if err := exchange.WriteCSV(&buf, benchReg()); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if _, err := exchange.ReadCSV(bytes.NewReader(buf.Bytes()), "bench.csv"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlan10k is the import preview: 10,000 incoming rows matched
// against 10,000 activities and compared field by field.
func BenchmarkPlan10k(b *testing.B) {
	r := benchReg()
	var buf bytes.Buffer
	if err := exchange.WriteCSV(&buf, r); err != nil {
		b.Fatal(err)
	}
	in, err := exchange.ReadCSV(bytes.NewReader(buf.Bytes()), "bench.csv")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if p := exchange.Plan(r, in); len(p.Unchanged) != benchActivities || len(p.Assets)+len(p.Suppliers) != 0 {
			b.Fatalf("unchanged %d, changed %d, added %d", len(p.Unchanged), len(p.Changed), len(p.Added))
		}
	}
}

// The pair for "import within 3× of excelize": BenchmarkExcelizeRawRows is
// excelize alone opening the same 10,000-activity workbook and reading every
// row of its Template sheet as text; BenchmarkReadICO10k is ROPA Desk's
// whole reader (limits, merged cells, the Organisations and Review cycles
// sheets, decoding every row). Run them together:
//
//	go test -run '^$' -bench 'ExcelizeRawRows|ReadICO10k' -benchtime 3x -cpu 1 ./exchange/
var benchXLSX = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	if err := exchange.WriteXLSX(&buf, benchReg()); err != nil {
		panic(err)
	}
	return buf.Bytes()
})

func BenchmarkExcelizeRawRows(b *testing.B) {
	data := benchXLSX()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{TmpDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows(exchange.SheetTemplate)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			if _, err := rows.Columns(); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		f.Close()
		if n < benchActivities {
			b.Fatalf("read %d rows", n)
		}
	}
}

func BenchmarkReadICO10k(b *testing.B) {
	data := benchXLSX()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		in, err := exchange.ReadXLSXWith(bytes.NewReader(data), "bench.xlsx", exchange.ReadOptions{TempDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		if len(in.Activities) != benchActivities {
			b.Fatalf("read %d activities", len(in.Activities))
		}
	}
}
