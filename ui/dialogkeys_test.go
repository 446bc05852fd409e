package ui_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/ui"
)

func TestDialogKeys(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("behind"))
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(800, 600))
	press := func(k fyne.KeyName) { w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}) }
	for _, tc := range []struct {
		name string
		key  fyne.KeyName
		want bool
	}{{"Escape cancels", fyne.KeyEscape, false}, {"Return confirms", fyne.KeyReturn, true}, {"Enter confirms", fyne.KeyEnter, true}} {
		t.Run(tc.name, func(t *testing.T) {
			answers := []bool{}
			d := dialog.NewConfirm("Delete activity", "Delete it?", func(ok bool) { answers = append(answers, ok) }, w)
			ui.ShowDialog(w, d, nil)
			if w.Canvas().Overlays().Top() == nil {
				t.Fatal("the dialog is not showing")
			}
			press(tc.key)
			if len(answers) != 1 || answers[0] != tc.want {
				t.Errorf("answers %v, want [%v]", answers, tc.want)
			}
			if w.Canvas().Overlays().Top() != nil {
				t.Error("the dialog is still showing")
			}
			if w.Canvas().OnTypedKey() != nil {
				t.Error("the window keeps the dialog's key handler after it closed")
			}
		})
	}
	t.Run("a form is not submitted while invalid", func(t *testing.T) {
		e := &widget.Entry{Validator: func(s string) error {
			if s == "" {
				return errEmpty{}
			}
			return nil
		}}
		submitted := 0
		d := dialog.NewForm("Your name", "Save", "Cancel", []*widget.FormItem{{Text: "Name", Widget: e}}, func(ok bool) {
			if ok {
				submitted++
			}
		}, w)
		ui.ShowDialog(w, d, nil)
		e.SetText("") // validate
		press(fyne.KeyReturn)
		if submitted != 0 {
			t.Errorf("submitted %d times with an empty name", submitted)
		}
		e.SetText("Zoë")
		press(fyne.KeyReturn)
		if submitted != 1 {
			t.Errorf("submitted %d times after a name was typed, want 1", submitted)
		}
	})
	t.Run("Enter in a focused one-line field submits the form", func(t *testing.T) {
		name := widget.NewEntry()
		submitted := 0
		d := dialog.NewForm("Your name", "Save", "Cancel", []*widget.FormItem{{Text: "Name", Widget: name}}, func(ok bool) {
			if ok {
				submitted++
			}
		}, w)
		ui.ShowDialog(w, d, nil)
		w.Canvas().Focus(name)
		test.Type(name, "Zoë")
		name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if submitted != 1 {
			t.Errorf("submitted %d times, want 1", submitted)
		}
		if w.Canvas().Overlays().Top() != nil {
			t.Error("the dialog is still showing")
		}
	})
	t.Run("a dialog opened from another's answer keeps its keys", func(t *testing.T) {
		second := []bool{}
		first := dialog.NewConfirm("Sign off", "Sure?", func(bool) {
			d2 := dialog.NewConfirm("Really", "Really sure?", func(ok bool) { second = append(second, ok) }, w)
			ui.ShowDialog(w, d2, nil)
		}, w)
		ui.ShowDialog(w, first, nil)
		press(fyne.KeyReturn)
		if w.Canvas().OnTypedKey() == nil {
			t.Fatal("the second dialog does not answer keys")
		}
		press(fyne.KeyEscape)
		if len(second) != 1 || second[0] {
			t.Errorf("second dialog answers %v, want [false]", second)
		}
	})
}

type errEmpty struct{}

func (errEmpty) Error() string { return "Type a name." }

