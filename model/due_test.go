package model

import (
	"slices"
	"testing"
	"time"
)

// TestNDOPReassessmentRuleIsTheChecks: the rule the list asks
// (NDOPReassessmentDueAt, on the columns it stores and the assessment's
// date) gives the same answer as the consistency checks, for every role,
// status and verdict, on either side of the due date — so the list and the
// Problems screen cannot disagree about it.
func TestNDOPReassessmentRuleIsTheChecks(t *testing.T) {
	yes, no := true, false
	assessed := time.Date(2025, 3, 31, 10, 0, 0, 0, time.UTC)
	if got, want := NDOPDueAt(assessed), time.Date(2026, 3, 31, 10, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("NDOPDueAt = %v, want %v", got, want)
	}
	if !NDOPDueAt(time.Time{}).IsZero() {
		t.Fatal("an assessment never made is due on a day")
	}
	// One NDOP record for each verdict (inScope false gives not_in_scope).
	records := map[NDOPVerdict]NDOPAssessment{
		VerdictDoesNotApply: {Anonymised: &yes, AnonymisationJustification: "Counts only"},
		VerdictApplies: {Anonymised: &no, Identifiable: &yes, DutyOfConfidence: &yes, HealthOrCare: &yes,
			Purpose: PurposeResearch, ConfidentialityBasis: ConfS251},
		VerdictBlocked: {Anonymised: &no, Identifiable: &yes, DutyOfConfidence: &yes, HealthOrCare: &yes,
			Purpose: PurposeResearch, ConfidentialityBasis: ConfNone},
		VerdictNotAssessed: {},
	}
	seen := map[NDOPVerdict]bool{}
	for _, inScope := range []bool{true, false} {
		org := &Organisation{Name: "Clinic", Roles: []Role{RoleController, RoleProcessor}, NDOPInScope: inScope}
		for want, n := range records {
			for _, role := range []Role{RoleController, RoleProcessor} {
				for _, status := range []Status{StatusActive, StatusDraft, StatusRetired} {
					for _, at := range []time.Time{assessed, {}} {
						n.AssessedAt, n.AssessedBy = at, "Zoë Ní Bhriain"
						a := &Activity{Name: "Clinic audit", Role: role, Status: status, NDOP: n,
							SpecialCategories: []SpecialCategory{SpecialHealth}}
						res := AssessNDOP(a, org)
						if inScope && res.Verdict != want {
							t.Fatalf("the %s record assesses as %s", want, res.Verdict)
						}
						seen[res.Verdict] = true
						for _, now := range []time.Time{assessed.AddDate(0, 11, 0), assessed.AddDate(0, 13, 0)} {
							checks := slices.ContainsFunc(CheckActivity(a, org, now), func(f Finding) bool {
								return f.Code == CodeNDOPReassessmentDue
							})
							rule := NDOPReassessmentDueAt(role, status, res.Verdict, NDOPDueAt(at), now)
							if checks != rule {
								t.Errorf("%s %s %s assessed %v, on %s: the checks say due %v, the rule %v",
									role, status, res.Verdict, !at.IsZero(), now.Format(time.DateOnly), checks, rule)
							}
						}
					}
				}
			}
		}
	}
	for _, v := range []NDOPVerdict{VerdictDoesNotApply, VerdictApplies, VerdictBlocked, VerdictNotAssessed, VerdictNotInScope} {
		if !seen[v] {
			t.Errorf("no case had the verdict %s", v)
		}
	}
}
