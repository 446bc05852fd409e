package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/ropadesk/ropadesk/model"
)

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
	// In model's order of an activity's fields, which are labelled there.
	for _, k := range model.ActivityFields() {
		seen[k] = true
		if !slices.Contains(ignoredFields, k) && !bytes.Equal(a[k], b[k]) {
			changed = append(changed, k)
		}
	}
	// A field the table lacks still shows (model's test says none does).
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
