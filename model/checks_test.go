package model

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// cleanActivity is a complete, lawful care-records activity with no finding;
// each case breaks or changes one thing.
func cleanActivity() Activity {
	return Activity{
		ID:                  uuid.MustParse("6f1c2a4e-0000-4000-8000-000000000001"),
		Role:                RoleController,
		Status:              StatusActive,
		Name:                "Care records",
		BusinessFunction:    "Clinical services",
		Purposes:            []string{"Providing mental health care"},
		DataSubjects:        []string{"Patients"},
		PersonalData:        []string{"Contact details", "Care notes"},
		SpecialCategories:   []SpecialCategory{SpecialHealth},
		LawfulBases:         bases(BasisPublicTask),
		Article9Conditions:  conditions(Art9HealthSocialCare),
		Schedule1Conditions: []Schedule1Condition{"sch1_para2"},
		Recipients:          []string{"GPs"},
		Retention:           "8 years after last contact",
		SecurityMeasures:    "Role-based access, encryption at rest",
		NDOP: NDOPAssessment{
			Identifiable: ptr(true), DutyOfConfidence: ptr(true), HealthOrCare: ptr(true), Anonymised: ptr(false),
			Purpose: PurposeIndividualCare, AssessedBy: "A. Patel", AssessedAt: now.AddDate(0, -2, 0),
		},
		Reviews: []Review{{Date: now.AddDate(0, -3, 0), Reviewer: "A. Patel", Outcome: OutcomeNoChange}},
	}
}

func TestCheckActivityClean(t *testing.T) {
	a := cleanActivity()
	if got := CheckActivity(&a, inScope, now); len(got) != 0 {
		t.Fatalf("clean activity has findings: %+v", got)
	}
}

