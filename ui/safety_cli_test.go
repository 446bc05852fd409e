package ui_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// cliResult is what a run of the real ropactl binary printed and returned.
type cliResult struct {
	code           int
	stdout, stderr string
}

func runCLI(t *testing.T, bin string, args ...string) cliResult {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := cliResult{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("run ropactl %v: %v", args, err)
	}
	return r
}

// stored is the activity with id as the register file holds it now, read
// by a connection of the test's own.
func stored(t *testing.T, path string, a *model.Activity) *model.Activity {
	t.Helper()
	db, err := store.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Activity(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func reviewedBy(a *model.Activity, who string) bool {
	for _, r := range a.Reviews {
		if r.Reviewer == who {
			return true
		}
	}
	return false
}

// noLockOpener opens registers without taking their lock: a share whose
// file server does not enforce byte-range locks, so that the command line
// can write while the app has the register open. Only the revision check
// then stands between the app's stale copy and a lost update.
type noLockOpener struct{ opener }

func (noLockOpener) Open(ctx context.Context, path string) (ui.Register, error) {
	db, err := store.OpenWith(ctx, path, store.Options{NoLock: true})
	if err != nil {
		return nil, err
	}
	return historyDB{DB: db}, nil
}

// TestGUIAndCLIOneWriter is issue 12's lost update, on the real screens
// and the real ropactl binary. While the app has the register open, a
// review marked and an import from the command line are refused (exit 1,
// naming who has it) and change nothing. With the lock not held, the
// command line's writes land; the app's save of its stale copy of the
// same activity is refused as a conflict and the file keeps what the
// command line wrote; saving the merge the conflict dialog shows then
// saves the field the DPO changed, never a revert of the command line's
// retention or review.
func TestGUIAndCLIOneWriter(t *testing.T) {
	bin := buildRopactl(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "gui.ropa")
	const cycle = "Annual review 2026"
	for _, args := range [][]string{{"example", path}, {"review", "start", path, "--name", cycle}} {
		if r := runCLI(t, bin, args...); r.code != 0 {
			t.Fatalf("ropactl %v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	host, _ := os.Hostname()

	privateAppFolder(t)
	a := test.NewTempApp(t)
	u, _ := appIn(t, a, opener{})
	m := start(t, u, path)
	if ro := u.Register().ReadOnly(); ro != "" {
		t.Fatalf("the app opened the register read-only: %s", ro)
	}
	target := m.Editor().Activity()
	if target.ID != m.Current() || target.Name == "" {
		t.Fatalf("the app opened no activity (current %v)", m.Current())
	}
	before := stored(t, path, target)
	csv := filepath.Join(dir, "retention.csv")
	body := fmt.Sprintf("ROPA Desk: activity id,ROPA Desk: organisation id,Retention schedule (if possible)\n%s,%s,Kept for 12 years after the last contact\n", target.ID, target.OrganisationID)
	if err := os.WriteFile(csv, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	mark := []string{"review", "mark", path, "--cycle", cycle, "--activity", target.ID.String(), "--outcome", "no_change", "--reviewer", "Carol from the command line"}
	imp := []string{"import", path, csv}

	t.Run("RefusedWhileTheAppHoldsIt", func(t *testing.T) {
		for _, args := range [][]string{mark, imp} {
			r := runCLI(t, bin, args...)
			if r.code == 0 || !strings.Contains(r.stderr, "is open by") || !strings.Contains(r.stderr, host) {
				t.Errorf("ropactl %s while the app has the register: exit %d, stderr %q", args[0], r.code, r.stderr)
			}
		}
		after := stored(t, path, target)
		if after.Revision != before.Revision || after.Retention != before.Retention || reviewedBy(after, "Carol from the command line") {
			t.Errorf("a refused command changed the activity: revision %d → %d, retention %q → %q", before.Revision, after.Revision, before.Retention, after.Retention)
		}
	})

	// The app lets go of the register; a second app opens it where the
	// lock is not enforced, and the DPO starts editing.
	u.Shutdown()
	defer ui.SetWatchInterval(20 * time.Millisecond)()
	u2, w2 := appIn(t, a, noLockOpener{})
	m2 := start(t, u2, path)
	if m2.Current() != target.ID {
		t.Fatalf("the second app shows %v, want %v", m2.Current(), target.ID)
	}
	typeIn(t, u2, w2, "name", " (edited in the app)")
	if !m2.Editor().Dirty() {
		t.Fatal("typing did not make the editor dirty")
	}
	for _, args := range [][]string{mark, imp} {
		if r := runCLI(t, bin, args...); r.code != 0 {
			t.Fatalf("ropactl %s with the lock free: exit %d\n%s%s", args[0], r.code, r.stdout, r.stderr)
		}
	}
	theirs := stored(t, path, target)
	if !strings.HasPrefix(theirs.Retention, "Kept for 12 years") || !reviewedBy(theirs, "Carol from the command line") {
		t.Fatalf("the command line's writes are not in the file: retention %q, reviews %+v", theirs.Retention, theirs.Reviews)
	}

	m2.Save()
	ui.Settle(u2)
	top := w2.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("saving the stale copy showed nothing: no conflict dialog")
	}
	if txt := strings.Join(labelTexts(top), " "); !strings.Contains(txt, "Changed elsewhere") || !strings.Contains(txt, "No field was changed by both of you") {
		t.Fatalf("the dialog shown is not the conflict: %q", txt)
	}
	now := stored(t, path, target)
	if now.Revision != theirs.Revision || now.Name != theirs.Name || now.Retention != theirs.Retention || !reviewedBy(now, "Carol from the command line") {
		t.Fatalf("the stale save was written: name %q, retention %q, revision %d (the command line left %d)", now.Name, now.Retention, now.Revision, theirs.Revision)
	}

	overlayButton(t, w2, "Save")
	ui.Settle(u2)
	kept := stored(t, path, target)
	if kept.Name != target.Name+" (edited in the app)" {
		t.Errorf("saving the merge did not save the DPO's edit: name %q", kept.Name)
	}
	if kept.Retention != theirs.Retention || !reviewedBy(kept, "Carol from the command line") {
		t.Errorf("saving the merge reverted the command line's change: retention %q, reviews %+v", kept.Retention, kept.Reviews)
	}
	if m2.Editor().Dirty() {
		t.Error("the editor is still dirty after the merge was saved")
	}
	if r := runCLI(t, bin, "verify", path); r.code != 0 {
		t.Errorf("verify after the conflict: exit %d\n%s", r.code, r.stdout)
	}
}

// appIn is newApp in the Fyne app a, with the opener o: two copies of
// ROPA Desk in one test.
func appIn(t *testing.T, a fyne.App, o ui.Opener) (*ui.App, fyne.Window) {
	t.Helper()
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	u := ui.Create(a, w, o)
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		if r := u.Register(); r != nil {
			_ = r.Close()
		}
	})
	return u, w
}

// labelTexts is the text of every label under o.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, x := range objects(o) {
		if l, ok := x.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}
