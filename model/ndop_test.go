package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func ptr[T any](v T) *T { return &v }

var (
	inScope    = &Organisation{Name: "MHWS", NDOPInScope: true}
	outOfScope = &Organisation{Name: "Gym", NDOPInScope: false}
	assessedAt = time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)
)

// researchUnderS251 is a fully answered assessment whose verdict is applies,
// with the opt-out check recorded: each case changes what it tests.
func researchUnderS251() NDOPAssessment {
	return NDOPAssessment{
		Identifiable:         ptr(true),
		DutyOfConfidence:     ptr(true),
		HealthOrCare:         ptr(true),
		Anonymised:           ptr(false),
		Purpose:              PurposeResearch,
		ConfidentialityBasis: ConfS251,
		NHSNumberAvailable:   ptr(true),
		CheckMethod:          CheckMESH,
		LastChecked:          time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		OnlyReturnedNumbers:  true,
		AssessedBy:           "A. Patel, DPO",
		AssessedAt:           assessedAt,
	}
}

var askedToBasis = []string{"in_scope_override", "anonymised", "identifiable", "duty_of_confidence", "health_or_care", "purpose", "confidentiality_basis"}

func asked(extra ...string) []string { return append(slices.Clone(askedToBasis), extra...) }

func TestAssessNDOP(t *testing.T) {
	tests := []struct {
		name    string
		org     *Organisation
		edit    func(n *NDOPAssessment)
		verdict NDOPVerdict
		reason  string   // substring of the reason
		missing []string // exactly
		asked   []string // exactly, when not nil
	}{
		// Step 1: scope.
		{name: "NotInScopeOrganisation", org: outOfScope, edit: func(n *NDOPAssessment) {},
			verdict: VerdictNotInScope, reason: "organisation does not provide or coordinate publicly funded health or adult social care",
			asked: []string{"in_scope_override"}},
		{name: "NotInScopeOverride", org: inScope, edit: func(n *NDOPAssessment) { n.InScopeOverride = ptr(false) },
			verdict: VerdictNotInScope, reason: "activity is marked as outside", asked: []string{"in_scope_override"}},
		{name: "InScopeOverrideBeatsOrganisation", org: outOfScope, edit: func(n *NDOPAssessment) { n.InScopeOverride = ptr(true) },
			verdict: VerdictApplies},
		{name: "InScopeOverrideWithoutOrganisation", org: nil, edit: func(n *NDOPAssessment) { n.InScopeOverride = ptr(true) },
			verdict: VerdictApplies},
		{name: "ScopeUnknown", org: nil, edit: func(n *NDOPAssessment) {},
			verdict: VerdictNotAssessed, reason: "whether this activity is in the opt-out's scope",
			missing: []string{"in_scope_override"}, asked: []string{"in_scope_override"}},

		// Step 2: anonymised.
		{name: "AnonymisedUnanswered", org: inScope, edit: func(n *NDOPAssessment) { n.Anonymised = nil },
			verdict: VerdictNotAssessed, reason: "anonymised", missing: []string{"anonymised"},
			asked: []string{"in_scope_override", "anonymised"}},
		{name: "Anonymised", org: inScope, edit: func(n *NDOPAssessment) {
			n.Anonymised = ptr(true)
			n.AnonymisationJustification = "k-anonymity 10, reviewed by the IG team"
		}, verdict: VerdictDoesNotApply, reason: "anonymised", asked: []string{"in_scope_override", "anonymised"}},
		{name: "AnonymisedWithoutJustification", org: inScope, edit: func(n *NDOPAssessment) { n.Anonymised = ptr(true) },
			verdict: VerdictDoesNotApply, reason: "anonymised", missing: []string{"anonymisation_justification"}},

		// Step 3: confidential patient information.
		{name: "NotIdentifiable", org: inScope, edit: func(n *NDOPAssessment) { n.Identifiable = ptr(false) },
			verdict: VerdictDoesNotApply, reason: "not confidential patient information, because it does not identify patients",
			asked: []string{"in_scope_override", "anonymised", "identifiable", "duty_of_confidence", "health_or_care"}},
		{name: "NoDutyOfConfidence", org: inScope, edit: func(n *NDOPAssessment) { n.DutyOfConfidence = ptr(false) },
			verdict: VerdictDoesNotApply, reason: "not confidential patient information, because it is not owed a duty of confidence"},
		{name: "NotHealthOrCare", org: inScope, edit: func(n *NDOPAssessment) { n.HealthOrCare = ptr(false) },
			verdict: VerdictDoesNotApply, reason: "not confidential patient information, because it is not about health or care"},
		{name: "OneFailedTestSettlesCPI", org: inScope, edit: func(n *NDOPAssessment) {
			n.Identifiable, n.DutyOfConfidence, n.HealthOrCare = nil, nil, ptr(false)
		}, verdict: VerdictDoesNotApply, reason: "not confidential patient information"},
		{name: "CPIUnanswered", org: inScope, edit: func(n *NDOPAssessment) { n.DutyOfConfidence, n.HealthOrCare = nil, nil },
			verdict: VerdictNotAssessed, reason: "duty of confidence",
			missing: []string{"duty_of_confidence", "health_or_care"}},

		// Step 4: purpose.
		{name: "IndividualCare", org: inScope, edit: func(n *NDOPAssessment) { n.Purpose = PurposeIndividualCare },
			verdict: VerdictDoesNotApply, reason: "individual care", asked: askedToBasis[:6]},
		{name: "LocalClinicalAudit", org: inScope, edit: func(n *NDOPAssessment) { n.Purpose = PurposeLocalClinicalAudit },
			verdict: VerdictDoesNotApply, reason: "counts as individual care"},
		{name: "PurposeUnanswered", org: inScope, edit: func(n *NDOPAssessment) { n.Purpose = "" },
			verdict: VerdictNotAssessed, reason: "what the data is used for", missing: []string{"purpose"}, asked: askedToBasis[:6]},
		{name: "PurposeUnknown", org: inScope, edit: func(n *NDOPAssessment) { n.Purpose = "marketing" },
			verdict: VerdictNotAssessed, missing: []string{"purpose"}},

		// Step 5: confidentiality basis, one case per basis.
		{name: "BasisUnanswered", org: inScope, edit: func(n *NDOPAssessment) { n.ConfidentialityBasis = "" },
			verdict: VerdictNotAssessed, reason: "common-law duty of confidence", missing: []string{"confidentiality_basis"}, asked: askedToBasis},
		{name: "BasisUnknown", org: inScope, edit: func(n *NDOPAssessment) { n.ConfidentialityBasis = "hunch" },
			verdict: VerdictNotAssessed, missing: []string{"confidentiality_basis"}},
		{name: "ExplicitConsent", org: inScope, edit: func(n *NDOPAssessment) { n.ConfidentialityBasis = ConfExplicitConsent },
			verdict: VerdictDoesNotApply, reason: "consent", asked: askedToBasis},
		{name: "COPIReg3", org: inScope, edit: func(n *NDOPAssessment) { n.ConfidentialityBasis = ConfCOPIReg3 },
			verdict: VerdictDoesNotApply, reason: "communicable disease / public health"},
		{name: "LegalRequirement", org: inScope, edit: func(n *NDOPAssessment) {
			n.ConfidentialityBasis, n.Evidence = ConfLegalRequirement, "Health and Social Care Act 2012 s259"
		}, verdict: VerdictDoesNotApply, reason: "required by law or court order", asked: asked("evidence")},
		{name: "LegalRequirementWithoutCitation", org: inScope, edit: func(n *NDOPAssessment) { n.ConfidentialityBasis = ConfLegalRequirement },
			verdict: VerdictDoesNotApply, reason: "record the law that requires it", missing: []string{"evidence"}},
		{name: "CourtOrder", org: inScope, edit: func(n *NDOPAssessment) {
			n.ConfidentialityBasis, n.Evidence = ConfCourtOrder, "Order of HHJ Smith, 3 March 2026"
		}, verdict: VerdictDoesNotApply, reason: "required by law or court order"},
		{name: "CourtOrderWithoutCitation", org: inScope, edit: func(n *NDOPAssessment) { n.ConfidentialityBasis = ConfCourtOrder },
			verdict: VerdictDoesNotApply, reason: "record the court order", missing: []string{"evidence"}},
		{name: "PublicInterest", org: inScope, edit: func(n *NDOPAssessment) {
			n.ConfidentialityBasis, n.Evidence = ConfPublicInterest, "PI test record 2026-04"
		}, verdict: VerdictDoesNotApply, reason: "overriding public interest"},
		{name: "PublicInterestWithoutTest", org: inScope, edit: func(n *NDOPAssessment) { n.ConfidentialityBasis = ConfPublicInterest },
			verdict: VerdictDoesNotApply, reason: "record the public interest test", missing: []string{"evidence"}},
		{name: "PolicyExemption", org: inScope, edit: func(n *NDOPAssessment) {
			n.ConfidentialityBasis, n.PolicyExemption = ConfPolicyExemption, "Risk stratification for case finding"
		}, verdict: VerdictDoesNotApply, reason: "(Risk stratification for case finding)", asked: asked("policy_exemption")},
		{name: "PolicyExemptionUnnamed", org: inScope, edit: func(n *NDOPAssessment) { n.ConfidentialityBasis = ConfPolicyExemption },
			verdict: VerdictDoesNotApply, reason: "record which exemption it is", missing: []string{"policy_exemption"}},
		{name: "S251Applies", org: inScope, edit: func(n *NDOPAssessment) {},
			verdict: VerdictApplies, reason: "used for research under section 251 support",
			asked: asked("s251_ndop_exempt", "nhs_number_available", "check_method", "last_checked", "only_returned_numbers")},
		{name: "S251CAGExempt", org: inScope, edit: func(n *NDOPAssessment) {
			n.S251NDOPExempt, n.Evidence = true, "CAG 19/CAG/0123"
		}, verdict: VerdictDoesNotApply, reason: "Confidentiality Advisory Group", asked: asked("s251_ndop_exempt", "evidence")},
		// ndop.md step 5: a claimed CAG exemption without its evidence
		// leaves the opt-out applying.
		{name: "S251CAGExemptWithoutEvidence", org: inScope, edit: func(n *NDOPAssessment) { n.S251NDOPExempt, n.Evidence = true, "" },
			verdict: VerdictApplies, reason: "evidence (the CAG letter or minutes) is not recorded, so the opt-out still applies", missing: []string{"evidence"}},
		{name: "S251CAGExemptWithEvidence", org: inScope, edit: func(n *NDOPAssessment) { n.S251NDOPExempt, n.Evidence = true, "CAG 19/CAG/0123 minutes, 4 March 2025" },
			verdict: VerdictDoesNotApply, reason: "CAG 19/CAG/0123"},
		{name: "ImpliedConsentBeyondCare", org: inScope, edit: func(n *NDOPAssessment) { n.ConfidentialityBasis = ConfImpliedConsent },
			verdict: VerdictBlocked, reason: "no legal basis to set aside confidentiality for this purpose (implied consent covers individual care only, not research)",
			asked: askedToBasis},
		{name: "NoBasis", org: inScope, edit: func(n *NDOPAssessment) { n.ConfidentialityBasis, n.Purpose = ConfNone, PurposePlanning },
			verdict: VerdictBlocked, reason: "no legal basis to set aside confidentiality for this purpose"},
		{name: "ImpliedConsentForIndividualCare", org: inScope, edit: func(n *NDOPAssessment) {
			n.ConfidentialityBasis, n.Purpose = ConfImpliedConsent, PurposeIndividualCare
		}, verdict: VerdictDoesNotApply, reason: "individual care"},

		// Step 6: NHS number and disproportionate effort.
		// ndop.md step 6: the NHS number decides nothing; the opt-out
		// applies, and checkNDOP reports the missing numbers as an error.
		{name: "NHSNumberUnanswered", org: inScope, edit: func(n *NDOPAssessment) { n.NHSNumberAvailable = nil },
			verdict: VerdictApplies, missing: []string{"nhs_number_available"}},
		{name: "NoNHSNumberDisproportionateStillApplies", org: inScope, edit: func(n *NDOPAssessment) {
			n.NHSNumberAvailable, n.NHSNumberDisproportionateEffort = ptr(false), true
			n.DisproportionateEffortReason = "Paper archive from 1990s; tracing would need manual review of 40,000 files."
		}, verdict: VerdictApplies, reason: "(Paper archive from 1990s; tracing would need manual review of 40,000 files.), but that does not stop the opt-out applying"},
		{name: "NoNHSNumberStillApplies", org: inScope, edit: func(n *NDOPAssessment) { n.NHSNumberAvailable = ptr(false) },
			verdict: VerdictApplies, reason: "opt-outs cannot be checked until they are obtained"},
		{name: "DisproportionateIgnoredWhenNumbersHeld", org: inScope, edit: func(n *NDOPAssessment) { n.NHSNumberDisproportionateEffort = true },
			verdict: VerdictApplies},

		// Step 7: how the opt-out is honoured.
		{name: "AppliesWithoutCheckDetails", org: inScope, edit: func(n *NDOPAssessment) {
			n.CheckMethod, n.LastChecked, n.OnlyReturnedNumbers = "", time.Time{}, false
		}, verdict: VerdictApplies, missing: []string{"check_method", "last_checked", "only_returned_numbers"}},
		{name: "AppliesUnknownCheckMethod", org: inScope, edit: func(n *NDOPAssessment) { n.CheckMethod = "spreadsheet" },
			verdict: VerdictApplies, missing: []string{"check_method"}},
		{name: "AppliesGPSystem", org: inScope, edit: func(n *NDOPAssessment) { n.CheckMethod = CheckGPSystem },
			verdict: VerdictApplies},

		// Who assessed and when.
		{name: "VerdictWithoutAssessor", org: inScope, edit: func(n *NDOPAssessment) {
			n.Purpose, n.AssessedBy, n.AssessedAt = PurposeIndividualCare, "", time.Time{}
		}, verdict: VerdictDoesNotApply, missing: []string{"assessed_by", "assessed_at"}},
		{name: "NotInScopeNeedsNoAssessor", org: outOfScope, edit: func(n *NDOPAssessment) { n.AssessedBy, n.AssessedAt = "", time.Time{} },
			verdict: VerdictNotInScope},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Activity{NDOP: researchUnderS251()}
			tt.edit(&a.NDOP)
			got := AssessNDOP(&a, tt.org)
			if got.Verdict != tt.verdict {
				t.Fatalf("verdict = %s, want %s (reason %q, missing %v)", got.Verdict, tt.verdict, got.Reason, got.Missing)
			}
			if got.Reason == "" || !strings.Contains(got.Reason, tt.reason) {
				t.Errorf("reason = %q, want it to contain %q", got.Reason, tt.reason)
			}
			if !slices.Equal(got.Missing, tt.missing) {
				t.Errorf("missing = %q, want %q", got.Missing, tt.missing)
			}
			if tt.asked != nil && !slices.Equal(got.Asked, tt.asked) {
				t.Errorf("asked = %q, want %q", got.Asked, tt.asked)
			}
			for _, m := range got.Missing {
				if got.Verdict == VerdictNotAssessed && ndopQuestions[m] == "" {
					t.Errorf("missing question %q has no wording", m)
				}
				if got.Verdict != VerdictNotAssessed && ndopRecordWords[m] == "" {
					t.Errorf("missing record %q has no wording", m)
				}
			}
			for _, k := range append(slices.Clone(got.Asked), got.Missing...) {
				if NDOPFieldLabel(k) == k {
					t.Errorf("key %q has no label", k)
				}
			}
		})
	}
}

func TestAssessNDOPDates(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		a := Activity{NDOP: researchUnderS251()}
		got := AssessNDOP(&a, inScope)
		if got.AssessedBy != "A. Patel, DPO" || !got.AssessedAt.Equal(assessedAt) {
			t.Errorf("assessed = %q %v, want copied from the assessment", got.AssessedBy, got.AssessedAt)
		}
		if want := time.Date(2027, 3, 15, 10, 0, 0, 0, time.UTC); !got.DueAt.Equal(want) {
			t.Errorf("due = %v, want %v", got.DueAt, want)
		}
	})
	t.Run("LeapDay", func(t *testing.T) {
		a := Activity{NDOP: researchUnderS251()}
		a.NDOP.AssessedAt = time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
		if got, want := AssessNDOP(&a, inScope).DueAt, time.Date(2025, 2, 28, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("due = %v, want %v", got, want)
		}
	})
	t.Run("NeverAssessed", func(t *testing.T) {
		a := Activity{}
		if got := AssessNDOP(&a, inScope); !got.DueAt.IsZero() {
			t.Errorf("due = %v, want zero", got.DueAt)
		}
	})
}