func TestCheckActivity(t *testing.T) {
	type want struct {
		severity Severity
		field    string
	}
	tests := []struct {
		name string
		org  *Organisation // inScope when nil
		edit func(a *Activity)
		code string
		// fires lists the findings of code expected, in order; none means
		// the check must stay silent.
		fires []want
	}{
		{"NoLawfulBasis", nil, func(a *Activity) { a.LawfulBases = nil },
			CodeNoLawfulBasis, []want{{SeverityError, "lawful_bases"}}},
		{"NoLawfulBasisProcessor", nil, func(a *Activity) { a.LawfulBases, a.Role = nil, RoleProcessor },
			CodeNoLawfulBasis, nil},
		{"NoLawfulBasisRetired", nil, func(a *Activity) { a.LawfulBases, a.Status = nil, StatusRetired },
			CodeNoLawfulBasis, nil},
		{"NoLawfulBasisJointController", nil, func(a *Activity) { a.LawfulBases, a.Role = nil, RoleJointController },
			CodeNoLawfulBasis, []want{{SeverityError, "lawful_bases"}}},

		{"BasisWithoutReason", nil, func(a *Activity) {
			a.LawfulBases = []BasisClaim{{Basis: BasisPublicTask, Reason: "NHS Act 2006"}, {Basis: BasisLegalObligation, Reason: "  "}}
		}, CodeBasisWithoutReason, []want{{SeverityWarning, "lawful_bases[1].reason"}}},
		{"BasisWithReason", nil, func(a *Activity) {}, CodeBasisWithoutReason, nil},

		{"SpecialCategoryWithoutCondition", nil, func(a *Activity) { a.Article9Conditions = nil },
			CodeSpecialCategoryWithoutCondition, []want{{SeverityError, "article9_conditions"}}},
		{"NoSpecialCategoryNoCondition", nil, func(a *Activity) { a.SpecialCategories, a.Article9Conditions = nil, nil },
			CodeSpecialCategoryWithoutCondition, nil},

		{"CriminalDataWithoutCondition", nil, func(a *Activity) {
			a.CriminalOffenceData, a.SpecialCategories, a.Article9Conditions, a.Schedule1Conditions = true, nil, nil, nil
		}, CodeCriminalDataWithoutCondition, []want{{SeverityError, "article10_basis"}}},
		// DPA 2018 s10(5): any Part 1, 2 or 3 condition authorises it.
		{"CriminalDataWithPart1Condition", nil, func(a *Activity) {
			a.CriminalOffenceData = true
			a.Schedule1Conditions = []Schedule1Condition{"sch1_para1"}
		}, CodeCriminalDataWithoutCondition, nil},
		{"CriminalDataWithPart2Condition", nil, func(a *Activity) {
			a.CriminalOffenceData = true
			a.Schedule1Conditions = []Schedule1Condition{"sch1_para10"}
		}, CodeCriminalDataWithoutCondition, nil},
		{"CriminalDataWithArticle10Basis", nil, func(a *Activity) {
			a.CriminalOffenceData, a.Article10Basis = true, "Sch 1 para 10, preventing or detecting unlawful acts"
		}, CodeCriminalDataWithoutCondition, nil},
		{"CriminalDataWithPart3Condition", nil, func(a *Activity) {
			a.CriminalOffenceData = true
			a.Schedule1Conditions = append(a.Schedule1Conditions, "sch1_para33")
		}, CodeCriminalDataWithoutCondition, nil},

		{"HealthCareWithoutPara2", nil, func(a *Activity) { a.Schedule1Conditions = nil },
			CodeConditionNeedsSchedule1, []want{{SeverityError, "schedule1_conditions"}}},
		{"EmploymentWithoutPara1", nil, func(a *Activity) {
			a.Article9Conditions = conditions(Art9EmploymentSocialSecurity)
		}, CodeConditionNeedsSchedule1, []want{{SeverityError, "schedule1_conditions"}}},
		{"SubstantialPublicInterestWithPart1", nil, func(a *Activity) {
			a.Article9Conditions = conditions(Art9SubstantialPublicInterest)
		}, CodeConditionNeedsSchedule1, []want{{SeverityError, "schedule1_conditions"}}},
		{"PublicHealthAndResearchWithout", nil, func(a *Activity) {
			a.Article9Conditions = conditions(Art9PublicHealth, Art9ArchivingResearch)
		}, CodeConditionNeedsSchedule1, []want{{SeverityError, "schedule1_conditions"}, {SeverityError, "schedule1_conditions"}}},
		{"PublicHealthAndResearchWith", nil, func(a *Activity) {
			a.Article9Conditions = conditions(Art9PublicHealth, Art9ArchivingResearch)
			a.Schedule1Conditions = []Schedule1Condition{"sch1_para3", "sch1_para4"}
		}, CodeConditionNeedsSchedule1, nil},
		{"SubstantialPublicInterestWithPart2", nil, func(a *Activity) {
			a.Article9Conditions = conditions(Art9SubstantialPublicInterest)
			a.Schedule1Conditions = []Schedule1Condition{"sch1_para18"}
			a.Paragraph41 = Paragraph41{APDLink: "https://intranet/apd", Article6Explanation: "Public task", RetainedPerPolicy: ptr(true)}
		}, CodeConditionNeedsSchedule1, nil},
		{"ConditionsNeedingNoSchedule1", nil, func(a *Activity) {
			a.Article9Conditions = conditions(Art9ExplicitConsent, Art9VitalInterests, Art9NotForProfit, Art9MadePublic, Art9LegalClaims)
			a.Schedule1Conditions = nil
			a.ConsentRecordLink = "https://intranet/consent"
		}, CodeConditionNeedsSchedule1, nil},

		{"Para1WithoutAPD", nil, func(a *Activity) {
			a.Article9Conditions = conditions(Art9EmploymentSocialSecurity)
			a.Schedule1Conditions = []Schedule1Condition{"sch1_para1"}
		}, CodeSchedule1NeedsAPD, []want{
			{SeverityError, "paragraph41.apd_link"},
			{SeverityError, "paragraph41.article6_explanation"},
			{SeverityError, "paragraph41.retained_per_policy"},
		}},
		{"Part2WithAPD", nil, func(a *Activity) {
			a.Article9Conditions = conditions(Art9SubstantialPublicInterest)
			a.Schedule1Conditions = []Schedule1Condition{"sch1_para6"}
			a.Paragraph41 = Paragraph41{APDLink: "https://intranet/apd", Article6Explanation: "Public task", RetainedPerPolicy: ptr(true)}
		}, CodeSchedule1NeedsAPD, nil},
		{"Part2NotRetainedWithoutReason", nil, func(a *Activity) {
			a.Article9Conditions = conditions(Art9SubstantialPublicInterest)
			a.Schedule1Conditions = []Schedule1Condition{"sch1_para28"}
			a.Paragraph41 = Paragraph41{APDLink: "https://intranet/apd", Article6Explanation: "Public task", RetainedPerPolicy: ptr(false)}
		}, CodeSchedule1NeedsAPD, []want{{SeverityError, "paragraph41.not_adhering_reason"}}},
		{"Part2NotRetainedWithReason", nil, func(a *Activity) {
			a.Article9Conditions = conditions(Art9SubstantialPublicInterest)
			a.Schedule1Conditions = []Schedule1Condition{"sch1_para28"}
			a.Paragraph41 = Paragraph41{APDLink: "https://intranet/apd", Article6Explanation: "Public task",
				RetainedPerPolicy: ptr(false), NotAdheringReason: "Legacy system migration until 2027"}
		}, CodeSchedule1NeedsAPD, nil},
		{"Para36InheritsAPD", nil, func(a *Activity) {
			a.CriminalOffenceData = true
			a.Schedule1Conditions = append(a.Schedule1Conditions, "sch1_para36")
			a.Paragraph41 = Paragraph41{APDLink: "https://intranet/apd", Article6Explanation: "Public task"}
		}, CodeSchedule1NeedsAPD, []want{{SeverityError, "paragraph41.retained_per_policy"}}},
		{"Paras2To4NeedNoAPD", nil, func(a *Activity) {
			a.Schedule1Conditions = []Schedule1Condition{"sch1_para2", "sch1_para3", "sch1_para4"}
		}, CodeSchedule1NeedsAPD, nil},
		{"Part3OwnConditionNeedsNoAPD", nil, func(a *Activity) {
			a.CriminalOffenceData = true
			a.Schedule1Conditions = append(a.Schedule1Conditions, "sch1_para33")
		}, CodeSchedule1NeedsAPD, nil},

		{"ConsentWithoutRecord", nil, func(a *Activity) { a.LawfulBases = bases(BasisConsent) },
			CodeConsentWithoutRecord, []want{{SeverityWarning, "consent_record_link"}}},
		{"ExplicitConsentWithoutRecord", nil, func(a *Activity) {
			a.Article9Conditions = conditions(Art9ExplicitConsent)
		}, CodeConsentWithoutRecord, []want{{SeverityWarning, "consent_record_link"}}},
		{"ConsentWithRecord", nil, func(a *Activity) {
			a.LawfulBases, a.ConsentRecordLink = bases(BasisConsent), "https://intranet/consent"
		}, CodeConsentWithoutRecord, nil},

		{"LegitimateInterestsIncomplete", nil, func(a *Activity) { a.LawfulBases = bases(BasisLegitimateInterests) },
			CodeLegitimateInterestsIncomplete, []want{{SeverityWarning, "legitimate_interests"}, {SeverityWarning, "lia_link"}}},
		{"LegitimateInterestsWithoutLIA", nil, func(a *Activity) {
			a.LawfulBases, a.LegitimateInterests = bases(BasisLegitimateInterests), "Fundraising from past donors"
		}, CodeLegitimateInterestsIncomplete, []want{{SeverityWarning, "lia_link"}}},
		{"LegitimateInterestsComplete", nil, func(a *Activity) {
			a.LawfulBases, a.LegitimateInterests, a.LIALink = bases(BasisLegitimateInterests), "Fundraising", "https://intranet/lia"
		}, CodeLegitimateInterestsIncomplete, nil},

		{"TransferWithoutSafeguard", nil, func(a *Activity) {
			a.Transfers = []Transfer{{Destination: "EU", Safeguard: "UK adequacy regulations"}, {Destination: "USA"}}
		}, CodeTransferWithoutSafeguard, []want{{SeverityError, "transfers[1].safeguard"}}},
		{"TransferWithoutSafeguardProcessor", nil, func(a *Activity) {
			a.Role, a.Transfers = RoleProcessor, []Transfer{{Destination: "India"}}
		}, CodeTransferWithoutSafeguard, []want{{SeverityError, "transfers[0].safeguard"}}},
		{"TransferWithSafeguard", nil, func(a *Activity) {
			a.Transfers = []Transfer{{Destination: "USA", Safeguard: "IDTA"}}
		}, CodeTransferWithoutSafeguard, nil},
		{"TransferAdequateNeedsNoSafeguard", nil, func(a *Activity) {
			a.Transfers = []Transfer{{Destination: "Ireland"}, {Destination: "Japan (hosting)"}, {Destination: "EEA"}, {Destination: "Republic of Korea"}}
		}, CodeTransferWithoutSafeguard, nil},
		{"TransferUSCertifiedNeedsNoSafeguard", nil, func(a *Activity) {
			a.Transfers = []Transfer{{Destination: "United States", DPFCertified: true}}
		}, CodeTransferWithoutSafeguard, nil},
		{"TransferSafeguardKindIDTA", nil, func(a *Activity) {
			a.Transfers = []Transfer{{Destination: "India", SafeguardKind: SafeguardIDTA}}
		}, CodeTransferWithoutSafeguard, nil},
		{"TransferAdequacyClaimedForNonAdequate", nil, func(a *Activity) {
			a.Transfers = []Transfer{{Destination: "North Korea", SafeguardKind: SafeguardAdequacy, Safeguard: "adequacy"}}
		}, CodeTransferWithoutSafeguard, []want{{SeverityError, "transfers[0].safeguard"}}},

		{"ProcessorWithoutController", nil, func(a *Activity) { a.Role = RoleProcessor },
			CodeProcessorWithoutController, []want{{SeverityError, "controllers_served"}}},
		{"ProcessorBlankController", nil, func(a *Activity) { a.Role, a.ControllersServed = RoleProcessor, []string{" "} },
			CodeProcessorWithoutController, []want{{SeverityError, "controllers_served"}}},
		{"ProcessorWithController", nil, func(a *Activity) { a.Role, a.ControllersServed = RoleProcessor, []string{"NHS Trust"} },
			CodeProcessorWithoutController, nil},
		{"ControllerNeedsNoControllersServed", nil, func(a *Activity) {}, CodeProcessorWithoutController, nil},

		{"LegitimateInterestsByPublicAuthority", publicAuthority, func(a *Activity) {
			a.LawfulBases = bases(BasisPublicTask, BasisLegitimateInterests)
		}, CodeInterestsByPublicAuthority, []want{{SeverityError, "lawful_bases[1].basis"}}},
		{"RecognisedInterestByPublicAuthority", publicAuthority, func(a *Activity) {
			a.LawfulBases = bases(BasisRecognisedLegitimateInterest)
			a.RecognisedInterest = RecognisedInterest{Condition: RLICrime, Necessity: "Reporting to police."}
		}, CodeInterestsByPublicAuthority, []want{{SeverityError, "lawful_bases[0].basis"}}},
		{"PublicAuthorityOutsideTasks", publicAuthority, func(a *Activity) {
			a.LawfulBases, a.OutsidePublicTasks = bases(BasisLegitimateInterests), true
		}, CodeInterestsByPublicAuthority, nil},
		{"PublicAuthorityPublicTask", publicAuthority, func(a *Activity) {}, CodeInterestsByPublicAuthority, nil},
		{"LegitimateInterestsPrivateBody", nil, func(a *Activity) { a.LawfulBases = bases(BasisLegitimateInterests) },
			CodeInterestsByPublicAuthority, nil},

		{"RecognisedInterestWithoutCondition", nil, func(a *Activity) {
			a.LawfulBases = bases(BasisRecognisedLegitimateInterest)
			a.RecognisedInterest = RecognisedInterest{Necessity: "x"}
		}, CodeRecognisedInterestNoCondition, []want{{SeverityError, "recognised_interest.condition"}}},
		{"RecognisedInterestUnknownCondition", nil, func(a *Activity) {
			a.LawfulBases = bases(BasisRecognisedLegitimateInterest)
			a.RecognisedInterest = RecognisedInterest{Condition: "rli_marketing", Necessity: "x"}
		}, CodeRecognisedInterestNoCondition, []want{{SeverityError, "recognised_interest.condition"}}},
		{"RecognisedInterestWithoutNecessity", nil, func(a *Activity) {
			a.LawfulBases = bases(BasisRecognisedLegitimateInterest)
			a.RecognisedInterest = RecognisedInterest{Condition: RLISafeguarding}
		}, CodeRecognisedInterestNoNecessity, []want{{SeverityWarning, "recognised_interest.necessity"}}},
		{"RecognisedInterestComplete", nil, func(a *Activity) {
			a.LawfulBases = bases(BasisRecognisedLegitimateInterest)
			a.RecognisedInterest = RecognisedInterest{Condition: RLISafeguarding, Necessity: "To protect an adult at risk."}
		}, CodeRecognisedInterestNoCondition, nil},

		{"AutomatedSpecialWithoutArt22BCondition", nil, func(a *Activity) {
			a.AutomatedDecisions = AutomatedDecisions{Exists: true, SignificantEffects: true, Safeguards: "Human review on request."}
			a.DPIA = DPIA{Required: ptr(true), Progress: DPIACompleted}
		}, CodeAutomatedDecisionNotAllowed, []want{{SeverityError, "automated_decisions"}}},
		{"AutomatedSpecialWithExplicitConsent", nil, func(a *Activity) {
			a.AutomatedDecisions = AutomatedDecisions{Exists: true, SignificantEffects: true, Safeguards: "x"}
			a.Article9Conditions, a.ConsentRecordLink = append(a.Article9Conditions, conditions(Art9ExplicitConsent)...), "https://intranet/consent"
		}, CodeAutomatedDecisionNotAllowed, nil},
		{"AutomatedSpecialWithSPIAndContract", nil, func(a *Activity) {
			a.AutomatedDecisions = AutomatedDecisions{Exists: true, SignificantEffects: true, Safeguards: "x"}
			a.LawfulBases = bases(BasisContract)
			a.Article9Conditions = append(a.Article9Conditions, conditions(Art9SubstantialPublicInterest)...)
		}, CodeAutomatedDecisionNotAllowed, nil},
		{"AutomatedSPIWithoutContractOrLaw", nil, func(a *Activity) {
			a.AutomatedDecisions = AutomatedDecisions{Exists: true, SignificantEffects: true, Safeguards: "x"}
			a.LawfulBases = bases(BasisLegitimateInterests)
			a.Article9Conditions = append(a.Article9Conditions, conditions(Art9SubstantialPublicInterest)...)
		}, CodeAutomatedDecisionNotAllowed, []want{{SeverityError, "automated_decisions"}}},
		{"AutomatedNoSpecialData", nil, func(a *Activity) {
			a.SpecialCategories, a.Article9Conditions, a.Schedule1Conditions = nil, nil, nil
			a.AutomatedDecisions = AutomatedDecisions{Exists: true, SignificantEffects: true, Safeguards: "x"}
		}, CodeAutomatedDecisionNotAllowed, nil},
		{"AutomatedWithoutSafeguards", nil, func(a *Activity) {
			a.SpecialCategories, a.Article9Conditions, a.Schedule1Conditions = nil, nil, nil
			a.AutomatedDecisions = AutomatedDecisions{Exists: true, SignificantEffects: true}
		}, CodeAutomatedDecisionNoSafeguards, []want{{SeverityWarning, "automated_decisions.safeguards"}}},
		{"AutomatedNotSignificantNeedsNoSafeguards", nil, func(a *Activity) {
			a.AutomatedDecisions = AutomatedDecisions{Exists: true}
		}, CodeAutomatedDecisionNoSafeguards, nil},

		{"LargeScaleDPIANotRequired", nil, func(a *Activity) { a.LargeScale, a.DPIA = true, DPIA{Required: ptr(false)} },
			CodeDPIAMandatory, []want{{SeverityError, "dpia.required"}}},
		{"LargeScaleCriminalDPIANotRequired", nil, func(a *Activity) {
			a.LargeScale, a.CriminalOffenceData, a.SpecialCategories, a.Article9Conditions = true, true, nil, nil
			a.DPIA = DPIA{Required: ptr(false)}
		}, CodeDPIAMandatory, []want{{SeverityError, "dpia.required"}}},
		{"AutomatedEvaluationDPIANotRequired", nil, func(a *Activity) {
			a.AutomatedDecisions = AutomatedDecisions{Exists: true, SignificantEffects: true, Safeguards: "x"}
			a.DPIA = DPIA{Required: ptr(false)}
		}, CodeDPIAMandatory, []want{{SeverityError, "dpia.required"}}},
		{"LargeScaleDPIARequired", nil, func(a *Activity) { a.LargeScale, a.DPIA = true, DPIA{Required: ptr(true), Progress: DPIACompleted} },
			CodeDPIAMandatory, nil},
		{"SmallScaleDPIANotRequired", nil, func(a *Activity) { a.DPIA = DPIA{Required: ptr(false)} },
			CodeDPIAMandatory, nil},

		{"APDLinkedInRetentionPolicyColumn", nil, func(a *Activity) {
			a.Schedule1Conditions = append(a.Schedule1Conditions, "sch1_para1")
			a.Paragraph41 = Paragraph41{RetentionPolicyLink: "https://intranet/apd", Article6Explanation: "Public task", RetainedPerPolicy: ptr(true)}
		}, CodeSchedule1NeedsAPD, nil},
		{"APDNoLinkAtAll", nil, func(a *Activity) {
			a.Schedule1Conditions = append(a.Schedule1Conditions, "sch1_para1")
			a.Paragraph41 = Paragraph41{Article6Explanation: "Public task", RetainedPerPolicy: ptr(true)}
		}, CodeSchedule1NeedsAPD, []want{{SeverityError, "paragraph41.apd_link"}}},
		{"Para2AloneDemandsNoParagraph41", nil, func(a *Activity) {
			a.Schedule1Conditions, a.Paragraph41 = []Schedule1Condition{"sch1_para2", "sch1_para3", "sch1_para4"}, Paragraph41{}
		}, CodeSchedule1NeedsAPD, nil},

		{"NDOPAppliesWithoutNHSNumbers", nil, func(a *Activity) { a.NDOP = appliesNDOP(false) },
			CodeNDOPNoNHSNumber, []want{{SeverityError, "ndop.nhs_number_available"}}},
		{"NDOPAppliesWithNHSNumbers", nil, func(a *Activity) { a.NDOP = appliesNDOP(true) },
			CodeNDOPNoNHSNumber, nil},

		{"NoRetention", nil, func(a *Activity) { a.Retention = "" },
			CodeNoRetention, []want{{SeverityWarning, "retention"}}},
		{"NoRetentionRetired", nil, func(a *Activity) { a.Retention, a.Status = "", StatusRetired },
			CodeNoRetention, []want{{SeverityWarning, "retention"}}},
		{"NoRetentionProcessor", nil, func(a *Activity) { a.Retention, a.Role = "", RoleProcessor },
			CodeNoRetention, nil},
		{"Retention", nil, func(a *Activity) {}, CodeNoRetention, nil},

		{"NoSecurityMeasures", nil, func(a *Activity) { a.SecurityMeasures = " " },
			CodeNoSecurityMeasures, []want{{SeverityWarning, "security_measures"}}},
		{"NoSecurityMeasuresProcessor", nil, func(a *Activity) { a.SecurityMeasures, a.Role = "", RoleProcessor },
			CodeNoSecurityMeasures, []want{{SeverityWarning, "security_measures"}}},
		{"SecurityMeasures", nil, func(a *Activity) {}, CodeNoSecurityMeasures, nil},

		{"DPIANotStarted", nil, func(a *Activity) { a.DPIA = DPIA{Required: ptr(true), Progress: DPIANotStarted} },
			CodeDPIANotStarted, []want{{SeverityWarning, "dpia.progress"}}},
		{"DPIARequiredNoProgress", nil, func(a *Activity) { a.DPIA = DPIA{Required: ptr(true)} },
			CodeDPIANotStarted, []want{{SeverityWarning, "dpia.progress"}}},
		{"DPIAInProgress", nil, func(a *Activity) { a.DPIA = DPIA{Required: ptr(true), Progress: DPIAInProgress} },
			CodeDPIANotStarted, nil},
		{"DPIANotRequired", nil, func(a *Activity) { a.DPIA = DPIA{Required: ptr(false), Progress: DPIANotStarted} },
			CodeDPIANotStarted, nil},

		{"NoDPIADecisionAtScale", nil, func(a *Activity) { a.LargeScale = true },
			CodeNoDPIADecision, []want{{SeverityWarning, "dpia.required"}}},
		{"NoDPIADecisionCriminalAtScale", nil, func(a *Activity) {
			a.SpecialCategories, a.Article9Conditions, a.Schedule1Conditions = nil, nil, nil
			a.CriminalOffenceData, a.Article10Basis, a.LargeScale = true, "Sch 1 para 10", true
		}, CodeNoDPIADecision, []want{{SeverityWarning, "dpia.required"}}},
		{"DPIADecisionAtScale", nil, func(a *Activity) { a.LargeScale, a.DPIA = true, DPIA{Required: ptr(false)} },
			CodeNoDPIADecision, nil},
		{"NotAtScale", nil, func(a *Activity) {}, CodeNoDPIADecision, nil},
		{"AtScaleWithoutSpecialData", nil, func(a *Activity) {
			a.LargeScale, a.SpecialCategories, a.Article9Conditions, a.Schedule1Conditions = true, nil, nil, nil
		}, CodeNoDPIADecision, nil},

		{"NDOPNotAssessedResearchPurpose", nil, func(a *Activity) { a.NDOP = NDOPAssessment{Purpose: PurposeResearch} },
			CodeNDOPNotAssessed, []want{{SeverityError, "ndop"}}},
		{"NDOPNotAssessedResearchText", nil, func(a *Activity) {
			a.Name, a.Purposes, a.NDOP = "Outcomes study", []string{"Clinical research into recovery outcomes"}, NDOPAssessment{}
		}, CodeNDOPNotAssessed, []want{{SeverityError, "ndop"}}},
		{"NDOPNotAssessedScopeByOverride", outOfScope, func(a *Activity) {
			a.NDOP = NDOPAssessment{InScopeOverride: ptr(true), Purpose: PurposePlanning}
		}, CodeNDOPNotAssessed, []want{{SeverityError, "ndop"}}},
		{"NDOPNotAssessedHealthFromNDOPAnswer", nil, func(a *Activity) {
			a.SpecialCategories, a.Article9Conditions, a.Schedule1Conditions = nil, nil, nil
			a.NDOP = NDOPAssessment{HealthOrCare: ptr(true), Purpose: PurposeCommissioning}
		}, CodeNDOPNotAssessed, []want{{SeverityError, "ndop"}}},
		{"NDOPUnassessedIndividualCareText", nil, func(a *Activity) { a.NDOP = NDOPAssessment{} },
			CodeNDOPNotAssessed, nil},
		{"NDOPUnassessedIndividualCarePurpose", nil, func(a *Activity) {
			a.Purposes, a.NDOP = []string{"Research"}, NDOPAssessment{Purpose: PurposeIndividualCare}
		}, CodeNDOPNotAssessed, nil},
		{"NDOPUnassessedNotInScope", outOfScope, func(a *Activity) { a.NDOP = NDOPAssessment{Purpose: PurposeResearch} },
			CodeNDOPNotAssessed, nil},
		{"NDOPUnassessedNoHealthData", nil, func(a *Activity) {
			a.SpecialCategories, a.Article9Conditions, a.Schedule1Conditions = nil, nil, nil
			a.NDOP = NDOPAssessment{Purpose: PurposeResearch}
		}, CodeNDOPNotAssessed, nil},
		{"NDOPUnassessedRetired", nil, func(a *Activity) { a.Status, a.NDOP = StatusRetired, NDOPAssessment{Purpose: PurposeResearch} },
			CodeNDOPNotAssessed, nil},
		{"NDOPAssessedResearch", nil, func(a *Activity) { a.NDOP = researchUnderS251() },
			CodeNDOPNotAssessed, nil},

		{"NDOPBlocked", nil, func(a *Activity) {
			a.NDOP = researchUnderS251()
			a.NDOP.ConfidentialityBasis = ConfImpliedConsent
		}, CodeNDOPBlocked, []want{{SeverityError, "ndop.confidentiality_basis"}}},
		{"NDOPApplies", nil, func(a *Activity) { a.NDOP = researchUnderS251() }, CodeNDOPBlocked, nil},

		{"NDOPAppliesIncomplete", nil, func(a *Activity) {
			a.NDOP = researchUnderS251()
			a.NDOP.CheckMethod, a.NDOP.OnlyReturnedNumbers = "", false
		}, CodeNDOPIncomplete, []want{{SeverityWarning, "ndop.check_method"}}},
		{"NDOPDoesNotApplyWithoutEvidence", nil, func(a *Activity) {
			a.NDOP = researchUnderS251()
			a.NDOP.ConfidentialityBasis = ConfLegalRequirement
		}, CodeNDOPIncomplete, []want{{SeverityWarning, "ndop.evidence"}}},
		{"NDOPComplete", nil, func(a *Activity) { a.NDOP = researchUnderS251() }, CodeNDOPIncomplete, nil},

		{"NDOPReassessmentDue", nil, func(a *Activity) { a.NDOP.AssessedAt = now.AddDate(-1, 0, -1) },
			CodeNDOPReassessmentDue, []want{{SeverityWarning, "ndop.assessed_at"}}},
		{"NDOPReassessmentNotDue", nil, func(a *Activity) { a.NDOP.AssessedAt = now.AddDate(0, -11, 0) },
			CodeNDOPReassessmentDue, nil},
		{"NDOPNotInScopeNeverDue", outOfScope, func(a *Activity) { a.NDOP.AssessedAt = now.AddDate(-3, 0, 0) },
			CodeNDOPReassessmentDue, nil},

		{"NeverReviewedFreshIsWarning", nil, func(a *Activity) { a.Reviews, a.CreatedAt = nil, now.AddDate(0, -1, 0) },
			CodeNotYetReviewed, []want{{SeverityWarning, "reviews"}}},
		{"NeverReviewedFreshNotOverdue", nil, func(a *Activity) { a.Reviews, a.CreatedAt = nil, now.AddDate(0, -1, 0) },
			CodeReviewOverdue, nil},
		{"NeverReviewedUnknownCreationIsWarning", nil, func(a *Activity) { a.Reviews = nil },
			CodeNotYetReviewed, []want{{SeverityWarning, "reviews"}}},
		{"NeverReviewedAfterFirstCycle", nil, func(a *Activity) { a.Reviews, a.CreatedAt = nil, now.AddDate(-1, 0, -1) },
			CodeReviewOverdue, []want{{SeverityError, "reviews"}}},
		{"ReviewedNoNotYetWarning", nil, func(a *Activity) {}, CodeNotYetReviewed, nil},
		{"ReviewOverdue", nil, func(a *Activity) {
			a.Reviews = []Review{{Date: now.AddDate(-1, 0, -1), Reviewer: "A. Patel", Outcome: OutcomeNoChange}}
		}, CodeReviewOverdue, []want{{SeverityError, "reviews"}}},
		{"ReviewOverdueProcessor", nil, func(a *Activity) {
			a.Reviews, a.Role, a.ControllersServed = nil, RoleProcessor, []string{"Acme Health Ltd"}
			a.CreatedAt = now.AddDate(-2, 0, 0)
		}, CodeReviewOverdue, []want{{SeverityError, "reviews"}}},
		{"ReviewRecentAmongOld", nil, func(a *Activity) {
			a.Reviews = append(a.Reviews, Review{Date: now.AddDate(-3, 0, 0), Reviewer: "B", Outcome: OutcomeChanged})
		}, CodeReviewOverdue, nil},
		{"ReviewDraftNeverReviewed", nil, func(a *Activity) { a.Reviews, a.Status = nil, StatusDraft },
			CodeReviewOverdue, nil},
		{"ReviewRetiredNeverReviewed", nil, func(a *Activity) { a.Reviews, a.Status = nil, StatusRetired },
			CodeReviewOverdue, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := cleanActivity()
			tt.edit(&a)
			org := tt.org
			if org == nil {
				org = inScope
			}
			all := CheckActivity(&a, org, now)
			for _, f := range all {
				// A finding names its field by its label, never by its key.
				if !HasFieldLabel(f.Field) || f.FieldLabel != FieldLabel(f.Field) {
					t.Errorf("field %q of %s has no label in the field-label table", f.Field, f.Code)
				}
				if key := lastKey(f.Field); strings.Contains(key, "_") && strings.Contains(f.Message, key) {
					t.Errorf("message of %s shows the key %q: %s", f.Code, key, f.Message)
				}
			}
			var got []want
			for _, f := range all {
				if f.Code != tt.code {
					continue
				}
				got = append(got, want{f.Severity, f.Field})
				if f.ActivityID != a.ID || f.Activity != a.Name {
					t.Errorf("finding names activity %s %q, want %s %q", f.ActivityID, f.Activity, a.ID, a.Name)
				}
				if !strings.HasSuffix(f.Message, ".") || len(f.Message) < 30 {
					t.Errorf("message %q is not a sentence", f.Message)
				}
			}
			if !slices.Equal(got, tt.fires) {
				t.Errorf("%s findings = %v, want %v\nall: %+v", tt.code, got, tt.fires, all)
			}
		})
	}
}

