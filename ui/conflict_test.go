package ui_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// A long value, so the dialog has to wrap it: it must show in full.
const theirDescription = "Monthly salaries, pension contributions and statutory deductions for every member of staff, " +
	"worked out by the payroll bureau from the timesheets the managers approve, then paid by BACS on the last working day."

// conflictRig is an app editing one activity of a real register file, and
// a second writer on the same file (no lock, as a share whose server does
// not enforce one) to make the app's copy stale.
type conflictRig struct {
	u     *ui.App
	w     fyne.Window
	m     *ui.MainWindow
	path  string
	a     *model.Activity
	org   *model.Organisation
	other *store.DB
}

func newConflictRig(t *testing.T) *conflictRig {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	org := mustOrganisation(t, db, "Clinic", false)
	a := &model.Activity{OrganisationID: org.ID, Name: "Payroll", Role: model.RoleController, Status: model.StatusActive,
		Description: "Monthly salaries", Retention: "Six years", Owner: "Finance manager"}
	if err := db.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	db.Close()
	u, w := newApp(t)
	m := start(t, u, path)
	if m.Current() != a.ID {
		t.Fatalf("the editor shows %v, want Payroll", m.Current())
	}
	other, err := store.OpenWith(ctx, path, store.Options{NoLock: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	other.SetUser("Carol")
	return &conflictRig{u: u, w: w, m: m, path: path, a: a, org: org, other: other}
}

// theirs changes the activity through the second writer.
func (r *conflictRig) theirs(t *testing.T, edit func(a *model.Activity)) *model.Activity {
	t.Helper()
	ctx := context.Background()
	b, err := r.other.Activity(ctx, r.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	edit(b)
	if err := r.other.UpdateActivity(ctx, b); err != nil {
		t.Fatal(err)
	}
	return b
}

// verified checks the register's history chain and its agreement with
// the rows.
func (r *conflictRig) verified(t *testing.T) {
	t.Helper()
	v, err := r.other.VerifyHistory(context.Background())
	if err != nil || !v.OK() {
		t.Errorf("verify after the conflict: %v %+v", err, v.Problems)
	}
}

// conflictChoices finds, in the dialog on top, the choice under each
// field's label.
func conflictChoices(t *testing.T, w fyne.Window, labels ...string) map[string]*widget.RadioGroup {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is showing")
	}
	out := map[string]*widget.RadioGroup{}
	heading := ""
	for _, o := range objects(top) {
		switch v := o.(type) {
		case *widget.Label:
			for _, l := range labels {
				if v.Text == l && v.TextStyle.Bold {
					heading = l
				}
			}
		case *widget.RadioGroup:
			if heading != "" {
				out[heading] = v
				heading = ""
			}
		}
	}
	return out
}

var rawKey = regexp.MustCompile(`\b[a-z0-9]+_[a-z0-9_]+\b`)

// dialogText is every label in the dialog on top, checked for raw keys.
func dialogText(t *testing.T, w fyne.Window) string {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("saving the stale copy showed nothing: no conflict dialog")
	}
	txt := strings.Join(labelTexts(top), "\n")
	if k := rawKey.FindString(txt); k != "" {
		t.Errorf("the dialog shows the key %q:\n%s", k, txt)
	}
	return txt
}

func saveButton(t *testing.T, w fyne.Window) *widget.Button {
	t.Helper()
	return find(t, w.Canvas().Overlays().Top(), func(b *widget.Button) bool { return strings.HasPrefix(b.Text, "Save") })
}

// TestConflictBothChangedOffersTheChoice: the DPO and another writer both
// change the description; only they change the retention, only the DPO the
// owner. The dialog lists the one-sided changes, shows the description's
// three values in full under its label, and saves exactly the side chosen.
func TestConflictBothChangedOffersTheChoice(t *testing.T) {
	for _, side := range []string{"Theirs", "Yours"} {
		t.Run(side, func(t *testing.T) {
			r := newConflictRig(t)
			e := r.m.Editor()
			typeIn(t, r.u, r.w, "description", " and pensions")
			ui.Widgets(e).Owner.SetText("Head of finance")
			theirs := r.theirs(t, func(a *model.Activity) {
				a.Description = theirDescription
				a.Retention = "Six years after the member of staff leaves"
			})

			r.m.Save()
			ui.Settle(r.u)
			txt := dialogText(t, r.w)
			for _, want := range []string{
				"Changed by both of you", model.FieldLabel("description"), "What you started from", "Theirs (Carol, ",
				"Monthly salaries\n", theirDescription, "Monthly salaries and pensions",
				"Changed only by them", "• " + model.FieldLabel("retention") + " (Carol, ",
				"Changed only by you", "• " + model.FieldLabel("owner"),
				"Carol saved a change to the activity “Payroll”",
			} {
				if !strings.Contains(txt+"\n", want) {
					t.Errorf("the dialog does not show %q:\n%s", want, txt)
				}
			}
			if now := stored(t, r.path, r.a); now.Revision != theirs.Revision || now.Description != theirDescription {
				t.Fatalf("the stale save was written: %+v", now)
			}
			save := saveButton(t, r.w)
			if !save.Disabled() {
				t.Error("Save is enabled before the description has a choice")
			}
			choice := conflictChoices(t, r.w, model.FieldLabel("description"))[model.FieldLabel("description")]
			if choice == nil {
				t.Fatal("no choice under the description")
			}
			choice.SetSelected(side)
			if save.Disabled() {
				t.Fatal("Save is still disabled after the only choice was made")
			}
			test.Tap(save)
			ui.Settle(r.u)

			got := stored(t, r.path, r.a)
			want := map[string]string{"Theirs": theirDescription, "Yours": "Monthly salaries and pensions"}[side]
			if got.Description != want {
				t.Errorf("choosing %s saved the description %q, want %q", side, got.Description, want)
			}
			if got.Retention != "Six years after the member of staff leaves" || got.Owner != "Head of finance" {
				t.Errorf("the one-sided changes were not merged: retention %q, owner %q", got.Retention, got.Owner)
			}
			if got.Revision == theirs.Revision {
				t.Error("nothing was saved")
			}
			if e.Dirty() {
				t.Error("the editor is still dirty after the merge was saved")
			}
			if top := r.w.Canvas().Overlays().Top(); top != nil {
				t.Errorf("a dialog is still up after saving: %q", labelTexts(top))
			}
			r.verified(t)
		})
	}
}

// TestConflictStaleAgainComesBack: the register changes again while the
// dialog is up; saving the choice is refused in its turn and the dialog
// comes back with the newer value, which the DPO then takes.
func TestConflictStaleAgainComesBack(t *testing.T) {
	r := newConflictRig(t)
	typeIn(t, r.u, r.w, "description", " and pensions")
	r.theirs(t, func(a *model.Activity) { a.Description = "Salaries" })
	r.m.Save()
	ui.Settle(r.u)
	label := model.FieldLabel("description")
	conflictChoices(t, r.w, label)[label].SetSelected("Yours")
	newer := r.theirs(t, func(a *model.Activity) { a.Description = "Salaries and expenses"; a.Retention = "Ten years" })
	test.Tap(saveButton(t, r.w))
	ui.Settle(r.u)

	txt := dialogText(t, r.w)
	if !strings.Contains(txt, "Salaries and expenses") || !strings.Contains(txt, "Monthly salaries and pensions") {
		t.Fatalf("the dialog did not come back with the newer version:\n%s", txt)
	}
	if got := stored(t, r.path, r.a); got.Revision != newer.Revision {
		t.Fatalf("a save against the older version was written: revision %d, want %d", got.Revision, newer.Revision)
	}
	conflictChoices(t, r.w, label)[label].SetSelected("Theirs")
	test.Tap(saveButton(t, r.w))
	ui.Settle(r.u)
	got := stored(t, r.path, r.a)
	if got.Description != "Salaries and expenses" || got.Retention != "Ten years" {
		t.Errorf("saved description %q, retention %q", got.Description, got.Retention)
	}
	r.verified(t)
}

// TestConflictCancelKeepsTheEdit: Cancel, and Escape, close the dialog and
// leave every edit in the editor, unsaved; saving again asks again.
func TestConflictCancelKeepsTheEdit(t *testing.T) {
	r := newConflictRig(t)
	e := r.m.Editor()
	typeIn(t, r.u, r.w, "description", " and pensions")
	theirs := r.theirs(t, func(a *model.Activity) { a.Description = "Salaries" })
	for _, how := range []string{"Cancel", "Escape"} {
		r.m.Save()
		ui.Settle(r.u)
		dialogText(t, r.w)
		if how == "Cancel" {
			overlayButton(t, r.w, "Cancel")
		} else {
			r.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}
		ui.Settle(r.u)
		if top := r.w.Canvas().Overlays().Top(); top != nil {
			t.Fatalf("%s left the dialog up: %q", how, labelTexts(top))
		}
		if !e.Dirty() || e.Activity().Description != "Monthly salaries and pensions" {
			t.Errorf("%s lost the edit: dirty %v, description %q", how, e.Dirty(), e.Activity().Description)
		}
		if got := stored(t, r.path, r.a); got.Revision != theirs.Revision || got.Description != "Salaries" {
			t.Errorf("%s wrote something: %+v", how, got)
		}
	}
}

// TestConflictOneSidedOnlyMerges: with no field changed by both, the
// dialog asks nothing: Save is ready and keeps both sides' changes.
func TestConflictOneSidedOnlyMerges(t *testing.T) {
	r := newConflictRig(t)
	typeIn(t, r.u, r.w, "name", " (staff)")
	r.theirs(t, func(a *model.Activity) { a.Retention = "Ten years"; a.Recipients = []string{"HMRC"} })
	r.m.Save()
	ui.Settle(r.u)
	txt := dialogText(t, r.w)
	if strings.Contains(txt, "Changed by both") || !strings.Contains(txt, "No field was changed by both of you") {
		t.Errorf("the dialog asks for a choice with nothing to choose:\n%s", txt)
	}
	save := saveButton(t, r.w)
	if save.Disabled() {
		t.Fatal("Save is disabled with nothing to choose")
	}
	test.Tap(save)
	ui.Settle(r.u)
	got := stored(t, r.path, r.a)
	if got.Name != "Payroll (staff)" || got.Retention != "Ten years" || len(got.Recipients) != 1 || got.Recipients[0] != "HMRC" {
		t.Errorf("merged save holds name %q, retention %q, recipients %v", got.Name, got.Retention, got.Recipients)
	}
	r.verified(t)
}

// TestConflictOrganisation: the same on the Organisations screen. Both
// change the name; only they the ICO registration; only the DPO the
// controller's email.
func TestConflictOrganisation(t *testing.T) {
	for _, side := range []string{"Theirs", "Yours"} {
		t.Run(side, func(t *testing.T) {
			r := newConflictRig(t)
			ctx := context.Background()
			s := r.m.Organisations()
			s.OrganisationList().Select(0)
			ui.Settle(r.u)
			s.NameEntry().SetText("Clinic Ltd")
			s.ControllerEmail().SetText("privacy@clinic.example")
			o, err := r.other.Organisation(ctx, r.org.ID)
			if err != nil {
				t.Fatal(err)
			}
			o.Name, o.ICORegistration = "The Clinic", "ZA123456"
			if err := r.other.UpdateOrganisation(ctx, o); err != nil {
				t.Fatal(err)
			}
			test.Tap(s.SaveButton())
			ui.Settle(r.u)
			txt := dialogText(t, r.w)
			label := model.FieldLabel("organisations.name")
			for _, want := range []string{label, "Clinic\n", "The Clinic", "Clinic Ltd", "• " + model.FieldLabel("organisations.ico_registration"), "• " + model.FieldLabel("organisations.controller.email")} {
				if !strings.Contains(txt+"\n", want) {
					t.Errorf("the dialog does not show %q:\n%s", want, txt)
				}
			}
			conflictChoices(t, r.w, label)[label].SetSelected(side)
			test.Tap(saveButton(t, r.w))
			ui.Settle(r.u)
			got, err := r.other.Organisation(ctx, r.org.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"Theirs": "The Clinic", "Yours": "Clinic Ltd"}[side]
			if got.Name != want || got.ICORegistration != "ZA123456" || got.Controller.Email != "privacy@clinic.example" {
				t.Errorf("choosing %s saved %+v", side, got)
			}
			r.verified(t)
		})
	}
}
