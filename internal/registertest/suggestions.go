package registertest

import (
	"slices"
	"testing"

	"github.com/ropadesk/ropadesk/model"
)

// testSuggestions: the editor's suggestions are the distinct
// values of a field across activities, sorted without regard to ASCII case
// (ties by bytes), text fields and lists alike; a change shows at once
// (the cache follows the history's head); a name that is not a JSON key is
// refused.
func testSuggestions(t *testing.T, r Opened) {
	org := Org(t, r, "Jobs in Mind")
	a := Activity(t, r, org.ID, "Payroll")
	a.DataSubjects = []string{"staff", "Zoë's clients", "Staff", "apprentices"}
	a.BusinessFunction = "Finance"
	if err := r.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	b := Activity(t, r, org.ID, "Recruitment")
	b.DataSubjects = []string{"Applicants", "staff"}
	b.BusinessFunction = "human resources"
	if err := r.UpdateActivity(ctx, b); err != nil {
		t.Fatal(err)
	}
	want := func(field string, exp ...string) {
		t.Helper()
		got, err := r.Suggestions(ctx, field)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, exp) && !(len(got) == 0 && len(exp) == 0) {
			t.Errorf("Suggestions(%q) = %q, want %q", field, got, exp)
		}
	}
	want("data_subjects", "Applicants", "apprentices", "Staff", "staff", "Zoë's clients")
	want("business_function", "Finance", "human resources")
	want("recipients")

	b.BusinessFunction = "Estates"
	if err := r.UpdateActivity(ctx, b); err != nil {
		t.Fatal(err)
	}
	want("business_function", "Estates", "Finance")

	if _, err := r.Suggestions(ctx, "name'); DROP TABLE activities; --"); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("a field that is not a JSON key: %v, want EINVALID", err)
	}
}