var publicAuthority = &Organisation{Name: "Borough Council", PublicAuthority: true, NDOPInScope: true}

// appliesNDOP is a complete assessment whose verdict is "applies".
func appliesNDOP(numbers bool) NDOPAssessment {
	return NDOPAssessment{
		Identifiable: ptr(true), DutyOfConfidence: ptr(true), HealthOrCare: ptr(true), Anonymised: ptr(false),
		Purpose: PurposeResearch, ConfidentialityBasis: ConfS251, Evidence: "CAG 21/CAG/0001",
		NHSNumberAvailable: ptr(numbers), CheckMethod: CheckMESH, LastChecked: now.AddDate(0, 0, -3), OnlyReturnedNumbers: true,
		AssessedBy: "A. Patel", AssessedAt: now.AddDate(0, -1, 0),
	}
}

func TestCheckActivityMessages(t *testing.T) {
	a := cleanActivity()
	a.Article9Conditions = conditions(Art9SubstantialPublicInterest)
	a.Schedule1Conditions = []Schedule1Condition{"sch1_para10", "sch1_para18"}
	a.Transfers = []Transfer{{Destination: "USA"}}
	a.Reviews = []Review{{Date: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), Reviewer: "A", Outcome: OutcomeNoChange}}
	msgs := map[string]string{}
	for _, f := range CheckActivity(&a, inScope, now) {
		msgs[f.Field] = f.Message
	}
	for field, sub := range map[string]string{
		"paragraph41.apd_link":   "Preventing or detecting unlawful acts (Sch 1 para 10), Safeguarding of children and individuals at risk (Sch 1 para 18) need an appropriate policy document",
		"transfers[0].safeguard": "cover only recipients certified under the UK Extension",
		"reviews":                "last reviewed on 2 January 2025",
	} {
		if !strings.Contains(msgs[field], sub) {
			t.Errorf("%s: message %q does not contain %q", field, msgs[field], sub)
		}
	}
}

