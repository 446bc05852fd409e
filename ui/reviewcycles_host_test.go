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

	// Read the file back, through a fresh connection.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	back, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	a, err := back.Activity(ctx, ids[1])
	if err != nil {
		t.Fatal(err)
	}
	var got *model.Review
	for i := range a.Reviews {
		if a.Reviews[i].CycleID == c.ID {
			got = &a.Reviews[i]
		}
	}
	if got == nil {
		t.Fatalf("the file holds no review of Payroll in %s: %+v", c.Name, a.Reviews)
	}
	if got.Reviewer != dpo || got.Outcome != model.OutcomeNoChange || !got.NDOPConfirmed {
		t.Errorf("the file holds review %+v, want by %s, no change, opt-out confirmed", got, dpo)
	}
	other, err := back.Activity(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(other.Reviews) != 0 {
		t.Errorf("Appointments was not marked, yet the file holds %+v", other.Reviews)
	}
}
