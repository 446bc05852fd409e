package ui

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// The Help menu: a short guide to the annual review in plain words, and
// the keyboard shortcuts, listed from what setMenus bound so the list
// cannot drift from the keys.

// shortcutHelp is one bound shortcut as Help lists it.
type shortcutHelp struct {
	keys string // "Ctrl+S"
	what string // the menu item's label
}

// shortcutText writes sc as the keyboard shows it: Ctrl+S, or ⌘S on a Mac.
func shortcutText(sc *desktop.CustomShortcut) string {
	var mods []string
	if sc.Modifier&fyne.KeyModifierControl != 0 {
		mods = append(mods, "Ctrl")
	}
	if sc.Modifier&fyne.KeyModifierAlt != 0 {
		mods = append(mods, "Alt")
	}
	if sc.Modifier&fyne.KeyModifierShift != 0 {
		mods = append(mods, "Shift")
	}
	if sc.Modifier&fyne.KeyModifierSuper != 0 {
		if runtime.GOOS == "darwin" {
			mods = append(mods, "⌘")
		} else {
			mods = append(mods, "Super")
		}
	}
	return strings.Join(append(mods, string(sc.KeyName)), "+")
}

// dialogKeyHelp is the keys every form and dialog answers (dialogkeys.go,
// textarea.go): not shortcuts of a menu, but as much worth knowing.
func dialogKeyHelp() []shortcutHelp {
	return []shortcutHelp{
		{"Enter", lang.L("Confirm the dialog (its main button)")},
		{"Escape", lang.L("Close the dialog without doing anything, even while typing in it")},
		{"Tab / Shift+Tab", lang.L("Move to the next or previous field, out of multi-line fields too")},
	}
}

// Shortcuts are the keyboard shortcuts the menus bound, in menu order.
func (u *App) Shortcuts() []string {
	out := make([]string, len(u.shortcuts))
	for i, s := range u.shortcuts {
		out[i] = s.keys + "\t" + s.what
	}
	return out
}

// ShowShortcuts lists the keyboard shortcuts.
func (u *App) ShowShortcuts() {
	grid := func(list []shortcutHelp) *fyne.Container {
		g := container.New(shortcutGrid{})
		for _, s := range list {
			g.Add(&widget.Label{Text: s.keys, TextStyle: fyne.TextStyle{Bold: true, Monospace: true}})
			g.Add(&widget.Label{Text: strings.TrimSuffix(s.what, "…"), Wrapping: fyne.TextWrapWord})
		}
		return g
	}
	body := container.NewVBox(
		newHeading(lang.L("Menu shortcuts")), grid(u.shortcuts),
		newHeading(lang.L("In dialogs and forms")), grid(dialogKeyHelp()),
	)
	d := dialog.NewCustom(lang.L("Keyboard shortcuts"), lang.L("Close"), container.NewVScroll(body), u.win)
	d.Resize(fyne.NewSize(560, 560))
	showDialog(u.win, d, nil)
}

// ShowGuide shows the short guide to the annual review.
func (u *App) ShowGuide() {
	text := &widget.Label{Text: guideText(), Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustom(lang.L("How to do the annual review"), lang.L("Close"), container.NewVScroll(text), u.win)
	d.Resize(fyne.NewSize(680, 600))
	showDialog(u.win, d, nil)
}

func guideText() string {
	return strings.Join([]string{
		lang.L("UK GDPR Article 30 asks you to keep a record of what your organisation does with personal data. The ICO expects you to check it at least once a year. This is how to do that check here."),
		lang.L("1. Start a review cycle. On the Review tab choose \"Start review cycle…\" and give it a name such as \"Annual review 2026\". Every activity is listed as not yet reviewed."),
		lang.L("2. Go through the activities. Choose one in the list: the pane beside it says when it was last reviewed and what its national data opt-out decision is. Ask the person who runs it whether anything has changed: what data, whose, why, who receives it, how long it is kept."),
		lang.L("3. If something changed, open the activity, correct it and save (Ctrl+S), then mark it reviewed with the outcome \"Changed\". If it has stopped, mark it \"Retired\"."),
		lang.L("4. If nothing changed, mark it \"No change\". For many at once, tick them in the list and choose \"Mark selected as no change…\": your name is filled in for you."),
		lang.L("5. Confirm the national data opt-out decision each time (health and care organisations in England): tick that it still holds, or redo the assessment first."),
		lang.L("6. Look at the Problems tab. It lists what the law requires and the record lacks, such as a lawful basis or a retention period; choosing a problem opens the field to fix."),
		lang.L("7. Sign the cycle off. \"Sign off…\" records who signed, in what role and on whose authority. Activities not reviewed or errors still open must be acknowledged in your own words. Signing off freezes the cycle: it cannot be undone."),
		lang.L("8. Export the cycle's PDF (\"Export PDF of this cycle…\") and keep it as your evidence for the auditor or the ICO."),
		lang.L("Every change is kept in each activity's history (on its Reviews tab), with your name and the value before and after."),
	}, "\n\n")
}

// shortcutGrid lays out key and description pairs: the keys in a column
// as wide as the widest, the descriptions filling the rest.
type shortcutGrid struct{}

func (shortcutGrid) widths(objs []fyne.CanvasObject) float32 {
	var w float32
	for i := 0; i < len(objs); i += 2 {
		w = max(w, objs[i].MinSize().Width)
	}
	return w
}

func (g shortcutGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	kw := g.widths(objs)
	var h, dw float32
	for i := 0; i+1 < len(objs); i += 2 {
		h += max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
		dw = max(dw, objs[i+1].MinSize().Width)
	}
	return fyne.NewSize(kw+dw, h)
}

func (g shortcutGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	kw := g.widths(objs)
	var y float32
	for i := 0; i+1 < len(objs); i += 2 {
		k, d := objs[i], objs[i+1]
		d.Resize(fyne.NewSize(size.Width-kw, d.MinSize().Height))
		h := max(k.MinSize().Height, d.MinSize().Height)
		k.Move(fyne.NewPos(0, y))
		k.Resize(fyne.NewSize(kw, k.MinSize().Height))
		d.Move(fyne.NewPos(kw, y))
		d.Resize(fyne.NewSize(size.Width-kw, h))
		y += h
	}
}
