package report

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/internal/synth"
)

// BenchmarkPDF1000 exports a register of 1,000 synthetic activities, with
// the variety the PDF has to lay out: lists, long text, special categories,
// transfers, NDOP assessments and reviews.
func BenchmarkPDF1000(b *testing.B) {
	in := Input{Register: synth.Register(1000, 1), AsAt: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), HistoryHead: "ab"}
	var last []byte
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, in, nil); err != nil {
			b.Fatal(err)
		}
		last = buf.Bytes()
	}
	b.ReportMetric(float64(pageCount(b, last)), "pages")
	b.ReportMetric(float64(len(last))/1e6, "MB")
}
