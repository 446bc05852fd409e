package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/ropadesk/ropadesk/model"
)

// fieldLabels names an activity's JSON fields in the DPO's words, in the
// order the activity section prints them.
var fieldLabels = []struct{ key, label string }{
	{"organisation_id", "Organisation"},
	{"role", "Role"},
	{"controllers_served", "Controllers served"},
	{"business_function", "Business function"},
	{"name", "Name"},
	{"description", "Description"},
	{"status", "Status"},
	{"purposes", "Purposes"},
	{"data_subjects", "Data subjects"},
	{"personal_data", "Personal data"},
	{"special_categories", "Special-category data"},
	{"criminal_offence_data", "Criminal-offence data"},
	{"large_scale", "Large scale"},
	{"lawful_bases", "Lawful bases"},
	{"article9_conditions", "Article 9 conditions"},
	{"schedule1_conditions", "Schedule 1 conditions"},
	{"article10_basis", "Article 10 authority"},
	{"paragraph41", "Paragraph 41 answers"},
	{"legitimate_interests", "Legitimate interests"},
	{"recognised_interest", "Recognised legitimate interest"},
	{"outside_public_tasks", "Outside the organisation's public tasks"},
	{"lia_link", "Legitimate interests assessment"},
	{"consent_record_link", "Consent record"},
	{"recipients", "Recipients"},
	{"joint_controllers", "Joint controllers"},
	{"processor_contract_link", "Processor contract"},
	{"transfers", "Transfers"},
	{"retention", "Retention"},
	{"retention_class", "Retention schedule class"},
	{"owner", "Owner"},
	{"audiences", "Privacy notice audiences"},
	{"provision_requirement", "Whether people must provide the data"},
	{"security_measures", "Security measures"},
	{"sources", "Sources"},
	{"locations", "Locations"},
	{"automated_decisions", "Automated decision-making"},
	{"dpia", "DPIA"},
	{"breach", "Breach"},
	{"ndop", "NDOP assessment"},
	{"right_overrides", "Rights overrides"},
	{"extra", "Other spreadsheet columns"},
}

// ignoredFields change with every review or save without changing what
// the record says, so they would make every activity look changed.
var ignoredFields = []string{"id", "created_at", "updated_at", "reviews"}

// changedFields compares two versions of an activity field by field through
// their JSON, which is the register's own definition of the activity, and
// returns the keys that differ in print order.
func changedFields(before, after *model.Activity) ([]string, error) {
	b, err := fieldsOf(before)
	if err != nil {
		return nil, err
	}
	a, err := fieldsOf(after)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	var changed []string
	seen := map[string]bool{}
	for _, f := range fieldLabels {
		seen[f.key] = true
		if !bytes.Equal(a[f.key], b[f.key]) {
			changed = append(changed, f.key)
		}
	}
	// A field added to the model after this list was written still shows.
	for _, k := range keys {
		if !seen[k] && !slices.Contains(ignoredFields, k) && !bytes.Equal(a[k], b[k]) {
			changed = append(changed, k)
		}
	}
	return changed, nil
}

func fieldsOf(a *model.Activity) (map[string]json.RawMessage, error) {
	data, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("compare activity %s: %w", a.ID, err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("compare activity %s: %w", a.ID, err)
	}
	return m, nil
}
