package model

import (
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

func TestDeriveRights(t *testing.T) {
	tests := []struct {
		name string
		a    Activity
		// available lists the rights beyond always that must be available;
		// every other right must not be.
		available []Right
		// rules holds substrings a right's rule must contain.
		rules map[Right]string
		// overridden lists rights whose answer the DPO replaced.
		overridden map[Right]string
	}{
		{
			name:      "Consent",
			a:         Activity{LawfulBases: bases(BasisConsent)},
			available: []Right{RightErasure, RightPortability, RightWithdrawConsent},
			rules: map[Right]string{
				RightErasure:         "Consent (Art 6(1)(a)) gives a right to erasure (Art 17(1)).",
				RightPortability:     "automated means",
				RightObject:          "withdraws consent instead (Art 7(3))",
				RightWithdrawConsent: "Consent (Art 6(1)(a)) gives a right to withdraw consent (Art 7(3)).",
			},
		},
		{
			name:      "Contract",
			a:         Activity{LawfulBases: bases(BasisContract)},
			available: []Right{RightErasure, RightPortability},
			rules: map[Right]string{
				RightPortability:     "Contract (Art 6(1)(b)) gives a right to data portability (Art 20(1)), as the processing is taken to be by automated means",
				RightObject:          "Contract (Art 6(1)(b)) gives no right to object",
				RightWithdrawConsent: "gives no right to withdraw consent",
			},
		},
		{
			name:      "LegalObligation",
			a:         Activity{LawfulBases: bases(BasisLegalObligation)},
			available: nil,
			rules: map[Right]string{
				RightErasure:     "Legal obligation (Art 6(1)(c)) gives no right to erasure (Art 17(3)(b)).",
				RightPortability: "Legal obligation (Art 6(1)(c)) gives no right to data portability",
			},
		},
		{
			name:      "VitalInterests",
			a:         Activity{LawfulBases: bases(BasisVitalInterests)},
			available: []Right{RightErasure},
			rules:     map[Right]string{RightErasure: "Vital interests (Art 6(1)(d)) gives a right to erasure"},
		},
		{
			name:      "PublicTask",
			a:         Activity{LawfulBases: bases(BasisPublicTask)},
			available: []Right{RightObject},
			rules: map[Right]string{
				RightErasure: "Public task (Art 6(1)(e)) gives no right to erasure (Art 17(3)(b)).",
				RightObject:  "Public task (Art 6(1)(e)) gives a right to object (Art 21(1)).",
			},
		},
		{
			name:      "LegitimateInterests",
			a:         Activity{LawfulBases: bases(BasisLegitimateInterests)},
			available: []Right{RightErasure, RightObject},
			rules:     map[Right]string{RightObject: "Legitimate interests (Art 6(1)(f)) gives a right to object"},
		},
		{
			name:      "NoBasis",
			a:         Activity{},
			available: nil,
			rules:     map[Right]string{RightErasure: "No Article 6 lawful basis is recorded"},
		},
		{
			name:      "LegalObligationAndConsent",
			a:         Activity{LawfulBases: bases(BasisLegalObligation, BasisConsent)},
			available: []Right{RightErasure, RightPortability, RightWithdrawConsent},
			// The rule names only the basis that gave the right.
			rules: map[Right]string{RightErasure: "Consent (Art 6(1)(a)) gives a right to erasure"},
		},
		{
			name:      "PublicTaskAndLegitimateInterests",
			a:         Activity{LawfulBases: bases(BasisPublicTask, BasisLegitimateInterests)},
			available: []Right{RightErasure, RightObject},
			rules: map[Right]string{
				RightErasure: "Legitimate interests (Art 6(1)(f)) gives a right to erasure",
				RightObject:  "Public task (Art 6(1)(e)) and legitimate interests (Art 6(1)(f)) give a right to object (Art 21(1)).",
			},
		},
		{
			name:      "LegalObligationAndPublicTask",
			a:         Activity{LawfulBases: bases(BasisPublicTask, BasisLegalObligation)},
			available: []Right{RightObject},
			// Bases are named in Article 6 order, not the order entered.
			rules: map[Right]string{RightErasure: "Legal obligation (Art 6(1)(c)) and public task (Art 6(1)(e)) give no right to erasure (Art 17(3)(b))."},
		},
		{
			name:      "ContractAndLegitimateInterests",
			a:         Activity{LawfulBases: bases(BasisLegitimateInterests, BasisContract)},
			available: []Right{RightErasure, RightPortability, RightObject},
			rules:     map[Right]string{RightErasure: "Contract (Art 6(1)(b)) and legitimate interests (Art 6(1)(f)) give a right to erasure"},
		},
		{
			name:      "ThreeBases",
			a:         Activity{LawfulBases: bases(BasisConsent, BasisContract, BasisVitalInterests)},
			available: []Right{RightErasure, RightPortability, RightWithdrawConsent},
			rules:     map[Right]string{RightErasure: "Consent (Art 6(1)(a)), contract (Art 6(1)(b)) and vital interests (Art 6(1)(d)) give"},
		},
		{
			name:      "PortabilityOnlyConsentOrContract",
			a:         Activity{LawfulBases: bases(BasisVitalInterests, BasisLegitimateInterests)},
			available: []Right{RightErasure, RightObject},
			rules:     map[Right]string{RightPortability: "Art 20(1) covers only consent and contract"},
		},
		{
			name: "AutomatedDecisionsSignificant",
			a: Activity{LawfulBases: bases(BasisContract),
				AutomatedDecisions: AutomatedDecisions{Exists: true, SignificantEffects: true}},
			available: []Right{RightErasure, RightPortability, RightAutomatedDecisions},
			rules:     map[Right]string{RightAutomatedDecisions: "solely automated decisions with legal or similarly significant effects (Art 22)"},
		},
		{
			name: "AutomatedDecisionsNotSignificant",
			a: Activity{LawfulBases: bases(BasisContract),
				AutomatedDecisions: AutomatedDecisions{Exists: true}},
			available: []Right{RightErasure, RightPortability},
			rules:     map[Right]string{RightAutomatedDecisions: "no legal or similarly significant effects"},
		},
		{
			name: "ErasureLimitedPublicHealth",
			a: Activity{LawfulBases: bases(BasisConsent),
				Article9Conditions: conditions(Art9PublicHealth)},
			available: []Right{RightPortability, RightWithdrawConsent},
			rules:     map[Right]string{RightErasure: "public health (Art 17(3)(c))"},
		},
		{
			name: "ErasureLimitedResearch",
			a: Activity{LawfulBases: bases(BasisLegitimateInterests),
				Article9Conditions: conditions(Art9ArchivingResearch)},
			available: []Right{RightObject},
			rules:     map[Right]string{RightErasure: "archiving, research or statistics (Art 17(3)(d))"},
		},
		{
			name: "ErasureLimitedLegalClaims",
			a: Activity{LawfulBases: bases(BasisContract),
				Article9Conditions: conditions(Art9ExplicitConsent, Art9LegalClaims)},
			available: []Right{RightPortability},
			rules:     map[Right]string{RightErasure: "legal claims (Art 17(3)(e))"},
		},
		{
			name: "ErasureNotLimitedByHealthCare",
			a: Activity{LawfulBases: bases(BasisVitalInterests),
				Article9Conditions: conditions(Art9HealthSocialCare)},
			available: []Right{RightErasure},
		},
		{
			name: "ErasureLimitNamesBasisRuleWhenNoneGives",
			a: Activity{LawfulBases: bases(BasisPublicTask),
				Article9Conditions: conditions(Art9PublicHealth)},
			available: []Right{RightObject},
			rules:     map[Right]string{RightErasure: "Public task (Art 6(1)(e)) gives no right to erasure"},
		},
		{
			name: "OverridePaperOnlyPortability",
			a: Activity{LawfulBases: bases(BasisConsent),
				RightOverrides: []RightOverride{{Right: RightPortability, Available: false, Reason: "Paper forms only."}}},
			available:  []Right{RightErasure, RightWithdrawConsent},
			rules:      map[Right]string{RightPortability: "automated means"},
			overridden: map[Right]string{RightPortability: "Paper forms only."},
		},
		{
			name: "OverrideGrantsErasure",
			a: Activity{LawfulBases: bases(BasisLegalObligation),
				RightOverrides: []RightOverride{{Right: RightErasure, Available: true, Reason: "We erase on request once the statutory period ends."}}},
			available:  []Right{RightErasure},
			rules:      map[Right]string{RightErasure: "Legal obligation (Art 6(1)(c)) gives no right to erasure"},
			overridden: map[Right]string{RightErasure: "We erase on request once the statutory period ends."},
		},
		{
			name: "OverrideLastWins",
			a: Activity{LawfulBases: bases(BasisPublicTask),
				RightOverrides: []RightOverride{
					{Right: RightObject, Available: false, Reason: "first"},
					{Right: RightObject, Available: true, Reason: "second"},
				}},
			available:  []Right{RightObject},
			overridden: map[Right]string{RightObject: "second"},
		},
		{
			name: "OverrideAlwaysRight",
			a: Activity{LawfulBases: bases(BasisPublicTask),
				RightOverrides: []RightOverride{{Right: RightAccess, Available: false, Reason: "Exempt under DPA 2018 Sch 2."}}},
			available:  []Right{RightObject},
			overridden: map[Right]string{RightAccess: "Exempt under DPA 2018 Sch 2."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DeriveRights(&tt.a)
			if len(got) != len(Rights) {
				t.Fatalf("got %d answers, want %d", len(got), len(Rights))
			}
			for i, ans := range got {
				r := Rights[i].Code
				if ans.Right != r {
					t.Fatalf("answer %d is %s, want %s (Rights order)", i, ans.Right, r)
				}
				want := slices.Contains(always, r) || slices.Contains(tt.available, r)
				reason, overridden := tt.overridden[r]
				if overridden {
					want = slices.Contains(tt.available, r)
				}
				if ans.Available != want {
					t.Errorf("%s: available = %v, want %v (rule %q)", r, ans.Available, want, ans.Rule)
				}
				if ans.Rule == "" {
					t.Errorf("%s: empty rule", r)
				}
				if sub, ok := tt.rules[r]; ok && !strings.Contains(ans.Rule, sub) {
					t.Errorf("%s: rule %q does not contain %q", r, ans.Rule, sub)
				}
				if ans.Overridden != overridden || ans.Reason != reason {
					t.Errorf("%s: overridden = %v %q, want %v %q", r, ans.Overridden, ans.Reason, overridden, reason)
				}
			}
		})
	}
}

// TestDeriveRightsTable checks every cell of legal-bases.md's table, one
// basis at a time, against a literal copy of the table.
func TestDeriveRightsTable(t *testing.T) {
	table := map[Right][6]bool{ // consent, contract, legal_obligation, vital_interests, public_task, legitimate_interests
		RightErasure:         {true, true, false, true, false, true},
		RightPortability:     {true, true, false, false, false, false},
		RightObject:          {false, false, false, false, true, true},
		RightWithdrawConsent: {true, false, false, false, false, false},
	}
	for col, opt := range LawfulBases {
		got := DeriveRights(&Activity{LawfulBases: bases(opt.Code)})
		for _, ans := range got {
			want := true // always rights and direct marketing
			if row, ok := table[ans.Right]; ok {
				want = row[col]
			}
			if ans.Right == RightAutomatedDecisions {
				want = false
			}
			if ans.Available != want {
				t.Errorf("%s / %s: available = %v, want %v", opt.Code, ans.Right, ans.Available, want)
			}
		}
	}
}
