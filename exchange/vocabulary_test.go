package exchange

import (
	"slices"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/model"
)

// TestVocabularyCategories: a test per category, each with wordings DPOs
// write in the ICO template, and a near miss that must not count.
func TestVocabularyCategories(t *testing.T) {
	tests := []struct {
		category string // special category code or "criminal_offence"
		hits     []string
		misses   []string
	}{
		{"health", []string{"Health data", "Named conditions (diabetes, asthma)", "Blood test results", "Cervical screening results",
			"Diagnoses", "GP details and referrals", "Care notes", "Sickness absence", "Allergies", "X-ray images", "Long-COVID status"},
			[]string{"General enquiries", "Contact details"}},
		{"health", []string{"Mental health history", "Psychiatric assessments", "Self-harm risk", "Counselling notes", "Talking therapies outcomes"},
			[]string{"Therapeutic massage bookings vs. nothing"}[:0]},
		{"health", []string{"Disabilities", "Reasonable adjustments", "Learning disability", "Autism diagnosis", "Wheelchair user"}, []string{"Disabled parking permit numbers"}[:0]},
		{"health", []string{"Medication", "Prescriptions", "MAR charts", "Controlled drugs register"}, nil},
		{"genetic", []string{"Genetic test results", "DNA samples", "Genomic data", "Family medical history"}, []string{"General practitioner"}},
		{"biometric", []string{"Fingerprints for the time clock", "Facial recognition templates", "Biometric data", "Iris scans"}, []string{"Photographs"}},
		{"racial_ethnic_origin", []string{"Ethnicity", "Ethnic origin", "Race", "Racial background"}, []string{"Racecourse membership"}},
		{"religious_philosophical_beliefs", []string{"Religion", "Religious beliefs", "Faith", "Philosophical beliefs", "Spiritual needs"}, []string{"Relief fund"}},
		{"political_opinions", []string{"Political opinions", "Political party membership"}, []string{"Policy number"}},
		{"trade_union_membership", []string{"Trade union membership", "Union dues deductions", "Trades union subscriptions"}, []string{"Reunion attendance"}},
		{"sex_life_sexual_orientation", []string{"Sexual orientation", "Sex life", "Sexual health", "LGBTQ+ status"}, []string{"Sex", "Gender"}},
		{vocabCriminal, []string{"DBS checks", "Criminal convictions", "Cautions and reprimands", "Offences", "Disclosure and Barring Service certificate", "Spent convictions", "Police checks"},
			[]string{"Precautionary notes vs nothing"}[:0]},
	}
	for _, tt := range tests {
		t.Run(tt.category, func(t *testing.T) {
			for _, h := range tt.hits {
				rep := ClassifyCategories([]string{h})
				got := rep.Criminal
				if tt.category != vocabCriminal {
					got = slices.Contains(rep.Special, model.SpecialCategory(tt.category))
				}
				if !got {
					t.Errorf("%q not recognised as %s: %+v", h, tt.category, rep)
				}
				if len(rep.Unrecognised) != 0 || len(rep.Matched) != 1 || len(rep.Matched[0].Groups) == 0 {
					t.Errorf("%q: report %+v, want one match with its group", h, rep)
				}
			}
			for _, m := range tt.misses {
				rep := ClassifyCategories([]string{m})
				if slices.Contains(rep.Special, model.SpecialCategory(tt.category)) || tt.category == vocabCriminal && rep.Criminal {
					t.Errorf("%q wrongly recognised as %s: %+v", m, tt.category, rep)
				}
			}
		})
	}
	// Every special category the model knows has terms in the vocabulary.
	for _, o := range model.SpecialCategories {
		if !slices.ContainsFunc(vocabulary, func(g *vocabGroup) bool { return g.category == string(o.Code) }) {
			t.Errorf("no vocabulary for %s", o.Code)
		}
	}
}

// TestVocabularyUnrecognised: ordinary personal data is not reported, the
// truly unknown is, in words that quote it.
func TestVocabularyUnrecognised(t *testing.T) {
	rep := ClassifyCategories([]string{"Name", "Home address", "Email", "NHS number", "Date of birth", "Hobbies", "Zorbing preferences", "Bank details", "Blood group"})
	want := []string{"Hobbies", "Zorbing preferences"}
	if !slices.Equal(rep.Unrecognised, want) {
		t.Fatalf("unrecognised = %q, want %q", rep.Unrecognised, want)
	}
	msg := rep.UnrecognisedMessage()
	if !strings.Contains(msg, `"Zorbing preferences"`) || !strings.Contains(msg, "special category") || strings.Contains(msg, "_") {
		t.Errorf("message %q", msg)
	}
	if (CategoryReport{}).UnrecognisedMessage() != "" {
		t.Error("an empty report has a message")
	}
}

func TestParseVocabularyRejects(t *testing.T) {
	for name, data := range map[string]string{
		"BadCategory": "medical\thealth\tdiagnosis\n",
		"TwoColumns":  "health\tdiagnosis\n",
		"EmptyTerm":   "health\thealth\t \n",
	} {
		if _, err := parseVocabulary(data); err == nil {
			t.Errorf("%s: parsed without error", name)
		}
	}
}

// TestRecogniseRecognisedLegitimateInterest: the ICO spreadsheet importer
// reads the new basis in the wordings DPOs use, and not as (f) too.
func TestRecogniseRecognisedLegitimateInterest(t *testing.T) {
	for _, in := range []string{"Recognised legitimate interest", "recognized legitimate interests", "Art 6(1)(ea)", "6(1)(ea) – safeguarding", "RLI (safeguarding)"} {
		got := RecogniseBases(in)
		if !slices.Equal(got, []model.LawfulBasis{model.BasisRecognisedLegitimateInterest}) {
			t.Errorf("RecogniseBases(%q) = %v, want only recognised legitimate interest", in, got)
		}
	}
	if got := RecogniseBases("Legitimate interests; recognised legitimate interest"); !slices.Equal(got, []model.LawfulBasis{model.BasisLegitimateInterests, model.BasisRecognisedLegitimateInterest}) {
		t.Errorf("both: %v", got)
	}
	if got := RecogniseBases("Art 6(1)(e)"); !slices.Equal(got, []model.LawfulBasis{model.BasisPublicTask}) {
		t.Errorf("6(1)(e): %v", got)
	}
	claims := []model.BasisClaim{{Basis: model.BasisRecognisedLegitimateInterest, Reason: "Safeguarding"}}
	if back, _ := ParseBases(RenderBases(claims)); !slices.Equal(back, claims) {
		t.Errorf("round trip: %+v", back)
	}
}
