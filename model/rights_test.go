package model

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func bases(bs ...LawfulBasis) []BasisClaim {
	out := make([]BasisClaim, len(bs))
	for i, b := range bs {
		out[i] = BasisClaim{Basis: b, Reason: "because"}
	}
	return out
}

func conditions(cs ...Article9Condition) []ConditionClaim {
	out := make([]ConditionClaim, len(cs))
	for i, c := range cs {
		out[i] = ConditionClaim{Condition: c, Reason: "because"}
	}
	return out
}

// always are the rights every activity has, whatever its basis.
var always = []Right{RightBeInformed, RightAccess, RightRectification, RightRestriction, RightObjectDirectMarketing}

func answerOf(t *testing.T, got []RightAnswer, r Right) RightAnswer {
	t.Helper()
	i := slices.IndexFunc(got, func(a RightAnswer) bool { return a.Right == r })
	if i < 0 {
		t.Fatalf("no answer for %s", r)
	}
	return got[i]
}

// TestDeriveRightsTable checks every cell of the rights table of
// docs/domain/rights.md, one basis at a time, against a literal copy of it.
func TestDeriveRightsTable(t *testing.T) {
	y, n := AnswerYes, AnswerNo
	table := map[LawfulBasis]map[Right]Answer{
		BasisConsent:                      {RightErasure: y, RightPortability: y, RightObject: n, RightWithdrawConsent: y},
		BasisContract:                     {RightErasure: y, RightPortability: y, RightObject: n, RightWithdrawConsent: n},
		BasisLegalObligation:              {RightErasure: n, RightPortability: n, RightObject: n, RightWithdrawConsent: n},
		BasisVitalInterests:               {RightErasure: y, RightPortability: n, RightObject: n, RightWithdrawConsent: n},
		BasisPublicTask:                   {RightErasure: n, RightPortability: n, RightObject: y, RightWithdrawConsent: n},
		BasisRecognisedLegitimateInterest: {RightErasure: y, RightPortability: n, RightObject: y, RightWithdrawConsent: n},
		BasisLegitimateInterests:          {RightErasure: y, RightPortability: n, RightObject: y, RightWithdrawConsent: n},
	}
	if len(table) != len(LawfulBases) {
		t.Fatalf("the table has %d bases, the code %d", len(table), len(LawfulBases))
	}
	for _, opt := range LawfulBases {
		for r, want := range table[opt.Code] {
			t.Run(string(opt.Code)+"/"+string(r), func(t *testing.T) {
				ans := answerOf(t, DeriveRights(&Activity{LawfulBases: bases(opt.Code)}), r)
				if ans.Answer != want || ans.Available != (want == AnswerYes) {
					t.Errorf("answer %s available %v, want %s (rule %q)", ans.Answer, ans.Available, want, ans.Rule)
				}
				if len(ans.Rules) != 1 || ans.Rules[0].Source != string(opt.Code) || ans.Rules[0].Cite == "" {
					t.Errorf("rules = %+v, want one rule from %s with its article", ans.Rules, opt.Code)
				}
			})
		}
	}
	got := DeriveRights(&Activity{LawfulBases: bases(BasisConsent)})
	for _, r := range always {
		if a := answerOf(t, got, r); a.Answer != AnswerYes || !a.Available || a.Rule == "" {
			t.Errorf("%s: %+v, want always yes", r, a)
		}
	}
}

