package exchange_test

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
)

// Benchmarks of export and import at 10,000 activities, every field filled.
// Run with -benchtime=1x: each iteration is a whole register.

func BenchmarkWriteXLSX10k(b *testing.B) {
	r := randomRegister(rand.New(rand.NewPCG(7, 8)), 5, 10000)
	b.ResetTimer()
	for b.Loop() {
		if err := exchange.WriteXLSX(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadXLSX10k(b *testing.B) {
	r := randomRegister(rand.New(rand.NewPCG(7, 8)), 5, 10000)
	var buf bytes.Buffer
	if err := exchange.WriteXLSX(&buf, r); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ResetTimer()
	for b.Loop() {
		in, err := exchange.ReadXLSX(bytes.NewReader(buf.Bytes()), "bench.xlsx")
		if err != nil {
			b.Fatal(err)
		}
		if len(in.Activities) != 10000 {
			b.Fatalf("read %d activities", len(in.Activities))
		}
	}
}

func BenchmarkWriteCSV10k(b *testing.B) {
	r := randomRegister(rand.New(rand.NewPCG(7, 8)), 5, 10000)
	b.ResetTimer()
	for b.Loop() {
		if err := exchange.WriteCSV(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadCSV10k(b *testing.B) {
	r := randomRegister(rand.New(rand.NewPCG(7, 8)), 5, 10000)
	var buf bytes.Buffer
	if err := exchange.WriteCSV(&buf, r); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ResetTimer()
	for b.Loop() {
		if _, err := exchange.ReadCSV(bytes.NewReader(buf.Bytes()), "bench.csv"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPlan10k(b *testing.B) {
	r := randomRegister(rand.New(rand.NewPCG(7, 8)), 5, 10000)
	var buf bytes.Buffer
	if err := exchange.WriteCSV(&buf, r); err != nil {
		b.Fatal(err)
	}
	in, err := exchange.ReadCSV(bytes.NewReader(buf.Bytes()), "bench.csv")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if p := exchange.Plan(r, in); len(p.Unchanged) != 10000 {
			b.Fatalf("unchanged %d", len(p.Unchanged))
		}
	}
}
