package ui_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

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
	a := &model.Activity{OrganisationID: org.ID, Name: "Payroll", Role: model.RoleController, Status: model.StatusActive, Retention: "Six years"}
	if err := db.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	a.Retention = "Seven years"
	if err := db.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}

	var restored struct{ field, old string }
	v := ui.NewHistoryView(func(field, old string) { restored.field, restored.old = field, old })
	w := test.NewWindow(v.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(700, 500))
	v.SetChanges(historyOf(t, db, a))

	changes := v.Changes()
	if len(changes) < 2 || changes[len(changes)-1].Action != "create" {
		t.Fatalf("changes not newest first: %+v", changes)
	}
	// Find the retention row, check its text, and restore its old value.
	idx := -1
	for i, c := range changes {
		if c.Field == "retention" {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatal("no retention change")
	}
	item := v.List().CreateItem()
	v.List().UpdateItem(idx, item)
	var texts []string
	var restore *widget.Button
	walk(item, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			texts = append(texts, x.Text)
		case *widget.Button:
			restore = x
		}
	})
	all := strings.Join(texts, " | ")
	if !strings.Contains(all, "Dana Scully") || !strings.Contains(all, "Retention: Six years → Seven years") {
		t.Fatalf("row shows %q", all)
	}
	if restore == nil || !restore.Visible() {
		t.Fatal("no Restore this value button on a field change")
	}
	test.Tap(restore)
	if restored.field != "retention" || restored.old != `"Six years"` {
		t.Fatalf("OnRestore got %+v", restored)
	}
	// The create row offers nothing to restore.
	v.List().UpdateItem(len(changes)-1, item)
	if restore.Visible() {
		t.Fatal("Restore offered on the create entry")
	}
}

// walk visits o and every object inside it.
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, x := range c.Objects {
			walk(x, f)
		}
	}
}
