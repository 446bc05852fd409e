package model

import (
	"reflect"
	"slices"
	"strings"
)

// fieldTable is the one table from a field's key (its JSON path, without
// list indices) to the words a DPO reads: Label, the ICO template's heading
// where the field is one of its columns, else the editor's words, and
// Short, a heading for narrow places (the PDF's tables). Findings, forms
// and the PDF name fields by these, never by their keys.
//
// Its order is an order: an activity's own fields come first, as the PDF
// prints them (ActivityFields), then the keys inside them and the
// register's other paths.
var fieldTable = []Field{
	{"organisation_id", "Organisation", ""},
	{"role", "Our role", "Role"},
	{"controllers_served", "Controllers we act for", "Controllers served"},
	{"business_function", "Business function", ""},
	{"name", "Name of the activity", "Name"},
	{"description", "Description of the activity", "Description"},
	{"status", "Status of the activity", "Status"},
	{"purposes", "Purpose of processing", "Purposes"},
	{"data_subjects", "Categories of individuals", "Data subjects"},
	{"personal_data", "Categories of personal data", "Personal data"},
	{"special_categories", "Special categories of personal data", "Special-category data"},
	{"criminal_offence_data", "Criminal-offence data", ""},
	{"large_scale", "Processed at large scale", "Large scale"},
	{"lawful_bases", "Article 6 lawful basis for processing personal data", "Lawful bases"},
	{"article9_conditions", "Article 9 condition for processing special category data", "Article 9 conditions"},
	{"schedule1_conditions", "Data Protection Act 2018 Schedule 1 Condition for processing", "Schedule 1 conditions"},
	{"article10_basis", "Article 10 basis for criminal-offence data", "Article 10 authority"},
	{"paragraph41", "Appropriate policy document answers (DPA 2018 Schedule 1 paragraph 41)", "Paragraph 41 answers"},
	{"legitimate_interests", "Legitimate interests for the processing", "Legitimate interests"},
	{"recognised_interest", "Recognised legitimate interest", ""},
	{"outside_public_tasks", "Not part of our tasks as a public authority", "Outside the organisation's public tasks"},
	{"lia_link", "Link to record of legitimate interests assessment", "Legitimate interests assessment"},
	{"consent_record_link", "Link to record of consent", "Consent record"},
	{"recipients", "Categories of recipients", "Recipients"},
	{"joint_controllers", "Name and contact details of joint controller", "Joint controllers"},
	{"processor_contract_link", "Link to contract with processor", "Processor contract"},
	{"transfers", "Names of third countries or international organisations that personal data are transferred to", "Transfers"},
	{"retention", "Retention schedule", "Retention"},
	{"retention_class", "Retention class (NHS Records Management Code of Practice)", "Retention schedule class"},
	{"owner", "Owner of the activity", "Owner"},
	{"audiences", "Privacy notice audiences", ""},
	{"provision_requirement", "Whether people must provide the data", ""},
	{"security_measures", "General description of technical and organisational security measures", "Security measures"},
	{"sources", "The source of the personal data", "Sources"},
	{"locations", "Location of personal data", "Locations"},
	{"automated_decisions", "Existence of automated decision-making, including profiling", "Automated decision-making"},
	{"dpia", "Data Protection Impact Assessment", "DPIA"},
	{"breach", "Personal data breach", "Breach"},
	{"ndop", "National data opt-out", "NDOP assessment"},
	{"right_overrides", "Rights available to individuals", "Rights overrides"},
	{"extra", "Other spreadsheet columns", ""},
	{"transfers.destination", "Third country or international organisation", ""},
	{"transfers.safeguard", "Safeguards for exceptional transfers of personal data to third countries or international organisations", ""},
	{"transfers.safeguard_kind", "Kind of transfer safeguard", ""},
	{"transfers.dpf_certified", "Recipient certified under the UK Extension to the Data Privacy Framework", ""},
	// The information asset register and the supplier list, by their
	// paths in the register's JSON.
	{"information_assets", "Information assets", ""},
	{"information_assets.name", "Name of the information asset", ""},
	{"information_assets.software", "Software used", ""},
	{"information_assets.hosting", "How it is hosted", ""},
	{"information_assets.hosted_at", "Where it is hosted", ""},
	{"information_assets.country", "Country where it is hosted", ""},
	{"information_assets.owner", "Information asset owner", ""},
	{"information_assets.administrator", "Information asset administrator", ""},
	{"information_assets.criticality", "Criticality", ""},
	{"information_assets.dependencies", "Dependencies", ""},
	{"information_assets.impact.confidentiality", "Impact of loss of confidentiality", ""},
	{"information_assets.impact.integrity", "Impact of loss of integrity", ""},
	{"information_assets.impact.availability", "Impact of loss of availability", ""},
	{"information_assets.support_maintenance", "Support and maintenance", ""},
	{"information_assets.retention", "Retention of the asset's data", ""},
	{"information_assets.continuity_notes", "Business continuity notes", ""},
	{"information_assets.supplier_ids", "Suppliers of the asset", ""},
	{"information_assets.activity_ids", "Processing activities using the asset", ""},
	{"suppliers", "Suppliers", ""},
	{"suppliers.name", "Name of the supplier", ""},
	{"suppliers.role", "Supplier's role", ""},
	{"suppliers.agreement", "Written agreement", ""},
	{"suppliers.agreement_link", "Link to the agreement", ""},
	{"suppliers.signed_on", "Agreement signed on", ""},
	{"suppliers.ends_on", "Agreement ends on", ""},
	{"suppliers.certifications", "Certifications", ""},
	{"suppliers.certifications.name", "Certification", ""},
	{"suppliers.certifications.expires", "Certification expires on", ""},
	{"suppliers.dspt_status", "Supplier's DSPT status", ""},
	{"suppliers.dspt_org_code", "Supplier's DSPT organisation code", ""},
	{"suppliers.locations", "Where the supplier processes the data", ""},
	{"suppliers.transfer_mechanism", "Transfer mechanism", ""},
	{"suppliers.sub_processors", "Sub-processors", ""},
	{"suppliers.activity_ids", "Processing activities the supplier serves", ""},
	{"review_cycles.sign_off", "Sign-off of the review cycle", ""},
	// An organisation's own fields, as its form shows them (the conflict
	// of two saves names them by these).
	{"organisations.name", "Name of the organisation", ""},
	{"organisations.partnership", "Partnership", ""},
	{"organisations.roles", "Roles the organisation takes", ""},
	{"organisations.ico_registration", "ICO registration number", ""},
	{"organisations.controller", "Controller", ""},
	{"organisations.controller.name", "Controller's name", ""},
	{"organisations.controller.address", "Controller's postal address", ""},
	{"organisations.controller.email", "Controller's email", ""},
	{"organisations.controller.telephone", "Controller's telephone", ""},
	{"organisations.dpo", "Data protection officer", ""},
	{"organisations.dpo.name", "Data protection officer's name", ""},
	{"organisations.dpo.address", "Data protection officer's postal address", ""},
	{"organisations.dpo.email", "Data protection officer's email", ""},
	{"organisations.dpo.telephone", "Data protection officer's telephone", ""},
	{"organisations.representative", "Representative", ""},
	{"organisations.representative.name", "Representative's name", ""},
	{"organisations.representative.address", "Representative's postal address", ""},
	{"organisations.representative.email", "Representative's email", ""},
	{"organisations.representative.telephone", "Representative's telephone", ""},
	{"organisations.public_authority", "The organisation is a public authority", ""},
	{"organisations.ndop_in_scope", "Bound by the national data opt-out", ""},
	{"organisations.ndop_all_patients", "Applies the national data opt-out to private patients too", ""},
	{"organisations.complaints_procedure", "Complaints procedure", ""},
	{"lawful_bases.basis", "Article 6 lawful basis for processing personal data", ""},
	{"lawful_bases.reason", "Reason for the lawful basis", ""},
	{"article9_conditions.condition", "Article 9 condition for processing special category data", ""},
	{"article9_conditions.reason", "Reason for the Article 9 condition", ""},
	{"paragraph41.apd_link", "Link to appropriate policy document", ""},
	{"paragraph41.article6_explanation", "GDPR Article 6 lawful basis for processing", ""},
	{"paragraph41.retention_policy_link", "Link to retention and erasure policy document", ""},
	{"paragraph41.retained_per_policy", "Is personal data retained and erased in accordance with the policy document?", ""},
	{"paragraph41.not_adhering_reason", "Reasons for not adhering to policy document", ""},
	{"recognised_interest.condition", "Recognised legitimate interest: Annex 1 condition", ""},
	{"recognised_interest.necessity", "Recognised legitimate interest: why the processing is necessary", ""},
	{"automated_decisions.safeguards", "Safeguards for automated decisions", ""},
	{"dpia.required", "Data Protection Impact Assessment required?", ""},
	{"dpia.progress", "Data Protection Impact Assessment progress", ""},
	{"dpia.link", "Link to Data Protection Impact Assessment", ""},
	{"breach.occurred", "Has a personal data breach occurred?", ""},
	{"breach.link", "Link to record of personal data breach", ""},
	{"right_overrides.right", "Rights available to individuals", ""},
	{"right_overrides.reason", "Reason for departing from the derived right", ""},
	{"right_overrides.answer", "Rights available to individuals", ""},
	{"reviews", "Reviews", ""},
	{"ndop.in_scope_override", "National data opt-out: in scope", ""},
	{"ndop.identifiable", "National data opt-out: identifies patients", ""},
	{"ndop.duty_of_confidence", "National data opt-out: owed a duty of confidence", ""},
	{"ndop.health_or_care", "National data opt-out: about health or care", ""},
	{"ndop.anonymised", "National data opt-out: anonymised", ""},
	{"ndop.anonymisation_justification", "National data opt-out: anonymisation justification", ""},
	{"ndop.purpose", "National data opt-out: purpose", ""},
	{"ndop.confidentiality_basis", "National data opt-out: what sets aside confidentiality", ""},
	{"ndop.evidence", "National data opt-out: evidence", ""},
	{"ndop.policy_exemption", "National data opt-out: policy exemption", ""},
	{"ndop.s251_ndop_exempt", "National data opt-out: CAG said the opt-out does not apply", ""},
	{"ndop.nhs_number_available", "National data opt-out: NHS numbers held", ""},
	{"ndop.nhs_number_disproportionate_effort", "National data opt-out: obtaining NHS numbers is disproportionate effort", ""},
	{"ndop.disproportionate_effort_reason", "National data opt-out: why obtaining NHS numbers is disproportionate", ""},
	{"ndop.check_method", "National data opt-out: how opt-outs are checked", ""},
	{"ndop.last_checked", "National data opt-out: last checked", ""},
	{"ndop.only_returned_numbers", "National data opt-out: only returned NHS numbers used", ""},
	{"ndop.assessed_by", "National data opt-out: assessed by", ""},
	{"ndop.assessed_at", "National data opt-out: assessed on", ""},
}

