package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dateForms are the ways a date may be typed: ISO, and the UK's day first
// forms. Go reads "2" and "1" as one or two digits, so 02/12/2026 and
// 2/12/2026 both match "2/1/2006"; month names match in any case.
var dateForms = []string{
	"2006-01-02",
	"2/1/2006",
	"2-1-2006",
	"2.1.2006",
	"2 January 2006",
	"2 Jan 2006",
	"2 January, 2006",
	"Monday 2 January 2006",
	"Monday, 2 January 2006",
}

var errNotADate = errors.New("not a date")

// parseDate reads a date as a person types it (2026-12-02, 02/12/2026,
// 2/12/2026, 2 December 2026), day before month as in the UK. It is the one
// place typed dates are read.
func parseDate(s string) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	for _, f := range dateForms {
		if t, err := time.Parse(f, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errNotADate
}

// dateInWords is how a date is shown back, so a misread day and month is
// seen at once: "Wednesday 2 December 2026".
func dateInWords(t time.Time) string { return t.Format("Monday 2 January 2006") }

// dateEntry is a date field: an entry taking the forms parseDate reads, a
// button opening a calendar, and beside them the date understood, in words,
// or what is wrong with the text. It remembers the time it was loaded with,
// so an untouched date keeps its time of day and does not look edited.
type dateEntry struct {
	Entry *widget.Entry
	orig  time.Time
	words *widget.Label
	pick  *widget.Button
	// obj is what goes into a form: the entry, the button and the words.
	obj *fyne.Container
}

func newDateEntry(changed func()) *dateEntry {
	d := &dateEntry{words: &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}}
	d.Entry = &widget.Entry{PlaceHolder: lang.L("e.g. 2/12/2026"), OnChanged: func(string) {
		d.showWords()
		changed()
	}}
	d.pick = &widget.Button{Icon: theme.CalendarIcon(), Importance: widget.LowImportance, OnTapped: d.openCalendar}
	d.obj = container.NewVBox(container.NewBorder(nil, nil, nil, d.pick, d.Entry), d.words)
	return d
}

func (d *dateEntry) set(t time.Time) {
	d.orig = t
	if t.IsZero() {
		d.Entry.SetText("")
	} else {
		d.Entry.SetText(t.Format(dateLayout))
	}
	d.showWords()
}

// setDate puts t in the field as if typed.
func (d *dateEntry) setDate(t time.Time) { d.Entry.SetText(t.Format(dateLayout)) }

// get returns the date typed, the zero time when empty, and ok false when
// the text is not a date.
func (d *dateEntry) get() (t time.Time, ok bool) {
	s := strings.TrimSpace(d.Entry.Text)
	if s == "" {
		return time.Time{}, true
	}
	if !d.orig.IsZero() && s == d.orig.Format(dateLayout) {
		return d.orig, true
	}
	t, err := parseDate(s)
	return t, err == nil
}

// showWords says, beside the field, which date the text was read as, or
// that it is not one, while the DPO types: no need to save to find out.
func (d *dateEntry) showWords() {
	t, ok := d.get()
	switch {
	case !ok:
		d.words.Importance = widget.DangerImportance
		d.words.SetText(dateMessage())
	case t.IsZero():
		d.words.Importance = widget.MediumImportance
		d.words.SetText("")
	default:
		d.words.Importance = widget.MediumImportance
		d.words.SetText(dateInWords(t))
	}
}

// openCalendar shows a month calendar under the field; picking a day puts
// it in the field.
func (d *dateEntry) openCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(d.pick)
	if c == nil {
		return
	}
	start, ok := d.get()
	if !ok || start.IsZero() {
		start = time.Now()
	}
	var pop *widget.PopUp
	cal := widget.NewCalendar(start, func(t time.Time) {
		d.setDate(t)
		pop.Hide()
		c.Focus(d.Entry)
	})
	pop = widget.NewPopUp(cal, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.Entry)
	pop.ShowAtPosition(pos.AddXY(0, d.Entry.Size().Height))
}

// dateMessage is the message for a date that does not parse.
func dateMessage() string {
	return lang.L("Not a date: write it as 2/12/2026, 2 December 2026 or 2026-12-02.")
}
