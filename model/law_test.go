package model

import "testing"

func TestNeedsParagraph41(t *testing.T) {
	for _, tc := range []struct {
		conds []Schedule1Condition
		want  bool
	}{
		{nil, false},
		{[]Schedule1Condition{"sch1_para2"}, false},
		{[]Schedule1Condition{"sch1_para2", "sch1_para3", "sch1_para4"}, false},
		{[]Schedule1Condition{"sch1_para33"}, false},
		{[]Schedule1Condition{"sch1_para1"}, true},
		{[]Schedule1Condition{"sch1_para2", "sch1_para18"}, true},
		{[]Schedule1Condition{"sch1_para36"}, true},
	} {
		a := Activity{Schedule1Conditions: tc.conds}
		if got := a.NeedsParagraph41(); got != tc.want {
			t.Errorf("%v: NeedsParagraph41 = %v, want %v", tc.conds, got, tc.want)
		}
	}
}

func TestRulesVersion(t *testing.T) {
	if RulesVersion != "UK GDPR as amended by the Data (Use and Access) Act 2025, as in force on 5 February 2026" {
		t.Errorf("RulesVersion = %q", RulesVersion)
	}
	if !Known(LawfulBases, BasisRecognisedLegitimateInterest) || shortCite(LawfulBases, BasisRecognisedLegitimateInterest) != "Art 6(1)(ea)" {
		t.Error("recognised legitimate interest is not a lawful basis citing Art 6(1)(ea)")
	}
	for _, k := range []SafeguardKind{SafeguardAdequacy, SafeguardIDTA, SafeguardUKAddendum, SafeguardBCRs, SafeguardArt49Derogation} {
		if !Known(SafeguardKinds, k) {
			t.Errorf("%s is not a safeguard kind", k)
		}
	}
}
