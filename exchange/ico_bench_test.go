package exchange_test

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
)

// Benchmarks of export and import at 10,000 activities from internal/synth,
// every field filled in. Each iteration is a whole register; `make bench`
// runs them with -cpu 1.

const benchActivities = 10_000

var benchReg = sync.OnceValue(func() *model.Register { return synth.Register(benchActivities, 1) })

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
		if p := exchange.Plan(r, in); len(p.Unchanged) != benchActivities {
			b.Fatalf("unchanged %d, changed %d, added %d", len(p.Unchanged), len(p.Changed), len(p.Added))
		}
	}
}