// withoutIndices drops list indices: "transfers[0].safeguard" →
// "transfers.safeguard". It runs once per finding, so it avoids a regexp.
func withoutIndices(key string) string {
	if !strings.Contains(key, "[") {
		return key
	}
	var b strings.Builder
	skip := false
	for _, r := range key {
		switch {
		case r == '[':
			skip = true
		case r == ']' && skip:
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FieldLabel returns the label of a field key such as "transfers[0].safeguard".
// A key with no label is returned in words (underscores to spaces), never
// blank; the test of this package makes sure every key a rule returns has a
// label, so that fallback is only for keys from elsewhere.
func FieldLabel(key string) string {
	k := withoutIndices(key)
	if f, ok := fieldIndex[k]; ok {
		return f.Label
	}
	return strings.ReplaceAll(k, "_", " ")
}

// ShortFieldLabel is FieldLabel's short form, for narrow places.
func ShortFieldLabel(key string) string {
	if f, ok := fieldIndex[withoutIndices(key)]; ok && f.Short != "" {
		return f.Short
	}
	return FieldLabel(key)
}

// HasFieldLabel reports whether key has an entry in the label table.
func HasFieldLabel(key string) bool {
	_, ok := fieldIndex[withoutIndices(key)]
	return ok
}

// ActivityFields are the JSON keys of an activity's own fields that the
// table labels, in its order (the order the PDF prints an activity in).
func ActivityFields() []string { return slices.Clone(activityFields) }

// Field is one row of the field table.
type Field struct {
	Key   string
	Label string
	// Short is a heading for narrow places; "" when Label is short
	// enough.
	Short string
}

var (
	fieldIndex     = map[string]Field{}
	activityFields []string
)

func init() {
	own := map[string]bool{}
	t := reflect.TypeFor[Activity]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		own[name] = true
	}
	for _, f := range fieldTable {
		if _, dup := fieldIndex[f.Key]; dup {
			panic("model: the field table has " + f.Key + " twice")
		}
		fieldIndex[f.Key] = f
		if own[f.Key] {
			activityFields = append(activityFields, f.Key)
		}
	}
}
