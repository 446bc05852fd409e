package ui

import (
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// The conflict dialog shows a three-way merge (model.Merge) of a record
// someone else saved while it was being edited: what only they changed
// (taken), what only the person editing changed (kept), and, for each field
// both changed, the value they started from, theirs and theirs' author, and
// yours, with a choice between yours and theirs. Nothing is chosen for
// them: "Save" waits until every such field has a choice. "Cancel" (and
// Escape) close the dialog and leave the edits in the editor, unsaved, so
// nothing typed is lost whichever key is pressed.

// conflict is what the dialog shows about one save refused as stale.
type conflict struct {
	// what is the record in words (`the activity "Payroll"`).
	what string
	// last is the latest change made elsewhere, Seq 0 when the history
	// does not say.
	last HistoryChange
	// fields are the merge's three lists.
	taken, kept, both []model.FieldMerge
	// who names, for a field's key, who changed it elsewhere and when,
	// "" where the history does not say.
	who func(key string) string
	// value writes a field's JSON value for a person.
	value func(key string, raw json.RawMessage) string
	// save gets the choices once every conflict has one.
	save func(choices map[string]model.Side)
}

// conflictDialog is the dialog on screen, kept for the tests' inspection.
type conflictDialog struct {
	dlg     *dialog.CustomDialog
	choices map[string]model.Side
	saveBtn *widget.Button
}

// showConflict shows c over win.
func showConflict(win fyne.Window, c conflict) *conflictDialog {
	cd := &conflictDialog{choices: map[string]model.Side{}}
	body := container.NewVBox(wrapped(conflictIntro(c)))

	if len(c.both) > 0 {
		body.Add(newHeading(lang.L("Changed by both of you: choose which to keep")))
		for _, f := range c.both {
			body.Add(cd.fieldCard(c, f))
		}
	}
	if len(c.taken) > 0 {
		body.Add(newHeading(lang.L("Changed only by them: their values are taken")))
		body.Add(wrapped(bulletLabels(c.taken, c.who)))
	}
	if len(c.kept) > 0 {
		body.Add(newHeading(lang.L("Changed only by you: your values are kept")))
		body.Add(wrapped(bulletLabels(c.kept, nil)))
	}

	cancel := &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon()}
	cd.saveBtn = &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance}
	cd.refreshSave(c)
	cd.dlg = dialog.NewCustomWithoutButtons(lang.L("Changed elsewhere"), container.NewVScroll(container.NewPadded(body)), win)
	cancel.OnTapped = cd.dlg.Hide
	cd.saveBtn.OnTapped = func() {
		if len(unchosen(c.both, cd.choices)) > 0 {
			return
		}
		cd.dlg.Hide()
		c.save(cd.choices)
	}
	cd.dlg.SetButtons([]fyne.CanvasObject{cancel, cd.saveBtn})
	cs := win.Canvas().Size()
	cd.dlg.Resize(fyne.NewSize(min(cs.Width-48, 1100), cs.Height-48))
	// Escape is Cancel, which keeps the edits; Enter does nothing, so a
	// key pressed in haste never saves a choice not made.
	showDialog(win, cd.dlg, func() {})
	return cd
}

