package synth_test

import (
	"encoding/json"
	"testing"

	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
)

func TestRegisterDeterministic(t *testing.T) {
	enc := func(seed uint64) string {
		b, err := json.Marshal(synth.Register(300, seed))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if first, again := enc(1), enc(1); first != again {
		t.Error("the same seed gave two different registers")
	}
	if enc(1) == enc(2) {
		t.Error("different seeds gave the same register")
	}
}

func TestRegisterVariety(t *testing.T) {
	r := synth.Register(2000, 42)
	if len(r.Activities) != 2000 {
		t.Fatalf("got %d activities, want 2000", len(r.Activities))
	}
	if n := len(r.Organisations); n < 3 || n > 30 {
		t.Errorf("got %d organisations", n)
	}
	verdicts := map[model.NDOPVerdict]int{}
	bases := map[model.LawfulBasis]int{}
	special := map[model.SpecialCategory]int{}
	ids := map[string]bool{}
	reviewed, criminal, transfers, cycleReviews := 0, 0, 0, 0
	for i := range r.Activities {
		a := &r.Activities[i]
		if err := a.Validate(); err != nil {
			t.Fatalf("activity %d %q does not validate: %v", i, a.Name, err)
		}
		if ids[a.ID.String()] {
			t.Fatalf("activity %d repeats the id %s", i, a.ID)
		}
		ids[a.ID.String()] = true
		verdicts[model.AssessNDOP(a, r.Organisation(a.OrganisationID)).Verdict]++
		for _, b := range a.LawfulBases {
			bases[b.Basis]++
		}
		for _, c := range a.SpecialCategories {
			special[c]++
		}
		if len(a.Reviews) > 0 {
			reviewed++
		}
		for _, rv := range a.Reviews {
			if rv.CycleID != [16]byte{} {
				cycleReviews++
			}
		}
		if a.CriminalOffenceData {
			criminal++
		}
		transfers += len(a.Transfers)
	}
	for _, v := range model.NDOPVerdicts {
		if verdicts[v.Code] == 0 {
			t.Errorf("no activity has the NDOP verdict %s", v.Code)
		}
	}
	for _, b := range model.LawfulBases {
		if bases[b.Code] == 0 {
			t.Errorf("no activity relies on %s", b.Code)
		}
	}
	for _, c := range model.SpecialCategories {
		if special[c.Code] == 0 {
			t.Errorf("no activity processes %s", c.Code)
		}
	}
	if reviewed == 0 || cycleReviews == 0 || criminal == 0 || transfers == 0 {
		t.Errorf("reviewed %d, in a cycle %d, criminal %d, transfers %d: want some of each", reviewed, cycleReviews, criminal, transfers)
	}
	for i := range r.Organisations {
		if err := r.Organisations[i].Validate(); err != nil {
			t.Errorf("organisation %q does not validate: %v", r.Organisations[i].Name, err)
		}
	}
	if len(r.ReviewCycles) != 2 || r.ReviewCycles[0].SignOff == nil {
		t.Errorf("want a signed-off cycle and an open one, got %+v", r.ReviewCycles)
	}
}
