package main

import (
	"strings"
	"testing"
)

const sample = `goos: linux
pkg: github.com/ropadesk/ropadesk/store
BenchmarkSearchKeystroke 	     100	  20000000 ns/op	  1000 B/op	  10 allocs/op
BenchmarkSearchKeystroke 	     100	   9000000 ns/op	  1000 B/op	  10 allocs/op
BenchmarkSearchKeystroke 	     100	   8000000 ns/op	  3000 B/op	  30 allocs/op
BenchmarkOpenActivity-2  	    1000	    100000 ns/op	  2048 B/op	  20 allocs/op
BenchmarkOpenActivity-2  	    1000	    300000 ns/op	  4096 B/op	  40 allocs/op
pkg: github.com/ropadesk/ropadesk/report
BenchmarkPDF1000 	       1	4000000000 ns/op	      2278 pages	  7.08 MB	3410645040 B/op	11068866 allocs/op
BenchmarkSomethingNew 	       1	1000 ns/op
--- BENCH: BenchmarkSomethingNew
    bench_test.go:1: a log line
PASS
`

func TestTable(t *testing.T) {
	results, order, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(order) != 4 {
		t.Fatalf("order %v, want 4 benchmarks", order)
	}
	if got := median(results["SearchKeystroke"].ns); got != 9e6 {
		t.Errorf("median of three runs = %v, want 9e6", got)
	}
	if got := median(results["OpenActivity"].ns); got != 2e5 {
		t.Errorf("median of two runs = %v, want the mean of the middle two, 2e5", got)
	}
	var out strings.Builder
	missed := write(&out, results, order)
	if missed != 1 {
		t.Errorf("missed %d targets, want 1 (the PDF)", missed)
	}
	for _, want := range []string{
		"| Search: one keystroke to results ",
		"9.0 ms", "< 16.0 ms", "pass",
		"| PDF of 1,000 activities", "4.00 s", "3.18 GB", "11.07 M", "MISS",
		"SomethingNew (github.com/ropadesk/ropadesk/report)",
		"Targets met: 2 of 3.",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
}

func TestParseBadNumber(t *testing.T) {
	if _, _, err := parse(strings.NewReader("BenchmarkX 1 abc ns/op\n")); err == nil {
		t.Error("a result with a non-number parsed without error")
	}
}
