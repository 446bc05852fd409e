package ui_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/uistore"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

const reviewer = "Zoë Ní Bhriain"

// openReview opens a register holding the example data on the Review tab,
// as the DPO whose name is in the settings.
func openReview(t *testing.T) (*ui.App, fyne.Window, *store.DB, *ui.ReviewScreen, *model.Register) {
	t.Helper()
	u, w := newApp(t)
	u.Settings().SetUserName(reviewer)
	m := start(t, u, filepath.Join(t.TempDir(), "Register.ropa"))
	ex := exchange.Example()
	db := u.Register().(uistore.Register).DB
	if err := db.Apply(context.Background(), model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		t.Fatal(err)
	}
	m.ShowReview()
	ui.Settle(u)
	s := m.Review()
	if s == nil {
		t.Fatal("no Review tab for a register from the store")
	}
	return u, w, db, s, ex
}

// overlay is the topmost dialog.
func overlay(t *testing.T, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is showing")
	}
	return top
}

func entryWithPlaceholder(t *testing.T, w fyne.Window, prefix string) *widget.Entry {
	t.Helper()
	for _, o := range objects(overlay(t, w)) {
		if e := ui.EntryOf(o); e != nil && strings.HasPrefix(e.PlaceHolder, prefix) {
			return e
		}
	}
	t.Fatalf("no entry with a placeholder beginning %q in the dialog", prefix)
	return nil
}

// startCycle starts a cycle through the dialog.
func startCycle(t *testing.T, u *ui.App, w fyne.Window, s *ui.ReviewScreen, name string) {
	t.Helper()
	test.Tap(s.StartButton())
	test.Type(entryWithPlaceholder(t, w, "e.g. Annual review"), name)
	overlayButton(t, w, "Start")
	ui.Settle(u)
}

// markReviewed selects the activity and fills in the review form.
func markReviewed(t *testing.T, u *ui.App, w fyne.Window, s *ui.ReviewScreen, id uuid.UUID, outcome, notes string, ndop bool) {
	t.Helper()
	s.Select(id)
	if s.MarkButton().Disabled() {
		t.Fatal("Mark reviewed is disabled")
	}
	test.Tap(s.MarkButton())
	top := overlay(t, w)
	find(t, top, func(sel *widget.Select) bool { return slices.Contains(sel.Options, "Retired") }).SetSelected(outcome)
	test.Type(entryWithPlaceholder(t, w, "What the review found"), notes)
	if ndop {
		test.Tap(find(t, top, func(c *widget.Check) bool { return strings.HasPrefix(c.Text, "I have checked this decision") }))
	}
	maybeShot(t, w, "review-mark-form.png")
	overlayButton(t, w, "Save review")
	ui.Settle(u)
}

func maybeShot(t *testing.T, w fyne.Window, name string) {
	if dir := os.Getenv("ROPA_SHOTS"); dir != "" {
		shot(t, w, filepath.Join(dir, name))
	}
}

