package model

import (
	"strings"
	"testing"
)

// TestAdequacyList checks the shipped list against docs/domain/transfers.md:
// every country named there is covered, with a date and a source, and the
// matching takes whole names only.
func TestAdequacyList(t *testing.T) {
	if Adequacy.AsOf.IsZero() || Adequacy.Source == "" {
		t.Fatalf("the list has no date or source: %v %q", Adequacy.AsOf, Adequacy.Source)
	}
	covered := []string{
		"Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Czech Republic", "Denmark", "Estonia",
		"Finland", "France", "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia", "Lithuania",
		"Luxembourg", "Malta", "Netherlands", "the Netherlands", "Poland", "Portugal", "Romania", "Slovakia",
		"Slovenia", "Spain", "Sweden", "Iceland", "Liechtenstein", "Norway", "EEA", "EU", "Gibraltar",
		"Andorra", "Argentina", "Canada", "Faroe Islands", "Guernsey", "Isle of Man", "Israel", "Japan", "Jersey",
		"New Zealand", "Switzerland", "Uruguay", "Republic of Korea", "South Korea",
		"Germany (AWS Frankfurt)", "ireland: Microsoft Azure", "  FRANCE  ",
	}
	for _, c := range covered {
		ta := AssessTransfer(Transfer{Destination: c})
		if !ta.Adequacy || ta.NeedsSafeguard || !strings.Contains(ta.Rule, "no Art 46 safeguard is needed") {
			t.Errorf("%q: %+v, want covered by adequacy regulations", c, ta)
		}
	}
	notCovered := []string{"India", "North Korea", "Northern Ireland Office abroad", "Brazil", "China", "Australia", "", "Kenya"}
	for _, c := range notCovered {
		if ta := AssessTransfer(Transfer{Destination: c}); ta.Adequacy || !ta.NeedsSafeguard {
			t.Errorf("%q: %+v, want not covered", c, ta)
		}
	}
	// The United States only for DPF-certified recipients.
	for _, us := range []string{"United States", "USA", "US", "U.S.A.", "United States of America"} {
		if ta := AssessTransfer(Transfer{Destination: us}); ta.Adequacy || !ta.NeedsSafeguard || !strings.Contains(ta.Rule, "certified") {
			t.Errorf("%q uncertified: %+v", us, ta)
		}
		if ta := AssessTransfer(Transfer{Destination: us, DPFCertified: true}); !ta.Adequacy || ta.NeedsSafeguard {
			t.Errorf("%q certified: %+v", us, ta)
		}
	}
	if ta := AssessTransfer(Transfer{Destination: "Canada"}); !strings.Contains(ta.Rule, "PIPEDA") {
		t.Errorf("Canada's rule does not say PIPEDA: %q", ta.Rule)
	}
}

func TestParseAdequacyRejects(t *testing.T) {
	for name, data := range map[string]string{
		"NoDate":     "source\tx\nFrance\t\t\tEEA\n",
		"NoSource":   "as_of\t2026-01-01\nFrance\t\t\tEEA\n",
		"BadColumns": "as_of\t2026-01-01\nsource\tx\nFrance\tEEA\n",
		"Duplicate":  "as_of\t2026-01-01\nsource\tx\nFrance\t\t\tEEA\nFrance\t\t\tEEA\n",
		"BadCond":    "as_of\t2026-01-01\nsource\tx\nFrance\t\tsome\tEEA\n",
	} {
		if _, err := parseAdequacy(data); err == nil {
			t.Errorf("%s: parsed without error", name)
		}
	}
}

// TestAnnex1Conditions: each condition of Annex 1 is known, labelled and
// cited, and each satisfies the recognised-interest check.
func TestAnnex1Conditions(t *testing.T) {
	want := []Annex1Condition{RLIPublicBodyRequest, RLINationalSecurity, RLIEmergency, RLICrime, RLISafeguarding}
	if len(Annex1Conditions) != len(want) {
		t.Fatalf("got %d conditions, want %d", len(Annex1Conditions), len(want))
	}
	for _, c := range want {
		t.Run(string(c), func(t *testing.T) {
			if !Known(Annex1Conditions, c) || LabelOf(Annex1Conditions, c) == string(c) {
				t.Fatalf("%s is not in the table with a label", c)
			}
			a := cleanActivity()
			a.LawfulBases = bases(BasisRecognisedLegitimateInterest)
			a.RecognisedInterest = RecognisedInterest{Condition: c, Necessity: "Needed to protect the person."}
			if err := a.Validate(); err != nil && strings.Contains(err.Error(), "Annex 1") {
				t.Errorf("validate: %v", err)
			}
			for _, f := range CheckActivity(&a, inScope, now) {
				t.Errorf("finding with %s: %s", c, f.Message)
			}
		})
	}
	a := cleanActivity()
	a.RecognisedInterest = RecognisedInterest{Condition: "rli_marketing"}
	if err := a.Validate(); err == nil || !strings.Contains(err.Error(), "Annex 1") {
		t.Errorf("an unknown condition validates: %v", err)
	}
}
