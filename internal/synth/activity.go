package synth

import (
	"fmt"
	"time"

	"github.com/ropadesk/ropadesk/model"
)

// theme is one kind of processing, with the values that make sense for it;
// activities vary around it.
type theme struct {
	function   string
	names      []string
	subjects   []string
	data       []string
	purposes   []string
	recipients []string
	bases      []model.LawfulBasis
	special    []model.SpecialCategory
	art9       []model.Article9Condition
	sch1       []model.Schedule1Condition
	criminal   bool
	health     bool // confidential patient information may be involved
}

var themes = []theme{
	{
		function: "Clinical services", health: true,
		names:      []string{"Care records", "Referrals", "Appointments", "Discharge summaries", "Prescribing", "Clinical audit", "Community nursing visits", "Mental health assessments"},
		subjects:   []string{"Patients", "Service users", "Carers", "Next of kin", "Referrers"},
		data:       []string{"Name", "Address", "Date of birth", "NHS number", "Clinical notes", "Medication", "Test results", "GP details"},
		purposes:   []string{"Provide direct care", "Coordinate care with other services", "Keep people safe", "Audit the quality of care"},
		recipients: []string{"GPs", "NHS trusts", "Local authority adult social care", "Pharmacies", "Ambulance service"},
		bases:      []model.LawfulBasis{model.BasisPublicTask, model.BasisLegalObligation, model.BasisVitalInterests},
		special:    []model.SpecialCategory{model.SpecialHealth, model.SpecialGenetic, model.SpecialSexLifeOrientation, model.SpecialRacialEthnicOrigin},
		art9:       []model.Article9Condition{model.Art9HealthSocialCare, model.Art9VitalInterests, model.Art9PublicHealth},
		sch1:       []model.Schedule1Condition{"sch1_para2", "sch1_para3"},
	},
	{
		function: "Research", health: true,
		names:      []string{"Clinical trial recruitment", "Cohort study", "Genomics research", "Service evaluation", "Population health analysis"},
		subjects:   []string{"Patients", "Research participants", "Healthy volunteers"},
		data:       []string{"Name", "Date of birth", "NHS number", "Postcode", "Clinical notes", "Genetic sequence", "Questionnaire answers"},
		purposes:   []string{"Health research", "Plan services", "Evaluate a new service"},
		recipients: []string{"University research team", "Sponsor", "Health Research Authority", "NHS England"},
		bases:      []model.LawfulBasis{model.BasisPublicTask, model.BasisLegitimateInterests, model.BasisConsent},
		special:    []model.SpecialCategory{model.SpecialHealth, model.SpecialGenetic, model.SpecialRacialEthnicOrigin},
		art9:       []model.Article9Condition{model.Art9ArchivingResearch, model.Art9ExplicitConsent},
		sch1:       []model.Schedule1Condition{"sch1_para4"},
	},
	{
		function:   "Human resources",
		names:      []string{"Payroll", "Recruitment", "Sickness absence", "DBS checks", "Occupational health", "Equality monitoring", "Disciplinary cases", "Trade union subscriptions"},
		subjects:   []string{"Staff", "Job applicants", "Volunteers", "Former staff", "Contractors"},
		data:       []string{"Name", "Address", "National Insurance number", "Bank details", "Salary", "Sickness records", "Criminal record check", "Ethnicity"},
		purposes:   []string{"Pay staff", "Recruit staff", "Manage attendance", "Meet employment law", "Monitor equality of opportunity"},
		recipients: []string{"HMRC", "Pension scheme", "Occupational health provider", "Disclosure and Barring Service", "Payroll bureau"},
		bases:      []model.LawfulBasis{model.BasisContract, model.BasisLegalObligation, model.BasisLegitimateInterests},
		special:    []model.SpecialCategory{model.SpecialHealth, model.SpecialTradeUnionMembership, model.SpecialRacialEthnicOrigin, model.SpecialReligiousBeliefs, model.SpecialBiometric},
		art9:       []model.Article9Condition{model.Art9EmploymentSocialSecurity, model.Art9SubstantialPublicInterest},
		sch1:       []model.Schedule1Condition{"sch1_para1", "sch1_para8", "sch1_para6"},
		criminal:   true,
	},
	{
		function:   "Fundraising",
		names:      []string{"Donations", "Gift Aid claims", "Legacy giving", "Events", "Supporter newsletter"},
		subjects:   []string{"Donors", "Supporters", "Event participants"},
		data:       []string{"Name", "Address", "Email", "Donation history", "Gift Aid declaration", "Bank details"},
		purposes:   []string{"Take donations", "Claim Gift Aid", "Thank supporters", "Send news by consent"},
		recipients: []string{"HMRC", "Payment processor", "Mailing house"},
		bases:      []model.LawfulBasis{model.BasisConsent, model.BasisLegitimateInterests, model.BasisLegalObligation},
		special:    []model.SpecialCategory{model.SpecialHealth, model.SpecialReligiousBeliefs, model.SpecialPoliticalOpinions},
		art9:       []model.Article9Condition{model.Art9ExplicitConsent, model.Art9NotForProfit, model.Art9MadePublic},
	},
	{
		function:   "Safeguarding",
		names:      []string{"Safeguarding referrals", "Child protection", "Adult safeguarding reviews", "Missing person reports"},
		subjects:   []string{"Children", "Adults at risk", "Families", "Alleged perpetrators", "Staff"},
		data:       []string{"Name", "Address", "Date of birth", "Family details", "Concerns raised", "Police reference"},
		purposes:   []string{"Protect children and adults at risk", "Share information with partners"},
		recipients: []string{"Police", "Local authority children's services", "Courts", "Multi-agency safeguarding hub"},
		bases:      []model.LawfulBasis{model.BasisPublicTask, model.BasisLegalObligation, model.BasisVitalInterests},
		special:    []model.SpecialCategory{model.SpecialHealth, model.SpecialSexLifeOrientation, model.SpecialRacialEthnicOrigin},
		art9:       []model.Article9Condition{model.Art9SubstantialPublicInterest, model.Art9LegalClaims, model.Art9VitalInterests},
		sch1:       []model.Schedule1Condition{"sch1_para18", "sch1_para10"},
		criminal:   true,
	},
	{
		function:   "Facilities",
		names:      []string{"CCTV", "Visitor sign-in", "Building access cards", "Car parking permits"},
		subjects:   []string{"Visitors", "Staff", "Patients", "Members of the public"},
		data:       []string{"Images", "Name", "Vehicle registration", "Access times", "Fingerprint template"},
		purposes:   []string{"Keep premises secure", "Prevent and detect crime", "Manage parking"},
		recipients: []string{"Police", "Security contractor", "Insurers"},
		bases:      []model.LawfulBasis{model.BasisLegitimateInterests, model.BasisPublicTask, model.BasisRecognisedLegitimateInterest},
		special:    []model.SpecialCategory{model.SpecialBiometric},
		art9:       []model.Article9Condition{model.Art9ExplicitConsent, model.Art9SubstantialPublicInterest},
		sch1:       []model.Schedule1Condition{"sch1_para10"},
	},
	{
		function:   "Communications",
		names:      []string{"Website analytics", "Complaints", "Freedom of information requests", "Patient feedback", "Media enquiries", "Newsletter"},
		subjects:   []string{"Members of the public", "Patients", "Complainants", "Journalists", "Website visitors"},
		data:       []string{"Name", "Email", "Telephone", "IP address", "Complaint details", "Cookie identifiers"},
		purposes:   []string{"Answer complaints", "Improve the website", "Meet FOI duties", "Send news by consent"},
		recipients: []string{"Parliamentary and Health Service Ombudsman", "Analytics provider", "Email service provider"},
		bases:      []model.LawfulBasis{model.BasisConsent, model.BasisLegalObligation, model.BasisPublicTask, model.BasisLegitimateInterests},
		special:    []model.SpecialCategory{model.SpecialHealth, model.SpecialPoliticalOpinions},
		art9:       []model.Article9Condition{model.Art9ExplicitConsent, model.Art9LegalClaims},
		sch1:       []model.Schedule1Condition{"sch1_para6"},
	},
	{
		function:   "Finance",
		names:      []string{"Invoicing", "Supplier payments", "Debt recovery", "Private patient billing", "Expenses claims"},
		subjects:   []string{"Customers", "Suppliers", "Private patients", "Staff"},
		data:       []string{"Name", "Address", "Bank details", "Invoice amounts", "Payment history"},
		purposes:   []string{"Take payment", "Pay suppliers", "Recover debts", "Meet tax law"},
		recipients: []string{"Bank", "Auditors", "HMRC", "Debt collection agency"},
		bases:      []model.LawfulBasis{model.BasisContract, model.BasisLegalObligation, model.BasisLegitimateInterests},
	},
}

