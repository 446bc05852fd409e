package ui

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// textArea is the multi-line, word-wrapping entry of every free-text field.
//
// It exists because Fyne 2.7.1's Entry loses track of its cursor when a
// typed space lands where a line wraps: TypedRune works out the cursor's row
// and column from row boundaries computed before the entry re-wraps, and
// after the re-wrap that row and column point one character earlier, before
// the space. The next letter then goes in front of the space, which drifts
// to the end of the text and is trimmed away on save: "(private patients)"
// became "(privatepatients)". textArea remembers how much text followed the
// cursor before each insertion and puts the cursor back in front of exactly
// that much text afterwards, so what is typed is what is kept.
//
// It also lets Tab and Shift+Tab move to the next and previous field, as in
// any form, instead of typing a tab character into the text.
type textArea struct {
	widget.Entry

	// onEscape closes the dialog the area is in (showDialog sets it).
	onEscape func()

	// left is where the last edit left the cursor: its text offset and the
	// row and column that stood for it then. The entry may re-wrap later
	// (when it is laid out at a new size) and the same row and column then
	// stand for another offset; left notices that.
	left struct {
		set      bool
		offset   int
		row, col int
		text     string
	}
}

func newTextArea(placeholder string, rows int, changed func()) *textArea {
	t := &textArea{}
	t.PlaceHolder = placeholder
	t.MultiLine = true
	t.Wrapping = fyne.TextWrapWord
	if changed != nil {
		t.OnChanged = func(string) { changed() }
	}
	t.ExtendBaseWidget(t)
	t.SetMinRowsVisible(rows)
	return t
}

// TypedRune inserts r and keeps the cursor just after it.
func (t *textArea) TypedRune(r rune) {
	t.keepingTail(func() { t.Entry.TypedRune(r) })
}

// TypedShortcut handles paste the same way as typing; other shortcuts go to
// the entry unchanged.
func (t *textArea) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*fyne.ShortcutPaste); ok {
		t.keepingTail(func() { t.Entry.TypedShortcut(s) })
		return
	}
	t.Entry.TypedShortcut(s)
}

// TypedKey moves focus on Tab and Shift+Tab; the entry has every other key.
func (t *textArea) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && t.onEscape != nil {
		t.onEscape()
		return
	}
	if k.Name == fyne.KeyTab {
		c := fyne.CurrentApp().Driver().CanvasForObject(t)
		if c == nil {
			return
		}
		if shiftHeld() {
			c.FocusPrevious()
		} else {
			c.FocusNext()
		}
		return
	}
	t.keepingTail(func() { t.Entry.TypedKey(k) })
}

// AcceptsTab reports false, so the window's focus handling sees Tab and the
// entry is not asked to type it.
func (t *textArea) AcceptsTab() bool { return false }

// shiftHeld reports whether Shift is down, on drivers that know.
func shiftHeld() bool {
	if dd, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return dd.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// keepingTail runs an edit that inserts at the cursor and then puts the
// cursor in front of the text that followed it before. An edit that
// replaces a selection first deletes the selection, so that what follows
// the cursor is known.
func (t *textArea) keepingTail(edit func()) {
	if l := t.left; l.set && l.text == t.Text && l.row == t.CursorRow && l.col == t.CursorColumn && t.CursorTextOffset() != l.offset {
		// Nothing moved the cursor since the last edit, but the lines
		// were re-wrapped: put it back at its offset.
		t.CursorRow, t.CursorColumn = t.rowColAt(l.offset)
	}
	if t.SelectedText() != "" {
		t.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	}
	tail := utf8.RuneCountInString(t.Text) - t.CursorTextOffset()
	before := t.Text
	edit()
	if t.Text == before {
		return // a key that moved the cursor, not one that typed
	}
	want := utf8.RuneCountInString(t.Text) - tail
	if want < 0 {
		return
	}
	if t.CursorTextOffset() != want {
		t.CursorRow, t.CursorColumn = t.rowColAt(want)
		t.Refresh()
	}
	t.left.set, t.left.offset, t.left.text = true, want, t.Text
	t.left.row, t.left.col = t.CursorRow, t.CursorColumn
}

// rowColAt finds the row and column of text offset pos from the entry's
// current row boundaries, which the entry offers only through
// CursorTextOffset: a row's first offset is the offset of column 0.
func (t *textArea) rowColAt(pos int) (row, col int) {
	saveRow, saveCol := t.CursorRow, t.CursorColumn
	defer func() { t.CursorRow, t.CursorColumn = saveRow, saveCol }()
	prev := -1
	for r := 0; ; r++ {
		t.CursorRow, t.CursorColumn = r, 0
		begin := t.CursorTextOffset()
		// Past the last row the entry answers 0: the rows have ended.
		if begin <= prev || begin > pos {
			break
		}
		row, col, prev = r, pos-begin, begin
	}
	return row, col
}
