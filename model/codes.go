package model

import "slices"

// Option describes one code value of an enumeration: the code stored in the
// register and the JSON format, the label a DPO reads, and where it comes
// from in law or guidance.
type Option[T ~string] struct {
	Code  T
	Label string
	Cite  string
}

// Known reports whether code is one of opts.
func Known[T ~string](opts []Option[T], code T) bool {
	return slices.ContainsFunc(opts, func(o Option[T]) bool { return o.Code == code })
}

// LabelOf returns the label of code in opts, or the code itself when it is
// unknown so that nothing is ever shown blank.
func LabelOf[T ~string](opts []Option[T], code T) string {
	for _, o := range opts {
		if o.Code == code {
			return o.Label
		}
	}
	return string(code)
}

// Role is what the organisation is for one activity (Article 30(1) or 30(2)).
type Role string

const (
	RoleController      Role = "controller"
	RoleProcessor       Role = "processor"
	RoleJointController Role = "joint_controller"
)

var Roles = []Option[Role]{
	{RoleController, "Controller", "UK GDPR Art 30(1)"},
	{RoleProcessor, "Processor", "UK GDPR Art 30(2)"},
	{RoleJointController, "Joint controller", "UK GDPR Art 26"},
}

// Status is where an activity is in its life.
type Status string

const (
	StatusDraft   Status = "draft"
	StatusActive  Status = "active"
	StatusRetired Status = "retired"
)

var Statuses = []Option[Status]{
	{StatusDraft, "Draft", ""},
	{StatusActive, "Active", ""},
	{StatusRetired, "Retired", ""},
}

// LawfulBasis is an Article 6(1) basis.
type LawfulBasis string

const (
	BasisConsent             LawfulBasis = "consent"
	BasisContract            LawfulBasis = "contract"
	BasisLegalObligation     LawfulBasis = "legal_obligation"
	BasisVitalInterests      LawfulBasis = "vital_interests"
	BasisPublicTask          LawfulBasis = "public_task"
	BasisLegitimateInterests LawfulBasis = "legitimate_interests"
	// BasisRecognisedLegitimateInterest is Art 6(1)(ea), inserted by the Data
	// (Use and Access) Act 2025 (docs/domain/rights.md). It is listed last,
	// after (f), so that code indexing the bases by their letter a–f keeps
	// working.
	BasisRecognisedLegitimateInterest LawfulBasis = "recognised_legitimate_interest"
)

var LawfulBases = []Option[LawfulBasis]{
	{BasisConsent, "Consent", "UK GDPR Art 6(1)(a)"},
	{BasisContract, "Contract", "UK GDPR Art 6(1)(b)"},
	{BasisLegalObligation, "Legal obligation", "UK GDPR Art 6(1)(c)"},
	{BasisVitalInterests, "Vital interests", "UK GDPR Art 6(1)(d)"},
	{BasisPublicTask, "Public task", "UK GDPR Art 6(1)(e)"},
	{BasisLegitimateInterests, "Legitimate interests", "UK GDPR Art 6(1)(f)"},
	{BasisRecognisedLegitimateInterest, "Recognised legitimate interest", "UK GDPR Art 6(1)(ea)"},
}

// SpecialCategory is an Article 9(1) special category of personal data.
type SpecialCategory string

const (
	SpecialRacialEthnicOrigin   SpecialCategory = "racial_ethnic_origin"
	SpecialPoliticalOpinions    SpecialCategory = "political_opinions"
	SpecialReligiousBeliefs     SpecialCategory = "religious_philosophical_beliefs"
	SpecialTradeUnionMembership SpecialCategory = "trade_union_membership"
	SpecialGenetic              SpecialCategory = "genetic"
	SpecialBiometric            SpecialCategory = "biometric"
	SpecialHealth               SpecialCategory = "health"
	SpecialSexLifeOrientation   SpecialCategory = "sex_life_sexual_orientation"
)

var SpecialCategories = []Option[SpecialCategory]{
	{SpecialRacialEthnicOrigin, "Racial or ethnic origin", "UK GDPR Art 9(1)"},
	{SpecialPoliticalOpinions, "Political opinions", "UK GDPR Art 9(1)"},
	{SpecialReligiousBeliefs, "Religious or philosophical beliefs", "UK GDPR Art 9(1)"},
	{SpecialTradeUnionMembership, "Trade union membership", "UK GDPR Art 9(1)"},
	{SpecialGenetic, "Genetic data", "UK GDPR Art 9(1)"},
	{SpecialBiometric, "Biometric data (for identification)", "UK GDPR Art 9(1)"},
	{SpecialHealth, "Health", "UK GDPR Art 9(1)"},
	{SpecialSexLifeOrientation, "Sex life or sexual orientation", "UK GDPR Art 9(1)"},
}