var (
	sources    = []string{"The person themselves", "Referrers", "GPs", "Other NHS organisations", "Local authority", "Employment agencies", "Public sources"}
	locations  = []string{"Electronic patient record", "HR system", "Finance system", "Microsoft 365", "Paper files in locked cabinets", "Case management system", "Cloud CRM"}
	retentions = []string{"8 years after last contact, then securely destroyed.", "6 years after the end of the financial year.",
		"Until the child's 25th birthday, or 8 years after death.", "30 days, unless needed for an investigation.",
		"6 years after employment ends.", "20 years after the trial ends, as the sponsor requires."}
	security = []string{"Role-based access, encryption at rest and in transit, audit logs reviewed monthly.",
		"Access limited to named staff; multi-factor authentication; annual penetration test.",
		"Locked cabinets in a secure office; clear desk policy; cross-cut shredding.",
		"Cyber Essentials Plus; data kept in UK data centres; supplier contract with audit rights."}
	countries   = []string{"United States", "India", "Philippines", "European Union", "Switzerland", "Australia"}
	safeguards  = []string{"UK International Data Transfer Agreement", "EU SCCs with the UK Addendum", "UK adequacy regulations", "Binding corporate rules"}
	controllers = []string{"Ashby Primary Care Network", "Northfield Integrated Care Board", "Kingsbridge Borough Council"}
)

