package ui_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// historyOf converts the store's history as cmd/ropa would.
func historyOf(t *testing.T, db *store.DB, a *model.Activity) []ui.HistoryChange {
	t.Helper()
	h, err := db.History(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []ui.HistoryChange
	for _, e := range h {
		out = append(out, ui.HistoryChange{Seq: e.Seq, At: e.At, User: e.User, Action: e.Action, Field: e.Field, Old: e.Old, New: e.New})
	}
	return out
}

// rowText is every label's text in a row of the history, joined.
func rowText(o fyne.CanvasObject) (string, *widget.Button) {
	var texts []string
	var restore *widget.Button
	for _, x := range objects(o) {
		switch x := x.(type) {
		case *widget.Label:
			texts = append(texts, x.Text)
		case *widget.Button:
			restore = x
		}
	}
	return strings.Join(texts, " | "), restore
}

// TestHistoryView checks that each change reads old → new in full, with
// the name of the person who made it, and reviews as sentences.
func TestHistoryView(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	db, err := store.Create(ctx, filepath.Join(t.TempDir(), "h.ropa"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetUser("Dana Scully")
	org := &model.Organisation{Name: "MHWS", Roles: []model.Role{model.RoleController}}
	db.CreateOrganisation(ctx, org)
	long := strings.Repeat("Six years after the end of employment, then destroyed securely. ", 4)
	a := &model.Activity{OrganisationID: org.ID, Name: "Payroll", Role: model.RoleController, Status: model.StatusActive, Retention: long}
	if err := db.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	db.SetUser("Zoë Ní Bhriain")
	a.Retention = "Seven years"
	a.Status = model.StatusRetired
	if err := db.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	cycle := &model.ReviewCycle{Name: "Annual review 2026", IntervalMonths: 12, StartedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	if err := db.CreateCycle(ctx, cycle); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkReviewed(ctx, cycle.ID, a.ID, model.Review{Date: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), Reviewer: "Zoë Ní Bhriain",
		Outcome: model.OutcomeNoChange, Notes: "Checked with payroll.", NDOPConfirmed: true}); err != nil {
		t.Fatal(err)
	}

	var restored struct{ field, old string }
	v := ui.NewHistoryView(func(field, old string) { restored.field, restored.old = field, old })
	v.SetCycles(map[uuid.UUID]string{cycle.ID: cycle.Name})
	w := test.NewWindow(container.NewVScroll(v.Content()))
	defer w.Close()
	w.Resize(fyne.NewSize(700, 500))
	v.SetChanges(historyOf(t, db, a))

	changes := v.Changes()
	if len(changes) < 3 || changes[len(changes)-1].Action != "create" {
		t.Fatalf("changes not newest first: %+v", changes)
	}
	row := func(field string) (string, *widget.Button) {
		t.Helper()
		for i, c := range changes {
			if c.Field == field {
				return rowText(v.Row(i))
			}
		}
		t.Fatalf("no %s change", field)
		return "", nil
	}
	t.Run("FullOldAndNew", func(t *testing.T) {
		text, restore := row("retention")
		for _, want := range []string{"Retention", "Zoë Ní Bhriain", "Before", strings.TrimSpace(long), "After", "Seven years"} {
			if !strings.Contains(text, want) {
				t.Errorf("retention row lacks %q: %q", want, text)
			}
		}
		if restore == nil || !restore.Visible() {
			t.Fatal("no Restore this value button on a field change")
		}
		test.Tap(restore)
		if restored.field != "retention" || restored.old != `"`+long+`"` {
			t.Fatalf("OnRestore got %+v", restored)
		}
	})
	t.Run("CodesAsLabels", func(t *testing.T) {
		text, _ := row("status")
		if !strings.Contains(text, "Active") || !strings.Contains(text, "Retired") || strings.Contains(text, "retired") {
			t.Errorf("status row = %q, want the labels Active and Retired", text)
		}
	})
	t.Run("ReviewReadable", func(t *testing.T) {
		text, _ := row("reviews")
		want := "In Annual review 2026: Reviewed on 2 December 2026 by Zoë Ní Bhriain: No change. The national data opt-out decision was confirmed. Notes: Checked with payroll."
		if !strings.Contains(text, want) {
			t.Errorf("review row = %q, want it to contain %q", text, want)
		}
		for _, raw := range []string{"{", `"`, "no_change", "cycle_id"} {
			if strings.Contains(text, raw) {
				t.Errorf("review row shows raw JSON (%q): %q", raw, text)
			}
		}
	})
	t.Run("Created", func(t *testing.T) {
		text, restore := rowText(v.Row(len(changes) - 1))
		if !strings.Contains(text, "Activity created") || !strings.Contains(text, "Dana Scully") {
			t.Errorf("create row = %q", text)
		}
		if restore != nil {
			t.Error("Restore offered on the create entry")
		}
	})
}