func TestCheckRegister(t *testing.T) {
	mhws := Organisation{ID: uuid.New(), Name: "MHWS", NDOPInScope: true}
	gym := Organisation{ID: uuid.New(), Name: "Gym"}
	research := cleanActivity()
	research.ID, research.OrganisationID, research.Name = uuid.New(), mhws.ID, "Research"
	research.NDOP = NDOPAssessment{Purpose: PurposeResearch}
	members := cleanActivity()
	members.ID, members.OrganisationID, members.Name = uuid.New(), gym.ID, "Members' health"
	members.NDOP = NDOPAssessment{Purpose: PurposeResearch}
	members.Retention = ""
	r := Register{Organisations: []Organisation{mhws, gym}, Activities: []Activity{research, members}}

	got := CheckRegister(&r, now)
	want := []struct {
		id   uuid.UUID
		code string
	}{
		{research.ID, CodeNDOPNotAssessed},
		{members.ID, CodeNoRetention},
		// Then the register-level DSPT checks: no asset register, and
		// neither controller has an ICO registration number.
		{uuid.Nil, CodeNoAssetRegister},
		{uuid.Nil, CodeNoICORegistration},
		{uuid.Nil, CodeNoICORegistration},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].ActivityID != w.id || got[i].Code != w.code {
			t.Errorf("finding %d = %s %s, want %s %s", i, got[i].Activity, got[i].Code, w.id, w.code)
		}
	}
}

