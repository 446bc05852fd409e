package store_test

import (
	"context"
	"testing"

	"github.com/ropadesk/ropadesk/model"
)

// TestListOwner: the list shows each activity's owner as recorded and
// filters on it, ignoring case and surrounding spaces, or keeps those
// with no owner; the count agrees with the page.
func TestListOwner(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "Mental Health and Wellbeing Services")
	for _, a := range []struct{ name, owner string }{
		{"Care records", "Clinical Director"},
		{"Complaints", " clinical director "},
		{"Payroll", "Finance Manager"},
		{"Newsletter", ""},
	} {
		x := minimal(org.ID, a.name)
		x.Owner = a.owner
		mustActivity(t, db, x)
	}
	rows, _, err := db.ListActivities(ctx, model.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	owners := map[string]string{}
	for _, r := range rows {
		owners[r.Name] = r.Owner
	}
	if owners["Complaints"] != " clinical director " || owners["Payroll"] != "Finance Manager" || owners["Newsletter"] != "" {
		t.Fatalf("owners listed: %q", owners)
	}
	for _, c := range []struct {
		f    model.ActivityFilter
		want []string
	}{
		{model.ActivityFilter{Owner: "CLINICAL DIRECTOR"}, []string{"Care records", "Complaints"}},
		{model.ActivityFilter{Owner: "Finance Manager", Query: "pay"}, []string{"Payroll"}},
		{model.ActivityFilter{Owner: "Finance"}, nil},
		{model.ActivityFilter{NoOwner: true}, []string{"Newsletter"}},
	} {
		rows, total, err := db.ListActivities(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.Name)
		}
		if len(got) != len(c.want) || total != len(c.want) {
			t.Errorf("%+v: listed %q (total %d), want %q", c.f, got, total, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%+v: listed %q, want %q", c.f, got, c.want)
			}
		}
	}
}
