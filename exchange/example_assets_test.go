package exchange_test

import (
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// TestExampleAssets: the example's assets and suppliers are valid, every
// activity in use is linked to a system and has an owner, and the DSPT
// checks find nothing about them (only the never-signed-off register
// may remain, which is about the review).
func TestExampleAssets(t *testing.T) {
	r := exchange.Example()
	if len(r.InformationAssets) < 4 || len(r.Suppliers) < 4 {
		t.Fatalf("example has %d assets and %d suppliers", len(r.InformationAssets), len(r.Suppliers))
	}
	for i := range r.InformationAssets {
		if err := r.InformationAssets[i].Validate(); err != nil {
			t.Errorf("asset %q: %v", r.InformationAssets[i].Name, err)
		}
	}
	for i := range r.Suppliers {
		if err := r.Suppliers[i].Validate(); err != nil {
			t.Errorf("supplier %q: %v", r.Suppliers[i].Name, err)
		}
	}
	for i := range r.Activities {
		if r.Activities[i].Owner == "" {
			t.Errorf("activity %q has no owner", r.Activities[i].Name)
		}
	}
	for _, f := range model.CheckDSPT(r, testNow) {
		switch f.Code {
		case model.CodeSignOffOverdue:
		default:
			t.Errorf("example: %s %s", f.Code, f.Message)
		}
		if f.Severity == model.SeverityError {
			t.Errorf("example has a DSPT error: %s", f.Message)
		}
	}
}
