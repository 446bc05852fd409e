package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

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
	{"lia_link", "LIA link"},
	{"consent_record_link", "Consent record"},
	{"recipients", "Recipients"},
	{"joint_controllers", "Joint controllers"},
	{"processor_contract_link", "Processor contract"},
	{"transfers", "Transfers"},
	{"retention", "Retention"},
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
// their JSON, which is the register's own definition of the activity.
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
			changed = append(changed, f.label)
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

func (d *doc) changesSection() error {
	d.section(titleChanges)
	prev := d.in.Previous
	if prev == nil {
		d.paragraph(stBody, "There is no previous signed-off review cycle to compare with, so no changes are listed. "+
			"The next review will be compared with this one.")
		return nil
	}
	d.paragraph(stBody, "Activities are compared with the register as frozen when the previous review cycle was signed off. "+
		"Review records and timestamps are not counted as changes.")
	d.space(3)

	before := map[uuid.UUID]*model.Activity{}
	for i := range prev.Activities {
		before[prev.Activities[i].ID] = &prev.Activities[i]
	}
	now := map[uuid.UUID]bool{}
	var added, changed [][]cell
	for _, a := range d.activities {
		now[a.ID] = true
		old, ok := before[a.ID]
		if !ok {
			added = append(added, []cell{{text: activityTitle(a), style: stSmallBold}, {text: orgName(d.reg, a), style: stTable}})
			continue
		}
		fields, err := changedFields(old, a)
		if err != nil {
			return err
		}
		if len(fields) > 0 {
			name := activityTitle(a)
			if old.Name != a.Name {
				name += "\n(was “" + old.Name + "”)"
			}
			changed = append(changed, []cell{{text: name, style: stSmallBold}, {text: strings.Join(fields, ", "), style: stTable}})
		}
	}
	var removed [][]cell
	for i := range prev.Activities {
		a := &prev.Activities[i]
		if !now[a.ID] {
			removed = append(removed, []cell{{text: activityTitle(a), style: stSmallBold}, {text: orgName(prev, a), style: stTable}})
		}
	}

	d.changeTable(fmt.Sprintf("Added (%d)", len(added)), "No activities were added.", []column{{"Activity", 80, "L"}, {"Organisation", contentW - 80, "L"}}, added)
	d.changeTable(fmt.Sprintf("Removed (%d)", len(removed)), "No activities were removed.", []column{{"Activity", 80, "L"}, {"Organisation", contentW - 80, "L"}}, removed)
	d.changeTable(fmt.Sprintf("Changed (%d)", len(changed)), "No activities were changed.", []column{{"Activity", 62, "L"}, {"Fields changed", contentW - 62, "L"}}, changed)
	return d.ctx.Err()
}

func (d *doc) changeTable(title, none string, cols []column, rows [][]cell) {
	d.subheading(title, 15)
	if len(rows) == 0 {
		d.paragraph(stMissing, none)
		d.space(3)
		return
	}
	d.table(cols, rows)
	d.space(5)
}
