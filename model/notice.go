package model

import "strings"

// This file holds what the register records for privacy notices
// (shared/domain/privacy-notices.md): which notice audience each activity
// belongs to, whether providing the data is a statutory or contractual
// requirement (ICO checklist item 15), and the organisation's complaints
// procedure (item 17).

// Audience codes for the notices a DPO usually writes. An activity's
// Audiences may also hold the DPO's own names ("Volunteers"), kept as typed.
const (
	AudienceServiceUsers          = "service_users"
	AudienceRepresentatives       = "representatives"
	AudienceStaff                 = "staff"
	AudienceWebsiteVisitors       = "website_visitors"
	AudienceNewsletterSubscribers = "newsletter_subscribers"
)

// Audiences are the audience codes ROPA Desk knows, with their labels.
var Audiences = []Option[string]{
	{AudienceServiceUsers, "Service users", "UK GDPR Art 12(1)"},
	{AudienceRepresentatives, "Service users' representatives", "UK GDPR Art 12(1)"},
	{AudienceStaff, "Staff", "UK GDPR Art 12(1)"},
	{AudienceWebsiteVisitors, "Website visitors", "UK GDPR Art 12(1)"},
	{AudienceNewsletterSubscribers, "Newsletter subscribers", "UK GDPR Art 12(1)"},
}

// AudienceLabel returns the label of a known audience code, or the DPO's own
// audience name as they typed it.
func AudienceLabel(a string) string { return LabelOf(Audiences, a) }

// AudienceCode returns the code for a label or code the person typed
// ("Service users", "service_users"), or the text itself, trimmed, when it
// is the DPO's own audience name.
func AudienceCode(s string) string {
	t := strings.TrimSpace(s)
	for _, o := range Audiences {
		if strings.EqualFold(t, o.Code) || strings.EqualFold(t, o.Label) {
			return o.Code
		}
	}
	return t
}

// InAudience reports whether the activity belongs to the notice for audience
// (a code or the DPO's own name, compared without regard to case).
func (a *Activity) InAudience(audience string) bool {
	want := AudienceCode(audience)
	for _, x := range a.Audiences {
		if strings.EqualFold(AudienceCode(x), want) {
			return true
		}
	}
	return false
}

// RequirementKind is whether a person must provide their data for an
// activity (UK GDPR Art 13(2)(e)).
type RequirementKind string

const (
	RequirementStatutory     RequirementKind = "statutory"
	RequirementContractual   RequirementKind = "contractual"
	RequirementContractEntry RequirementKind = "contract_entry"
	RequirementVoluntary     RequirementKind = "voluntary"
)

// RequirementKinds labels each kind in the words a notice uses.
var RequirementKinds = []Option[RequirementKind]{
	{RequirementStatutory, "Required by law", "UK GDPR Art 13(2)(e)"},
	{RequirementContractual, "Required by a contract", "UK GDPR Art 13(2)(e)"},
	{RequirementContractEntry, "Needed to enter into a contract", "UK GDPR Art 13(2)(e)"},
	{RequirementVoluntary, "Not required: the person chooses", "UK GDPR Art 13(2)(e)"},
}

// ProvisionRequirement records whether providing the data is a statutory or
// contractual requirement, or needed to enter a contract, and what happens
// if the person does not provide it.
type ProvisionRequirement struct {
	Kind        RequirementKind `json:"kind,omitempty"`
	Consequence string          `json:"consequence,omitempty"`
}

// IsZero reports whether nothing is recorded.
func (p ProvisionRequirement) IsZero() bool { return p == ProvisionRequirement{} }

// validateNotice checks the privacy-notice fields of an activity.
func (a *Activity) validateNotice(v *ValidationErrors) {
	checkList(v, "audiences", a.Audiences)
	if k := a.ProvisionRequirement.Kind; k != "" && !Known(RequirementKinds, k) {
		v.add("provision_requirement.kind", "%q is not a kind of requirement; choose statutory, contractual, contract_entry or voluntary.", k)
	}
}
