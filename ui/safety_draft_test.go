package ui_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// drafts lists the draft files in the app's folder.
func drafts(t *testing.T, root string) []string {
	t.Helper()
	found, err := filepath.Glob(filepath.Join(root, "drafts", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestUnsavedEditsKeptOnStop: told to stop (the SIGTERM handler's path,
// App.Shutdown) with unsaved edits, the app keeps them as an owner-only
// draft in its own folder and not in the register; the next open of the
// register offers them back, puts them into the editor unsaved over the
// activity as stored by then (a change made meanwhile stays), and saving
// writes both.
func TestUnsavedEditsKeptOnStop(t *testing.T) {
	ctx := context.Background()
	path, _ := seed(t, 3)
	privateAppFolder(t)
	a := test.NewTempApp(t)
	root := a.Storage().RootURI().Path()

	u, w := appIn(t, a, opener{})
	m := start(t, u, path)
	target := m.Editor().Activity()
	typeIn(t, u, w, "description", "Kept across a stop")
	if !m.Editor().Dirty() {
		t.Fatal("typing did not make the editor dirty")
	}
	u.Shutdown()
	ui.Settle(u)

	found := drafts(t, root)
	if len(found) != 1 {
		t.Fatalf("drafts after the stop: %v", found)
	}
	st, err := os.Stat(found[0])
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("draft %s: mode %v, %v; want 0600", found[0], st.Mode(), err)
	}
	if dst, err := os.Stat(filepath.Dir(found[0])); err != nil || dst.Mode().Perm() != 0o700 {
		t.Fatalf("drafts folder: %v, %v; want 0700", dst.Mode(), err)
	}
	if b, _ := os.ReadFile(found[0]); !strings.Contains(string(b), "Kept across a stop") {
		t.Fatalf("the draft does not hold the edit:\n%s", b)
	}
	if s := stored(t, path, target); strings.Contains(s.Description, "Kept across a stop") {
		t.Fatal("the unsaved edit was written into the register")
	}

	// Someone else changes the activity while the app is stopped.
	db, err := store.OpenWritable(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	other, err := db.Activity(ctx, target.ID)
	if err != nil {
		t.Fatal(err)
	}
	other.Retention = "Changed while the app was stopped"
	if err := db.UpdateActivity(ctx, other); err != nil {
		t.Fatal(err)
	}
	db.Close()

	u2, w2 := appIn(t, a, opener{})
	m2 := start(t, u2, path)
	top := w2.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("reopening the register offered nothing: the draft is not offered")
	}
	if txt := strings.Join(labelTexts(top), " "); !strings.Contains(txt, "kept as a draft") {
		t.Fatalf("the dialog shown is not the draft's: %q", txt)
	}
	overlayButton(t, w2, "Put them back")
	ui.Settle(u2)
	e := m2.Editor()
	if m2.Current() != target.ID || !e.Dirty() {
		t.Fatalf("after putting the draft back: editor on %v (want %v), dirty %v", m2.Current(), target.ID, e.Dirty())
	}
	if got := e.Activity(); !strings.Contains(got.Description, "Kept across a stop") || got.Retention != other.Retention {
		t.Fatalf("editor after putting the draft back: description %q, retention %q (want %q kept)", got.Description, got.Retention, other.Retention)
	}
	if left := drafts(t, root); len(left) != 0 {
		t.Errorf("the draft is still there after it was put back: %v", left)
	}
	m2.Save()
	ui.Settle(u2)
	if s := stored(t, path, target); !strings.Contains(s.Description, "Kept across a stop") || s.Retention != other.Retention {
		t.Fatalf("saved: description %q, retention %q", s.Description, s.Retention)
	}

	// With nothing unsaved, a stop keeps no draft.
	u2.Shutdown()
	if left := drafts(t, root); len(left) != 0 {
		t.Errorf("a stop with nothing unsaved kept a draft: %v", left)
	}
}

// TestDraftDiscarded: discarding the offered draft removes it, opens the
// first activity as usual, and leaves nothing unsaved.
func TestDraftDiscarded(t *testing.T) {
	path, ids := seed(t, 2)
	privateAppFolder(t)
	a := test.NewTempApp(t)
	root := a.Storage().RootURI().Path()
	u, w := appIn(t, a, opener{})
	start(t, u, path)
	typeIn(t, u, w, "description", "Not wanted after all")
	u.Shutdown()
	if len(drafts(t, root)) != 1 {
		t.Fatal("no draft kept")
	}
	u2, w2 := appIn(t, a, opener{})
	m2 := start(t, u2, path)
	overlayButton(t, w2, "Discard the draft")
	ui.Settle(u2)
	if left := drafts(t, root); len(left) != 0 {
		t.Errorf("the discarded draft is still there: %v", left)
	}
	if m2.Current() != ids[0] || m2.Editor().Dirty() || strings.Contains(m2.Editor().Activity().Description, "Not wanted") {
		t.Errorf("after discarding: editor on %v (want %v), dirty %v", m2.Current(), ids[0], m2.Editor().Dirty())
	}
}