// ndopKinds are the NDOP assessments made for activities of health
// organisations that may hold confidential patient information, chosen to
// reach every verdict and most of the routes to it.
const ndopKinds = 15

func (g *gen) activity(i int) model.Activity {
	org := &g.orgs[g.r.IntN(len(g.orgs))]
	t := &themes[g.r.IntN(len(themes))]
	if org.NDOPInScope && g.chance(40) {
		t = &themes[g.r.IntN(2)] // health organisations do mostly health work
	}
	created := g.daysBefore(3 * 365)
	a := model.Activity{
		ID:               g.id(),
		OrganisationID:   org.ID,
		Role:             model.RoleController,
		BusinessFunction: t.function,
		Name:             fmt.Sprintf("%s %05d", g.one(t.names), i+1),
		Status:           model.StatusActive,
		Purposes:         g.some(t.purposes, 1, 3),
		DataSubjects:     g.some(t.subjects, 1, 3),
		PersonalData:     g.some(t.data, 2, 6),
		Recipients:       g.some(t.recipients, 0, 3),
		Retention:        g.one(retentions),
		SecurityMeasures: g.one(security),
		Sources:          g.some(sources, 1, 3),
		Locations:        g.some(locations, 1, 2),
		CreatedAt:        created,
		UpdatedAt:        created.Add(time.Duration(g.r.IntN(400*24)) * time.Hour),
	}
	if a.UpdatedAt.After(Epoch) {
		a.UpdatedAt = Epoch
	}
	a.Description = fmt.Sprintf("%s of %s by the %s team at %s, to %s.", a.Name, lower(a.DataSubjects[0]),
		lower(t.function), org.Name, lower(a.Purposes[0]))
	switch k := g.r.IntN(20); {
	case k < 2:
		a.Status = model.StatusDraft
	case k < 3:
		a.Status = model.StatusRetired
	}
	switch k := g.r.IntN(20); {
	case k < 2 && len(org.Roles) > 1:
		a.Role = model.RoleProcessor
		a.ControllersServed = g.some(controllers, 1, 2)
		a.ProcessorContractLink = fmt.Sprintf("https://contracts.example.org/dpa/%d", i+1)
	case k < 3:
		a.Role = model.RoleJointController
		a.JointControllers = g.some(controllers, 1, 2)
	}
	g.bases(&a, t, i)
	g.special(&a, t, i)
	g.sharing(&a, i)
	g.risk(&a, i)
	if t.health && org.NDOPInScope {
		g.ndop(&a, i)
	} else if g.chance(5) {
		a.NDOP.InScopeOverride = ptr(false)
	}
	g.overrides(&a)
	g.reviews(&a)
	if g.chance(10) {
		a.Extra = []model.ExtraField{{Heading: "Information asset owner", Value: g.one(people)}}
	}
	return a
}

