package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// mustOpen creates a register in a temporary folder and closes it when the
// test ends.
func mustOpen(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.Create(context.Background(), filepath.Join(tb.TempDir(), "test.ropa"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func mustOrg(tb testing.TB, db *store.DB, name string) *model.Organisation {
	tb.Helper()
	o := &model.Organisation{Name: name, Roles: []model.Role{model.RoleController}}
	if err := db.CreateOrganisation(context.Background(), o); err != nil {
		tb.Fatal(err)
	}
	return o
}

func mustActivity(tb testing.TB, db *store.DB, a *model.Activity) *model.Activity {
	tb.Helper()
	if err := db.CreateActivity(context.Background(), a); err != nil {
		tb.Fatal(err)
	}
	return a
}

func minimal(org uuid.UUID, name string) *model.Activity {
	return &model.Activity{
		OrganisationID: org, Name: name, Role: model.RoleController, Status: model.StatusActive,
	}
}

func ptr[T any](v T) *T { return &v }

// fullActivity sets every field of model.Activity, so that a round trip
// shows whether anything is lost.
func fullActivity(org uuid.UUID) *model.Activity {
	day := time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)
	return &model.Activity{
		OrganisationID:      org,
		Revision:            99, // the store sets the real one on create
		Role:                model.RoleProcessor,
		ControllersServed:   []string{"Bristol City Council", "NHS Bristol ICB"},
		BusinessFunction:    "Clinical services",
		Name:                "Care records",
		Description:         "Keeping the records of care given to residents, including Zoë Ní Bhriain's.",
		Status:              model.StatusActive,
		Purposes:            []string{"Direct care", "Safeguarding"},
		Owner:               "Head of Care",
		DataSubjects:        []string{"Residents", "Next of kin"},
		PersonalData:        []string{"Name", "Address", "NHS number"},
		SpecialCategories:   []model.SpecialCategory{model.SpecialHealth, model.SpecialReligiousBeliefs},
		CriminalOffenceData: true,
		LargeScale:          true,
		LawfulBases: []model.BasisClaim{
			{Basis: model.BasisPublicTask, Reason: "Care Act 2014"},
			{Basis: model.BasisLegalObligation, Reason: "CQC regulations"},
		},
		Article9Conditions: []model.ConditionClaim{{Condition: model.Art9HealthSocialCare, Reason: "Provision of care"}},
		Schedule1Conditions: []model.Schedule1Condition{
			model.Schedule1Conditions[1].Code, model.Schedule1Conditions[5].Code,
		},
		Article10Basis: "Schedule 1 para 18",
		Paragraph41: model.Paragraph41{
			APDLink: "https://example.org/apd", Article6Explanation: "Public task",
			RetainedPerPolicy: ptr(false), NotAdheringReason: "Legacy paper files",
			RetentionPolicyLink: "https://example.org/retention",
		},
		LegitimateInterests:   "None",
		RecognisedInterest:    model.RecognisedInterest{Condition: model.RLISafeguarding, Necessity: "To protect an adult at risk"},
		OutsidePublicTasks:    true,
		LIALink:               "https://example.org/lia",
		ConsentRecordLink:     "https://example.org/consent",
		Recipients:            []string{"GPs", "Local authority"},
		JointControllers:      []string{"Partner trust"},
		ProcessorContractLink: "https://example.org/contract",
		Transfers: []model.Transfer{
			{Destination: "United States", Safeguard: "IDTA", SafeguardKind: model.SafeguardIDTA, DPFCertified: true, Exceptional: true},
		},
		Retention:        "8 years after last contact",
		RetentionClass:   "nhs_adult_health",
		SecurityMeasures: "Encryption at rest; role-based access",
		Sources:          []string{"Residents", "Hospitals"},
		Locations:        []string{"Bristol", "Caerdydd"},
		AutomatedDecisions: model.AutomatedDecisions{
			Exists: true, Description: "Risk scoring", SignificantEffects: true, Safeguards: "Human review on request",
		},
		DPIA:   model.DPIA{Required: ptr(true), Progress: model.DPIACompleted, Link: "https://example.org/dpia"},
		Breach: model.Breach{Occurred: true, Link: "https://example.org/breach"},
		NDOP: model.NDOPAssessment{
			InScopeOverride: ptr(true), Identifiable: ptr(true), DutyOfConfidence: ptr(true),
			HealthOrCare: ptr(true), Anonymised: ptr(false), AnonymisationJustification: "Not anonymised",
			Purpose: model.PurposeResearch, ConfidentialityBasis: model.ConfS251,
			Evidence: "CAG 21/CAG/0001", PolicyExemption: "None", S251NDOPExempt: true,
			NHSNumberAvailable: ptr(true), NHSNumberDisproportionateEffort: true,
			DisproportionateEffortReason: "Paper only", CheckMethod: model.CheckMESH,
			LastChecked: day, OnlyReturnedNumbers: true, AssessedBy: "Dana Scully", AssessedAt: day,
		},
		RightOverrides: []model.RightOverride{
			{Right: model.RightErasure, Available: true, Answer: model.AnswerYes, Reason: "We erase on request despite the basis"},
		},
		Reviews: []model.Review{{
			ID: uuid.Must(uuid.NewV7()), CycleID: uuid.Must(uuid.NewV7()), Date: day,
			Reviewer: "Dana Scully", Outcome: model.OutcomeChanged, Notes: "Added MESH", NDOPConfirmed: true,
		}},
		Extra:     []model.ExtraField{{Heading: "Owner", Value: "Head of care"}, {Heading: "Ref", Value: "CR-1"}},
		Audiences: []string{model.AudienceServiceUsers, "Volunteers"},
		ProvisionRequirement: model.ProvisionRequirement{
			Kind: model.RequirementContractual, Consequence: "Without it we cannot provide care",
		},
	}
}

func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := model.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q, want %q (error: %v)", got, code, err)
	}
	var e *model.Error
	var v model.ValidationErrors
	if !errors.As(err, &e) && !errors.As(err, &v) {
		tb.Fatalf("error %v is not for the user (*model.Error or ValidationErrors)", err)
	}
}
