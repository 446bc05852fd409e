package model

import (
	"time"

	"github.com/google/uuid"
)

// Activity is one processing activity: a row of the ICO template, and
// everything Article 30 and the DPA 2018 ask the record to hold about it.
// JSON keys are the register's exchange format (snake_case, code values for
// enumerations): renaming one breaks other people's tools.
type Activity struct {
	ID             uuid.UUID `json:"id"`
	OrganisationID uuid.UUID `json:"organisation_id"`
	Role           Role      `json:"role"`
	// For a processor's record (Art 30(2)): the controllers it acts for.
	ControllersServed []string `json:"controllers_served,omitempty"`

	BusinessFunction string   `json:"business_function"`
	Name             string   `json:"name"`
	Description      string   `json:"description,omitempty"`
	Status           Status   `json:"status"`
	Purposes         []string `json:"purposes,omitempty"`
	// Owner is the person with overall responsibility for the activity
	// (DSPT 1.1.2 column 12 names the information asset owner).
	Owner string `json:"owner,omitempty"`

	DataSubjects        []string          `json:"data_subjects,omitempty"`
	PersonalData        []string          `json:"personal_data,omitempty"`
	SpecialCategories   []SpecialCategory `json:"special_categories,omitempty"`
	CriminalOffenceData bool              `json:"criminal_offence_data,omitempty"`
	// LargeScale: special-category or criminal-offence data processed at
	// large scale, which makes a DPIA decision mandatory (Art 35(3)(b)).
	LargeScale bool `json:"large_scale,omitempty"`

	LawfulBases         []BasisClaim         `json:"lawful_bases,omitempty"`
	Article9Conditions  []ConditionClaim     `json:"article9_conditions,omitempty"`
	Schedule1Conditions []Schedule1Condition `json:"schedule1_conditions,omitempty"`
	// Article10Basis: for criminal-offence data, the official authority or
	// the Schedule 1 condition that authorises it, in words.
	Article10Basis      string      `json:"article10_basis,omitempty"`
	Paragraph41         Paragraph41 `json:"paragraph41,omitzero"`
	LegitimateInterests string      `json:"legitimate_interests,omitempty"`
	// RecognisedInterest is the Annex 1 condition and necessity statement
	// behind a recognised legitimate interest basis (Art 6(1)(ea)).
	RecognisedInterest RecognisedInterest `json:"recognised_interest,omitzero"`
	// OutsidePublicTasks: the organisation is a public authority, but this
	// processing is not part of its public tasks, so (f) and (ea) are open
	// to it (Art 6(1), last subparagraph).
	OutsidePublicTasks bool   `json:"outside_public_tasks,omitempty"`
	LIALink            string `json:"lia_link,omitempty"`
	ConsentRecordLink  string `json:"consent_record_link,omitempty"`

	Recipients            []string   `json:"recipients,omitempty"`
	JointControllers      []string   `json:"joint_controllers,omitempty"`
	ProcessorContractLink string     `json:"processor_contract_link,omitempty"`
	Transfers             []Transfer `json:"transfers,omitempty"`

	Retention string `json:"retention,omitempty"`
	// RetentionClass points to a row of the shipped retention schedule
	// (RetentionSchedule); Retention stays the DPO's own words beside it.
	RetentionClass   string   `json:"retention_class,omitempty"`
	SecurityMeasures string   `json:"security_measures,omitempty"`
	Sources          []string `json:"sources,omitempty"`
	Locations        []string `json:"locations,omitempty"`

	AutomatedDecisions AutomatedDecisions `json:"automated_decisions,omitzero"`
	DPIA               DPIA               `json:"dpia,omitzero"`
	Breach             Breach             `json:"breach,omitzero"`
	NDOP               NDOPAssessment     `json:"ndop,omitzero"`
	RightOverrides     []RightOverride    `json:"right_overrides,omitempty"`
	Reviews            []Review           `json:"reviews,omitempty"`

	// Audiences: the privacy notices this activity belongs to (model/notice.go).
	Audiences []string `json:"audiences,omitempty"`
	// ProvisionRequirement: whether the person must provide the data, and
	// what happens if they do not (ICO checklist item 15).
	ProvisionRequirement ProvisionRequirement `json:"provision_requirement,omitzero"`

	// Extra holds spreadsheet columns ROPA Desk does not know, in their
	// original order, so an import → export round trip loses nothing.
	Extra []ExtraField `json:"extra,omitempty"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// Revision is the register's change counter for this activity when it
	// was read (the sequence number of its latest history entry). An
	// update must carry the revision it was made from; the store refuses
	// it (ECONFLICT) if someone changed the activity since. Local to one
	// register, so never in JSON: not in the stored body, the history,
	// exports or fingerprints.
	Revision int64 `json:"-"`
}

// BasisClaim is an Article 6 basis with the reason the DPO relies on it
// (ICO Accountability Framework: the reason is written down).
type BasisClaim struct {
	Basis  LawfulBasis `json:"basis"`
	Reason string      `json:"reason,omitempty"`
}

// RecognisedInterest is what Art 6(1)(ea) needs recorded: the Annex 1
// condition met and why the processing is necessary for it.
type RecognisedInterest struct {
	Condition Annex1Condition `json:"condition,omitempty"`
	Necessity string          `json:"necessity,omitempty"`
}

// ConditionClaim is an Article 9(2) condition with the reason it applies.
type ConditionClaim struct {
	Condition Article9Condition `json:"condition"`
	Reason    string            `json:"reason,omitempty"`
}

// Paragraph41 holds what DPA 2018 Schedule 1 paragraph 41 asks the record to
// say where a condition needs an appropriate policy document (APD).
type Paragraph41 struct {
	APDLink string `json:"apd_link,omitempty"`
	// How the processing satisfies Article 6 (para 41(b)).
	Article6Explanation string `json:"article6_explanation,omitempty"`
	// Whether data is retained and erased in line with the APD (para 41(c));
	// nil when not yet answered.
	RetainedPerPolicy *bool  `json:"retained_per_policy,omitempty"`
	NotAdheringReason string `json:"not_adhering_reason,omitempty"`
	// Link to the retention and erasure policy document (ICO column AB).
	RetentionPolicyLink string `json:"retention_policy_link,omitempty"`
}

// Transfer is a transfer to a third country or international organisation
// (Art 30(1)(e)).
type Transfer struct {
	Destination string `json:"destination"`
	// Safeguard is the DPO's own words about the safeguard; SafeguardKind
	// is the code value beside it (docs/domain/transfers.md).
	Safeguard     string        `json:"safeguard,omitempty"`
	SafeguardKind SafeguardKind `json:"safeguard_kind,omitempty"`
	// DPFCertified: the recipient is certified under the UK Extension to the
	// EU-US Data Privacy Framework, which the US adequacy regulations need.
	DPFCertified bool `json:"dpf_certified,omitempty"`
	// Exceptional: made under Article 49(1) second subparagraph, so the
	// suitable safeguards must be documented.
	Exceptional bool `json:"exceptional,omitempty"`
}

// AutomatedDecisions records automated decision-making, including profiling.
type AutomatedDecisions struct {
	Exists      bool   `json:"exists,omitempty"`
	Description string `json:"description,omitempty"`
	// SignificantEffects: solely automated with legal or similarly
	// significant effects, which brings in Article 22.
	SignificantEffects bool `json:"significant_effects,omitempty"`
	// Safeguards describes the Art 22C safeguards in place: information
	// about the decision, a way to make representations, human
	// intervention and a way to contest it.
	Safeguards string `json:"safeguards,omitempty"`
}

// DPIA records the Data Protection Impact Assessment decision.
type DPIA struct {
	// Required is nil until the DPO has decided.
	Required *bool        `json:"required,omitempty"`
	Progress DPIAProgress `json:"progress,omitempty"`
	Link     string       `json:"link,omitempty"`
}

// Breach records whether a personal data breach has occurred.
type Breach struct {
	Occurred bool   `json:"occurred,omitempty"`
	Link     string `json:"link,omitempty"`
}

// NDOPAssessment holds the inputs of the national data opt-out decision
// (docs/domain/ndop.md). Questions are pointers so that "not yet
// answered" differs from "no".
type NDOPAssessment struct {
	// InScopeOverride overrides the organisation's NDOP scope for this
	// activity; nil follows the organisation.
	InScopeOverride *bool `json:"in_scope_override,omitempty"`
	// The three tests of confidential patient information.
	Identifiable     *bool `json:"identifiable,omitempty"`
	DutyOfConfidence *bool `json:"duty_of_confidence,omitempty"`
	HealthOrCare     *bool `json:"health_or_care,omitempty"`

	Anonymised                 *bool  `json:"anonymised,omitempty"`
	AnonymisationJustification string `json:"anonymisation_justification,omitempty"`

	Purpose              NDOPPurpose          `json:"purpose,omitempty"`
	ConfidentialityBasis ConfidentialityBasis `json:"confidentiality_basis,omitempty"`
	// Evidence: statute, court order, CAG reference or public-interest test
	// record, whichever the basis needs.
	Evidence        string `json:"evidence,omitempty"`
	PolicyExemption string `json:"policy_exemption,omitempty"`
	S251NDOPExempt  bool   `json:"s251_ndop_exempt,omitempty"`

	NHSNumberAvailable              *bool  `json:"nhs_number_available,omitempty"`
	NHSNumberDisproportionateEffort bool   `json:"nhs_number_disproportionate_effort,omitempty"`
	DisproportionateEffortReason    string `json:"disproportionate_effort_reason,omitempty"`

	// Where the opt-out applies: how and when it is checked.
	CheckMethod         OptOutCheckMethod `json:"check_method,omitempty"`
	LastChecked         time.Time         `json:"last_checked,omitzero"`
	OnlyReturnedNumbers bool              `json:"only_returned_numbers,omitempty"`

	AssessedBy string    `json:"assessed_by,omitempty"`
	AssessedAt time.Time `json:"assessed_at,omitzero"`
}

// RightOverride is the DPO's written departure from a derived right.
type RightOverride struct {
	Right     Right `json:"right"`
	Available bool  `json:"available"`
	// Answer, when set, is the DPO's answer ("in_part" cannot be said with
	// Available alone); Available must then be true only for "yes".
	Answer Answer `json:"answer,omitempty"`
	Reason string `json:"reason"`
}

// ExtraField is a spreadsheet column ROPA Desk does not map.
type ExtraField struct {
	Heading string `json:"heading"`
	Value   string `json:"value"`
}

// Review is one review of an activity. CycleID ties it to a review cycle
// when it was made as part of one.
type Review struct {
	ID            uuid.UUID     `json:"id"`
	CycleID       uuid.UUID     `json:"cycle_id,omitzero"`
	Date          time.Time     `json:"date"`
	Reviewer      string        `json:"reviewer"`
	Outcome       ReviewOutcome `json:"outcome"`
	Notes         string        `json:"notes,omitempty"`
	NDOPConfirmed bool          `json:"ndop_confirmed,omitempty"`
}

// HasSpecialCategoryData reports whether the activity processes Article 9
// data.
func (a *Activity) HasSpecialCategoryData() bool { return len(a.SpecialCategories) > 0 }

// HasBasis reports whether b is among the activity's Article 6 bases.
func (a *Activity) HasBasis(b LawfulBasis) bool {
	for _, c := range a.LawfulBases {
		if c.Basis == b {
			return true
		}
	}
	return false
}

// HasCondition reports whether c is among the Article 9 conditions.
func (a *Activity) HasCondition(c Article9Condition) bool {
	for _, cc := range a.Article9Conditions {
		if cc.Condition == c {
			return true
		}
	}
	return false
}

// LastReview returns the most recent review, or nil if never reviewed.
func (a *Activity) LastReview() *Review {
	var last *Review
	for i := range a.Reviews {
		if last == nil || a.Reviews[i].Date.After(last.Date) {
			last = &a.Reviews[i]
		}
	}
	return last
}