func (g *gen) bases(a *model.Activity, t *theme, i int) {
	// One activity in forty has no basis yet: a finding the checks raise.
	if g.chance(2) {
		return
	}
	for _, j := range g.r.Perm(len(t.bases))[:1+g.r.IntN(min(2, len(t.bases)))] {
		b := t.bases[j]
		c := model.BasisClaim{Basis: b, Reason: fmt.Sprintf("We rely on %s because %s.", lower(model.LabelOf(model.LawfulBases, b)), lower(a.Purposes[0]))}
		if g.chance(5) {
			c.Reason = ""
		}
		a.LawfulBases = append(a.LawfulBases, c)
		switch b {
		case model.BasisLegitimateInterests:
			a.LegitimateInterests = "Running the organisation efficiently, in ways people would reasonably expect."
			if g.chance(85) {
				a.LIALink = fmt.Sprintf("https://intranet.example.org/lia/%d", i+1)
			}
		case model.BasisConsent:
			if g.chance(85) {
				a.ConsentRecordLink = fmt.Sprintf("https://intranet.example.org/consent/%d", i+1)
			}
		case model.BasisRecognisedLegitimateInterest:
			// Facilities: CCTV to prevent and detect crime (Annex 1).
			a.RecognisedInterest = model.RecognisedInterest{Condition: model.RLICrime,
				Necessity: "CCTV footage is needed to detect and prevent crime on the premises."}
		}
	}
}

func (g *gen) special(a *model.Activity, t *theme, i int) {
	if len(t.special) > 0 && g.chance(60) {
		for _, j := range g.r.Perm(len(t.special))[:1+g.r.IntN(min(2, len(t.special)))] {
			a.SpecialCategories = append(a.SpecialCategories, t.special[j])
		}
		if g.chance(95) {
			for _, j := range g.r.Perm(len(t.art9))[:1+g.r.IntN(min(2, len(t.art9)))] {
				c := t.art9[j]
				a.Article9Conditions = append(a.Article9Conditions, model.ConditionClaim{
					Condition: c, Reason: "Needed for " + lower(a.Purposes[0]) + ".",
				})
			}
		}
		if len(t.sch1) > 0 && g.chance(90) {
			a.Schedule1Conditions = []model.Schedule1Condition{t.sch1[g.r.IntN(len(t.sch1))]}
		}
		a.LargeScale = g.chance(30)
	}
	if t.criminal && g.chance(30) {
		a.CriminalOffenceData = true
		a.Article10Basis = "DPA 2018 Schedule 1 paragraph 10, preventing or detecting unlawful acts."
		a.Schedule1Conditions = append(a.Schedule1Conditions, "sch1_para36")
	}
	if len(a.Schedule1Conditions) > 0 && g.chance(85) {
		a.Paragraph41 = model.Paragraph41{
			APDLink:             fmt.Sprintf("https://intranet.example.org/apd/%d", i%50+1),
			Article6Explanation: "The Article 6 basis above covers the processing; the APD sets out how the principles are met.",
			RetainedPerPolicy:   ptr(g.chance(90)),
			RetentionPolicyLink: "https://intranet.example.org/policies/retention",
		}
		if !*a.Paragraph41.RetainedPerPolicy {
			a.Paragraph41.NotAdheringReason = "Legacy paper files are being reviewed for destruction."
		}
	}
}

