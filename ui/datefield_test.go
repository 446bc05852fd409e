package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestParseDate(t *testing.T) {
	want := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"2026-12-02", "02/12/2026", "2/12/2026", " 2/12/2026 ", "2 December 2026", "2 december 2026", "2 Dec 2026", "Wednesday 2 December 2026", "02-12-2026", "2.12.2026"} {
		got, err := parseDate(s)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"12/31/2026", "2026-13-01", "31/02/2026", "tomorrow", "2/12", "2026/12/02x"} {
		if got, err := parseDate(s); err == nil {
			t.Errorf("parseDate(%q) = %v; want an error", s, got)
		}
	}
}

func TestDateEntry(t *testing.T) {
	test.NewTempApp(t)
	changes := 0
	d := newDateEntry(func() { changes++ })
	by := widget.NewEntry()
	w := test.NewWindow(container.NewVBox(by, d.obj))
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(600, 400))

	t.Run("UK date shown in words", func(t *testing.T) {
		test.Type(d.Entry, "2/12/2026")
		got, ok := d.get()
		if !ok || !got.Equal(time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("get() = %v, %v", got, ok)
		}
		if d.words.Text != "Wednesday 2 December 2026" || d.words.Importance == widget.DangerImportance {
			t.Errorf("beside the field: %q (importance %v)", d.words.Text, d.words.Importance)
		}
	})
	t.Run("not a date says so beside the field", func(t *testing.T) {
		d.Entry.SetText("31/31/2026")
		if _, ok := d.get(); ok {
			t.Error("31/31/2026 read as a date")
		}
		if d.words.Text != dateMessage() || d.words.Importance != widget.DangerImportance {
			t.Errorf("beside the field: %q (importance %v)", d.words.Text, d.words.Importance)
		}
	})
	t.Run("clicking the field focuses it, not the field before", func(t *testing.T) {
		w.Canvas().Focus(by)
		// A real window focuses an entry on mouse down, through the
		// canvas that holds it: an entry not itself in the tree (as when
		// a wrapper was laid out instead) never gets focus.
		ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(10, 10)}, Button: desktop.MouseButtonPrimary}
		d.Entry.MouseDown(ev)
		d.Entry.MouseUp(ev)
		if w.Canvas().Focused() != d.Entry {
			t.Fatalf("focus on %T after clicking the date field", w.Canvas().Focused())
		}
		d.Entry.SetText("")
		test.Type(w.Canvas().Focused(), "1/1/2027")
		if by.Text != "" || d.Entry.Text != "1/1/2027" {
			t.Errorf("typed into the field before (%q); date field holds %q", by.Text, d.Entry.Text)
		}
	})
	t.Run("calendar picks a day", func(t *testing.T) {
		d.set(time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
		test.Tap(d.pick)
		top := w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no calendar popped up")
		}
		var day *widget.Button
		for _, o := range test.LaidOutObjects(top) {
			if b, ok := o.(*widget.Button); ok && b.Text == "17" {
				day = b
			}
		}
		if day == nil {
			t.Fatal("the calendar shows no day 17")
		}
		test.Tap(day)
		got, ok := d.get()
		if !ok || !got.Equal(time.Date(2026, 12, 17, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("after picking 17: %q → %v, %v", d.Entry.Text, got, ok)
		}
		if w.Canvas().Overlays().Top() != nil {
			t.Error("the calendar is still showing")
		}
	})
}
