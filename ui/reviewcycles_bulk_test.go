package ui_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// TestReviewBulkNoChange ticks three activities in the review list, marks
// them "No change" at once and reads the three reviews back from the
// register file; the reviewer typed is remembered for the next form.
func TestReviewBulkNoChange(t *testing.T) {
	u, w, db, s, ex := openReview(t)
	startCycle(t, u, w, s, "Annual review 2026")
	c := s.Cycle()
	if c == nil {
		t.Fatal("no cycle started")
	}
	if !s.BulkButton().Disabled() {
		t.Error("bulk button enabled with nothing ticked")
	}
	// Tick the boxes of the first three rows, as the DPO clicks them.
	var boxes []*widget.Check
	for _, o := range objects(s.List()) {
		if ch, ok := o.(*widget.Check); ok && ch.Text == "" {
			boxes = append(boxes, ch)
		}
	}
	if len(boxes) < 4 {
		t.Fatalf("%d tick boxes in the list, want a box on each row shown", len(boxes))
	}
	for _, b := range boxes[:3] {
		// In the middle of the box: the row is taller than it.
		test.TapAt(b, fyne.NewPos(b.Size().Width/2, b.Size().Height/2))
	}
	picked := s.Picked()
	if len(picked) != 3 {
		t.Fatalf("%d activities ticked, want 3", len(picked))
	}
	if got, want := s.BulkButton().Text, "Mark 3 selected as no change…"; got != want || s.BulkButton().Disabled() {
		t.Fatalf("bulk button %q (disabled %v), want %q enabled", got, s.BulkButton().Disabled(), want)
	}
	test.Tap(s.BulkButton())
	top := overlay(t, w)
	find(t, top, func(l *widget.Label) bool { return strings.Contains(l.Text, "•") })
	name := entryWithPlaceholder(t, w, "e.g. Zoë")
	if name.Text != reviewer {
		t.Errorf("reviewer starts as %q, want the user's name %q", name.Text, reviewer)
	}
	const other = "Aoife O'Brien"
	name.SetText(other)
	test.Tap(find(t, top, func(ch *widget.Check) bool {
		return strings.HasPrefix(ch.Text, "I have checked the national data opt-out")
	}))
	maybeShot(t, w, "review-bulk-form.png")
	overlayButton(t, w, "Save reviews")
	ui.Settle(u)

	// Read the file afresh, not the screen's copy.
	db2, err := store.OpenReadOnly(context.Background(), db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	for _, id := range picked {
		r := reviewIn(t, db2, id, c.ID)
		if r == nil {
			t.Fatalf("no review of %s in the register file", id)
		}
		if r.Outcome != model.OutcomeNoChange || r.Reviewer != other || !r.NDOPConfirmed || !r.Date.Equal(today()) {
			t.Errorf("review in the file = %+v", *r)
		}
	}
	if got, want := s.ProgressText(), "3 of 19 activities reviewed"; got != want {
		t.Errorf("progress = %q, want %q", got, want)
	}
	if len(s.Picked()) != 0 || !s.BulkButton().Disabled() {
		t.Errorf("after saving, %d still ticked", len(s.Picked()))
	}
	var rest uuid.UUID
	for _, a := range ex.Activities {
		if !slices.Contains(picked, a.ID) {
			rest = a.ID
			break
		}
	}
	if reviewIn(t, db2, rest, c.ID) != nil {
		t.Error("an activity not ticked was marked reviewed")
	}
	// The next single review starts from the reviewer just named.
	s.Select(rest)
	test.Tap(s.MarkButton())
	if got := entryWithPlaceholder(t, w, "e.g. Zoë").Text; got != other {
		t.Errorf("next review form's reviewer = %q, want the one remembered, %q", got, other)
	}
	overlayButton(t, w, "Cancel")
}