// Article9Condition is an Article 9(2) condition for special-category data.
type Article9Condition string

const (
	Art9ExplicitConsent           Article9Condition = "explicit_consent"
	Art9EmploymentSocialSecurity  Article9Condition = "employment_social_security"
	Art9VitalInterests            Article9Condition = "vital_interests"
	Art9NotForProfit              Article9Condition = "not_for_profit"
	Art9MadePublic                Article9Condition = "made_public"
	Art9LegalClaims               Article9Condition = "legal_claims"
	Art9SubstantialPublicInterest Article9Condition = "substantial_public_interest"
	Art9HealthSocialCare          Article9Condition = "health_social_care"
	Art9PublicHealth              Article9Condition = "public_health"
	Art9ArchivingResearch         Article9Condition = "archiving_research"
)

var Article9Conditions = []Option[Article9Condition]{
	{Art9ExplicitConsent, "Explicit consent", "UK GDPR Art 9(2)(a)"},
	{Art9EmploymentSocialSecurity, "Employment, social security and social protection law", "UK GDPR Art 9(2)(b)"},
	{Art9VitalInterests, "Vital interests (subject incapable of consent)", "UK GDPR Art 9(2)(c)"},
	{Art9NotForProfit, "Not-for-profit body (members and former members)", "UK GDPR Art 9(2)(d)"},
	{Art9MadePublic, "Manifestly made public by the data subject", "UK GDPR Art 9(2)(e)"},
	{Art9LegalClaims, "Legal claims or courts acting judicially", "UK GDPR Art 9(2)(f)"},
	{Art9SubstantialPublicInterest, "Substantial public interest", "UK GDPR Art 9(2)(g)"},
	{Art9HealthSocialCare, "Health or social care", "UK GDPR Art 9(2)(h)"},
	{Art9PublicHealth, "Public health", "UK GDPR Art 9(2)(i)"},
	{Art9ArchivingResearch, "Archiving, research or statistics", "UK GDPR Art 9(2)(j)"},
}

// Schedule1Condition is a condition in Schedule 1 to the DPA 2018, coded
// sch1_paraN.
type Schedule1Condition string

// Schedule1Conditions lists paragraphs 1–4 (Part 1), 6–28 (Part 2, substantial
// public interest) and 29–37 (Part 3, criminal-offence data only). Paragraph 5
// is the APD requirement itself, not a condition.
var Schedule1Conditions = []Option[Schedule1Condition]{
	{"sch1_para1", "Employment, social security and social protection", "DPA 2018 Sch 1 para 1"},
	{"sch1_para2", "Health or social care purposes", "DPA 2018 Sch 1 para 2"},
	{"sch1_para3", "Public health", "DPA 2018 Sch 1 para 3"},
	{"sch1_para4", "Research etc.", "DPA 2018 Sch 1 para 4"},
	{"sch1_para6", "Statutory and government purposes", "DPA 2018 Sch 1 para 6"},
	{"sch1_para7", "Administration of justice and parliamentary purposes", "DPA 2018 Sch 1 para 7"},
	{"sch1_para8", "Equality of opportunity or treatment", "DPA 2018 Sch 1 para 8"},
	{"sch1_para9", "Racial and ethnic diversity at senior levels", "DPA 2018 Sch 1 para 9"},
	{"sch1_para10", "Preventing or detecting unlawful acts", "DPA 2018 Sch 1 para 10"},
	{"sch1_para11", "Protecting the public", "DPA 2018 Sch 1 para 11"},
	{"sch1_para12", "Regulatory requirements", "DPA 2018 Sch 1 para 12"},
	{"sch1_para13", "Journalism in connection with unlawful acts", "DPA 2018 Sch 1 para 13"},
	{"sch1_para14", "Preventing fraud", "DPA 2018 Sch 1 para 14"},
	{"sch1_para15", "Suspicion of terrorist financing or money laundering", "DPA 2018 Sch 1 para 15"},
	{"sch1_para16", "Support for individuals with a particular disability or medical condition", "DPA 2018 Sch 1 para 16"},
	{"sch1_para17", "Counselling", "DPA 2018 Sch 1 para 17"},
	{"sch1_para18", "Safeguarding of children and individuals at risk", "DPA 2018 Sch 1 para 18"},
	{"sch1_para19", "Safeguarding of economic well-being of certain individuals", "DPA 2018 Sch 1 para 19"},
	{"sch1_para20", "Insurance", "DPA 2018 Sch 1 para 20"},
	{"sch1_para21", "Occupational pensions", "DPA 2018 Sch 1 para 21"},
	{"sch1_para22", "Political parties", "DPA 2018 Sch 1 para 22"},
	{"sch1_para23", "Elected representatives responding to requests", "DPA 2018 Sch 1 para 23"},
	{"sch1_para24", "Disclosure to elected representatives", "DPA 2018 Sch 1 para 24"},
	{"sch1_para25", "Informing elected representatives about prisoners", "DPA 2018 Sch 1 para 25"},
	{"sch1_para26", "Publication of legal judgments", "DPA 2018 Sch 1 para 26"},
	{"sch1_para27", "Anti-doping in sport", "DPA 2018 Sch 1 para 27"},
	{"sch1_para28", "Standards of behaviour in sport", "DPA 2018 Sch 1 para 28"},
	{"sch1_para29", "Consent (criminal-offence data)", "DPA 2018 Sch 1 para 29"},
	{"sch1_para30", "Protecting individual's vital interests (criminal-offence data)", "DPA 2018 Sch 1 para 30"},
	{"sch1_para31", "Processing by not-for-profit bodies (criminal-offence data)", "DPA 2018 Sch 1 para 31"},
	{"sch1_para32", "Personal data in the public domain (criminal-offence data)", "DPA 2018 Sch 1 para 32"},
	{"sch1_para33", "Legal claims (criminal-offence data)", "DPA 2018 Sch 1 para 33"},
	{"sch1_para34", "Judicial acts (criminal-offence data)", "DPA 2018 Sch 1 para 34"},
	{"sch1_para35", "Administration of accounts used in commission of indecency offences involving children", "DPA 2018 Sch 1 para 35"},
	{"sch1_para36", "Extension of Part 2 conditions (criminal-offence data)", "DPA 2018 Sch 1 para 36"},
	{"sch1_para37", "Extension of insurance conditions (criminal-offence data)", "DPA 2018 Sch 1 para 37"},
}