// fieldCard is one field both changed: its label, the three values side by
// side, each wrapped in full, and the choice.
func (cd *conflictDialog) fieldCard(c conflict, f model.FieldMerge) fyne.CanvasObject {
	theirs := lang.L("Theirs")
	if who := c.who(f.Key); who != "" {
		theirs = fmt.Sprintf(lang.L("Theirs (%s)"), who)
	}
	column := func(caption string, raw json.RawMessage) fyne.CanvasObject {
		return container.NewVBox(
			&widget.Label{Text: caption, TextStyle: fyne.TextStyle{Italic: true}, Wrapping: fyne.TextWrapWord},
			wrapped(c.value(f.Key, raw)),
		)
	}
	yours, theirsOpt := lang.L("Yours"), lang.L("Theirs")
	choice := widget.NewRadioGroup([]string{yours, theirsOpt}, func(s string) {
		switch s {
		case yours:
			cd.choices[f.Key] = model.Yours
		case theirsOpt:
			cd.choices[f.Key] = model.Theirs
		default:
			delete(cd.choices, f.Key)
		}
		cd.refreshSave(c)
	})
	choice.Horizontal = true
	choice.Required = true
	return container.NewVBox(
		widget.NewSeparator(),
		&widget.Label{Text: f.Label, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		container.NewGridWithColumns(3,
			column(lang.L("What you started from"), f.Base),
			column(theirs, f.Theirs),
			column(lang.L("Yours"), f.Yours)),
		container.NewHBox(widget.NewLabel(lang.L("Keep:")), choice),
	)
}

// refreshSave enables Save once every field both changed has a choice, and
// says on it how many are left.
func (cd *conflictDialog) refreshSave(c conflict) {
	left := len(unchosen(c.both, cd.choices))
	if left == 0 {
		cd.saveBtn.SetText(lang.L("Save"))
		cd.saveBtn.Enable()
		return
	}
	cd.saveBtn.SetText(fmt.Sprintf(lang.L("Save (choose for %d more)"), left))
	cd.saveBtn.Disable()
}

func unchosen(both []model.FieldMerge, choices map[string]model.Side) []string {
	var out []string
	for _, f := range both {
		if s := choices[f.Key]; s != model.Yours && s != model.Theirs {
			out = append(out, f.Label)
		}
	}
	return out
}

// conflictIntro says what happened and what the dialog asks.
func conflictIntro(c conflict) string {
	s := fmt.Sprintf(lang.L("Someone else saved %s while you were editing it, so your save was stopped before it could undo their change."), c.what)
	if c.last.Seq != 0 {
		s = fmt.Sprintf(lang.L("%s saved a change to %s on %s while you were editing it, so your save was stopped before it could undo their change."),
			orSomeone(c.last.User), c.what, c.last.At.Local().Format(lang.L("2 January 2006 at 15:04")))
	}
	if len(c.both) == 0 {
		return s + " " + lang.L("No field was changed by both of you: Save keeps your changes and theirs. Cancel goes back to your edits, unsaved.")
	}
	return s + " " + lang.L("Fields only one of you changed are merged. For each field you both changed, choose which value to keep, then Save. Cancel goes back to your edits, unsaved: nothing you typed is lost.")
}

// bulletLabels lists the fields' labels one a line, each with who changed
// it when who says.
func bulletLabels(fs []model.FieldMerge, who func(string) string) string {
	lines := make([]string, len(fs))
	for i, f := range fs {
		lines[i] = "• " + f.Label
		if who != nil {
			if w := who(f.Key); w != "" {
				lines[i] += " (" + w + ")"
			}
		}
	}
	return strings.Join(lines, "\n")
}

func wrapped(text string) *widget.Label {
	return &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
}

// changedBy answers conflict.who from the record's history: for a field,
// the latest change to it after revision since, in words ("Carol, 2 Dec
// 2026 09:20"); and last, the latest change of all.
func changedBy(history []HistoryChange, since int64) (who func(key string) string, last HistoryChange) {
	latest := map[string]HistoryChange{}
	for _, h := range history {
		if h.Seq <= since {
			continue
		}
		if h.Seq > last.Seq {
			last = h
		}
		if l, ok := latest[h.Field]; !ok || h.Seq > l.Seq {
			latest[h.Field] = h
		}
	}
	words := func(h HistoryChange) string {
		if h.Seq == 0 {
			return ""
		}
		return fmt.Sprintf(lang.L("%s, %s"), orSomeone(h.User), h.At.Local().Format("2 Jan 2006 15:04"))
	}
	return func(key string) string {
		top, _, _ := strings.Cut(key, ".")
		if h, ok := latest[top]; ok {
			return words(h)
		}
		return words(last)
	}, last
}

// conflictValue writes a field's value as the history does (lists one item
// a line, codes as labels), in full.
func conflictValue(key string, raw json.RawMessage) string {
	return (&HistoryView{}).valueText(key, string(raw))
}
