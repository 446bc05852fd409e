package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
)

// TestEveryDerivedKeyHasALabel runs the rules over the example register
// and a large synthetic one (every verdict, missing answers of every kind,
// every check) and looks up each key they return — a verdict, a missing
// NDOP answer, a finding's field — in the one vocabulary: none may come
// back as the raw key a person should never read.
func TestEveryDerivedKeyHasALabel(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	raw := func(s string) bool { return s == "" || strings.ContainsAny(s, "_[].") }
	for _, o := range model.NDOPVerdicts {
		if l := verdictLabel(o.Code); raw(l) || l == string(o.Code) {
			t.Errorf("verdict %q is shown as %q", o.Code, l)
		}
	}
	seen := map[string]bool{}
	for _, r := range []*model.Register{exchange.Example(), synth.Register(500, 7)} {
		for i := range r.Activities {
			a := &r.Activities[i]
			org := r.Organisation(a.OrganisationID)
			res := model.AssessNDOP(a, org)
			for _, k := range append(append([]string{}, res.Missing...), res.Asked...) {
				if l := model.NDOPFieldLabel(k); l == k && !seen["ndop:"+k] {
					seen["ndop:"+k] = true
					t.Errorf("NDOP key %q has no label", k)
				}
			}
			for _, f := range model.CheckActivity(a, org, now) {
				if l := fieldLabel(f.Field); raw(l) && !seen[f.Field] {
					seen[f.Field] = true
					t.Errorf("finding %s's field %q is shown as %q", f.Code, f.Field, l)
				}
			}
		}
	}
}
