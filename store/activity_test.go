package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

func TestActivityRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "Mental Health and Wellbeing Services")
	a := fullActivity(org.ID)
	checkAllFieldsSet(t, reflect.ValueOf(*a), "Activity")
	if err := db.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	if a.ID == uuid.Nil || a.ID.Version() != 7 {
		t.Fatalf("ID = %v, want a UUID v7", a.ID)
	}
	if a.CreatedAt.IsZero() || a.CreatedAt.Location() != time.UTC {
		t.Fatalf("CreatedAt = %v, want set, in UTC", a.CreatedAt)
	}
	// Read back through a fresh handle so nothing comes from memory.
	path := db.Path()
	db.Close()
	db2, err := openNoLock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	got, err := db2.Activity(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(normalise(*got), normalise(*a)) {
		t.Fatalf("round trip changed the activity:\n got %+v\nwant %+v", normalise(*got), normalise(*a))
	}
}

// normalise strips what a round trip legitimately changes in times: the
// monotonic reading and the *time.Location pointer.
func normalise(a model.Activity) model.Activity {
	fix := func(t *time.Time) { *t = t.UTC().Round(0) }
	fix(&a.CreatedAt)
	fix(&a.UpdatedAt)
	fix(&a.NDOP.LastChecked)
	fix(&a.NDOP.AssessedAt)
	a.Reviews = append([]model.Review(nil), a.Reviews...)
	for i := range a.Reviews {
		fix(&a.Reviews[i].Date)
	}
	return a
}

// checkAllFieldsSet fails when the fixture leaves a field at its zero value,
// so that a field added to the model later must be added here too.
func checkAllFieldsSet(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			break
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if f.Name == "ID" || f.Name == "CreatedAt" || f.Name == "UpdatedAt" {
				continue // set by the store
			}
			checkAllFieldsSet(t, v.Field(i), path+"."+f.Name)
		}
		return
	case reflect.Slice:
		if v.Len() == 0 {
			t.Errorf("%s is empty in the fixture", path)
		}
		for i := 0; i < v.Len(); i++ {
			checkAllFieldsSet(t, v.Index(i), path)
		}
		return
	case reflect.Pointer:
		if v.IsNil() {
			t.Errorf("%s is nil in the fixture", path)
		}
		return // a pointer to false is an answer, unlike nil
	}
	if v.IsZero() {
		t.Errorf("%s is zero in the fixture", path)
	}
}

func TestActivityCRUD(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")

	t.Run("ErrNameRequired", func(t *testing.T) {
		err := db.CreateActivity(ctx, minimal(org.ID, " "))
		wantCode(t, err, model.EINVALID)
		if v, ok := err.(model.ValidationErrors); !ok || len(v.For("name")) == 0 {
			t.Fatalf("error %v does not name the field", err)
		}
	})
	t.Run("ErrUnknownOrganisation", func(t *testing.T) {
		wantCode(t, db.CreateActivity(ctx, minimal(uuid.Must(uuid.NewV7()), "Payroll")), model.EINVALID)
	})
	t.Run("OK", func(t *testing.T) {
		a := mustActivity(t, db, minimal(org.ID, "Payroll"))
		created := a.CreatedAt
		a.Purposes = []string{"Paying staff"}
		if err := db.UpdateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
		got, err := db.Activity(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Purposes, []string{"Paying staff"}) || !got.CreatedAt.Equal(created) || got.UpdatedAt.Before(created) {
			t.Fatalf("after update: %+v", got)
		}
		if err := db.DeleteActivity(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		_, err = db.Activity(ctx, a.ID)
		wantCode(t, err, model.ENOTFOUND)
		wantCode(t, db.DeleteActivity(ctx, a.ID), model.ENOTFOUND)
		wantCode(t, db.UpdateActivity(ctx, a), model.ENOTFOUND)
	})
	t.Run("UnchangedSaveWritesNothing", func(t *testing.T) {
		a := mustActivity(t, db, minimal(org.ID, "Rota"))
		before, _ := db.History(ctx, a.ID)
		if err := db.UpdateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
		after, _ := db.History(ctx, a.ID)
		if len(after) != len(before) {
			t.Fatalf("unchanged save wrote %d history entries", len(after)-len(before))
		}
	})
}

func TestOrganisationCRUD(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	b := mustOrg(t, db, "Bristol Mind")
	a := mustOrg(t, db, "Age UK Bristol")

	t.Run("OrderedByName", func(t *testing.T) {
		orgs, err := db.Organisations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(orgs) != 2 || orgs[0].ID != a.ID || orgs[1].ID != b.ID {
			t.Fatalf("organisations = %+v", orgs)
		}
	})
	t.Run("ErrNameRequired", func(t *testing.T) {
		wantCode(t, db.CreateOrganisation(ctx, &model.Organisation{}), model.EINVALID)
	})
	t.Run("RenameReachesSearch", func(t *testing.T) {
		mustActivity(t, db, minimal(b.ID, "Peer support"))
		b.Name = "Bristol Wellbeing Collective"
		if err := db.UpdateOrganisation(ctx, b); err != nil {
			t.Fatal(err)
		}
		got, err := db.Organisation(ctx, b.ID)
		if err != nil || got.Name != b.Name {
			t.Fatalf("Organisation = %+v, %v", got, err)
		}
		list, n, err := db.ListActivities(ctx, model.ActivityFilter{Query: "wellbeing coll"})
		if err != nil || n != 1 || list[0].Organisation != b.Name {
			t.Fatalf("search by new organisation name: %+v, %d, %v", list, n, err)
		}
	})
	t.Run("ErrHasActivities", func(t *testing.T) {
		wantCode(t, db.DeleteOrganisation(ctx, b.ID), model.ECONFLICT)
	})
	t.Run("Delete", func(t *testing.T) {
		if err := db.DeleteOrganisation(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		_, err := db.Organisation(ctx, a.ID)
		wantCode(t, err, model.ENOTFOUND)
	})
}