// DPIAProgress is how far a Data Protection Impact Assessment has got.
type DPIAProgress string

const (
	DPIANotStarted DPIAProgress = "not_started"
	DPIAInProgress DPIAProgress = "in_progress"
	DPIACompleted  DPIAProgress = "completed"
)

var DPIAProgresses = []Option[DPIAProgress]{
	{DPIANotStarted, "Not started", "UK GDPR Art 35"},
	{DPIAInProgress, "In progress", "UK GDPR Art 35"},
	{DPIACompleted, "Completed", "UK GDPR Art 35"},
}

// ReviewOutcome is what a review of an activity concluded.
type ReviewOutcome string

const (
	OutcomeNoChange ReviewOutcome = "no_change"
	OutcomeChanged  ReviewOutcome = "changed"
	OutcomeRetired  ReviewOutcome = "retired"
)

var ReviewOutcomes = []Option[ReviewOutcome]{
	{OutcomeNoChange, "No change", "ICO Accountability Framework"},
	{OutcomeChanged, "Changed", "ICO Accountability Framework"},
	{OutcomeRetired, "Retired", "ICO Accountability Framework"},
}

// NDOPPurpose is what confidential patient information is used for.
type NDOPPurpose string

const (
	PurposeIndividualCare     NDOPPurpose = "individual_care"
	PurposeLocalClinicalAudit NDOPPurpose = "local_clinical_audit"
	PurposeResearch           NDOPPurpose = "research"
	PurposePlanning           NDOPPurpose = "planning"
	PurposeCommissioning      NDOPPurpose = "commissioning"
	PurposeInvoiceValidation  NDOPPurpose = "invoice_validation"
	PurposeServiceEvaluation  NDOPPurpose = "service_evaluation"
	PurposeOtherBeyondCare    NDOPPurpose = "other_beyond_care"
)

var NDOPPurposes = []Option[NDOPPurpose]{
	{PurposeIndividualCare, "Individual care", "NDOP operational policy guidance"},
	{PurposeLocalClinicalAudit, "Local clinical audit", "NDOP operational policy guidance"},
	{PurposeResearch, "Research", "NDOP operational policy guidance"},
	{PurposePlanning, "Planning", "NDOP operational policy guidance"},
	{PurposeCommissioning, "Commissioning", "NDOP operational policy guidance"},
	{PurposeInvoiceValidation, "Invoice validation", "NDOP operational policy guidance"},
	{PurposeServiceEvaluation, "Service evaluation", "NDOP operational policy guidance"},
	{PurposeOtherBeyondCare, "Other purpose beyond individual care", "NDOP operational policy guidance"},
}