// TestCheckCodesDistinct guards the stable codes against copy-paste.
func TestCheckCodesDistinct(t *testing.T) {
	codes := []string{CodeNoLawfulBasis, CodeBasisWithoutReason, CodeSpecialCategoryWithoutCondition,
		CodeCriminalDataWithoutCondition, CodeConditionNeedsSchedule1, CodeSchedule1NeedsAPD,
		CodeConsentWithoutRecord, CodeLegitimateInterestsIncomplete, CodeTransferWithoutSafeguard,
		CodeNoRetention, CodeNoSecurityMeasures, CodeDPIANotStarted, CodeNoDPIADecision,
		CodeNDOPNotAssessed, CodeNDOPBlocked, CodeNDOPIncomplete, CodeNDOPReassessmentDue, CodeReviewOverdue,
		CodeNotYetReviewed, CodeInterestsByPublicAuthority, CodeRecognisedInterestNoCondition, CodeRecognisedInterestNoNecessity,
		CodeProcessorWithoutController, CodeDPIAMandatory, CodeAutomatedDecisionNotAllowed, CodeAutomatedDecisionNoSafeguards,
		CodeNDOPNoNHSNumber, CodeAgreementEnded, CodeAgreementEndingSoon, CodeCertificationExpired,
		CodeAssetWithoutOwner, CodeSystemsNotRecorded, CodeNoAssetRegister, CodeSignOffOverdue, CodeNoICORegistration}
	seen := map[string]bool{}
	for _, c := range codes {
		if seen[c] || c != strings.ToLower(c) || strings.ContainsAny(c, " -") {
			t.Errorf("code %q is repeated or not snake_case", c)
		}
		seen[c] = true
	}
}

func lastKey(field string) string {
	k := withoutIndices(field)
	if i := strings.LastIndex(k, "."); i >= 0 {
		return k[i+1:]
	}
	return k
}

// TestFieldLabels: every key a rule can name has a label, including every
// NDOP question and record the decision can ask for.
func TestFieldLabels(t *testing.T) {
	for k := range ndopQuestions {
		if !HasFieldLabel("ndop." + k) {
			t.Errorf("ndop.%s has no label", k)
		}
	}
	for k := range ndopRecordWords {
		if !HasFieldLabel("ndop." + k) {
			t.Errorf("ndop.%s has no label", k)
		}
	}
	if got := FieldLabel("transfers[3].safeguard"); !strings.HasPrefix(got, "Safeguards for exceptional transfers") {
		t.Errorf("indexed key label = %q", got)
	}
	for _, f := range fieldTable {
		if strings.Contains(f.Label, "_") || f.Label == "" {
			t.Errorf("label of %s is %q", f.Key, f.Label)
		}
	}
}
