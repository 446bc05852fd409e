package exchange

import (
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// Example returns the example register: the processing that two real
// privacy notices describe (shared/seeds: Mental Health and Well Being
// Services Ltd, and the Community Living Well partnership), recorded as a
// DPO would record it. Contact details are invented (example.org addresses,
// Ofcom's 01632 drama numbers).
//
// It is deterministic — fixed ids and dates — so that tests, screenshots and
// the example PDF are the same on every machine. Each call returns a fresh
// copy the caller may change.
func Example() *model.Register {
	r := &model.Register{
		Organisations: exampleOrganisations(),
		ReviewCycles:  []model.ReviewCycle{},
	}
	r.Activities = append(r.Activities, mhwsActivities()...)
	r.Activities = append(r.Activities, clwActivities()...)
	exampleNoticeFields(r)
	addExampleAssets(r)
	return r
}

// Fixed ids: v7-shaped, generated once and kept, so that an export of the
// example is byte-for-byte stable.
var (
	idMHWS       = uuid.MustParse("01a20684-3371-7ccd-99a9-3897a6e81da6")
	idJobsInMind = uuid.MustParse("01a20684-3373-702e-a126-7c626862cdfe")
	idSMART      = uuid.MustParse("01a20684-3374-71cd-a06e-989ca775586d")
	idKCMind     = uuid.MustParse("01a20684-3375-73c7-8e57-3fbfe0f08054")
	idCNWL       = uuid.MustParse("01a20684-3376-7506-927a-e5a01da53649")
	idBWWMind    = uuid.MustParse("01a20684-3377-7677-aaed-89846bb2832d")
	idKCSC       = uuid.MustParse("01a20684-3378-77b8-858d-9a611b0ed46a")
)

// Names used in more than one place, so a joint-controller list cannot
// drift from the organisation it names.
const (
	nameMHWS       = "Mental Health and Well Being Services Ltd"
	nameJobsInMind = "Jobs in Mind"
	nameSMART      = "St Mary Abbot's Rehabilitation and Training"
	nameKCMind     = "Kensington and Chelsea Mind"
	nameCNWL       = "Central and North West London NHS Foundation Trust"
	nameBWWMind    = "Brent, Wandsworth and Westminster Mind"
	nameKCSC       = "Kensington and Chelsea Social Council"
	partnershipCLW = "Community Living Well"
	dpoMHWS        = "Zoë Ní Bhriain"
)

// The example's calendar: the MHWS notice was last updated on 17 June 2025,
// and the annual review that followed it was held in June 2026.
var (
	created      = day(2025, time.June, 17)
	reviewed2026 = day(2026, time.June, 17)
	clwReviewed  = day(2026, time.May, 12)
)

func exampleOrganisations() []model.Organisation {
	partner := func(id uuid.UUID, name, domain, dpo, phone string, roles ...model.Role) model.Organisation {
		return model.Organisation{
			ID:          id,
			Name:        name,
			Partnership: partnershipCLW,
			Roles:       roles,
			Controller: model.Contact{
				Name:      name,
				Address:   "Community Living Well, 7 Portobello Example Road, London W10 5ZZ",
				Email:     "info@" + domain,
				Telephone: phone,
			},
			DPO: model.Contact{
				Name:      dpo,
				Address:   name + ", Data Protection Office, 7 Portobello Example Road, London W10 5ZZ",
				Email:     "dpo@" + domain,
				Telephone: phone,
			},
			CreatedAt: created,
			UpdatedAt: clwReviewed,
		}
	}
	cnwl := partner(idCNWL, nameCNWL, "cnwl.example.org", "Priya Raman", "01632 960 218", model.RoleController, model.RoleJointController)
	// CNWL is an NHS trust: the national data opt-out binds it.
	cnwl.NDOPInScope = true
	return []model.Organisation{
		{
			ID:              idMHWS,
			Name:            nameMHWS,
			Roles:           []model.Role{model.RoleController},
			ICORegistration: "ZX000417",
			Controller: model.Contact{
				Name:      nameMHWS,
				Address:   "Suite 3, 41 Example Row, London W2 6ZZ",
				Email:     "privacy@mhws.example.org",
				Telephone: "01632 960 100",
			},
			// An outsourced DPO on Anglesey: the PDF must print the
			// diacritics and the Welsh place name as written.
			DPO: model.Contact{
				Name:      dpoMHWS,
				Address:   "Swyddfa Diogelu Data, Stryd Fawr, Llanfair Pwllgwyngyll, Ynys Môn LL61 5ZZ",
				Email:     "dpo@mhws.example.org",
				Telephone: "01632 960 417",
			},
			// MHWS provides NHS-funded care, and applies the opt-out to its
			// private service users too (its notice says so).
			NDOPInScope:     true,
			NDOPAllPatients: true,
			CreatedAt:       created,
			UpdatedAt:       reviewed2026,
		},
		partner(idJobsInMind, nameJobsInMind, "jobsinmind.example.org", "Daniel Okafor", "01632 960 311", model.RoleController, model.RoleJointController),
		partner(idSMART, nameSMART, "smart.example.org", "Helen Fitzgerald", "01632 960 322", model.RoleController, model.RoleJointController),
		// K&C Mind manages the partnership's website, so it is a processor
		// for the other partners as well as a controller in its own right.
		partner(idKCMind, nameKCMind, "kcmind.example.org", "Tomás Ferreira", "01632 960 333", model.RoleController, model.RoleProcessor, model.RoleJointController),
		cnwl,
		partner(idBWWMind, nameBWWMind, "bwwmind.example.org", "Grace Adeyemi", "01632 960 344", model.RoleController, model.RoleJointController),
		partner(idKCSC, nameKCSC, "kcsc.example.org", "Martin Kowalski", "01632 960 355", model.RoleController, model.RoleJointController),
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func ptr[T any](v T) *T { return &v }

func basis(b model.LawfulBasis, reason string) model.BasisClaim {
	return model.BasisClaim{Basis: b, Reason: reason}
}

func cond(c model.Article9Condition, reason string) model.ConditionClaim {
	return model.ConditionClaim{Condition: c, Reason: reason}
}

func review(id string, date time.Time, reviewer, notes string) []model.Review {
	return []model.Review{{
		ID:            uuid.MustParse(id),
		Date:          date,
		Reviewer:      reviewer,
		Outcome:       model.OutcomeNoChange,
		Notes:         notes,
		NDOPConfirmed: true,
	}}
}

// cpi answers the three tests of confidential patient information.
func cpi(purpose model.NDOPPurpose, conf model.ConfidentialityBasis, assessedBy string, at time.Time) model.NDOPAssessment {
	return model.NDOPAssessment{
		Identifiable:         ptr(true),
		DutyOfConfidence:     ptr(true),
		HealthOrCare:         ptr(true),
		Anonymised:           ptr(false),
		Purpose:              purpose,
		ConfidentialityBasis: conf,
		NHSNumberAvailable:   ptr(true),
		AssessedBy:           assessedBy,
		AssessedAt:           at,
	}
}

// notCPI records an assessment that found no health or care information.
func notCPI(assessedBy string, at time.Time) model.NDOPAssessment {
	return model.NDOPAssessment{
		Identifiable:     ptr(true),
		DutyOfConfidence: ptr(false),
		HealthOrCare:     ptr(false),
		Anonymised:       ptr(false),
		AssessedBy:       assessedBy,
		AssessedAt:       at,
	}
}

func dpia(required bool, progress model.DPIAProgress, link string) model.DPIA {
	return model.DPIA{Required: ptr(required), Progress: progress, Link: link}
}