// ConfidentialityBasis is what lifts the common-law duty of confidence.
type ConfidentialityBasis string

const (
	ConfImpliedConsent   ConfidentialityBasis = "implied_consent"
	ConfExplicitConsent  ConfidentialityBasis = "explicit_consent"
	ConfS251             ConfidentialityBasis = "s251"
	ConfCOPIReg3         ConfidentialityBasis = "copi_reg3"
	ConfLegalRequirement ConfidentialityBasis = "legal_requirement"
	ConfCourtOrder       ConfidentialityBasis = "court_order"
	ConfPublicInterest   ConfidentialityBasis = "public_interest"
	ConfPolicyExemption  ConfidentialityBasis = "policy_exemption"
	ConfNone             ConfidentialityBasis = "none"
)

var ConfidentialityBases = []Option[ConfidentialityBasis]{
	{ConfImpliedConsent, "Implied consent (direct care)", "Common law duty of confidentiality"},
	{ConfExplicitConsent, "Explicit consent", "Common law duty of confidentiality"},
	{ConfS251, "Section 251 support (COPI regulation 2 or 5, CAG approval)", "NHS Act 2006 s251; COPI Regulations 2002"},
	{ConfCOPIReg3, "COPI regulation 3 (communicable disease and public health risk)", "COPI Regulations 2002 reg 3"},
	{ConfLegalRequirement, "Legal requirement", "NDOP guidance appendix 5"},
	{ConfCourtOrder, "Court order", "NDOP guidance appendix 5"},
	{ConfPublicInterest, "Overriding public interest", "Common law duty of confidentiality"},
	{ConfPolicyExemption, "Specific exemption in NDOP policy", "NDOP operational policy guidance"},
	{ConfNone, "None", ""},
}

// NDOPVerdict is whether the national data opt-out applies to an activity.
type NDOPVerdict string

const (
	VerdictNotAssessed  NDOPVerdict = "not_assessed"
	VerdictNotInScope   NDOPVerdict = "not_in_scope"
	VerdictDoesNotApply NDOPVerdict = "does_not_apply"
	VerdictApplies      NDOPVerdict = "applies"
	VerdictBlocked      NDOPVerdict = "blocked"
)

var NDOPVerdicts = []Option[NDOPVerdict]{
	{VerdictNotAssessed, "Not assessed", "NDOP compliance implementation guide"},
	{VerdictNotInScope, "Organisation not in scope", "NDOP operational policy guidance"},
	{VerdictDoesNotApply, "Opt-out does not apply", "NDOP operational policy guidance"},
	{VerdictApplies, "Opt-out applies", "NDOP operational policy guidance"},
	{VerdictBlocked, "Blocked: no legal basis", "NDOP operational policy guidance"},
}

// OptOutCheckMethod is how national data opt-outs are checked where they apply.
type OptOutCheckMethod string

const (
	CheckMESH     OptOutCheckMethod = "mesh"
	CheckGPSystem OptOutCheckMethod = "gp_system"
)

var OptOutCheckMethods = []Option[OptOutCheckMethod]{
	{CheckMESH, "Check for National Data Opt-outs service (NHS MESH)", "DCB3058"},
	{CheckGPSystem, "GP system supplier's opt-out check", "DCB3058"},
}

// Right is a data-subject right under UK GDPR Chapter III.
type Right string

const (
	RightBeInformed            Right = "be_informed"
	RightAccess                Right = "access"
	RightRectification         Right = "rectification"
	RightErasure               Right = "erasure"
	RightRestriction           Right = "restriction"
	RightPortability           Right = "portability"
	RightObject                Right = "object"
	RightWithdrawConsent       Right = "withdraw_consent"
	RightObjectDirectMarketing Right = "object_direct_marketing"
	RightAutomatedDecisions    Right = "automated_decisions"
)

var Rights = []Option[Right]{
	{RightBeInformed, "Be informed", "UK GDPR Art 13 and 14"},
	{RightAccess, "Access", "UK GDPR Art 15"},
	{RightRectification, "Rectification", "UK GDPR Art 16"},
	{RightErasure, "Erasure", "UK GDPR Art 17"},
	{RightRestriction, "Restrict processing", "UK GDPR Art 18"},
	{RightPortability, "Data portability", "UK GDPR Art 20"},
	{RightObject, "Object", "UK GDPR Art 21(1)"},
	{RightWithdrawConsent, "Withdraw consent", "UK GDPR Art 7(3)"},
	{RightObjectDirectMarketing, "Object to direct marketing", "UK GDPR Art 21(2)"},
	{RightAutomatedDecisions, "Rights about automated decision-making", "UK GDPR Arts 22A to 22D"},
}
