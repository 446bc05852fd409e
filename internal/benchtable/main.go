// Command benchtable reads `go test -bench` output on stdin and prints one
// table of ROPA Desk's performance: each operation's median time per op
// over the runs (-count), its bytes and allocations per op, the target
// issue 8 sets for it, and whether the median meets it.
//
//	go test -run '^$' -bench . -benchmem -count 5 -cpu 1 ./... | go run ./internal/benchtable
//
// With -strict it exits with status 1 when a target is missed.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// operation names a benchmark in the DPO's terms and gives its target; a
// zero target means the issue sets none.
type operation struct {
	bench  string
	label  string
	target time.Duration
}

// operations is the table's order. Benchmarks not listed are shown after
// them under their own names.
var operations = []operation{
	{"ListFirstPage", "Open register, show first page of list", 300 * time.Millisecond},
	{"SearchKeystroke", "Search: one keystroke to results", 16 * time.Millisecond},
	{"ListSort", "Sort the list (first page)", 0},
	{"ListFilter", "Filter the list (first page)", 0},
	{"OpenActivity", "Open an activity", 30 * time.Millisecond},
	{"SaveActivity", "Save one edit (durable, with history)", 20 * time.Millisecond},
	{"EditorSuggestions", "Editor suggestions, 9 fields (on open)", 0},
	{"EditorSuggestionsAfterSave", "Editor suggestions after a saved edit", 0},
	{"CheckRegister10k", "All consistency checks, 10k", 500 * time.Millisecond},
	{"Summarise10k", "Summary (findings, verdicts), 10k", 0},
	{"Register10k", "Load the whole register, 10k", 0},
	{"VerifyHistory", "Verify the history chain, 10k", 0},
	{"WriteJSON10k", "Export JSON, 10k", 0},
	{"WriteXLSX10k", "Export XLSX, 10k", 0},
	{"WriteCSV10k", "Export CSV, 10k", 0},
	{"ReadXLSX10k", "Import XLSX, 10,000 rows", 3 * time.Second},
	{"ReadCSV10k", "Import CSV, 10,000 rows", 0},
	{"Plan10k", "Import preview (plan), 10k", 0},
	{"PDF1000", "PDF of 1,000 activities", 3 * time.Second},
}

// runs holds every run of one benchmark.
type runs struct {
	pkg               string
	ns, bytes, allocs []float64
}

func main() {
	strict := flag.Bool("strict", false, "exit with status 1 when a target is missed")
	flag.Parse()
	results, order, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(2)
	}
	if len(results) == 0 {
		fmt.Fprintln(os.Stderr, "benchtable: no benchmark results on stdin")
		os.Exit(2)
	}
	if missed := write(os.Stdout, results, order); missed > 0 && *strict {
		os.Exit(1)
	}
}

// parse collects the runs of each benchmark, keyed by its name without the
// "Benchmark" prefix and the -GOMAXPROCS suffix; order is first-seen order.
func parse(r io.Reader) (map[string]*runs, []string, error) {
	results := map[string]*runs{}
	var order []string
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(fields[1]); err != nil {
			continue // a benchmark's log line, not a result
		}
		name := strings.TrimPrefix(fields[0], "Benchmark")
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		res := results[name]
		if res == nil {
			res = &runs{pkg: pkg}
			results[name] = res
			order = append(order, name)
		}
		// Values come in pairs: 123 ns/op, 4 B/op, 5 allocs/op, 6 pages.
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %q is not a number", fields[0], fields[i])
			}
			switch fields[i+1] {
			case "ns/op":
				res.ns = append(res.ns, v)
			case "B/op":
				res.bytes = append(res.bytes, v)
			case "allocs/op":
				res.allocs = append(res.allocs, v)
			}
		}
	}
	return results, order, sc.Err()
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return -1
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

// write prints the table and returns how many targets were missed.
func write(w io.Writer, results map[string]*runs, order []string) int {
	type row struct{ op, runs, t, mem, allocs, target, verdict string }
	var rows []row
	missed, met := 0, 0
	add := func(name, label string, target time.Duration) {
		res := results[name]
		if res == nil {
			return
		}
		ns := median(res.ns)
		r := row{op: label, runs: strconv.Itoa(len(res.ns)), t: duration(ns), mem: "-", allocs: "-", target: "-", verdict: "-"}
		if len(res.bytes) > 0 {
			r.mem = bytesText(median(res.bytes))
		}
		if len(res.allocs) > 0 {
			r.allocs = count(median(res.allocs))
		}
		if target > 0 {
			r.target = "< " + duration(float64(target))
			if ns < float64(target) {
				r.verdict = "pass"
				met++
			} else {
				r.verdict = "MISS"
				missed++
			}
		}
		rows = append(rows, r)
	}
	known := map[string]bool{}
	for _, o := range operations {
		known[o.bench] = true
		add(o.bench, o.label, o.target)
	}
	for _, name := range order {
		if !known[name] {
			add(name, name+" ("+results[name].pkg+")", 0)
		}
	}
	head := row{"Operation", "Runs", "Median/op", "Memory/op", "Allocs/op", "Target", "Result"}
	width := make([]int, 7)
	cells := func(r row) []string { return []string{r.op, r.runs, r.t, r.mem, r.allocs, r.target, r.verdict} }
	for _, r := range append([]row{head}, rows...) {
		for i, c := range cells(r) {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	line := func(cs []string) {
		var b strings.Builder
		b.WriteString("|")
		for i, c := range cs {
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if i == 0 {
				fmt.Fprintf(&b, " %s%s |", c, pad)
			} else {
				fmt.Fprintf(&b, " %s%s |", pad, c)
			}
		}
		fmt.Fprintln(w, b.String())
	}
	line(cells(head))
	sep := make([]string, 7)
	for i := range sep {
		sep[i] = strings.Repeat("-", width[i])
	}
	fmt.Fprintln(w, "|"+strings.Join(func() []string {
		out := make([]string, len(sep))
		for i, s := range sep {
			out[i] = "-" + s + "-"
		}
		return out
	}(), "|")+"|")
	for _, r := range rows {
		line(cells(r))
	}
	fmt.Fprintf(w, "\nTargets met: %d of %d.\n", met, met+missed)
	return missed
}

func duration(ns float64) string {
	switch {
	case ns < 0:
		return "-"
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.1f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.0f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

func bytesText(b float64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.2f GB", b/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.0f kB", b/(1<<10))
	}
	return fmt.Sprintf("%.0f B", b)
}

func count(n float64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.2f M", n/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1f k", n/1e3)
	}
	return fmt.Sprintf("%.0f", n)
}