// today is the form's default date: today, at midnight UTC.
func today() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// reviewIn returns the activity's review in the cycle, or nil.
func reviewIn(t *testing.T, db interface {
	Activity(context.Context, uuid.UUID) (*model.Activity, error)
}, activity, cycle uuid.UUID) *model.Review {
	t.Helper()
	a, err := db.Activity(context.Background(), activity)
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

// TestReviewCycle runs an annual review on the screen and reads each step
// back from the register file.
func TestReviewCycle(t *testing.T) {
	u, w, db, s, ex := openReview(t)
	ctx := context.Background()
	total := len(ex.Activities)
	first, second := ex.Activities[0], ex.Activities[1]
	maybeShot(t, w, "review-empty.png")

	var cycle model.ReviewCycle
	t.Run("Start", func(t *testing.T) {
		if s.Cycle() != nil {
			t.Fatalf("a new register shows cycle %q", s.Cycle().Name)
		}
		startCycle(t, u, w, s, "Annual review 2026")
		cycles, err := db.Cycles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(cycles) != 1 || cycles[0].Name != "Annual review 2026" || cycles[0].IntervalMonths != model.DefaultReviewInterval {
			t.Fatalf("cycles in the store = %+v", cycles)
		}
		cycle = cycles[0]
		if s.Cycle() == nil || s.Cycle().ID != cycle.ID {
			t.Fatalf("screen shows %+v, want the new cycle", s.Cycle())
		}
		if got, want := s.ProgressText(), "0 of 19 activities reviewed"; total != 19 || got != want {
			t.Errorf("progress = %q, want %q (example has %d activities)", got, want, total)
		}
	})

	t.Run("ErrNameTaken", func(t *testing.T) {
		startCycle(t, u, w, s, "annual review 2026")
		top := w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no error shown for a second cycle of the same name")
		}
		find(t, top, func(l *widget.Label) bool { return strings.Contains(l.Text, "already a review cycle") })
		overlayButton(t, w, "OK")
		if cycles, _ := db.Cycles(ctx); len(cycles) != 1 {
			t.Fatalf("%d cycles in the store, want 1", len(cycles))
		}
	})

	t.Run("Mark", func(t *testing.T) {
		markReviewed(t, u, w, s, first.ID, "No change", "Checked with the service lead.", true)
		maybeShot(t, w, "review-marked-one.png")
		markReviewed(t, u, w, s, second.ID, "Changed", "Retention period shortened.", false)
		if got, want := s.ProgressText(), "2 of 19 activities reviewed"; got != want {
			t.Errorf("progress = %q, want %q", got, want)
		}
		if !strings.Contains(s.Summary(), "No change: 1") || !strings.Contains(s.Summary(), "Changed: 1") || !strings.Contains(s.Summary(), "Not reviewed: 17") {
			t.Errorf("summary = %q", s.Summary())
		}
		for _, tc := range []struct {
			id      uuid.UUID
			outcome model.ReviewOutcome
			notes   string
			ndop    bool
		}{
			{first.ID, model.OutcomeNoChange, "Checked with the service lead.", true},
			{second.ID, model.OutcomeChanged, "Retention period shortened.", false},
		} {
			r := reviewIn(t, db, tc.id, cycle.ID)
			if r == nil {
				t.Fatalf("no review of %s in the cycle in the store", tc.id)
			}
			if r.Outcome != tc.outcome || r.Reviewer != reviewer || r.Notes != tc.notes || r.NDOPConfirmed != tc.ndop || !r.Date.Equal(today()) {
				t.Errorf("review in store = %+v", *r)
			}
		}
	})

	t.Run("MarkAgainReplaces", func(t *testing.T) {
		markReviewed(t, u, w, s, second.ID, "No change", " Reconsidered.", false)
		a, err := db.Activity(ctx, second.ID)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range a.Reviews {
			if r.CycleID == cycle.ID {
				n++
				// The form starts from the earlier review, notes included.
				if r.Outcome != model.OutcomeNoChange || !strings.Contains(r.Notes, "Retention period shortened.") || !strings.Contains(r.Notes, "Reconsidered.") {
					t.Errorf("second review = %+v", r)
				}
			}
		}
		if n != 1 || s.ProgressText() != "2 of 19 activities reviewed" {
			t.Errorf("%d reviews in the cycle, progress %q", n, s.ProgressText())
		}
	})

	t.Run("FilterNotReviewed", func(t *testing.T) {
		s.UnreviewedOnly().SetChecked(true)
		shown := s.Shown()
		s.UnreviewedOnly().SetChecked(false)
		if len(shown) != 17 || slices.Contains(shown, first.ID) || slices.Contains(shown, second.ID) {
			t.Errorf("not-yet-reviewed filter shows %d activities (want 17, without the two reviewed)", len(shown))
		}
		if len(s.Shown()) != total {
			t.Errorf("without the filter %d shown, want %d", len(s.Shown()), total)
		}
	})

	t.Run("OpenActivity", func(t *testing.T) {
		s.Select(first.ID)
		test.Tap(s.OpenButton())
		ui.Settle(u)
		if u.Main().Current() != first.ID {
			t.Errorf("editor shows %s, want %s", u.Main().Current(), first.ID)
		}
		u.Main().ShowReview()
		ui.Settle(u)
	})

	t.Run("SignOff", func(t *testing.T) {
		test.Tap(s.SignOffButton())
		ui.Settle(u) // the cycle's gaps are counted first
		// 17 activities are unreviewed, so the form asks for the signer's
		// role and an acknowledgement of the gaps (model.CheckSignOff).
		find(t, overlay(t, w), func(l *canvas.Text) bool { return strings.Contains(l.Text, "17 activities were not reviewed") })
		test.Type(entryWithPlaceholder(t, w, "e.g. Data Protection Officer"), "Data Protection Officer")
		test.Type(entryWithPlaceholder(t, w, "Why the record"), "The remaining activities are reviewed at the next committee.")
		maybeShot(t, w, "review-signoff-form.png")
		overlayButton(t, w, "Sign off…")
		maybeShot(t, w, "review-signoff-confirm.png")
		find(t, overlay(t, w), func(l *widget.Label) bool { return strings.Contains(l.Text, "17 not reviewed") })
		overlayButton(t, w, "Sign off")
		ui.Settle(u)
		c, err := db.CycleByName(ctx, "Annual review 2026")
		if err != nil {
			t.Fatal(err)
		}
		if c.SignOff == nil || c.SignOff.By != reviewer || !c.SignOff.Date.Equal(today()) || !strings.HasPrefix(c.SignOff.Statement, "I have reviewed this record of processing activities") ||
			c.SignOff.Role != "Data Protection Officer" || c.SignOff.Unreviewed != 17 || !strings.HasPrefix(c.SignOff.Acknowledgement, "The remaining") {
			t.Fatalf("sign-off in store = %+v", c.SignOff)
		}
		if s.Cycle().SignOff == nil || !strings.Contains(s.Summary(), "Signed off by "+reviewer) {
			t.Errorf("screen does not show the sign-off: %q", s.Summary())
		}
		s.Select(ex.Activities[2].ID)
		if !s.MarkButton().Disabled() || !s.SignOffButton().Disabled() {
			t.Error("marking or signing off still enabled on a signed-off cycle")
		}
		err = db.MarkReviewed(ctx, c.ID, ex.Activities[2].ID, model.Review{Reviewer: reviewer, Outcome: model.OutcomeNoChange})
		if model.ErrorCode(err) != model.ECONFLICT {
			t.Errorf("store marked a review in a signed-off cycle: %v", err)
		}
		maybeShot(t, w, "review-signed-off.png")
	})

	t.Run("Frozen", func(t *testing.T) {
		a, err := db.Activity(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		a.Name = "Renamed after sign-off"
		if err := db.UpdateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
		s.Reload()
		ui.Settle(u)
		if s.ProgressText() != "2 of 19 activities reviewed" {
			t.Errorf("progress after sign-off = %q", s.ProgressText())
		}
		snap, err := db.CycleSnapshot(ctx, cycle.ID)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(snap.Activities, func(a model.Activity) bool { return a.ID == first.ID })
		if i < 0 || snap.Activities[i].Name != first.Name {
			t.Errorf("snapshot lacks %q as signed off", first.Name)
		}
	})

	t.Run("ExportPDF", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "review.pdf")
		s.ExportPDF(path)
		ui.Settle(u)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Fatalf("export starts %q", data[:min(len(data), 16)])
		}
		if top := w.Canvas().Overlays().Top(); top != nil {
			overlayButton(t, w, "OK")
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			t.Fatal("pdftotext (poppler-utils) is needed to read the PDF back: make test installs it")
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, want := range []string{"Annual review 2026", reviewer, first.Name} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
		if strings.Contains(text, "Renamed after sign-off") {
			t.Error("PDF of a signed-off cycle shows an edit made after sign-off")
		}
	})

	t.Run("ChooseCycle", func(t *testing.T) {
		startCycle(t, u, w, s, "Annual review 2027")
		cycles := s.Cycles()
		if len(cycles) != 2 || cycles[0].Name != "Annual review 2027" || s.Cycle().Name != "Annual review 2027" {
			t.Fatalf("cycles shown %+v, current %q; want the new one first and shown", cycles, s.Cycle().Name)
		}
		if s.ProgressText() != "0 of 19 activities reviewed" || s.SignOffButton().Disabled() {
			t.Errorf("new cycle: progress %q, sign-off disabled %v", s.ProgressText(), s.SignOffButton().Disabled())
		}
		s.CycleSelect().SetSelectedIndex(1)
		ui.Settle(u)
		if s.Cycle().ID != cycle.ID || s.ProgressText() != "2 of 19 activities reviewed" || !s.SignOffButton().Disabled() {
			t.Errorf("chose the 2026 cycle: shows %q, %q", s.Cycle().Name, s.ProgressText())
		}
	})
}

