package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/store"
)

// TestChangeLog: ChangeLog hands over each recorded change, oldest first,
// with who made it, and leaves out those before since.
func TestChangeLog(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	db.SetUser("Zoë Ní Bhriain")
	org := mustOrg(t, db, "MHWS")
	a := mustActivity(t, db, minimal(org.ID, "Payroll"))
	mid := time.Now().UTC()
	db.SetUser("Alex Morgan")
	a.Retention = "Six years"
	if err := db.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	type entry struct{ user, action, field, new string }
	read := func(since time.Time) []entry {
		var out []entry
		err := db.ChangeLog(ctx, since, func(_ time.Time, user, _ string, id uuid.UUID, action, field, _, n string) {
			if id == a.ID {
				out = append(out, entry{user, action, field, n})
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	all := read(time.Time{})
	if len(all) < 2 || all[0].action != store.ActionCreate || all[0].user != "Zoë Ní Bhriain" {
		t.Fatalf("change log starts %+v, want the create by Zoë Ní Bhriain", all)
	}
	found := false
	for _, e := range all {
		found = found || (e.field == "retention" && e.new == `"Six years"` && e.user == "Alex Morgan")
	}
	if !found {
		t.Errorf("change log %+v lacks the retention change by Alex Morgan", all)
	}
	for _, e := range read(mid) {
		if e.action == store.ActionCreate {
			t.Errorf("ChangeLog since %v returned the earlier create", mid)
		}
	}
}
