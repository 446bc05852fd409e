package ui_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// TestTakeOverFromAnotherMachine: a register held from another machine
// (its lock on a shared drive; here the lock is held in this process and
// its note names another computer) opens read-only with "Take over…" in
// the banner. The warning names who holds it, the machine and the risk;
// Cancel changes nothing; Take over opens it for writing, and a save then
// reaches the file. A register held on this machine offers no take-over.
func TestTakeOverFromAnotherMachine(t *testing.T) {
	ctx := context.Background()
	t.Run("OtherMachine", func(t *testing.T) {
		path, ids := seed(t, 2)
		holder, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer holder.Close()
		if err := os.WriteFile(path+".lock", []byte(`{"user":"sam.jones","host":"WARD-PC-7"}`), 0o600); err != nil {
			t.Fatal(err)
		}
		u, w := newApp(t)
		start(t, u, path)
		if ro := u.Register().ReadOnly(); !strings.Contains(ro, "WARD-PC-7") {
			t.Fatalf("read-only reason %q does not name the other machine", ro)
		}
		take := findButton(t, w.Content(), "Take over…")
		if !take.Visible() || take.Disabled() {
			t.Fatal("Take over… is not offered")
		}

		test.Tap(take)
		top := w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("Take over… asked nothing")
		}
		txt := strings.Join(labelTexts(top), " ")
		for _, want := range []string{"sam.jones", "WARD-PC-7", "switched off", "anything not yet saved there is lost"} {
			if !strings.Contains(txt, want) {
				t.Errorf("the warning does not say %q: %q", want, txt)
			}
		}
		overlayButton(t, w, "Cancel")
		ui.Settle(u)
		if u.Register().ReadOnly() == "" {
			t.Fatal("Cancel took the register over")
		}

		test.Tap(findButton(t, w.Content(), "Take over…"))
		overlayButton(t, w, "Take over")
		ui.Settle(u)
		if ro := u.Register().ReadOnly(); ro != "" {
			t.Fatalf("after taking over the register is still read-only: %s", ro)
		}
		if b, _ := os.ReadFile(path + ".lock"); strings.Contains(string(b), "WARD-PC-7") {
			t.Errorf("the lock note still names the other machine: %s", b)
		}
		m := u.Main()
		if m.Current() != ids[0] {
			t.Fatalf("editor on %v after taking over, want %v", m.Current(), ids[0])
		}
		typeIn(t, u, w, "description", "Saved after taking over")
		m.Save()
		ui.Settle(u)
		got, err := holder.Activity(ctx, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got.Description, "Saved after taking over") {
			t.Fatalf("the save after taking over did not reach the file: %q", got.Description)
		}
	})
	t.Run("ThisMachine", func(t *testing.T) {
		path, _ := seed(t, 1)
		holder, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer holder.Close()
		u, w := newApp(t)
		start(t, u, path)
		if u.Register().ReadOnly() == "" {
			t.Fatal("a register held on this machine opened writable")
		}
		for _, o := range objects(w.Content()) {
			if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Take over") && b.Visible() {
				t.Fatal("a register held by a live process on this machine offers Take over")
			}
		}
	})
}
