package exchange

import (
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// MHWS links: invented intranet addresses standing in for the documents a
// real DPO would link to.
const (
	mhwsIntranet     = "https://intranet.mhws.example.org/"
	mhwsAPD          = mhwsIntranet + "policies/appropriate-policy-document.pdf"
	mhwsRecordPolicy = mhwsIntranet + "policies/record-keeping-policy.pdf"
	mhwsCareDPIA     = mhwsIntranet + "dpia/2025-03-care-records.pdf"
)

var (
	mhwsServiceUsers    = "Service users (NHS-funded and private)"
	mhwsRepresentatives = "Service user representatives (parents, guardians, friends, relatives)"
	mhwsCoreSecurity    = "Role-based access control: only staff who need the information for their role can see it; " +
		"multi-factor authentication; encryption in transit (TLS 1.2 or later) and at rest; " +
		"audit trail of access reviewed monthly; confidentiality clauses in staff contracts; " +
		"annual data security training; Data Security and Protection Toolkit submitted every year."
)

// mhwsActivities are the processing the MHWS notice describes, split as the
// DPO would split them: one activity per purpose with its own lawful basis.
func mhwsActivities() []model.Activity {
	activity := func(id, function, name string) model.Activity {
		return model.Activity{
			ID:               uuid.MustParse(id),
			OrganisationID:   idMHWS,
			Role:             model.RoleController,
			Status:           model.StatusActive,
			BusinessFunction: function,
			Name:             name,
			CreatedAt:        created,
			UpdatedAt:        reviewed2026,
		}
	}

	// The care record: the activity every other clinical one leans on. It
	// must come out of the checks clean.
	care := activity("01a20684-3379-792b-b106-8796fe0bf2c0", "Clinical services", "Care records: diagnoses, treatment and care")
	care.Description = "Paper and electronic clinical records for every service user: assessments, diagnoses, " +
		"care plans, medication and treatment notes, risk assessments and correspondence, used by " +
		"clinicians to provide mental health care."
	care.Purposes = []string{
		"Provide medical diagnoses, treatment and care services",
		"Keep an accurate, contemporaneous record of the care given",
		"Meet our duty of care to service users",
	}
	care.DataSubjects = []string{mhwsServiceUsers, mhwsRepresentatives, "Next of kin"}
	care.PersonalData = []string{
		"Basic details: name, date of birth, address, email address, phone number",
		"NHS number",
		"Next of kin and representative details",
		"Diagnoses, medication and treatments",
		"Clinical notes, assessments and care plans",
		"Risk assessments",
		"Ethnicity",
	}
	care.SpecialCategories = []model.SpecialCategory{model.SpecialHealth, model.SpecialRacialEthnicOrigin}
	care.LargeScale = true
	care.LawfulBases = []model.BasisClaim{
		basis(model.BasisContract, "Service users (or those who fund their care) engage us to provide care; we cannot provide it without a record of it."),
		basis(model.BasisLegalObligation, "As a CQC-registered provider we must keep accurate, complete and contemporaneous records (Health and Social Care Act 2008 (Regulated Activities) Regulations 2014, regulation 17)."),
		basis(model.BasisVitalInterests, "In an emergency where a service user's life or health is at risk and they cannot take part in decisions, clinicians use the record to protect them."),
	}
	care.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9HealthSocialCare, "Necessary for medical diagnosis and the provision of health care and treatment, by or under the responsibility of health professionals bound by confidentiality (DPA 2018 s11(1))."),
		cond(model.Art9VitalInterests, "Only where a service user is physically or legally incapable of giving consent in an emergency."),
	}
	care.Schedule1Conditions = []model.Schedule1Condition{"sch1_para2"}
	care.Recipients = []string{
		"MHWS clinicians and care staff (role-based access)",
		"Service users' GPs and other healthcare professionals involved in their care",
		"Clinical records system supplier (processor)",
	}
	care.ProcessorContractLink = mhwsIntranet + "contracts/clinical-system-data-processing-agreement.pdf"
	care.Retention = "Adult mental health records: 20 years after the last contact, or 8 years after death " +
		"(NHS Records Management Code of Practice 2023). Children's records: until the 25th birthday " +
		"(26th if 17 at the end of treatment), or 8 years after death. Then reviewed and securely " +
		"destroyed under the MHWS Record Keeping Policy."
	care.SecurityMeasures = mhwsCoreSecurity + " Paper records are kept in locked cabinets in access-controlled rooms and never leave the clinic."
	care.Sources = []string{"Service users", "Service user representatives", "Referrers: GPs, NHS trusts and other healthcare professionals"}
	care.Locations = []string{"Clinical records system (UK-hosted, supplier acting as processor)", "Paper records, locked storage at the MHWS clinic"}
	care.DPIA = dpia(true, model.DPIACompleted, mhwsCareDPIA)
	care.NDOP = cpi(model.PurposeIndividualCare, model.ConfImpliedConsent, dpoMHWS, reviewed2026)
	care.Paragraph41.RetentionPolicyLink = mhwsRecordPolicy
	care.Reviews = review("01a20684-338e-7b7f-b7d5-3bca90e9ce17", reviewed2026, dpoMHWS,
		"Annual review after the June 2025 privacy notice update. Retention aligned with the 2023 Records Management Code. NDOP: individual care, does not apply.")

	account := activity("01a20684-337a-7a75-9fd4-f205628105cb", "Digital services", "Online account")
	account.Description = "Service users and their representatives register on the MHWS website (\"Account: Log In or Register\") " +
		"to see appointments, update their contact details and send requests."
	account.Purposes = []string{
		"Let service users and representatives log in to their account",
		"Process requests and fulfil our commitments",
		"Keep accounts secure",
	}
	account.DataSubjects = []string{mhwsServiceUsers, mhwsRepresentatives, "People who have expressed an interest in our services"}
	account.PersonalData = []string{
		"Account credentials: username, password (stored only as a salted hash)",
		"Name, email address, phone number",
		"Login history and IP addresses",
	}
	account.LawfulBases = []model.BasisClaim{
		basis(model.BasisContract, "The account is how we deliver the online part of the service the user asked for."),
		basis(model.BasisLegitimateInterests, "Keeping login records lets us detect and stop unauthorised access to accounts."),
	}
	account.LegitimateInterests = "Ensuring the security of our website and of service users' accounts."
	account.LIALink = mhwsIntranet + "lia/2025-06-website-security.pdf"
	account.Recipients = []string{"Website hosting provider (processor)"}
	account.ProcessorContractLink = mhwsIntranet + "contracts/web-hosting-data-processing-agreement.pdf"
	account.Retention = "Accounts deleted 12 months after the last login, or sooner on request; login records kept for 90 days."
	account.SecurityMeasures = "Passwords hashed with bcrypt; session cookies marked Secure and HttpOnly; " +
		"lockout after repeated failed logins; TLS across the whole site; administrative access restricted and protected by multi-factor authentication."
	account.Sources = []string{"Service users", "Service user representatives", "Website server logs"}
	account.Locations = []string{"Website database (UK data centre, hosting provider as processor)"}
	account.DPIA = dpia(false, "", "")
	account.NDOP = notCPI(dpoMHWS, reviewed2026)
	account.Reviews = review("01a20684-338f-7d75-ba8a-d21a1fabc130", reviewed2026, dpoMHWS, "No change.")

	payments := activity("01a20684-337b-7bde-b0ea-19cc2da90594", "Finance", "Payments for private services")
	payments.Description = "Invoicing private service users (or whoever pays for their care) and taking payment. " +
		"Invoices describe sessions as \"appointment\" so that they reveal nothing about health."
	payments.Purposes = []string{"Take payment for private services", "Keep the accounting records the law requires"}
	payments.DataSubjects = []string{"Private service users", "Representatives who pay on a service user's behalf"}
	payments.PersonalData = []string{
		"Payment information: name, email address, phone number, billing address",
		"Invoices and payment history",
		"Last four digits of the card (full card details stay with the payment provider)",
	}
	payments.LawfulBases = []model.BasisClaim{
		basis(model.BasisContract, "Paying for sessions is part of the contract for private services."),
		basis(model.BasisLegalObligation, "Companies Act 2006 ss386–388 and HMRC record-keeping rules require accounting records to be kept."),
	}
	payments.Recipients = []string{"Payment service provider (processor)", "Our bank", "External accountants and auditors", "HMRC, where required by law"}
	payments.ProcessorContractLink = mhwsIntranet + "contracts/payment-provider-terms.pdf"
	payments.Transfers = []model.Transfer{{
		Destination: "Ireland (payment provider's EU entity)",
		Safeguard:   "UK adequacy regulations for the EEA (Data Protection Act 2018 s17A)",
	}}
	payments.Retention = "Six years from the end of the financial year the record relates to, then deleted."
	payments.SecurityMeasures = "Card payments are taken on the payment provider's PCI DSS compliant pages, so MHWS never sees or stores full card numbers; " +
		"the finance system is limited to finance staff and protected by multi-factor authentication."
	payments.Sources = []string{"Service users", "Service user representatives", "Payment service provider"}
	payments.Locations = []string{"Finance system (UK)", "Payment provider (Ireland)"}
	payments.DPIA = dpia(false, "", "")
	payments.NDOP = notCPI(dpoMHWS, reviewed2026)
	payments.Reviews = review("01a20684-3390-7f33-9fb2-e0ae65a0e8c1", reviewed2026, dpoMHWS, "No change.")

	comms := activity("01a20684-337c-7d22-839a-b477b1d1e9dc", "Service user support", "Communications and contact preferences")
	comms.Description = "Appointment reminders, replies to enquiries and updates about the service, sent the way each " +
		"person has asked to be contacted; the record of those preferences."
	comms.Purposes = []string{
		"Communicate with service users and representatives and keep them informed",
		"Respond to enquiries",
		"Personalise and tailor each person's experience of our services",
		"Respect each person's communication preferences",
	}
	comms.DataSubjects = []string{mhwsServiceUsers, mhwsRepresentatives, "Enquirers"}
	comms.PersonalData = []string{
		"Name, email address, phone number, postal address",
		"Communication preferences: channel, times, whether messages may be left",
		"Correspondence and enquiry history",
		"Appointment details",
	}
	comms.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
	comms.LawfulBases = []model.BasisClaim{
		basis(model.BasisContract, "Reminders and replies are part of delivering the service the person uses."),
		basis(model.BasisConsent, "Optional updates beyond the service the person uses are sent only to those who opted in, and they can withdraw at any time."),
	}
	comms.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9HealthSocialCare, "Appointment reminders and clinical replies reveal that a person receives mental health care; they are part of providing it."),
	}
	comms.Schedule1Conditions = []model.Schedule1Condition{"sch1_para2"}
	comms.ConsentRecordLink = mhwsIntranet + "crm/consent-log"
	comms.Recipients = []string{"SMS and email delivery provider (processor)"}
	comms.ProcessorContractLink = mhwsIntranet + "contracts/messaging-data-processing-agreement.pdf"
	comms.Retention = "Preferences kept while the person uses our services and for 12 months after; correspondence that forms part of the care record follows the care record's retention."
	comms.SecurityMeasures = mhwsCoreSecurity + " Messages never include clinical details; the sender name is \"MHWS\" only."
	comms.Sources = []string{"Service users", "Service user representatives"}
	comms.Locations = []string{"Client relationship system (UK)", "Clinical records system (UK)"}
	comms.DPIA = dpia(false, "", "")
	comms.NDOP = cpi(model.PurposeIndividualCare, model.ConfImpliedConsent, dpoMHWS, reviewed2026)
	comms.Reviews = review("01a20684-3392-71d8-b883-72390f7dcd44", reviewed2026, dpoMHWS, "No change.")

	research := activity("01a20684-337d-7e8a-8863-91ec29eecf57", "Clinical governance and research", "Research and service improvement")
	research.Description = "Analysis of pseudonymised care records to evaluate the outcomes of our treatments and improve our " +
		"services, including an outcomes study with a university partner that links records by NHS number under section 251 support."
	research.Purposes = []string{
		"Conduct research and analysis to improve our services and operations",
		"Evaluate the outcomes of treatments",
	}
	research.DataSubjects = []string{mhwsServiceUsers}
	research.PersonalData = []string{
		"NHS number (for linkage only; removed before analysis)",
		"Age band, sex, postcode district",
		"Diagnoses, treatments and outcome measures (PHQ-9, GAD-7)",
		"Ethnicity",
	}
	research.SpecialCategories = []model.SpecialCategory{model.SpecialHealth, model.SpecialRacialEthnicOrigin}
	research.LargeScale = true
	research.LawfulBases = []model.BasisClaim{
		basis(model.BasisLegitimateInterests, "Learning from outcomes improves the quality and safety of our care; the data are pseudonymised and opt-outs are honoured, so the impact on service users is low."),
	}
	research.LegitimateInterests = "Improving our services and the outcomes of our treatments through research and analysis."
	research.LIALink = mhwsIntranet + "lia/2025-04-outcomes-research.pdf"
	research.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9ArchivingResearch, "Necessary for scientific research, with the safeguards of Article 89(1) and DPA 2018 s19: pseudonymisation, no decisions about individuals, ethics approval."),
	}
	research.Schedule1Conditions = []model.Schedule1Condition{"sch1_para4"}
	research.Recipients = []string{"University research partner (under a data sharing agreement)", "MHWS clinical governance team"}
	research.Retention = "Pseudonymised extracts destroyed five years after the study ends; the linkage key is held apart and destroyed once linkage is complete."
	research.SecurityMeasures = "Pseudonymisation before analysis; linkage key held by the DPO only; analysis inside a secure " +
		"environment with no export of record-level data; data sharing agreement; published results suppress counts below 10."
	research.Sources = []string{"MHWS care records"}
	research.Locations = []string{"Secure analysis environment (UK)"}
	research.DPIA = dpia(true, model.DPIACompleted, mhwsIntranet+"dpia/2025-04-outcomes-research.pdf")
	research.NDOP = cpi(model.PurposeResearch, model.ConfS251, dpoMHWS, reviewed2026)
	research.NDOP.Evidence = "Confidentiality Advisory Group support under COPI regulation 5, reference 25/CAG/0147 (14 March 2025); the approval does not exempt the flow from the opt-out."
	research.NDOP.CheckMethod = model.CheckMESH
	research.NDOP.LastChecked = day(2026, 10, 1)
	research.NDOP.OnlyReturnedNumbers = true
	research.Reviews = review("01a20684-3393-7387-862b-69942cbad342", reviewed2026, dpoMHWS,
		"NDOP applies: NHS numbers checked through MESH before each extract; only returned numbers used. Applies to private service users too.")

	hcp := activity("01a20684-337f-716e-94ef-652b9552f63c", "Clinical services", "Sharing with healthcare professionals")
	hcp.Description = "Referral letters, discharge summaries and clinical updates to a service user's GP and other healthcare " +
		"professionals involved in their care; emergency disclosures to ambulance and A&E staff."
	hcp.Purposes = []string{"Coordinate care with other healthcare professionals", "Protect a service user's life or health in an emergency"}
	hcp.DataSubjects = []string{mhwsServiceUsers}
	hcp.PersonalData = []string{
		"Name, date of birth, NHS number, address",
		"Diagnoses, medication, treatment and risk information relevant to the recipient's care",
	}
	hcp.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
	hcp.LargeScale = true
	hcp.LawfulBases = []model.BasisClaim{
		basis(model.BasisContract, "Telling the other people who care for the service user what they need to know is part of providing care."),
		basis(model.BasisVitalInterests, "In an emergency, where the service user cannot consent, to protect their life."),
	}
	hcp.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9HealthSocialCare, "Necessary for the provision of health care by health professionals bound by confidentiality."),
		cond(model.Art9VitalInterests, "Emergency disclosure where the service user is incapable of giving consent."),
	}
	hcp.Schedule1Conditions = []model.Schedule1Condition{"sch1_para2"}
	hcp.Recipients = []string{"GPs", "NHS trusts and other treating clinicians", "Ambulance service and A&E staff"}
	hcp.Retention = "Copies of correspondence are part of the care record and follow its retention."
	hcp.SecurityMeasures = "Sent by NHSmail or another DCB1596-accredited secure email service, never by ordinary email; only the information the recipient needs."
	hcp.Sources = []string{"MHWS care records"}
	hcp.Locations = []string{"Clinical records system (UK)", "NHSmail"}
	hcp.DPIA = dpia(true, model.DPIACompleted, mhwsCareDPIA)
	hcp.NDOP = cpi(model.PurposeIndividualCare, model.ConfImpliedConsent, dpoMHWS, reviewed2026)
	hcp.Reviews = review("01a20684-3394-756e-b33a-2947b5cbe02c", reviewed2026, dpoMHWS, "No change.")

	legal := activity("01a20684-3380-7315-baad-3e58c95011dd", "Governance and legal", "Disclosures to legal representatives and courts")
	legal.Description = "Disclosing records to courts and court officials under a court order, to a service user's own legal " +
		"representatives on their signed authority, and to our solicitors and insurers when a legal claim is made."
	legal.Purposes = []string{
		"Comply with court orders",
		"Establish, exercise or defend legal claims",
		"Respond to requests from service users' legal representatives",
	}
	legal.DataSubjects = []string{mhwsServiceUsers, mhwsRepresentatives}
	legal.PersonalData = []string{"Relevant parts of the care record", "Correspondence", "Complaint records"}
	legal.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
	legal.LawfulBases = []model.BasisClaim{
		basis(model.BasisLegalObligation, "A court order, or a rule of court such as Civil Procedure Rules Part 31, requires the disclosure."),
		basis(model.BasisLegitimateInterests, "Defending or bringing legal claims about our services."),
		basis(model.BasisConsent, "A service user's own solicitor receives records only on the service user's signed authority."),
	}
	legal.LegitimateInterests = "Establishing, exercising or defending legal claims concerning our services."
	legal.LIALink = mhwsIntranet + "lia/2025-06-legal-claims.pdf"
	legal.ConsentRecordLink = mhwsIntranet + "legal/disclosure-log"
	legal.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9LegalClaims, "Necessary for the establishment, exercise or defence of legal claims, or whenever courts act in their judicial capacity."),
		cond(model.Art9ExplicitConsent, "Disclosure to a service user's own solicitor on their signed, specific authority."),
	}
	legal.Recipients = []string{"Courts and court officials", "Service users' legal representatives", "MHWS's solicitors and insurers"}
	legal.Retention = "Disclosure log and copies kept for six years after the matter closes (the limitation period), then destroyed."
	legal.SecurityMeasures = "Each disclosure approved by the DPO or the Caldicott Guardian; only what the order or request covers; " +
		"third parties' information redacted; sent by secure email or tracked post; every disclosure logged."
	legal.Sources = []string{"MHWS care records", "Courts", "Legal representatives"}
	legal.Locations = []string{"Restricted legal disclosures folder (UK)", "Clinical records system (UK)"}
	legal.DPIA = dpia(false, "", "")
	legal.NDOP = cpi(model.PurposeOtherBeyondCare, model.ConfCourtOrder, dpoMHWS, reviewed2026)
	legal.NDOP.Evidence = "Disclosed only under a sealed court order or a rule of court; the order's reference is recorded in the disclosure log for each disclosure."
	legal.Reviews = review("01a20684-3395-770f-b607-e683b94b5b00", reviewed2026, dpoMHWS, "No change.")

	safeguarding := activity("01a20684-3381-74e7-b99b-4fbae11742a6", "Safeguarding", "Safeguarding referrals")
	safeguarding.Description = "Sharing concerns about a service user, or a child or adult at risk connected to them, with local " +
		"authority safeguarding teams and the police, as part of our duty of care."
	safeguarding.Purposes = []string{"Protect children and adults at risk from harm", "Fulfil our duty of care"}
	safeguarding.DataSubjects = []string{mhwsServiceUsers, "Children and adults at risk connected to service users", "People alleged to have caused harm"}
	safeguarding.PersonalData = []string{
		"Names, addresses and dates of birth",
		"The nature of the concern and what was seen or said",
		"Relevant health and risk information",
		"Allegations of offences",
	}
	safeguarding.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
	safeguarding.CriminalOffenceData = true
	safeguarding.LawfulBases = []model.BasisClaim{
		basis(model.BasisLegalObligation, "Care Act 2014 s42 and Children Act 1989 s47 enquiries: we must cooperate with the local authority."),
		basis(model.BasisVitalInterests, "Where someone's life is at immediate risk."),
	}
	safeguarding.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9SubstantialPublicInterest, "Safeguarding children and individuals at risk (DPA 2018 Schedule 1 paragraph 18)."),
	}
	safeguarding.Schedule1Conditions = []model.Schedule1Condition{"sch1_para18", "sch1_para36"}
	safeguarding.Article10Basis = "DPA 2018 Schedule 1 paragraph 18 as extended to criminal-offence data by paragraph 36."
	safeguarding.Paragraph41 = model.Paragraph41{
		APDLink:             mhwsAPD,
		Article6Explanation: "Article 6(1)(c): the Care Act 2014 and the Children Act 1989 require us to cooperate with safeguarding enquiries; Article 6(1)(d) where life is at immediate risk.",
		RetainedPerPolicy:   ptr(true),
		RetentionPolicyLink: mhwsRecordPolicy,
	}
	safeguarding.Recipients = []string{"Local authority safeguarding teams", "Police", "The service user's GP"}
	safeguarding.Retention = "Kept with the care record for its retention period; concerns about a child are kept at least until the child's 25th birthday."
	safeguarding.SecurityMeasures = "Referrals made by the safeguarding lead, by phone and then secure email; records in a restricted safeguarding folder that only the safeguarding lead and the DPO can open."
	safeguarding.Sources = []string{"Staff observations", "Service users", "Third parties who raise concerns"}
	safeguarding.Locations = []string{"Restricted safeguarding folder (UK)", "Clinical records system (UK)"}
	safeguarding.DPIA = dpia(false, "", "")
	safeguarding.NDOP = cpi(model.PurposeOtherBeyondCare, model.ConfPublicInterest, dpoMHWS, reviewed2026)
	safeguarding.NDOP.Evidence = "Public-interest test recorded on the safeguarding form for each referral: the risk of serious harm outweighs the duty of confidence."
	safeguarding.Reviews = review("01a20684-3396-78df-b019-06b041e62e90", reviewed2026, dpoMHWS, "No change. APD reviewed June 2026.")

	notifiable := activity("01a20684-3382-7689-8a08-cc05d587a930", "Clinical services", "Notifiable disease reporting")
	notifiable.Description = "Our registered medical practitioners notify the UK Health Security Agency when they suspect a " +
		"notifiable disease, as the Health Protection (Notification) Regulations 2010 require."
	notifiable.Purposes = []string{"Comply with the legal duty to notify notifiable diseases"}
	notifiable.DataSubjects = []string{mhwsServiceUsers}
	notifiable.PersonalData = []string{
		"Name, date of birth, sex, address, NHS number",
		"Ethnicity",
		"Disease suspected, date of onset",
		"Notifying clinician's details",
	}
	notifiable.SpecialCategories = []model.SpecialCategory{model.SpecialHealth, model.SpecialRacialEthnicOrigin}
	notifiable.LawfulBases = []model.BasisClaim{
		basis(model.BasisLegalObligation, "Health Protection (Notification) Regulations 2010, regulation 2."),
	}
	notifiable.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9PublicHealth, "Necessary for reasons of public interest in public health: protecting against serious threats to health."),
	}
	notifiable.Schedule1Conditions = []model.Schedule1Condition{"sch1_para3"}
	notifiable.Recipients = []string{"UK Health Security Agency (local health protection team)"}
	notifiable.Retention = "The notification is part of the care record and follows its retention."
	notifiable.SecurityMeasures = "Urgent cases notified by phone, then by secure email to the health protection team; a copy is filed in the care record."
	notifiable.Sources = []string{"Clinical assessment by MHWS clinicians"}
	notifiable.Locations = []string{"Clinical records system (UK)"}
	notifiable.DPIA = dpia(false, "", "")
	notifiable.NDOP = cpi(model.PurposeOtherBeyondCare, model.ConfCOPIReg3, dpoMHWS, reviewed2026)
	notifiable.NDOP.Evidence = "Health Protection (Notification) Regulations 2010; Health Service (Control of Patient Information) Regulations 2002, regulation 3."
	notifiable.Reviews = review("01a20684-3397-7aa6-8374-276a1c5776bc", reviewed2026, dpoMHWS, "No change.")

	// Website analytics carries an honest gap: the legitimate interests
	// assessment for session cookies has not been written yet, so the
	// checks have something to show.
	web := activity("01a20684-3383-7887-954d-37211d5f2760", "Digital services", "Website analytics and cookies")
	web.Description = "Session cookies keep users logged in, restrict members' areas and remember cookie choices; analytics " +
		"cookies, set only with consent, show how the website is used so that we can improve it."
	web.Purposes = []string{
		"Make the website work: logins, restricted areas, cookie preferences",
		"Understand how the website is used, to improve it (with consent)",
		"Keep the website secure",
	}
	web.DataSubjects = []string{"Website visitors", mhwsServiceUsers, mhwsRepresentatives}
	web.PersonalData = []string{
		"Usage data: pages visited, device and browser type",
		"Cookie identifiers",
		"IP address (truncated before analytics)",
		"Cookie preferences",
	}
	web.LawfulBases = []model.BasisClaim{
		basis(model.BasisConsent, "Analytics cookies are set only after the visitor opts in through the cookie banner (PECR regulation 6)."),
		basis(model.BasisLegitimateInterests, "Strictly necessary session cookies and security logs keep the website working and secure."),
	}
	web.LegitimateInterests = "Running a working, secure website."
	web.ConsentRecordLink = mhwsIntranet + "web/cookie-consent-records"
	web.Recipients = []string{"Web analytics provider (processor)", "Website hosting provider (processor)"}
	web.ProcessorContractLink = mhwsIntranet + "contracts/analytics-data-processing-terms.pdf"
	web.Transfers = []model.Transfer{{
		Destination: "United States (analytics provider)",
		Safeguard:   "UK Extension to the EU-US Data Privacy Framework: the provider is certified",
	}}
	web.Retention = "Session cookies: until the browser is closed. Analytics data: 14 months. Cookie preferences: 12 months."
	web.SecurityMeasures = "IP addresses truncated before analytics; no advertising or cross-site tracking; analytics access limited to the digital team."
	web.Sources = []string{"Website visitors' browsers"}
	web.Locations = []string{"Analytics provider (United States)", "Website hosting (UK)"}
	web.DPIA = dpia(false, "", "")
	web.NDOP = notCPI(dpoMHWS, reviewed2026)
	web.Reviews = review("01a20684-3398-7c84-97ca-e086680f8046", reviewed2026, dpoMHWS,
		"Action: write the legitimate interests assessment for session cookies and link it.")

	return []model.Activity{care, account, payments, comms, research, hcp, legal, safeguarding, notifiable, web}
}