func (g *gen) sharing(a *model.Activity, i int) {
	if g.chance(12) {
		for range 1 + g.r.IntN(2) {
			tr := model.Transfer{Destination: g.one(countries), Safeguard: g.one(safeguards)}
			switch k := g.r.IntN(20); {
			case k == 0:
				tr.Safeguard = ""
			case k == 1:
				tr.Exceptional = true
				tr.Safeguard = "Article 49(1) explicit consent; safeguards documented in the transfer risk assessment."
			}
			a.Transfers = append(a.Transfers, tr)
		}
	}
	if g.chance(8) {
		a.AutomatedDecisions = model.AutomatedDecisions{Exists: true,
			Description:        "A risk score prioritises cases; a person reviews every decision.",
			SignificantEffects: g.chance(20)}
	}
	if g.chance(3) {
		a.Breach = model.Breach{Occurred: true, Link: fmt.Sprintf("https://intranet.example.org/breach/%d", i+1)}
	}
	if g.chance(3) {
		a.Retention = ""
	}
	if g.chance(3) {
		a.SecurityMeasures = ""
	}
}

func (g *gen) risk(a *model.Activity, i int) {
	switch k := g.r.IntN(10); {
	case k == 0:
		// No DPIA decision yet.
	case k < 5 || a.LargeScale:
		a.DPIA = model.DPIA{Required: ptr(true), Progress: model.DPIAProgresses[g.r.IntN(3)].Code,
			Link: fmt.Sprintf("https://intranet.example.org/dpia/%d", i+1)}
	default:
		a.DPIA = model.DPIA{Required: ptr(false)}
	}
}

func (g *gen) overrides(a *model.Activity) {
	if g.chance(5) {
		r := model.Rights[g.r.IntN(len(model.Rights))].Code
		a.RightOverrides = []model.RightOverride{{Right: r, Available: g.chance(50),
			Reason: "The DPO's assessment of the statutory exemption is on file."}}
	}
}

// reviews adds none to three reviews over the last three years, the later
// ones often made in a review cycle.
func (g *gen) reviews(a *model.Activity) {
	n := g.r.IntN(4)
	start := Epoch.AddDate(-3, 0, 0)
	for k := range n {
		d := start.AddDate(k, g.r.IntN(12), g.r.IntN(28))
		if d.After(Epoch) {
			d = Epoch
		}
		rv := model.Review{ID: g.id(), Date: d, Reviewer: g.one(people),
			Outcome: model.OutcomeNoChange, Notes: "Checked with the information asset owner."}
		switch j := g.r.IntN(10); {
		case j < 2:
			rv.Outcome = model.OutcomeChanged
			rv.Notes = "Recipients and retention updated."
		case j < 3 && k == n-1 && a.Status == model.StatusRetired:
			rv.Outcome = model.OutcomeRetired
		}
		for _, c := range g.cycles {
			if !d.Before(c.StartedAt) && (c.SignOff == nil || d.Before(c.SignOff.Date)) {
				rv.CycleID = c.ID
			}
		}
		rv.NDOPConfirmed = a.NDOP.AssessedBy != "" && g.chance(70)
		a.Reviews = append(a.Reviews, rv)
	}
}