// TestReviewMarkForm checks the form's rules: outcome retired retires the
// activity (as ropactl does), and a review needs a reviewer and a date.
func TestReviewMarkForm(t *testing.T) {
	u, w, db, s, ex := openReview(t)
	startCycle(t, u, w, s, "Annual review 2026")
	c := s.Cycle()
	if c == nil {
		t.Fatal("no cycle started")
	}

	t.Run("RetiredRetires", func(t *testing.T) {
		a := ex.Activities[3]
		markReviewed(t, u, w, s, a.ID, "Retired", "No longer done.", false)
		got, err := db.Activity(context.Background(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != model.StatusRetired || reviewIn(t, db, a.ID, c.ID) == nil {
			t.Errorf("status %q, review %+v", got.Status, reviewIn(t, db, a.ID, c.ID))
		}
	})

	for _, tc := range []struct {
		name, placeholder, text string
	}{
		{"ErrReviewerRequired", "e.g. Zoë", ""},
		{"ErrDateInvalid", "e.g. 2/12", "31/13/2026"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := ex.Activities[4]
			s.Select(a.ID)
			test.Tap(s.MarkButton())
			e := entryWithPlaceholder(t, w, tc.placeholder)
			e.SetText(tc.text)
			save := find(t, overlay(t, w), func(b *widget.Button) bool { return b.Text == "Save review" })
			if !save.Disabled() {
				t.Error("Save review enabled with an invalid form")
			}
			overlayButton(t, w, "Cancel")
			ui.Settle(u)
			if reviewIn(t, db, a.ID, c.ID) != nil {
				t.Error("a review was saved")
			}
		})
	}
}
