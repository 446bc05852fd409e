package exchange_test

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
)

// TestSkippingCarriedColumns proves the import's shortcut (carried.go)
// changes nothing: files as exported, re-saved by Excel and LibreOffice
// with cells edited (the edited ones must still be read), exported before
// the fingerprint column existed, and the messy hand-made workbook are read
// with the skip and without it, and every activity, link and problem must
// be the same.
func TestSkippingCarriedColumns(t *testing.T) {
	reg := synth.Register(200, 7)
	reg.Activities = append(reg.Activities, exchange.Example().Activities...)
	reg.Organisations = append(reg.Organisations, exchange.Example().Organisations...)
	var buf bytes.Buffer
	if err := exchange.WriteXLSX(&buf, reg); err != nil {
		t.Fatal(err)
	}
	exported := buf.Bytes()
	// Rows 10 and 11 are the first two activities (nine rows of headings
	// above). The cells edited are the costly ones the skip avoids: Article
	// 6 (L), Article 9 (M), personal data (E), transfers (H), DPIA
	// required (U), Schedule 1 (Z).
	edits := []cellEdit{
		{exchange.SheetTemplate, 10, "L", "Consent\nLegal obligation"},
		{exchange.SheetTemplate, 10, "E", "Names\nHealth records\nCriminal convictions"},
		{exchange.SheetTemplate, 11, "M", "Explicit consent"},
		{exchange.SheetTemplate, 11, "H", "United States\nIndia"},
		{exchange.SheetTemplate, 11, "U", "No"},
		{exchange.SheetTemplate, 12, "Z", "Schedule 1 para 6"},
	}
	messy, err := os.ReadFile("testdata/messy-ico.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"as exported": exported, "messy": messy}
	for _, s := range savers {
		files[s.name] = resave(t, exported, s, edits, nil, nil)
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			read := func(skip bool) *exchange.Imported {
				defer exchange.SetSkipCarried(skip)()
				in, err := exchange.ReadXLSX(bytes.NewReader(data), name+".xlsx")
				if err != nil {
					t.Fatal(err)
				}
				return in
			}
			fast, full := read(true), read(false)
			if len(full.Activities) == 0 {
				t.Fatal("no activities read")
			}
			if !reflect.DeepEqual(fast.Problems, full.Problems) {
				t.Errorf("problems differ:\nskipping %v\nreading  %v", fast.Problems, full.Problems)
			}
			if len(fast.Activities) != len(full.Activities) {
				t.Fatalf("%d activities skipping, %d reading", len(fast.Activities), len(full.Activities))
			}
			for i := range full.Activities {
				f, g := fast.Activities[i], full.Activities[i]
				if !reflect.DeepEqual(f, g) {
					t.Errorf("row %d (%s) differs:\nskipping %s\nreading  %s", g.Row, g.Activity.Name, activityJSON(t, &f.Activity), activityJSON(t, &g.Activity))
				}
			}
		})
	}
}

func activityJSON(t *testing.T, a *model.Activity) string {
	t.Helper()
	var b bytes.Buffer
	if err := exchange.WriteJSON(&b, &model.Register{Activities: []model.Activity{*a}}, synth.Epoch); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
