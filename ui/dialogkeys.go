package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showDialog shows d over win and makes it answer the keyboard while it is
// up: Escape cancels it (as its dismiss button would) and Enter or Return
// confirms it. Fyne 2.7's dialogs answer neither. enter is what Enter does;
// when nil it is the dialog's own confirm (a confirm dialog's Confirm, a
// form's Submit, which does nothing while the form is invalid), or closing a
// dialog that only informs.
//
// The keys reach the window's canvas only when no widget has focus, so the
// widget that had focus behind the dialog loses it; the window's earlier key
// handler comes back when the dialog closes, so dialogs shown over dialogs
// unwind in order.
func showDialog(win fyne.Window, d dialog.Dialog, enter func()) {
	if enter == nil {
		switch v := d.(type) {
		case interface{ Confirm() }:
			enter = v.Confirm
		case interface{ Submit() }:
			enter = v.Submit
		default:
			enter = d.Hide
		}
	}
	c := win.Canvas()
	ks := dialogKeys[c]
	if ks == nil {
		ks = &keyStack{base: c.OnTypedKey()}
		dialogKeys[c] = ks
	}
	escape := d.Hide
	h := &keyHandler{fn: func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyEscape:
			escape()
		case fyne.KeyReturn, fyne.KeyEnter:
			enter()
		}
	}}
	ks.push(c, h)
	d.SetOnClosed(func() { ks.remove(c, h) })
	c.Unfocus()
	d.Show()
	// A one-line entry with focus takes Enter itself: let it confirm too;
	// and a field with focus takes Escape, which the canvas then never
	// sees: the fields that can, cancel.
	if top := c.Overlays().Top(); top != nil {
		wireKeys(top, enter, escape)
	}
}

// wireKeys makes every one-line entry under o that has no Enter action of
// its own call enter, and every field that can answer Escape call escape.
func wireKeys(o fyne.CanvasObject, enter, escape func()) {
	switch v := o.(type) {
	case *widget.Entry:
		if !v.MultiLine && v.OnSubmitted == nil {
			v.OnSubmitted = func(string) { enter() }
		}
		return
	case *dialogEntry:
		if !v.MultiLine && v.OnSubmitted == nil {
			v.OnSubmitted = func(string) { enter() }
		}
		v.onEscape = escape
		return
	case *textArea:
		v.onEscape = escape
		return // Enter starts a new line
	case *fyne.Container:
		for _, c := range v.Objects {
			wireKeys(c, enter, escape)
		}
		return
	case *widget.PopUp:
		wireKeys(v.Content, enter, escape)
	case *widget.Form:
		for _, it := range v.Items {
			wireKeys(it.Widget, enter, escape)
		}
	}
}

// dialogEntry is a one-line entry for dialogs. Fyne's Entry keeps every
// key while it has focus, Escape included, so a dialog could not be
// closed with Escape while the DPO was typing in it; this one hands
// Escape to the dialog (wireKeys sets onEscape).
type dialogEntry struct {
	widget.Entry
	onEscape func()
}

func newDialogEntry(text, placeholder string) *dialogEntry {
	e := &dialogEntry{}
	e.Text, e.PlaceHolder = text, placeholder
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes the dialog on Escape; the entry has every other key.
func (e *dialogEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// dialogKeys holds, per window canvas, the key handlers of the dialogs
// showing, newest last; touched only on the UI goroutine.
var dialogKeys = map[fyne.Canvas]*keyStack{}

type keyHandler struct{ fn func(*fyne.KeyEvent) }

// keyStack lets a dialog opened from another dialog's callback (a confirm
// after a form) keep its keys when the first one's close runs after it.
type keyStack struct {
	base  func(*fyne.KeyEvent)
	stack []*keyHandler
}

func (s *keyStack) push(c fyne.Canvas, h *keyHandler) {
	s.stack = append(s.stack, h)
	c.SetOnTypedKey(h.fn)
}

func (s *keyStack) remove(c fyne.Canvas, h *keyHandler) {
	for i, x := range s.stack {
		if x == h {
			s.stack = append(s.stack[:i], s.stack[i+1:]...)
			break
		}
	}
	if n := len(s.stack); n > 0 {
		c.SetOnTypedKey(s.stack[n-1].fn)
		return
	}
	c.SetOnTypedKey(s.base)
	delete(dialogKeys, c)
}
