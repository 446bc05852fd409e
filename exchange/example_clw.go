package exchange

import (
	"slices"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

const (
	clwIntranet  = "https://partners.communitylivingwell.example.org/"
	clwAgreement = clwIntranet + "governance/information-sharing-agreement-2025.pdf"
	clwDPIA      = clwIntranet + "governance/dpia-partnership-sharing-2025.pdf"
	clwAPD       = clwIntranet + "governance/appropriate-policy-document.pdf"
)

var clwPartners = []string{nameJobsInMind, nameSMART, nameKCMind, nameCNWL, nameBWWMind, nameKCSC}

// othersThan lists the partners other than name: each partner's joint
// controllers in the partnership's shared service.
func othersThan(name string) []string {
	return slices.DeleteFunc(slices.Clone(clwPartners), func(p string) bool { return p == name })
}

// clwActivities are the processing the Community Living Well notice
// describes. Each partner is its own controller, so each records its part
// of the shared service; Kensington and Chelsea Mind also records the
// website it runs for the others as their processor.
func clwActivities() []model.Activity {
	activity := func(id string, org uuid.UUID, role model.Role, function, name string) model.Activity {
		return model.Activity{
			ID:               uuid.MustParse(id),
			OrganisationID:   org,
			Role:             role,
			Status:           model.StatusActive,
			BusinessFunction: function,
			Name:             name,
			CreatedAt:        created,
			UpdatedAt:        clwReviewed,
		}
	}
	subjects := []string{"Adults with mental health needs who use Community Living Well services", "Carers and family members"}
	sharingPurpose := "Share relevant information within Community Living Well so that people get the right support without repeating their story"
	sharingSecurity := "Each partner's own physical, technical and organisational measures, set out in the partnership's information sharing agreement; " +
		"shared information sent only through the partnership's secure case-management system or secure email; role-based access; " +
		"people can opt out of sharing beyond the minimum needed to offer support."
	sharingReason := "Improving the mental and physical wellbeing of people with mental health needs, and helping them keep their independence and reach their own goals."
	shared := func(a *model.Activity, orgName, reviewer, reviewID string) {
		a.JointControllers = othersThan(orgName)
		a.DataSubjects = slices.Clone(subjects)
		a.Sources = []string{"The person themselves", "Their GP or another referring service", "Other Community Living Well partners", "Other service providers, with the person's informed consent"}
		a.Recipients = append([]string{"Other Community Living Well partners (relevant information only)"}, a.Recipients...)
		a.SecurityMeasures = sharingSecurity
		a.Locations = append(a.Locations, "Community Living Well case-management system (UK)")
		a.DPIA = dpia(true, model.DPIACompleted, clwDPIA)
		a.Reviews = review(reviewID, clwReviewed, reviewer, "Reviewed with the partnership's information governance group.")
	}

	cnwl := activity("01a20684-3384-7a38-8532-834e58ec5b0e", idCNWL, model.RoleJointController, "Clinical service", "Community Living Well clinical service")
	cnwl.Description = "Assessment, psychological therapies and care coordination for adults with mental health needs, " +
		"provided by CNWL clinicians within Community Living Well; relevant information shared with the other partners."
	cnwl.Purposes = []string{"Assess, treat and care for people with mental health needs", sharingPurpose}
	cnwl.PersonalData = []string{"Name, date of birth, address, phone number, email address", "NHS number", "GP details",
		"Assessments, diagnoses, care plans and clinical notes", "Ethnicity, sexual orientation and religion (equality monitoring)"}
	cnwl.SpecialCategories = []model.SpecialCategory{model.SpecialHealth, model.SpecialRacialEthnicOrigin,
		model.SpecialSexLifeOrientation, model.SpecialReligiousBeliefs}
	cnwl.LargeScale = true
	cnwl.LawfulBases = []model.BasisClaim{
		basis(model.BasisPublicTask, "CNWL provides NHS services under the National Health Service Act 2006."),
	}
	cnwl.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9HealthSocialCare, "Provision of health care and treatment by health professionals bound by confidentiality."),
	}
	cnwl.Schedule1Conditions = []model.Schedule1Condition{"sch1_para2"}
	cnwl.Retention = "Adult mental health records: 20 years after the last contact, or 8 years after death (NHS Records Management Code of Practice 2023)."
	cnwl.Locations = []string{"CNWL electronic patient record (UK)"}
	cnwl.NDOP = cpi(model.PurposeIndividualCare, model.ConfImpliedConsent, "Priya Raman", clwReviewed)
	shared(&cnwl, nameCNWL, "Priya Raman", "01a20684-3399-7e43-95bd-1e657c17747f")

	kcmind := activity("01a20684-3385-7c00-94ac-428333bd86ec", idKCMind, model.RoleJointController, "Wellbeing service", "Community Living Well wellbeing service")
	kcmind.Description = "One-to-one wellbeing support, peer support groups and practical help for people with mental health needs, " +
		"provided by Kensington and Chelsea Mind within Community Living Well."
	kcmind.Purposes = []string{"Provide wellbeing and peer support", "Provide better social support so people can maintain good health and independence", sharingPurpose}
	kcmind.PersonalData = []string{"Name, address, phone number, email address", "GP details", "Wellbeing goals and support plans", "Health information relevant to the support given"}
	kcmind.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
	kcmind.LawfulBases = []model.BasisClaim{
		basis(model.BasisLegitimateInterests, "Providing the wellbeing service the person came to us for; their rights and interests are weighed in the LIA."),
	}
	kcmind.LegitimateInterests = sharingReason
	kcmind.LIALink = clwIntranet + "kcmind/lia-wellbeing-service.pdf"
	kcmind.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9HealthSocialCare, "Provision of social care and support, by staff under a contractual duty of confidentiality."),
	}
	kcmind.Schedule1Conditions = []model.Schedule1Condition{"sch1_para2"}
	kcmind.Retention = "Six years after the last contact, then securely destroyed."
	kcmind.Locations = []string{"K&C Mind client records (UK)"}
	kcmind.NDOP = cpi(model.PurposeIndividualCare, model.ConfImpliedConsent, "Tomás Ferreira", clwReviewed)
	shared(&kcmind, nameKCMind, "Tomás Ferreira", "01a20684-339b-70bd-8685-d6504fb950cd")

	jobs := activity("01a20684-3386-7db3-b055-0c149a29ebbd", idJobsInMind, model.RoleJointController, "Employment support", "Employment support for people with mental health needs")
	jobs.Description = "Helping people with mental health needs find, keep or return to work: vocational assessment, job search support " +
		"and, with consent, liaison with employers."
	jobs.Purposes = []string{"Help people with mental health needs into, or back to, work", sharingPurpose}
	jobs.PersonalData = []string{"Name, address, phone number, email address", "Employment history and goals", "Health information relevant to work"}
	jobs.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
	jobs.LawfulBases = []model.BasisClaim{
		basis(model.BasisLegitimateInterests, "Providing the employment support the person asked for."),
		basis(model.BasisConsent, "Contact with a current or prospective employer happens only with the person's consent."),
	}
	jobs.LegitimateInterests = sharingReason
	jobs.LIALink = clwIntranet + "jobsinmind/lia-employment-support.pdf"
	jobs.ConsentRecordLink = clwIntranet + "jobsinmind/consent-records"
	jobs.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9SubstantialPublicInterest, "Support for individuals with a particular disability or medical condition (DPA 2018 Schedule 1 paragraph 16)."),
	}
	jobs.Schedule1Conditions = []model.Schedule1Condition{"sch1_para16"}
	jobs.Paragraph41 = model.Paragraph41{
		APDLink:             clwAPD,
		Article6Explanation: "Article 6(1)(f): the support the person asked for, weighed in our LIA; Article 6(1)(a) for contact with employers.",
		RetainedPerPolicy:   ptr(true),
		RetentionPolicyLink: clwIntranet + "jobsinmind/retention-schedule.pdf",
	}
	jobs.Recipients = []string{"Employers, with consent"}
	jobs.Retention = "Six years after support ends (funders' audit requirements), then securely destroyed."
	jobs.Locations = []string{"Jobs in Mind case records (UK)"}
	jobs.NDOP = notCPI("Daniel Okafor", clwReviewed)
	shared(&jobs, nameJobsInMind, "Daniel Okafor", "01a20684-339c-7279-bc4a-4bfa5854876b")

	// A draft the partner has not finished: no retention period yet, so
	// the checks flag it.
	smart := activity("01a20684-3388-705f-9808-6d3393f2ad1e", idSMART, model.RoleJointController, "Rehabilitation and training", "Rehabilitation and training courses")
	smart.Status = model.StatusDraft
	smart.Description = "Courses, workshops and rehabilitation activities that help people build skills and confidence; " +
		"attendance and progress shared within Community Living Well."
	smart.Purposes = []string{"Provide rehabilitation and training", "Help people achieve their self-determined goals", sharingPurpose}
	smart.PersonalData = []string{"Name, phone number, email address", "Course attendance and progress", "Support needs relevant to taking part"}
	smart.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
	smart.LawfulBases = []model.BasisClaim{
		basis(model.BasisLegitimateInterests, "Running the courses people have signed up for."),
	}
	smart.LegitimateInterests = sharingReason
	smart.LIALink = clwIntranet + "smart/lia-courses.pdf"
	smart.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9HealthSocialCare, "Rehabilitation is part of the social care and support the partnership provides."),
	}
	smart.Schedule1Conditions = []model.Schedule1Condition{"sch1_para2"}
	smart.Locations = []string{"Course booking system (UK)"}
	smart.NDOP = notCPI("Helen Fitzgerald", clwReviewed)
	shared(&smart, nameSMART, "Helen Fitzgerald", "01a20684-339d-743d-99fc-721c61711f41")

	bww := activity("01a20684-3389-7218-a4c8-8a5104504b6d", idBWWMind, model.RoleJointController, "Wellbeing service", "Wellbeing support and groups")
	bww.Description = "One-to-one support and community groups run by Brent, Wandsworth and Westminster Mind for Community Living Well."
	bww.Purposes = []string{"Provide wellbeing support and groups", sharingPurpose}
	bww.PersonalData = []string{"Name, address, phone number, email address", "Support plans and session notes", "Health information relevant to the support given"}
	bww.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
	bww.LawfulBases = []model.BasisClaim{
		basis(model.BasisLegitimateInterests, "Providing the support the person came to us for."),
	}
	bww.LegitimateInterests = sharingReason
	bww.LIALink = clwIntranet + "bwwmind/lia-wellbeing.pdf"
	bww.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9HealthSocialCare, "Provision of social care and support by staff under a duty of confidentiality."),
	}
	bww.Schedule1Conditions = []model.Schedule1Condition{"sch1_para2"}
	bww.Retention = "Six years after the last contact, then securely destroyed."
	bww.Locations = []string{"BWW Mind client records (UK)"}
	bww.NDOP = cpi(model.PurposeIndividualCare, model.ConfImpliedConsent, "Grace Adeyemi", clwReviewed)
	shared(&bww, nameBWWMind, "Grace Adeyemi", "01a20684-339e-75f0-9531-8f099ef509c8")

	kcsc := activity("01a20684-338a-73e3-a23e-89fe5168107e", idKCSC, model.RoleJointController, "Community connection", "Community connectors")
	kcsc.Description = "Community connectors help people find and join local groups, activities and services, with the person's agreement to each introduction."
	kcsc.Purposes = []string{"Connect people with local community groups and activities", sharingPurpose}
	kcsc.PersonalData = []string{"Name, phone number, email address", "Interests and goals", "Groups and services introduced to"}
	kcsc.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
	kcsc.LawfulBases = []model.BasisClaim{
		basis(model.BasisConsent, "Each introduction to a group is made only with the person's agreement."),
	}
	kcsc.ConsentRecordLink = clwIntranet + "kcsc/consent-records"
	kcsc.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9ExplicitConsent, "The person explicitly agrees to what is shared with each group."),
	}
	kcsc.Recipients = []string{"Local community groups, with consent"}
	kcsc.Retention = "Two years after the last contact."
	kcsc.Locations = []string{"KCSC contact records (UK)"}
	kcsc.NDOP = notCPI("Martin Kowalski", clwReviewed)
	shared(&kcsc, nameKCSC, "Martin Kowalski", "01a20684-339f-77a5-9c87-9cae20f1ca63")

	newsletter := activity("01a20684-338b-75cf-995c-373fa92c8922", idKCMind, model.RoleController, "Communications", "Newsletter and peer-support updates")
	newsletter.Description = "The Community Living Well Newsletter and news of peer support activities, services and events, " +
		"sent by phone, email or text only to people who have agreed to be contacted that way."
	newsletter.Purposes = []string{"Send the Community Living Well Newsletter", "Tell people about peer support activities, services and events"}
	newsletter.DataSubjects = []string{"People who have asked to receive the newsletter or peer-support updates"}
	newsletter.PersonalData = []string{"Name", "Email address, phone number", "Contact preferences and the record of consent"}
	newsletter.LawfulBases = []model.BasisClaim{
		basis(model.BasisConsent, "We contact people about our work only if they have agreed to that channel (PECR regulations 22 and 23); they can withdraw at any time."),
	}
	newsletter.ConsentRecordLink = clwIntranet + "kcmind/newsletter-consent-records"
	newsletter.Recipients = []string{"Email marketing provider (processor)"}
	newsletter.ProcessorContractLink = clwIntranet + "kcmind/email-provider-dpa.pdf"
	newsletter.Transfers = []model.Transfer{{
		Destination: "United States (email marketing provider)",
		Safeguard:   "UK Extension to the EU-US Data Privacy Framework: the provider is certified",
	}}
	newsletter.Retention = "Until the person unsubscribes; the consent record is kept two years after that, as evidence."
	newsletter.SecurityMeasures = "Unsubscribe link in every message; the mailing list is never sold or shared for others' marketing; access limited to the communications team."
	newsletter.Sources = []string{"The person themselves (sign-up form, in person, by phone)"}
	newsletter.Locations = []string{"Email marketing provider (United States)"}
	newsletter.DPIA = dpia(false, "", "")
	newsletter.NDOP = notCPI("Tomás Ferreira", clwReviewed)
	newsletter.Reviews = review("01a20684-33a0-7962-9dda-1ee7e4d3273e", clwReviewed, "Tomás Ferreira", "No change.")

	// K&C Mind runs the website for the partnership: for this activity it
	// is the other partners' processor (Art 30(2)), with C27 hosting.
	website := activity("01a20684-338c-778b-891b-a9d0d1ee5650", idKCMind, model.RoleProcessor, "Website", "Community Living Well website (managed for the partnership)")
	website.Description = "Kensington and Chelsea Mind manages the Community Living Well website on behalf of the partners; C27 hosts it. " +
		"Enquiry and self-referral forms are passed to the partner concerned; cookies in all four ICC UK Cookie Guide categories, non-essential ones only with consent."
	website.ControllersServed = othersThan(nameKCMind)
	website.Purposes = []string{"Host and manage the partnership's website", "Pass enquiries and self-referrals to the partner concerned", "Distinguish users and improve the website (cookies)"}
	website.DataSubjects = []string{"Website visitors", "People who send enquiries or self-referrals"}
	website.PersonalData = []string{"Name and contact details in forms", "What the person tells us in an enquiry or self-referral", "Cookie identifiers, usage data, IP address"}
	website.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
	website.LawfulBases = []model.BasisClaim{
		basis(model.BasisConsent, "The partners' basis for non-essential cookies: consent through the cookie banner."),
		basis(model.BasisLegitimateInterests, "The partners' basis for handling enquiries and self-referrals sent through the site."),
	}
	website.LegitimateInterests = "Responding to people who contact the partnership through its website."
	website.LIALink = clwIntranet + "governance/lia-website.pdf"
	website.ConsentRecordLink = clwIntranet + "website/cookie-consent-records"
	website.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9HealthSocialCare, "Self-referrals are the first step of the health and social care the partners provide."),
	}
	website.Schedule1Conditions = []model.Schedule1Condition{"sch1_para2"}
	website.Recipients = []string{"C27 (hosting, sub-processor)", "The partner an enquiry or self-referral is for"}
	website.ProcessorContractLink = clwAgreement
	website.Retention = "Form submissions deleted from the website 30 days after they are passed on; analytics data 14 months."
	website.SecurityMeasures = "TLS across the site; form submissions encrypted at rest and deleted after hand-over; C27's hosting under a written sub-processing contract; administrator accounts with multi-factor authentication."
	website.Sources = []string{"Website visitors"}
	website.Locations = []string{"C27 hosting (UK)"}
	website.DPIA = dpia(false, "", "")
	website.NDOP = notCPI("Tomás Ferreira", clwReviewed)
	website.Reviews = review("01a20684-33a1-7b38-b81e-b2078d39ed7c", clwReviewed, "Tomás Ferreira", "No change.")

	referrals := activity("01a20684-338d-79c0-8aa8-d3277306a0d7", idCNWL, model.RoleController, "Referrals", "Referrals from GPs")
	referrals.Description = "GPs and other services refer people to Community Living Well; the referral hub triages each referral and passes it to the partner best placed to help."
	referrals.Purposes = []string{"Receive and triage referrals so that people reach the right service"}
	referrals.DataSubjects = []string{"People referred to Community Living Well", "Referring GPs and clinicians"}
	referrals.PersonalData = []string{"Name, date of birth, NHS number, address, phone number", "GP practice", "Reason for referral, relevant history, risk information"}
	referrals.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
	referrals.LargeScale = true
	referrals.LawfulBases = []model.BasisClaim{
		basis(model.BasisPublicTask, "Receiving and triaging referrals is part of the NHS service CNWL is commissioned to provide."),
	}
	referrals.Article9Conditions = []model.ConditionClaim{
		cond(model.Art9HealthSocialCare, "Referral and triage are part of providing health care."),
	}
	referrals.Schedule1Conditions = []model.Schedule1Condition{"sch1_para2"}
	referrals.Recipients = []string{"The Community Living Well partner the referral is passed to"}
	referrals.Retention = "Kept as part of the clinical record; referrals not taken up are kept 8 years after the decision."
	referrals.SecurityMeasures = "Referrals received through NHS e-Referral Service or NHSmail; triage by clinicians only; passed to partners through the secure case-management system."
	referrals.Sources = []string{"GPs", "Other NHS services", "Self-referrals through the website"}
	referrals.Locations = []string{"CNWL electronic patient record (UK)", "NHSmail"}
	referrals.DPIA = dpia(true, model.DPIACompleted, clwDPIA)
	referrals.NDOP = cpi(model.PurposeIndividualCare, model.ConfImpliedConsent, "Priya Raman", clwReviewed)
	referrals.Reviews = review("01a20684-33a2-7cde-860e-e83ff6a4be7e", clwReviewed, "Priya Raman", "No change.")

	return []model.Activity{cnwl, kcmind, jobs, smart, bww, kcsc, newsletter, website, referrals}
}
