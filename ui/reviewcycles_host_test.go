package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// reviewTestHost is a window holding the Review screen and nothing else,
// recording what the screen asks of it.
type reviewTestHost struct {
	t          *testing.T
	win        fyne.Window
	name       string
	remembered []string
	recorded   []*model.Activity // reviewsRecorded's argument, each call
	notified   int
	confirms   int
	opened     []uuid.UUID
	editing    uuid.UUID
}

func (h *reviewTestHost) dialogWindow() fyne.Window { return h.win }
func (h *reviewTestHost) showError(err error) {
	h.t.Errorf("the Review screen showed an error: %v", err)
}
func (h *reviewTestHost) userName() string { return h.name }
func (h *reviewTestHost) reviewer() string {
	if n := len(h.remembered); n > 0 {
		return h.remembered[n-1]
	}
	return h.name
}
func (h *reviewTestHost) rememberReviewer(name string) { h.remembered = append(h.remembered, name) }
func (h *reviewTestHost) inEditor() uuid.UUID          { return h.editing }
func (h *reviewTestHost) confirmLeave(then func())     { h.confirms++; then() }
func (h *reviewTestHost) openActivity(id uuid.UUID, _ string) {
	h.opened = append(h.opened, id)
}
func (h *reviewTestHost) reviewsRecorded(open *model.Activity) {
	h.notified++
	h.recorded = append(h.recorded, open)
}
func (h *reviewTestHost) chooseCyclePDF(*model.ReviewCycle, string) {
	h.t.Error("the Review screen asked for a PDF nobody asked for")
}
func (h *reviewTestHost) exportCyclePDF(*model.ReviewCycle, string) {
	h.t.Error("the Review screen wrote a PDF nobody asked for")
}

// inDialog is the first object of type T in the window's topmost dialog
// that matches.
func inDialog[T fyne.CanvasObject](t *testing.T, w fyne.Window, match func(T) bool) T {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is showing")
	}
	for _, o := range test.LaidOutObjects(top) {
		if v, ok := o.(T); ok && match(v) {
			return v
		}
	}
	var zero T
	t.Fatalf("no %T matching in the dialog", zero)
	return zero
}

// TestReviewScreenNeedsOnlyItsHost: the Review screen starts a cycle and
// marks an activity reviewed from a register file and the few things
// reviewHost declares — no main window — and what it marks is in the file.
func TestReviewScreenNeedsOnlyItsHost(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	org := model.Organisation{Name: "Clinic", Roles: []model.Role{model.RoleController}}
	if err := db.CreateOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	var ids []uuid.UUID
	for _, name := range []string{"Appointments", "Payroll"} {
		a := &model.Activity{OrganisationID: org.ID, Name: name, Role: model.RoleController, Status: model.StatusActive,
			LawfulBases: []model.BasisClaim{{Basis: model.BasisContract, Reason: "Employment contracts."}}}
		if err := db.CreateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}

	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1280, 800))
	const dpo = "Zoë Ní Bhriain"
	h := &reviewTestHost{t: t, win: w, name: dpo, editing: ids[1]}
	s := newReviewScreen(db, h)
	w.SetContent(s.content)
	s.Reload()
	settle(nil)

	test.Tap(s.StartButton())
	test.Type(inDialog(t, w, func(e *dialogEntry) bool { return strings.HasPrefix(e.PlaceHolder, "e.g. Annual review") }), "Annual review 2026")
	test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Start" }))
	settle(nil)
	c := s.Cycle()
	if c == nil || c.Name != "Annual review 2026" {
		t.Fatalf("after Start the screen shows cycle %+v", c)
	}

	// Payroll is "in the editor": marking it asks the host about unsaved
	// changes first, and the host gets it read back after the mark.
	s.Select(ids[1])
	test.Tap(s.MarkButton())
	if h.confirms != 1 {
		t.Errorf("marking the activity in the editor asked about unsaved changes %d times, want 1", h.confirms)
	}
	test.Tap(inDialog(t, w, func(c *widget.Check) bool { return strings.HasPrefix(c.Text, "I have checked this decision") }))
	test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Save review" }))
	settle(nil)

	if h.notified != 1 || len(h.recorded) != 1 || h.recorded[0] == nil || h.recorded[0].ID != ids[1] {
		t.Fatalf("after the mark the host was told %d times, with %v; want once, with Payroll", h.notified, h.recorded)
	}
	if len(h.remembered) != 1 || h.remembered[0] != dpo {
		t.Errorf("the reviewer remembered is %q, want %q", h.remembered, dpo)
	}

	if r := reviewInFile(t, path, ids[1], c.ID); r == nil || r.Reviewer != dpo || r.Outcome != model.OutcomeNoChange || !r.NDOPConfirmed {
		t.Errorf("the file holds review %+v of Payroll, want by %s, no change, opt-out confirmed", r, dpo)
	}

	// Both ticked and marked in bulk: Payroll is still in the editor, so
	// the host is asked about unsaved changes again and is handed Payroll
	// read back; the bulk form offers the reviewer remembered.
	h.remembered = append(h.remembered, "Aoife O'Brien")
	s.Pick(ids[0], true)
	s.Pick(ids[1], true)
	test.Tap(s.BulkButton())
	if h.confirms != 2 {
		t.Errorf("the bulk mark including the activity in the editor asked about unsaved changes %d times in all, want 2", h.confirms)
	}
	if e := inDialog(t, w, func(e *dialogEntry) bool { return strings.HasPrefix(e.PlaceHolder, "e.g. Zoë") }); e.Text != "Aoife O'Brien" {
		t.Errorf("the bulk form offers reviewer %q, want the one remembered", e.Text)
	}
	test.Tap(inDialog(t, w, func(c *widget.Check) bool {
		return strings.HasPrefix(c.Text, "I have checked the national data opt-out")
	}))
	test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Save reviews" }))
	settle(nil)
	if h.notified != 2 || len(h.recorded) != 2 || h.recorded[1] == nil || h.recorded[1].ID != ids[1] {
		t.Fatalf("after the bulk mark the host was told %d times in all, with %v; want twice, Payroll each time", h.notified, h.recorded)
	}

	for _, id := range ids {
		r := reviewInFile(t, path, id, c.ID)
		if r == nil || r.Reviewer != "Aoife O'Brien" || r.Outcome != model.OutcomeNoChange || !r.NDOPConfirmed {
			t.Errorf("the file holds review %+v of %s, want the bulk one: by Aoife O'Brien, no change, opt-out confirmed", r, id)
		}
	}
}

// reviewInFile reads the activity's review in cycle from the register file
// at path through a connection of its own, nil when there is none.
func reviewInFile(t *testing.T, path string, activity, cycle uuid.UUID) *model.Review {
	t.Helper()
	ctx := context.Background()
	db, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := db.Activity(ctx, activity)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Reviews {
		if a.Reviews[i].CycleID == cycle {
			return &a.Reviews[i]
		}
	}
	return nil
}
