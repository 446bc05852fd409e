package ui_test

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// TestHelpShortcutsListed opens Help → Keyboard shortcuts with a register
// open and finds in it every shortcut the main menu carries, and the guide
// in the Help menu.
func TestHelpShortcutsListed(t *testing.T) {
	u, w := newApp(t)
	start(t, u, filepath.Join(t.TempDir(), "Register.ropa"))
	menu := w.MainMenu()
	if menu == nil {
		t.Fatal("no main menu")
	}
	var help *fyne.Menu
	var bound []*fyne.MenuItem
	for _, m := range menu.Items {
		if m.Label == "Help" {
			help = m
		}
		for _, it := range m.Items {
			if it.Shortcut != nil {
				bound = append(bound, it)
			}
		}
	}
	if len(bound) < 8 {
		t.Fatalf("%d menu shortcuts, want the File, Edit and View ones", len(bound))
	}
	if help == nil {
		t.Fatal("no Help menu")
	}
	var labels []string
	for _, it := range help.Items {
		labels = append(labels, it.Label)
	}
	for _, want := range []string{"How to do the annual review", "Keyboard shortcuts", "About ROPA Desk"} {
		if !strings.Contains(strings.Join(labels, "|"), want) {
			t.Errorf("Help menu %q lacks %q", labels, want)
		}
	}

	u.ShowShortcuts()
	var texts []string
	for _, o := range objects(overlay(t, w)) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	// Key and description are neighbouring labels.
	listed := strings.Join(texts, "|")
	maybeShot(t, w, "help-shortcuts.png")
	for _, it := range bound {
		sc := it.Shortcut.(*desktop.CustomShortcut)
		mod := "Ctrl+"
		if sc.Modifier == fyne.KeyModifierAlt {
			mod = "Alt+" // the editor's tabs
		}
		want := mod + string(sc.KeyName) + "|" + strings.TrimSuffix(it.Label, "…")
		if !strings.Contains(listed, want) {
			t.Errorf("shortcut %s (%s) is not listed; the list is %q", sc.ShortcutName(), it.Label, listed)
		}
	}
	if len(u.Shortcuts()) != len(bound) {
		t.Errorf("%d shortcuts listed, %d in the menus", len(u.Shortcuts()), len(bound))
	}
	overlayButton(t, w, "Close")

	u.ShowGuide()
	find(t, overlay(t, w), func(l *widget.Label) bool {
		return strings.Contains(l.Text, "Mark selected as no change") && strings.Contains(l.Text, "Sign the cycle off")
	})
	maybeShot(t, w, "help-guide.png")
	overlayButton(t, w, "Close")
}
