package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// editedRegister makes a register with a history of many edits.
func editedRegister(t *testing.T) (*store.DB, *model.Activity) {
	t.Helper()
	ctx := context.Background()
	db := mustOpen(t)
	db.SetUser("Dana Scully")
	org := mustOrg(t, db, "MHWS")
	care := mustActivity(t, db, fullActivity(org.ID))
	other := mustActivity(t, db, minimal(org.ID, "Payroll"))
	for i := range 30 {
		care.Purposes = append(care.Purposes, fmt.Sprintf("Purpose %d", i))
		care.Retention = fmt.Sprintf("%d years", i)
		if err := db.UpdateActivity(ctx, care); err != nil {
			t.Fatal(err)
		}
	}
	org.NDOPInScope = true
	if err := db.UpdateOrganisation(ctx, org); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteActivity(ctx, other.ID); err != nil {
		t.Fatal(err)
	}
	return db, care
}

func TestHistory(t *testing.T) {
	ctx := context.Background()
	db, care := editedRegister(t)

	t.Run("Entries", func(t *testing.T) {
		h, err := db.History(ctx, care.ID)
		if err != nil {
			t.Fatal(err)
		}
		// A create, then per edit: purposes, retention and updated_at.
		if len(h) != 1+30*3 {
			t.Fatalf("%d entries, want %d", len(h), 1+30*3)
		}
		if h[0].Action != store.ActionCreate || h[0].User != "Dana Scully" || h[0].At.IsZero() {
			t.Fatalf("first entry = %+v", h[0])
		}
		last := h[len(h)-1]
		if last.Action != store.ActionUpdate || last.Field != "updated_at" {
			t.Fatalf("last entry = %+v", last)
		}
		ret := h[len(h)-2]
		if ret.Field != "retention" || ret.Old != `"28 years"` || ret.New != `"29 years"` {
			t.Fatalf("retention entry = %+v", ret)
		}
	})
	t.Run("Verifies", func(t *testing.T) {
		res, err := db.VerifyHistory(ctx)
		if err != nil {
			t.Fatal(err)
		}
		head, _ := db.HistoryHead(ctx)
		if !res.OK() || res.Head != head || head == "" || res.Entries < 90 {
			t.Fatalf("result %+v, head %s", res, head)
		}
	})
}

func TestHistoryDetectsTampering(t *testing.T) {
	tests := []struct {
		name  string
		sql   func(care *model.Activity) string
		words []string
	}{
		{"BodyEdited", func(a *model.Activity) string {
			return `UPDATE activities SET body = json_set(body, '$.retention', 'forever') WHERE id = '` + a.ID.String() + `'`
		}, []string{`"Care records"`, "changed outside ROPA Desk", "retention"}},
		{"MiddleEntryDeleted", func(a *model.Activity) string {
			return `DELETE FROM history WHERE seq = (SELECT seq FROM history WHERE entity_id = '` + a.ID.String() + `' AND field = 'retention' LIMIT 1 OFFSET 10)`
		}, []string{`"Care records"`, "missing"}},
		{"LastEntryDeleted", func(a *model.Activity) string {
			return `DELETE FROM history WHERE seq = (SELECT max(seq) FROM history)`
		}, []string{`"Payroll"`}},
		{"EntryAltered", func(a *model.Activity) string {
			return `UPDATE history SET user = 'Someone else' WHERE seq = 5`
		}, []string{"entry 5", "altered"}},
		{"RowInserted", func(a *model.Activity) string {
			return `INSERT INTO activities (id, organisation_id, name, created_at, updated_at, body)
				SELECT 'b1d1a1c1-0000-7000-8000-000000000000', organisation_id, 'Smuggled', created_at, updated_at,
					json_set(body, '$.name', 'Smuggled', '$.id', 'b1d1a1c1-0000-7000-8000-000000000000')
				FROM activities WHERE id = '` + a.ID.String() + `'`
		}, []string{`"Smuggled"`, "no recorded history"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, care := editedRegister(t)
			if _, err := store.SQL(db).Exec(tt.sql(care)); err != nil {
				t.Fatal(err)
			}
			res, err := db.VerifyHistory(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if res.OK() {
				t.Fatal("tampering not detected")
			}
			var all []string
			for _, p := range res.Problems {
				all = append(all, p.Message)
			}
			msg := strings.Join(all, "\n")
			for _, w := range tt.words {
				if !strings.Contains(msg, w) {
					t.Errorf("problems do not mention %s:\n%s", w, msg)
				}
			}
		})
	}
}

// An import keeps the activities' own dates, but the history must say when
// this register changed, or an auditor reading it would be misled.
func TestHistoryRecordsWhenTheRegisterChanged(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	long := time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)
	org := model.Organisation{ID: uuid.Must(uuid.NewV7()), Name: "MHWS", CreatedAt: long, UpdatedAt: long}
	act := minimal(org.ID, "Care records")
	act.ID = uuid.Must(uuid.NewV7())
	act.CreatedAt, act.UpdatedAt = long, long
	before := time.Now().Add(-time.Minute)
	if err := db.Apply(ctx, model.Changes{Organisations: []model.Organisation{org}, Activities: []model.Activity{*act}}); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Activity(ctx, act.ID)
	if !got.UpdatedAt.Equal(long) {
		t.Fatalf("the import should keep updated_at %v, got %v", long, got.UpdatedAt)
	}
	entries, err := db.History(ctx, act.ID)
	if err != nil || len(entries) != 1 {
		t.Fatalf("history = %+v, %v", entries, err)
	}
	if entries[0].At.Before(before) {
		t.Fatalf("history entry dated %v, the activity's own date, not when it was written", entries[0].At)
	}
}
