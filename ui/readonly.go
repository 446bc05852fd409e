package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A register opens read-only when another copy of the app has it, when a
// newer version wrote it, or when it is damaged. Its screens then show
// everything but let nothing be changed: each widget is disabled, and the
// buttons that only add or remove rows are hidden. Disabled text is drawn
// in a colour that can still be read, because reading is what the DPO is
// there to do.

// buildReadOnly wraps each of the editor's tabs so its disabled fields
// stay legible. Each tab gets its own override because the tabs not shown
// are outside the tab container's objects, which an override around the
// whole editor would not reach.
func (e *ActivityEditor) buildReadOnly() {
	if e.reg == nil || e.reg.ReadOnly() == "" {
		return
	}
	for _, it := range e.tabs.Items {
		o := container.NewThemeOverride(it.Content, legibleDisabled{})
		e.readOnly = append(e.readOnly, o)
		it.Content = o
	}
	e.staleTheme = make([]bool, len(e.readOnly))
	// Theming a tab means laying out all of it, so a tab is themed when it
	// is shown rather than all seven on every Load.
	e.tabs.OnSelected = func(*container.TabItem) { e.refreshTheme() }
}

// refreshTheme themes the rows made since the shown tab was last themed.
func (e *ActivityEditor) refreshTheme() {
	if i := e.tabs.SelectedIndex(); i >= 0 && i < len(e.readOnly) && e.staleTheme[i] {
		e.staleTheme[i] = false
		e.readOnly[i].Refresh()
	}
}

// applyReadOnly disables the fields of a read-only register's activity.
// Rows are made afresh on each Load, so it runs after each.
func (e *ActivityEditor) applyReadOnly() {
	if e.readOnly == nil {
		return
	}
	disableAll(e.tabs, true)
	for i := range e.staleTheme {
		e.staleTheme[i] = true
	}
	e.refreshTheme()
}

// disableAll disables every widget under o that can be disabled, hiding
// the buttons instead when hideButtons is set. It goes through containers,
// scrolls, forms and tabs, which is how the screens are put together.
func disableAll(o fyne.CanvasObject, hideButtons bool) {
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			disableAll(c, hideButtons)
		}
	case *container.ThemeOverride:
		disableAll(x.Content, hideButtons)
	case *container.Scroll:
		disableAll(x.Content, hideButtons)
	case *container.AppTabs:
		for _, it := range x.Items {
			disableAll(it.Content, hideButtons)
		}
	case *widget.Form:
		for _, it := range x.Items {
			disableAll(it.Widget, hideButtons)
		}
	case *widget.Button:
		if hideButtons {
			x.Hide()
		} else {
			x.Disable()
		}
	case fyne.Disableable:
		x.Disable()
	}
}

// legibleDisabled is the app's theme with disabled text drawn as slightly
// faded ordinary text rather than the theme's faint grey.
type legibleDisabled struct{}

func (legibleDisabled) base() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (t legibleDisabled) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		fg := color.NRGBAModel.Convert(t.base().Color(theme.ColorNameForeground, v)).(color.NRGBA)
		fg.A = 0xc0
		return fg
	}
	return t.base().Color(n, v)
}

func (t legibleDisabled) Font(s fyne.TextStyle) fyne.Resource { return t.base().Font(s) }

func (t legibleDisabled) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base().Icon(n) }

func (t legibleDisabled) Size(n fyne.ThemeSizeName) float32 { return t.base().Size(n) }

// oneLine fits a read-only reason into a line or two of a banner. The
// store's reason for a damaged file quotes what SQLite found, which can run
// to hundreds of lines; the sentence saying what to do comes last, so the
// start and the end are kept and the middle elided.
func oneLine(s string, most int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= most {
		return s
	}
	head, tail := string(r[:most*2/3]), string(r[len(r)-most/3:])
	if i := strings.LastIndexByte(head, ' '); i > 0 {
		head = head[:i]
	}
	if i := strings.IndexByte(tail, ' '); i >= 0 {
		tail = tail[i+1:]
	}
	return head + " … " + tail
}

// HeldElsewhere is a register that can say it is read-only because
// another machine holds it (its lock is on a shared drive). Only then may
// it be taken over: a holder on this machine is a live process.
type HeldElsewhere interface {
	HeldElsewhere() (user, host string, since time.Time, ok bool)
}

// TakeOverOpener is an Opener that can open a register another machine
// holds, for when that machine has crashed or lost the network.
type TakeOverOpener interface {
	TakeOver(ctx context.Context, path string) (Register, error)
}

// readOnlyBanner is the line above the tabs of a read-only register: why
// it is read-only, and when another machine holds it, "Take over…".
func (m *MainWindow) readOnlyBanner() fyne.CanvasObject {
	label := &widget.Label{
		Text:       lang.L("This register is read-only:") + " " + oneLine(m.reg.ReadOnly(), 400),
		Wrapping:   fyne.TextWrapWord,
		Importance: widget.WarningImportance,
	}
	h, held := m.reg.(HeldElsewhere)
	_, can := m.app.opener.(TakeOverOpener)
	if !held || !can {
		return container.NewPadded(label)
	}
	user, host, since, ok := h.HeldElsewhere()
	if !ok {
		return container.NewPadded(label)
	}
	take := &widget.Button{Text: lang.L("Take over…"), Icon: theme.WarningIcon(), OnTapped: func() {
		m.confirmTakeOver(user, host, since)
	}}
	return container.NewPadded(container.NewBorder(nil, nil, nil, take, label))
}

// confirmTakeOver warns who holds the register and what taking it over
// risks, and takes it over if the DPO confirms.
func (m *MainWindow) confirmTakeOver(user, host string, since time.Time) {
	if user == "" {
		user = lang.L("someone")
	}
	when := ""
	if !since.IsZero() {
		when = " " + fmt.Sprintf(lang.L("since %s"), since.Local().Format(dateTime))
	}
	msg := &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf(lang.L(
		"%s has this register open on the computer %s%s. Take it over only if %s is switched off, has crashed or can no longer reach the register.\n\nIf ROPA Desk is in fact still working there, you and %s will both be changing the register: a save made there may be refused or may overwrite yours, and anything not yet saved there is lost. Ask %s first if you can."),
		user, host, when, host, user, user)}
	d := dialog.NewCustomConfirm(lang.L("Take over the register?"), lang.L("Take over"), lang.L("Cancel"), msg, func(yes bool) {
		if yes {
			m.app.takeOver(m.reg.Path())
		}
	}, m.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(520, 0))
	showDialog(m.win, d, nil)
}

// takeOver closes the read-only copy of the register at path and opens it
// again for writing despite the other machine's lock.
func (u *App) takeOver(path string) {
	o, ok := u.opener.(TakeOverOpener)
	if !ok {
		return
	}
	u.load(path, lang.L("Taking over the register…"), func(ctx context.Context) (Register, error) {
		return o.TakeOver(ctx, path)
	})
}