// TestTextAreaTab checks that Tab and Shift+Tab leave a multi-line field
// for the next and previous one, and type no tab.
func TestTextAreaTab(t *testing.T) {
	test.NewTempApp(t)
	before, after := widget.NewEntry(), widget.NewEntry()
	area := ui.NewTextArea()
	w := test.NewWindow(container.NewVBox(before, area, after))
	t.Cleanup(w.Close)
	w.Canvas().Focus(area)
	test.Type(area, "notes")
	if area.AcceptsTab() {
		t.Error("the field takes Tab for itself")
	}
	area.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	if area.Text != "notes" {
		t.Errorf("text %q after Tab, want %q", area.Text, "notes")
	}
	if w.Canvas().Focused() != after {
		t.Errorf("focus on %T after Tab, want the next field", w.Canvas().Focused())
	}
}

// TestEscapeWhileTyping presses Escape as the driver delivers it while a
// field in a dialog has focus (to that field, not to the window): the
// dialog closes, and nothing is saved.
func TestEscapeWhileTyping(t *testing.T) {
	u, w, db, s, ex := openReview(t)
	t.Run("OneLineField", func(t *testing.T) {
		test.Tap(s.StartButton())
		name := w.Canvas().Focused()
		if name == nil {
			t.Fatal("the start dialog focuses no field")
		}
		test.Type(name, "Annual review 2026")
		name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		ui.Settle(u)
		if w.Canvas().Overlays().Top() != nil {
			t.Fatal("Escape in the name field did not close the dialog")
		}
		if cycles, _ := db.Cycles(context.Background()); len(cycles) != 0 {
			t.Errorf("%d cycles started by Escape", len(cycles))
		}
	})
	t.Run("MultiLineField", func(t *testing.T) {
		startCycle(t, u, w, s, "Annual review 2026")
		a := ex.Activities[0]
		s.Select(a.ID)
		test.Tap(s.MarkButton())
		notes := entryWithPlaceholder(t, w, "What the review found")
		var area fyne.Focusable
		for _, o := range objects(overlay(t, w)) {
			if f, ok := o.(fyne.Focusable); ok && ui.EntryOf(o) == notes {
				area = f
			}
		}
		w.Canvas().Focus(area)
		test.Type(area, "half a note")
		area.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		ui.Settle(u)
		if w.Canvas().Overlays().Top() != nil {
			t.Fatal("Escape in the notes did not close the dialog")
		}
		if reviewIn(t, db, a.ID, s.Cycle().ID) != nil {
			t.Error("Escape saved the review")
		}
	})
	t.Run("NoticeCoverage", func(t *testing.T) {
		u, w, db := openExampleRegister(t)
		reg, err := db.Register(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		s := ui.NewNoticesScreen(u, reg)
		s.Widgets().Organisation.SetSelected(mhwsName)
		s.Widgets().Audience.SetSelected("Service users")
		s.CheckFile(mhwsSeedFile)
		ui.Settle(u)
		src := entryWithPlaceholder(t, w, "Where it is published")
		var field fyne.Focusable
		for _, o := range objects(overlay(t, w)) {
			if f, ok := o.(fyne.Focusable); ok && ui.EntryOf(o) == src {
				field = f
			}
		}
		w.Canvas().Focus(field)
		test.Type(field, "https://www.mhws.example/priv")
		field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		ui.Settle(u)
		if w.Canvas().Overlays().Top() != nil {
			t.Fatal("Escape in the web address did not close the notice coverage dialog")
		}
		if after, err := db.Register(context.Background()); err != nil || len(after.PublishedNotices) != 0 {
			t.Errorf("Escape recorded %d notices (%v)", len(after.PublishedNotices), err)
		}
	})
	t.Run("Backups", func(t *testing.T) {
		// A dialog with no text field answers Escape too.
		u, w, _ := openExampleRegister(t)
		u.ShowBackups()
		ui.Settle(u)
		if w.Canvas().Overlays().Top() == nil {
			t.Fatal("the Backups dialog is not showing")
		}
		w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		ui.Settle(u)
		if w.Canvas().Overlays().Top() != nil {
			t.Fatal("Escape did not close the Backups dialog")
		}
	})
}
