package ui_test

import (
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// TestEditorRightsAnswers checks that each right shows the derived answer in
// words, with the rules behind it, and never a code value.
func TestEditorRightsAnswers(t *testing.T) {
	db := mustRegister(t)
	org := mustOrganisation(t, db, "Mind in Harrow", true)
	e, _ := newEditor(t, db)
	a := &model.Activity{OrganisationID: org.ID, Name: "Newsletter",
		LawfulBases: []model.BasisClaim{{Basis: model.BasisConsent, Reason: "They ask for it."}}}
	load(e, a)
	want := map[model.Answer]bool{}
	for _, d := range model.DeriveRights(a) {
		want[d.Answer] = true
		answer, rules := ui.RightShown(e, d.Right)
		if answer != model.LabelOf(model.Answers, d.Answer) {
			t.Errorf("%s: shows %q, want %q", d.Right, answer, model.LabelOf(model.Answers, d.Answer))
		}
		if len(d.Rules) > 0 && !strings.Contains(rules, d.Rules[0].Text) {
			t.Errorf("%s: rules shown %q do not include %q", d.Right, rules, d.Rules[0].Text)
		}
		for _, code := range []string{"in_part", "not_engaged", "yes", "no"} {
			if answer == code {
				t.Errorf("%s: shows the code %q", d.Right, code)
			}
		}
	}
	if len(want) < 2 {
		t.Errorf("consent derives only the answers %v; the test needs a yes and a no", want)
	}
}
