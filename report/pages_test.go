package report

import (
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
)

// TestNoNearBlankRecordPages: a page of the activity records that is not
// the last before the next section holds more than the end of a record:
// a new organisation follows on the same page when most of it is left.
func TestNoNearBlankRecordPages(t *testing.T) {
	for name, in := range map[string]Input{"Signed": exampleInput(t, true), "Example": {Register: exchange.Example(), AsAt: testAsAt, HistoryHead: "00ff"}} {
		t.Run(name, func(t *testing.T) {
			pages := strings.Split(pdfText(t, render(t, in)), "\f")
			first, last := -1, -1
			for i, p := range pages {
				s := squash(p)
				if first < 0 && strings.Contains(s, titleActivities+" Each activity below") {
					first = i
				}
				if first >= 0 && strings.Contains(s, titleSpecial+" ") && strings.Contains(s, "special-category data (UK GDPR Article 9)") {
					last = i
					break
				}
			}
			if first < 0 || last < first {
				t.Fatal("cannot find the activity records")
			}
			// The page before the next section may hold the last
			// record's end alone; no other may. With every organisation
			// on a new page the example had pages of 11 and 12 lines
			// (running header and footer, a review block); now the
			// fewest is 19.
			for i := first; i < last-1; i++ {
				n := 0
				for _, l := range strings.Split(pages[i], "\n") {
					if strings.TrimSpace(l) != "" {
						n++
					}
				}
				if n < 15 {
					t.Errorf("page %d holds only %d lines:\n%s", i+1, n, pages[i])
				}
			}
		})
	}
}
