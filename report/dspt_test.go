package report

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/model"
)

// TestDSPTSection reads the PDF's DSPT section back: the evidence map
// names the toolkit items, and the 1.1.2 table has one entry per activity
// in use (none for a retired one), each with NHS England's 13 columns in
// order and its assets' entries, as the DSPT workbook's rows say.
func TestDSPTSection(t *testing.T) {
	in := exampleInput(t, true)
	retired := &in.Register.Activities[2]
	retired.Status = model.StatusRetired
	text := squash(pdfText(t, render(t, in)))
	i := strings.Index(text, titleDSPT+" NHS England")
	if i < 0 {
		t.Fatal("cannot find the DSPT section")
	}
	j := strings.Index(text[i:], titleSignOff+" ")
	if j < 0 {
		t.Fatal("cannot find the sign-off after the DSPT section")
	}
	j += i
	sec := text[i:j]
	for _, item := range []string{"1.1.2", "1.1.3", "1.2.4", "1.4.1", "CAF A3.a", "CAF E2.c"} {
		if !strings.Contains(sec, item+" ") {
			t.Errorf("the evidence map lacks item %s", item)
		}
	}
	rows := model.DSPTTable(in.Register)
	if len(rows) != len(in.Register.Activities)-1 {
		t.Fatalf("DSPTTable gave %d rows for %d activities in use", len(rows), len(in.Register.Activities)-1)
	}
	refs := references(in.Register, in.Entries)
	if strings.Contains(sec, refs[retired.ID]+" "+activityTitle(retired)) {
		t.Errorf("the retired activity %s has an entry", refs[retired.ID])
	}
	// Each entry runs from its heading to the next entry's.
	starts := []int{len(sec)}
	for _, r := range rows {
		if at := strings.Index(sec, refs[r.Activity.ID]+" "+activityTitle(r.Activity)); at >= 0 {
			starts = append(starts, at)
		}
	}
	slices.Sort(starts)
	for _, r := range rows {
		head := refs[r.Activity.ID] + " " + activityTitle(r.Activity)
		at := strings.Index(sec, head)
		if at < 0 {
			t.Errorf("no 1.1.2 entry for %s", head)
			continue
		}
		entry := sec[at:starts[slices.Index(starts, at)+1]]
		// The columns follow in NHS England's order, each numbered.
		pos := 0
		for c, col := range model.DSPTColumns {
			k := strings.Index(entry[pos:], firstWords(col, 3))
			if k < 0 {
				t.Errorf("%s: column %d %q is missing or out of order", head, c+1, col)
				break
			}
			pos += k
		}
		for _, x := range r.Assets {
			if !strings.Contains(entry, firstWords(x.Name, 3)) {
				t.Errorf("%s: its asset %q is not in its entry", head, x.Name)
			}
		}
	}
	if !strings.Contains(sec, "ITEM 1.1.2: RECORD OF PROCESSING AND INFORMATION ASSETS ("+strconv.Itoa(len(rows))+")") {
		t.Error("the 1.1.2 table does not count its entries")
	}
}
