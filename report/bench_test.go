package report

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/ropadesk/ropadesk/assets"
	"github.com/ropadesk/ropadesk/internal/synth"
)

func bench1000Input() Input {
	return Input{Register: synth.Register(1000, 1), AsAt: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), HistoryHead: "ab"}
}

// BenchmarkPDF1000 exports a register of 1,000 synthetic activities, with
// the variety the PDF has to lay out: lists, long text, special categories,
// transfers, NDOP assessments and reviews. Compare with BenchmarkRawFPDF,
// run in the same command:
//
//	go test -timeout 8m ./report/ -run '^$' -bench 'RawFPDF|PDF1000' -benchtime=3x
func BenchmarkPDF1000(b *testing.B) {
	in := bench1000Input()
	var last []byte
	cpu0 := cpuTime()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, in, nil); err != nil {
			b.Fatal(err)
		}
		last = buf.Bytes()
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(pageCount(b, last)), "pages")
	b.ReportMetric(float64(len(last))/1e6, "MB")
}

var (
	pages1000     int
	pages1000Once sync.Once
)

// CPU time (cpu-s/op) is reported beside wall time because the machine
// these run on is shared: wall time swings with the load, CPU time much
// less. The garbage collector's work on other goroutines is included.
//
// BenchmarkRawFPDF is the floor BenchmarkPDF1000 is measured against: fpdf
// alone writing as many pages as the 1,000-activity PDF has, each filled
// with lines of body text in the same embedded fonts and compressed, with
// no layout decisions at all.
func BenchmarkRawFPDF(b *testing.B) {
	pages1000Once.Do(func() {
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, bench1000Input(), nil); err != nil {
			b.Fatal(err)
		}
		pages1000 = pageCount(b, buf.Bytes())
	})
	line := "Each partner's own physical, technical and organisational measures, set out in the"
	cpu0 := cpuTime()
	for b.Loop() {
		pdf := fpdf.New("P", "mm", "A4", "")
		setupFonts(pdf, bytes.Clone(assets.FontRegular), bytes.Clone(assets.FontBold),
			bytes.Clone(assets.FontItalic), bytes.Clone(assets.FontMono))
		pdf.SetAutoPageBreak(false, 0)
		pdf.SetFont(sans, "", 9.5)
		for p := range pages1000 {
			pdf.AddPage()
			for l := range 52 {
				pdf.SetXY(marginLeft, marginTop+float64(l)*4.7)
				pdf.CellFormat(contentW, 4.7, fmt.Sprintf("%s %d.%d", line, p, l), "", 0, "L", false, 0, "")
			}
		}
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(pages1000), "pages")
}
