package exchange

import (
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// The example's information asset register and supplier list (DSPT 1.1.2,
// 7.1, 10.1.2): the systems the two privacy notices imply and the suppliers
// behind them. Supplier names are invented stand-ins, as the contact
// details are; ids are fixed like the rest of the example.

var (
	idSupEPR       = uuid.MustParse("01a20684-33a0-7000-8a00-000000000001")
	idSupHosting   = uuid.MustParse("01a20684-33a0-7000-8a00-000000000002")
	idSupPayments  = uuid.MustParse("01a20684-33a0-7000-8a00-000000000003")
	idSupAnalytics = uuid.MustParse("01a20684-33a0-7000-8a00-000000000004")
	idSupMessaging = uuid.MustParse("01a20684-33a0-7000-8a00-000000000005")
	idSupCLWCase   = uuid.MustParse("01a20684-33a0-7000-8a00-000000000006")
	idSupCLWDSA    = uuid.MustParse("01a20684-33a0-7000-8a00-000000000007")
	idSupC27       = uuid.MustParse("01a20684-33a0-7000-8a00-000000000008")
	idSupEmail     = uuid.MustParse("01a20684-33a0-7000-8a00-000000000009")
)

// Activity ids of the example, by the names the asset links use.
var (
	actCare         = uuid.MustParse("01a20684-3379-792b-b106-8796fe0bf2c0")
	actAccount      = uuid.MustParse("01a20684-337a-7a75-9fd4-f205628105cb")
	actPayments     = uuid.MustParse("01a20684-337b-7bde-b0ea-19cc2da90594")
	actComms        = uuid.MustParse("01a20684-337c-7d22-839a-b477b1d1e9dc")
	actResearch     = uuid.MustParse("01a20684-337d-7e8a-8863-91ec29eecf57")
	actHCP          = uuid.MustParse("01a20684-337f-716e-94ef-652b9552f63c")
	actLegal        = uuid.MustParse("01a20684-3380-7315-baad-3e58c95011dd")
	actSafeguarding = uuid.MustParse("01a20684-3381-74e7-b99b-4fbae11742a6")
	actNotifiable   = uuid.MustParse("01a20684-3382-7689-8a08-cc05d587a930")
	actWeb          = uuid.MustParse("01a20684-3383-7887-954d-37211d5f2760")
	actCNWL         = uuid.MustParse("01a20684-3384-7a38-8532-834e58ec5b0e")
	actKCMind       = uuid.MustParse("01a20684-3385-7c00-94ac-428333bd86ec")
	actJobs         = uuid.MustParse("01a20684-3386-7db3-b055-0c149a29ebbd")
	actSMART        = uuid.MustParse("01a20684-3388-705f-9808-6d3393f2ad1e")
	actBWW          = uuid.MustParse("01a20684-3389-7218-a4c8-8a5104504b6d")
	actKCSC         = uuid.MustParse("01a20684-338a-73e3-a23e-89fe5168107e")
	actNewsletter   = uuid.MustParse("01a20684-338b-75cf-995c-373fa92c8922")
	actWebsite      = uuid.MustParse("01a20684-338c-778b-891b-a9d0d1ee5650")
	actReferrals    = uuid.MustParse("01a20684-338d-79c0-8aa8-d3277306a0d7")
)

// exampleOwners names who is responsible for each activity (DSPT 1.1.2
// column 12).
var exampleOwners = map[uuid.UUID]string{
	actCare: "Clinical Director", actAccount: "Head of Digital Services", actPayments: "Finance Manager",
	actComms: "Service User Support Manager", actResearch: "Clinical Governance Lead", actHCP: "Clinical Director",
	actLegal: "Company Secretary", actSafeguarding: "Safeguarding Lead", actNotifiable: "Clinical Director",
	actWeb:  "Head of Digital Services",
	actCNWL: "CLW Service Manager (CNWL)", actKCMind: "CLW Wellbeing Lead (K&C Mind)", actJobs: "Employment Service Manager (Jobs in Mind)",
	actSMART: "Courses Manager (SMART)", actBWW: "Wellbeing Services Manager (BWW Mind)", actKCSC: "Community Connector Lead (KCSC)",
	actNewsletter: "Communications Officer (K&C Mind)", actWebsite: "Digital Officer (K&C Mind)", actReferrals: "CLW Service Manager (CNWL)",
}

func exampleSuppliers() []model.Supplier {
	return []model.Supplier{
		{
			ID: idSupEPR, Name: "Example Clinical Systems Ltd (clinical record system)", Role: model.SupplierProcessor,
			Agreement: model.AgreementContract, AgreementLink: mhwsIntranet + "contracts/clinical-system-data-processing-agreement.pdf",
			SignedOn: day(2024, 4, 1), EndsOn: day(2029, 3, 31),
			Certifications: []model.Certification{{Name: "ISO/IEC 27001:2022", Expires: day(2028, 2, 28)}, {Name: "Cyber Essentials Plus", Expires: day(2027, 8, 31)}},
			DSPTStatus:     model.DSPTExceeded, DSPTOrgCode: "8JX01",
			Locations: []string{"United Kingdom (London and Manchester data centres)"}, SubProcessors: []string{"UK cloud hosting provider (London region)"},
			ActivityIDs: []uuid.UUID{actCare, actComms, actHCP, actLegal, actSafeguarding, actNotifiable},
		},
		{
			ID: idSupHosting, Name: "Example Web Hosting Ltd (online account platform)", Role: model.SupplierProcessor,
			Agreement: model.AgreementContract, AgreementLink: mhwsIntranet + "contracts/web-hosting-data-processing-agreement.pdf",
			SignedOn: day(2025, 1, 6), EndsOn: day(2028, 1, 5),
			Certifications: []model.Certification{{Name: "ISO/IEC 27001:2022", Expires: day(2027, 11, 30)}},
			DSPTStatus:     model.DSPTMet, DSPTOrgCode: "8KB22",
			Locations:   []string{"United Kingdom (UK data centre)"},
			ActivityIDs: []uuid.UUID{actAccount, actWeb},
		},
		{
			ID: idSupPayments, Name: "Example Payments Europe Ltd (payment provider)", Role: model.SupplierProcessor,
			Agreement: model.AgreementContract, AgreementLink: mhwsIntranet + "contracts/payment-provider-terms.pdf",
			SignedOn:       day(2025, 2, 1),
			Certifications: []model.Certification{{Name: "PCI DSS Level 1 attestation of compliance", Expires: day(2027, 9, 30)}},
			DSPTStatus:     model.DSPTNotApplicable,
			Locations:      []string{"Ireland"}, TransferMechanism: model.SafeguardAdequacy,
			Notes:       "Standard online terms with a data processing addendum, rolling with no fixed end; reviewed each year.",
			ActivityIDs: []uuid.UUID{actPayments},
		},
		{
			ID: idSupAnalytics, Name: "Example Analytics Inc. (website analytics)", Role: model.SupplierProcessor,
			Agreement: model.AgreementContract, AgreementLink: mhwsIntranet + "contracts/analytics-data-processing-terms.pdf",
			SignedOn: day(2025, 6, 1), EndsOn: day(2028, 5, 31),
			DSPTStatus: model.DSPTNotApplicable,
			Locations:  []string{"United States"}, TransferMechanism: model.SafeguardAdequacy,
			Notes:       "Certified under the UK Extension to the EU-US Data Privacy Framework.",
			ActivityIDs: []uuid.UUID{actWeb},
		},
		{
			ID: idSupMessaging, Name: "Example Messaging Ltd (text and email reminders)", Role: model.SupplierProcessor,
			Agreement: model.AgreementContract, AgreementLink: mhwsIntranet + "contracts/messaging-data-processing-agreement.pdf",
			SignedOn: day(2025, 3, 1), EndsOn: day(2028, 2, 29),
			Certifications: []model.Certification{{Name: "Cyber Essentials", Expires: day(2027, 6, 30)}},
			DSPTStatus:     model.DSPTMet, DSPTOrgCode: "8HQ47",
			Locations:   []string{"United Kingdom"},
			ActivityIDs: []uuid.UUID{actComms},
		},
		{
			ID: idSupCLWCase, Name: "Example Case Systems Ltd (CLW case-management system)", Role: model.SupplierProcessor,
			Agreement: model.AgreementContract, AgreementLink: clwIntranet + "governance/case-system-data-processing-agreement.pdf",
			SignedOn: day(2025, 4, 1), EndsOn: day(2030, 3, 31),
			Certifications: []model.Certification{{Name: "ISO/IEC 27001:2022", Expires: day(2028, 6, 30)}},
			DSPTStatus:     model.DSPTMet, DSPTOrgCode: "8LM09",
			Locations:   []string{"United Kingdom"},
			ActivityIDs: []uuid.UUID{actCNWL, actKCMind, actJobs, actSMART, actBWW, actKCSC},
		},
		{
			ID: idSupCLWDSA, Name: "Community Living Well partners (information sharing agreement)", Role: model.SupplierPartner,
			Agreement: model.AgreementDataSharing, AgreementLink: clwAgreement,
			SignedOn: day(2025, 4, 1), EndsOn: day(2028, 3, 31),
			DSPTStatus:  model.DSPTMet,
			Locations:   []string{"United Kingdom"},
			Notes:       "Signed by all six partners; each partner's DSPT status is checked when the agreement is reviewed.",
			ActivityIDs: []uuid.UUID{actCNWL, actKCMind, actJobs, actSMART, actBWW, actKCSC, actReferrals},
		},
		{
			ID: idSupC27, Name: "C27 (Community Living Well website hosting)", Role: model.SupplierProcessor,
			Agreement: model.AgreementContract, AgreementLink: clwAgreement,
			SignedOn: day(2025, 4, 1), EndsOn: day(2028, 3, 31),
			DSPTStatus:  model.DSPTNotApplicable,
			Locations:   []string{"United Kingdom"},
			ActivityIDs: []uuid.UUID{actWebsite},
		},
		{
			ID: idSupEmail, Name: "Example Mail Inc. (newsletter email provider)", Role: model.SupplierProcessor,
			Agreement: model.AgreementContract, AgreementLink: clwIntranet + "kcmind/email-provider-dpa.pdf",
			SignedOn: day(2025, 5, 1), EndsOn: day(2028, 4, 30),
			DSPTStatus: model.DSPTNotApplicable,
			Locations:  []string{"United States"}, TransferMechanism: model.SafeguardIDTA,
			ActivityIDs: []uuid.UUID{actNewsletter},
		},
	}
}

func exampleAssets() []model.InformationAsset {
	asset := func(id, name string) model.InformationAsset {
		return model.InformationAsset{ID: uuid.MustParse(id), Name: name, CreatedAt: created, UpdatedAt: reviewed2026}
	}
	epr := asset("01a20684-33b0-7000-8b00-000000000001", "Clinical record system")
	epr.Description = "The electronic care record for every MHWS service user."
	epr.Software, epr.Hosting, epr.HostedAt, epr.Country = "Example Clinical Systems EPR (software as a service)", model.HostingSupplier, "Supplier's London and Manchester data centres", "United Kingdom"
	epr.Owner, epr.Administrator = "Clinical Director", "Clinical Systems Manager"
	epr.Criticality = model.CriticalityCritical
	epr.Dependencies = []string{"Internet connection at the clinic", "NHS login for staff (single sign-on)", "Supplier's hosting"}
	epr.Impact = model.Impact{Confidentiality: model.ImpactHigh, Integrity: model.ImpactHigh, Availability: model.ImpactHigh}
	epr.SupportMaintenance = "Supplier support 8am to 8pm every day under the contract, 4-hour fix for priority 1 incidents; upgrades quarterly, tested first in the training environment."
	epr.Retention = "As the care record: 20 years after the last contact, or 8 years after death."
	epr.ContinuityNotes = "Read-only copy refreshed nightly for downtime; paper downtime forms at the clinic; restore tested every six months."
	epr.SupplierIDs = []uuid.UUID{idSupEPR}
	epr.ActivityIDs = []uuid.UUID{actCare, actComms, actHCP, actLegal, actSafeguarding, actNotifiable}

	paper := asset("01a20684-33b0-7000-8b00-000000000002", "Paper clinical records store")
	paper.Hosting, paper.HostedAt, paper.Country = model.HostingPaper, "Locked records room at the MHWS clinic", "United Kingdom"
	paper.Owner, paper.Administrator = "Clinical Director", "Medical Records Administrator"
	paper.Criticality = model.CriticalityMedium
	paper.Impact = model.Impact{Confidentiality: model.ImpactHigh, Integrity: model.ImpactMedium, Availability: model.ImpactLow}
	paper.SupportMaintenance = "Records room checked monthly; off-site archive contract for closed records."
	paper.ActivityIDs = []uuid.UUID{actCare}

	account := asset("01a20684-33b0-7000-8b00-000000000003", "Online account platform")
	account.Software, account.Hosting, account.HostedAt, account.Country = "MHWS website and account portal", model.HostingCloud, "Hosting provider's UK data centre", "United Kingdom"
	account.Owner, account.Administrator = "Head of Digital Services", "Web Developer"
	account.Criticality = model.CriticalityHigh
	account.Dependencies = []string{"Website hosting", "Email delivery for password resets"}
	account.Impact = model.Impact{Confidentiality: model.ImpactHigh, Integrity: model.ImpactMedium, Availability: model.ImpactMedium}
	account.SupportMaintenance = "Hosting provider patches the platform monthly; MHWS digital team maintains the application."
	account.ContinuityNotes = "Service users can book by phone while the portal is down; daily backups kept for 30 days."
	account.SupplierIDs = []uuid.UUID{idSupHosting}
	account.ActivityIDs = []uuid.UUID{actAccount}

	pay := asset("01a20684-33b0-7000-8b00-000000000004", "Payment platform and finance system")
	pay.Software, pay.Hosting, pay.HostedAt, pay.Country = "Payment provider's hosted checkout; cloud accounting package", model.HostingSupplier, "Payment provider (Ireland); accounting package (UK)", "Ireland"
	pay.Owner, pay.Administrator = "Finance Manager", "Finance Officer"
	pay.Criticality = model.CriticalityMedium
	pay.Impact = model.Impact{Confidentiality: model.ImpactMedium, Integrity: model.ImpactHigh, Availability: model.ImpactLow}
	pay.SupportMaintenance = "Provider's online support under its standard terms; annual PCI DSS self-assessment by MHWS."
	pay.SupplierIDs = []uuid.UUID{idSupPayments}
	pay.ActivityIDs = []uuid.UUID{actPayments}

	analytics := asset("01a20684-33b0-7000-8b00-000000000005", "Website analytics")
	analytics.Software, analytics.Hosting, analytics.HostedAt, analytics.Country = "Example Analytics (cookie-consented)", model.HostingCloud, "Analytics provider", "United States"
	analytics.Owner, analytics.Administrator = "Head of Digital Services", "Digital Marketing Officer"
	analytics.Criticality = model.CriticalityLow
	analytics.Impact = model.Impact{Confidentiality: model.ImpactLow, Integrity: model.ImpactLow, Availability: model.ImpactLow}
	analytics.SupportMaintenance = "Provider's standard terms; configuration reviewed each quarter."
	analytics.Retention = "14 months."
	analytics.SupplierIDs = []uuid.UUID{idSupAnalytics, idSupHosting}
	analytics.ActivityIDs = []uuid.UUID{actWeb}

	crm := asset("01a20684-33b0-7000-8b00-000000000006", "Client relationship and messaging system")
	crm.Software, crm.Hosting, crm.Country = "Example Messaging reminders and contact preferences", model.HostingSupplier, "United Kingdom"
	crm.Owner, crm.Administrator = "Service User Support Manager", "Support Team Leader"
	crm.Criticality = model.CriticalityMedium
	crm.Impact = model.Impact{Confidentiality: model.ImpactMedium, Integrity: model.ImpactMedium, Availability: model.ImpactLow}
	crm.SupportMaintenance = "Supplier support in office hours under the contract."
	crm.SupplierIDs = []uuid.UUID{idSupMessaging}
	crm.ActivityIDs = []uuid.UUID{actComms}

	research := asset("01a20684-33b0-7000-8b00-000000000007", "Secure analysis environment")
	research.Hosting, research.HostedAt, research.Country = model.HostingOnPremises, "MHWS server, separate network segment", "United Kingdom"
	research.Owner, research.Administrator = "Clinical Governance Lead", "IT Manager"
	research.Criticality = model.CriticalityLow
	research.Impact = model.Impact{Confidentiality: model.ImpactHigh, Integrity: model.ImpactMedium, Availability: model.ImpactLow}
	research.SupportMaintenance = "IT Manager patches monthly; access reviewed each quarter."
	research.ActivityIDs = []uuid.UUID{actResearch}

	restricted := asset("01a20684-33b0-7000-8b00-000000000008", "Restricted legal and safeguarding folders")
	restricted.Software, restricted.Hosting, restricted.Country = "Cloud document store (restricted folders)", model.HostingCloud, "United Kingdom"
	restricted.Owner, restricted.Administrator = "Company Secretary", "IT Manager"
	restricted.Criticality = model.CriticalityMedium
	restricted.Impact = model.Impact{Confidentiality: model.ImpactHigh, Integrity: model.ImpactHigh, Availability: model.ImpactMedium}
	restricted.SupportMaintenance = "Vendor-managed service; folder permissions reviewed every quarter by the Safeguarding Lead."
	restricted.ActivityIDs = []uuid.UUID{actLegal, actSafeguarding}

	clw := asset("01a20684-33b0-7000-8b00-000000000009", "Community Living Well case-management system")
	clw.Software, clw.Hosting, clw.Country = "Example Case Systems (shared by the partnership)", model.HostingSupplier, "United Kingdom"
	clw.Owner, clw.Administrator = "CLW Service Manager (CNWL)", "CLW Systems Administrator (K&C Mind)"
	clw.Criticality = model.CriticalityHigh
	clw.Dependencies = []string{"Supplier's hosting", "Partners' secure email for referrals"}
	clw.Impact = model.Impact{Confidentiality: model.ImpactHigh, Integrity: model.ImpactHigh, Availability: model.ImpactMedium}
	clw.SupportMaintenance = "Supplier support under the partnership's contract; partners' administrators meet monthly."
	clw.ContinuityNotes = "Partners fall back to their own client records and secure email."
	clw.SupplierIDs = []uuid.UUID{idSupCLWCase}
	clw.ActivityIDs = []uuid.UUID{actCNWL, actKCMind, actJobs, actSMART, actBWW, actKCSC}

	cnwl := asset("01a20684-33b0-7000-8b00-00000000000a", "CNWL electronic patient record")
	cnwl.Software, cnwl.Hosting, cnwl.Country = "CNWL's trust-wide electronic patient record", model.HostingSupplier, "United Kingdom"
	cnwl.Owner, cnwl.Administrator = "CNWL Senior Information Risk Owner's delegate for CLW", "CNWL Clinical Systems Team"
	cnwl.Criticality = model.CriticalityCritical
	cnwl.Impact = model.Impact{Confidentiality: model.ImpactHigh, Integrity: model.ImpactHigh, Availability: model.ImpactHigh}
	cnwl.SupportMaintenance = "Run and supported by CNWL's IT department under the trust's own contracts."
	cnwl.ActivityIDs = []uuid.UUID{actCNWL, actReferrals}

	partners := asset("01a20684-33b0-7000-8b00-00000000000b", "Partners' own client records")
	partners.Description = "Each voluntary-sector partner's own client record system, holding its part of the shared service."
	partners.Hosting, partners.Country = model.HostingCloud, "United Kingdom"
	partners.Owner = "Each partner's information asset owner, named in the information sharing agreement"
	partners.Criticality = model.CriticalityMedium
	partners.Impact = model.Impact{Confidentiality: model.ImpactHigh, Integrity: model.ImpactMedium, Availability: model.ImpactMedium}
	partners.SupportMaintenance = "Each partner's own arrangements, listed in the information sharing agreement."
	partners.ActivityIDs = []uuid.UUID{actKCMind, actJobs, actSMART, actBWW, actKCSC}

	mail := asset("01a20684-33b0-7000-8b00-00000000000c", "Newsletter email service")
	mail.Software, mail.Hosting, mail.Country = "Example Mail", model.HostingCloud, "United States"
	mail.Owner, mail.Administrator = "Communications Officer (K&C Mind)", "Communications Assistant (K&C Mind)"
	mail.Criticality = model.CriticalityLow
	mail.Impact = model.Impact{Confidentiality: model.ImpactLow, Integrity: model.ImpactLow, Availability: model.ImpactLow}
	mail.SupportMaintenance = "Provider's standard terms."
	mail.SupplierIDs = []uuid.UUID{idSupEmail}
	mail.ActivityIDs = []uuid.UUID{actNewsletter}

	site := asset("01a20684-33b0-7000-8b00-00000000000d", "Community Living Well website")
	site.Software, site.Hosting, site.Country = "Content management system hosted by C27", model.HostingSupplier, "United Kingdom"
	site.Owner, site.Administrator = "Digital Officer (K&C Mind)", "C27 support desk"
	site.Criticality = model.CriticalityLow
	site.Impact = model.Impact{Confidentiality: model.ImpactLow, Integrity: model.ImpactMedium, Availability: model.ImpactLow}
	site.SupportMaintenance = "C27 patches and backs up the site under the partnership agreement."
	site.SupplierIDs = []uuid.UUID{idSupC27}
	site.ActivityIDs = []uuid.UUID{actWebsite}

	return []model.InformationAsset{epr, paper, account, pay, analytics, crm, research, restricted, clw, cnwl, partners, mail, site}
}

// exampleICONumbers are the partners' ICO registration numbers (DSPT
// 1.1.3), invented in the shape the ICO issues them; MHWS's is set with
// its details.
var exampleICONumbers = map[uuid.UUID]string{
	idJobsInMind: "ZB004311", idSMART: "ZB004322", idKCMind: "ZB004333",
	idCNWL: "ZB004218", idBWWMind: "ZB004344", idKCSC: "ZB004355",
}

// addExampleAssets gives the example its owners, assets and suppliers, and
// the partners their ICO registration numbers.
func addExampleAssets(r *model.Register) {
	for i := range r.Organisations {
		if n, ok := exampleICONumbers[r.Organisations[i].ID]; ok {
			r.Organisations[i].ICORegistration = n
		}
	}
	for i := range r.Activities {
		r.Activities[i].Owner = exampleOwners[r.Activities[i].ID]
	}
	r.InformationAssets = exampleAssets()
	r.Suppliers = exampleSuppliers()
	for i := range r.Suppliers {
		r.Suppliers[i].CreatedAt, r.Suppliers[i].UpdatedAt = created, reviewed2026
	}
}
