package report

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// syntheticRegister makes n activities spread over a few organisations,
// with the variety the PDF has to lay out: lists, long text, special
// categories, transfers, NDOP assessments and reviews.
func syntheticRegister(n int) *model.Register {
	ns := uuid.MustParse("01a20684-5000-7000-8000-000000000000")
	id := func(kind string, i int) uuid.UUID { return uuid.NewSHA1(ns, fmt.Appendf(nil, "%s-%d", kind, i)) }
	created := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	r := &model.Register{}
	for i := range 5 {
		r.Organisations = append(r.Organisations, model.Organisation{
			ID: id("org", i), Name: fmt.Sprintf("Synthetic Health Trust %d", i+1),
			Roles:       []model.Role{model.RoleController},
			Controller:  model.Contact{Name: "Controller", Email: "info@example.org"},
			DPO:         model.Contact{Name: "Zoë Ní Bhriain", Address: "Llanfair Pwllgwyngyll, Ynys Môn"},
			NDOPInScope: i%2 == 0, CreatedAt: created, UpdatedAt: created,
		})
	}
	for i := range n {
		yes := true
		a := model.Activity{
			ID: id("act", i), OrganisationID: r.Organisations[i%5].ID,
			Role: model.RoleController, Status: model.StatusActive,
			BusinessFunction: fmt.Sprintf("Function %d", i%17),
			Name:             fmt.Sprintf("Processing activity %04d", i),
			Description:      "Records kept to provide care, plan services and meet legal duties; reviewed each year by the DPO.",
			Purposes:         []string{"Provide care", "Plan services", "Meet legal duties"},
			DataSubjects:     []string{"Service users", "Carers", "Staff"},
			PersonalData:     []string{"Name and contact details", "NHS number", "Clinical notes"},
			LawfulBases: []model.BasisClaim{
				{Basis: model.LawfulBases[i%6].Code, Reason: "We rely on this basis because the processing is needed for the service."},
			},
			Recipients:       []string{"GPs", "NHS trusts", "Local authority"},
			Retention:        "8 years after the last contact, then securely destroyed.",
			SecurityMeasures: "Role-based access, encryption at rest and in transit, audit logs reviewed monthly.",
			Sources:          []string{"Service users", "Referrers"},
			Locations:        []string{"Clinical records system"},
			DPIA:             model.DPIA{Required: &yes, Progress: model.DPIACompleted},
			CreatedAt:        created, UpdatedAt: created,
		}
		if i%3 == 0 {
			a.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
			a.Article9Conditions = []model.ConditionClaim{{Condition: model.Art9HealthSocialCare, Reason: "Provision of health care."}}
			a.Schedule1Conditions = []model.Schedule1Condition{"sch1_para2"}
			a.NDOP = model.NDOPAssessment{Identifiable: &yes, DutyOfConfidence: &yes, HealthOrCare: &yes,
				Purpose: model.PurposeIndividualCare, ConfidentialityBasis: model.ConfImpliedConsent,
				AssessedBy: "Zoë Ní Bhriain", AssessedAt: created}
		}
		if i%10 == 0 {
			a.Transfers = []model.Transfer{{Destination: "United States", Safeguard: "UK IDTA"}}
		}
		a.Reviews = []model.Review{{ID: id("rev", i), Date: created, Reviewer: "Zoë Ní Bhriain", Outcome: model.OutcomeNoChange}}
		r.Activities = append(r.Activities, a)
	}
	return r
}

// BenchmarkPDF1000 exports a register of 1,000 activities.
func BenchmarkPDF1000(b *testing.B) {
	in := Input{Register: syntheticRegister(1000), AsAt: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), HistoryHead: "ab"}
	var last []byte
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, in, nil); err != nil {
			b.Fatal(err)
		}
		last = buf.Bytes()
	}
	b.ReportMetric(float64(pageCount(b, last)), "pages")
	b.ReportMetric(float64(len(last))/1e6, "MB")
}