// TestDeriveRightsArticle9 checks each Article 9 adjustment and the
// combinations of several bases.
func TestDeriveRightsArticle9(t *testing.T) {
	tests := []struct {
		name      string
		a         Activity
		right     Right
		want      Answer
		exemption string // an exemption some rule must carry
		rule      string // a substring of the rule text
	}{
		{"ExplicitConsentGivesWithdrawUnderContract", Activity{LawfulBases: bases(BasisContract), Article9Conditions: conditions(Art9ExplicitConsent)},
			RightWithdrawConsent, AnswerYes, "", "Art 7(3)"},
		{"ExplicitConsentGivesPortabilityUnderLegalObligation", Activity{LawfulBases: bases(BasisLegalObligation), Article9Conditions: conditions(Art9ExplicitConsent)},
			RightPortability, AnswerYes, "", "Art 20(1)(a)"},
		{"ExplicitConsentWithoutArt6Basis", Activity{Article9Conditions: conditions(Art9ExplicitConsent)},
			RightWithdrawConsent, AnswerYes, "", "Art 7(3)"},
		{"HealthCareRemovesErasureUnderContract", Activity{LawfulBases: bases(BasisContract), Article9Conditions: conditions(Art9HealthSocialCare)},
			RightErasure, AnswerNo, "Art 17(3)(c)", "health or social care"},
		{"HealthCareRemovesErasureUnderConsent", Activity{LawfulBases: bases(BasisConsent), Article9Conditions: conditions(Art9HealthSocialCare)},
			RightErasure, AnswerNo, "Art 17(3)(c)", ""},
		{"PublicHealthRemovesErasure", Activity{LawfulBases: bases(BasisLegitimateInterests), Article9Conditions: conditions(Art9PublicHealth)},
			RightErasure, AnswerNo, "Art 17(3)(c)", "public health"},
		{"ResearchLimitsErasure", Activity{LawfulBases: bases(BasisLegitimateInterests), Article9Conditions: conditions(Art9ArchivingResearch)},
			RightErasure, AnswerInPart, "Art 17(3)(d)", "seriously impair"},
		{"ResearchUnderPublicTaskErasureStaysNo", Activity{LawfulBases: bases(BasisPublicTask), Article9Conditions: conditions(Art9ArchivingResearch)},
			RightErasure, AnswerNo, "Art 17(3)(b)", ""},
		{"LegalClaimsLimitErasure", Activity{LawfulBases: bases(BasisContract), Article9Conditions: conditions(Art9LegalClaims)},
			RightErasure, AnswerInPart, "Art 17(3)(e)", "legal claims"},
		{"ResearchUnderPublicTaskNoObjection", Activity{LawfulBases: bases(BasisPublicTask), Article9Conditions: conditions(Art9ArchivingResearch)},
			RightObject, AnswerNo, "Art 21(6)", "public interest"},
		{"ResearchUnderLegitimateInterestsObjectionStands", Activity{LawfulBases: bases(BasisLegitimateInterests), Article9Conditions: conditions(Art9ArchivingResearch)},
			RightObject, AnswerYes, "", "Art 21(1)"},
		{"ResearchUnderPublicTaskAndLIObjectionInPart", Activity{LawfulBases: bases(BasisPublicTask, BasisLegitimateInterests), Article9Conditions: conditions(Art9ArchivingResearch)},
			RightObject, AnswerInPart, "Art 21(6)", ""},
		{"ContractAndLegalObligationErasureInPart", Activity{LawfulBases: bases(BasisContract, BasisLegalObligation)},
			RightErasure, AnswerInPart, "Art 17(3)(b)", "Contract (Art 6(1)(b)) gives a right to erasure"},
		{"ConsentAndLegalObligationWithdrawInPart", Activity{LawfulBases: bases(BasisConsent, BasisLegalObligation)},
			RightWithdrawConsent, AnswerInPart, "", "Legal obligation (Art 6(1)(c)) gives no right"},
		{"PublicTaskAndLIErasureInPart", Activity{LawfulBases: bases(BasisPublicTask, BasisLegitimateInterests)},
			RightErasure, AnswerInPart, "Art 17(3)(b)", ""},
		{"LegalObligationAndPublicTaskErasureNo", Activity{LawfulBases: bases(BasisLegalObligation, BasisPublicTask)},
			RightErasure, AnswerNo, "Art 17(3)(b)", ""},
		{"ConsentAndContractErasureYes", Activity{LawfulBases: bases(BasisConsent, BasisContract)},
			RightErasure, AnswerYes, "", ""},
		{"NoBasis", Activity{}, RightErasure, AnswerNo, "", "No Article 6 lawful basis"},
		{"ConsentObjectWithdrawInstead", Activity{LawfulBases: bases(BasisConsent)}, RightObject, AnswerNo, "", "withdraws consent instead"},
		{"NoAutomatedDecision", Activity{}, RightAutomatedDecisions, AnswerNotEngaged, "", "not engaged"},
		{"AutomatedNotSignificant", Activity{AutomatedDecisions: AutomatedDecisions{Exists: true}}, RightAutomatedDecisions, AnswerNotEngaged, "", "not engaged"},
		{"AutomatedSignificant", Activity{AutomatedDecisions: AutomatedDecisions{Exists: true, SignificantEffects: true}}, RightAutomatedDecisions, AnswerYes, "", "human intervention"},
		{"AutomatedSignificantSpecialNotMet", Activity{SpecialCategories: []SpecialCategory{SpecialHealth}, LawfulBases: bases(BasisContract),
			AutomatedDecisions: AutomatedDecisions{Exists: true, SignificantEffects: true}}, RightAutomatedDecisions, AnswerYes, "", "is not met"},
		{"OverrideInPart", Activity{LawfulBases: bases(BasisContract), RightOverrides: []RightOverride{{Right: RightErasure, Answer: AnswerInPart, Reason: "Invoices are kept for HMRC."}}},
			RightErasure, AnswerInPart, "", "Contract"},
		{"OverridePaperOnlyPortability", Activity{LawfulBases: bases(BasisConsent), RightOverrides: []RightOverride{{Right: RightPortability, Reason: "Paper forms only."}}},
			RightPortability, AnswerNo, "", "automated means"},
		{"OverrideLastWins", Activity{LawfulBases: bases(BasisPublicTask), RightOverrides: []RightOverride{
			{Right: RightObject, Available: false, Reason: "first"}, {Right: RightObject, Available: true, Reason: "second"}}},
			RightObject, AnswerYes, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ans := answerOf(t, DeriveRights(&tt.a), tt.right)
			if ans.Answer != tt.want {
				t.Errorf("answer = %s, want %s (rule %q)", ans.Answer, tt.want, ans.Rule)
			}
			if ans.Available != (tt.want == AnswerYes) {
				t.Errorf("available = %v with answer %s", ans.Available, ans.Answer)
			}
			if tt.exemption != "" && !slices.ContainsFunc(ans.Rules, func(r RightRule) bool { return r.Exemption == tt.exemption }) {
				t.Errorf("no rule carries the exemption %s: %+v", tt.exemption, ans.Rules)
			}
			if !strings.Contains(ans.Rule, tt.rule) {
				t.Errorf("rule %q does not contain %q", ans.Rule, tt.rule)
			}
			if len(ans.Rules) == 0 {
				t.Error("no rules")
			}
			if len(tt.a.RightOverrides) > 0 && (!ans.Overridden || ans.Reason == "") {
				t.Errorf("overridden = %v %q", ans.Overridden, ans.Reason)
			}
		})
	}
}

// TestRightAnswerJSON keeps the first format's keys with their types and
// adds answer and rules beside them.
func TestRightAnswerJSON(t *testing.T) {
	got := DeriveRights(&Activity{LawfulBases: bases(BasisContract, BasisLegalObligation)})
	b, err := json.Marshal(answerOf(t, got, RightErasure))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if _, ok := m["available"].(bool); !ok {
		t.Errorf("available is not a bool: %s", b)
	}
	if _, ok := m["rule"].(string); !ok {
		t.Errorf("rule is not a string: %s", b)
	}
	if m["answer"] != "in_part" {
		t.Errorf("answer = %v, want in_part", m["answer"])
	}
	if rules, ok := m["rules"].([]any); !ok || len(rules) != 2 {
		t.Errorf("rules = %v, want two", m["rules"])
	}
}