// ndop fills the opt-out assessment with one of ndopKinds patterns.
func (g *gen) ndop(a *model.Activity, i int) {
	n := &a.NDOP
	assessed := func() {
		n.AssessedBy = g.one(people)
		n.AssessedAt = g.daysBefore(500)
	}
	cpi := func() {
		n.Anonymised = ptr(false)
		n.Identifiable, n.DutyOfConfidence, n.HealthOrCare = ptr(true), ptr(true), ptr(true)
	}
	switch i % ndopKinds {
	case 0: // not assessed
	case 1:
		n.Anonymised = ptr(false)
		n.Identifiable = ptr(true) // stops at the remaining CPI tests
	case 2:
		n.Anonymised = ptr(true)
		n.AnonymisationJustification = "Aggregated to local authority level with small numbers suppressed."
		assessed()
	case 3:
		n.Anonymised = ptr(false)
		n.Identifiable = ptr(false)
		assessed()
	case 4:
		cpi()
		n.Purpose, n.ConfidentialityBasis = model.PurposeIndividualCare, model.ConfImpliedConsent
		assessed()
	case 5:
		cpi()
		n.Purpose = model.PurposeLocalClinicalAudit
		assessed()
	case 6:
		cpi()
		n.Purpose, n.ConfidentialityBasis = model.PurposeResearch, model.ConfExplicitConsent
		assessed()
	case 7, 8:
		cpi()
		n.Purpose, n.ConfidentialityBasis = model.PurposePlanning, model.ConfS251
		n.Evidence = fmt.Sprintf("CAG %02d/CAG/%04d", 18+i%8, i%10000)
		n.NHSNumberAvailable = ptr(true)
		n.CheckMethod = model.OptOutCheckMethods[i%2].Code
		if i%3 != 0 {
			n.LastChecked = g.daysBefore(60)
			n.OnlyReturnedNumbers = true
		}
		assessed()
	case 9:
		cpi()
		n.Purpose, n.ConfidentialityBasis = model.PurposeCommissioning, model.ConfImpliedConsent
		assessed()
	case 10:
		cpi()
		n.Purpose, n.ConfidentialityBasis = model.PurposeInvoiceValidation, model.ConfS251
		n.S251NDOPExempt = true
		n.Evidence = "CAG 7-07(a-c)/2013 invoice validation approval"
		assessed()
	case 11:
		cpi()
		n.Purpose, n.ConfidentialityBasis = model.PurposeServiceEvaluation, model.ConfLegalRequirement
		n.Evidence = "Health and Social Care Act 2012 s259 direction"
		assessed()
	case 12:
		cpi()
		n.Purpose = model.PurposeOtherBeyondCare
		n.ConfidentialityBasis = []model.ConfidentialityBasis{model.ConfCourtOrder, model.ConfPublicInterest,
			model.ConfPolicyExemption, model.ConfCOPIReg3}[g.r.IntN(4)]
		switch n.ConfidentialityBasis {
		case model.ConfPolicyExemption:
			n.PolicyExemption = "Safeguarding"
		case model.ConfCOPIReg3:
		default:
			n.Evidence = "Recorded in the Caldicott Guardian's decision log."
		}
		assessed()
	case 13:
		cpi()
		n.Purpose, n.ConfidentialityBasis = model.PurposeResearch, model.ConfS251
		n.NHSNumberAvailable = ptr(false)
		n.NHSNumberDisproportionateEffort = true
		n.DisproportionateEffortReason = "Records predate NHS number use and tracing them would take years."
		assessed()
	case 14:
		cpi()
		n.Purpose, n.ConfidentialityBasis = model.PurposeResearch, model.ConfNone
		if g.chance(50) {
			n.InScopeOverride = ptr(true)
		}
	}
}

func lower(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' && !(len(b) > 1 && b[1] >= 'A' && b[1] <= 'Z') {
		b[0] += 'a' - 'A'
	}
	return string(b)
}
