package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// TestSuggestionsMatchFieldByField holds the one-pass read of every
// editor field to the field-by-field query it replaced, on a register
// with every field filled in.
func TestSuggestionsMatchFieldByField(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.ropa")
	db, err := store.CreateWith(ctx, path, store.Options{NoLock: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := synth.Register(400, 9)
	r.Activities[0].BusinessFunction = "  "
	r.Activities[1].Purposes = append(r.Activities[1].Purposes, "purposes", "Émigré care", "émigré care", "zebra", "Zebra")
	if err := db.Apply(ctx, model.Changes{Organisations: r.Organisations, Activities: r.Activities}); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, field := range []string{"purposes", "controllers_served", "data_subjects", "personal_data", "recipients",
		"joint_controllers", "sources", "locations", "business_function", "retention", "name"} {
		t.Run(field, func(t *testing.T) {
			rows, err := raw.Query(`
				SELECT DISTINCT j.value
				FROM activities a, json_each(a.body, '$.` + field + `') j
				WHERE j.type = 'text' AND trim(j.value) <> ''
				ORDER BY j.value COLLATE NOCASE, j.value`)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{}
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					t.Fatal(err)
				}
				want = append(want, s)
			}
			rows.Close()
			got, err := db.Suggestions(ctx, field)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %d values %q\nwant %d values %q", len(got), got, len(want), want)
			}
		})
	}
}

// TestSuggestionsFollowChanges: what is cached is dropped when an activity
// changes, and what a caller does to the list it got changes nothing.
func TestSuggestionsFollowChanges(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	a := mustActivity(t, db, &model.Activity{OrganisationID: org.ID, Name: "A", Role: model.RoleController,
		Status: model.StatusActive, Recipients: []string{"GPs"}})
	got, err := db.Suggestions(ctx, "recipients")
	if err != nil || !slices.Equal(got, []string{"GPs"}) {
		t.Fatalf("before: %q, %v", got, err)
	}
	got[0] = "changed by the caller"
	a.Recipients = append(a.Recipients, "Councils")
	if err := db.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Suggestions(ctx, "recipients"); err != nil || !slices.Equal(got, []string{"Councils", "GPs"}) {
		t.Errorf("after an update: %q, %v", got, err)
	}
	if err := db.DeleteActivity(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Suggestions(ctx, "recipients"); err != nil || len(got) != 0 {
		t.Errorf("after a delete: %q, %v", got, err)
	}
}
