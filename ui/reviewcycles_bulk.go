package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
)

// Bulk review: most activities come through a yearly review unchanged, so
// the DPO ticks them in the list and marks them all "No change" at once,
// through the same use case as one at a time (desk.MarkReviewed).

// maxNamesListed is how many ticked activities the bulk form names before
// it says "and n more": enough to check, short enough to read.
const maxNamesListed = 8

// buildBulk makes the tick-all box and the bulk button above the list.
func (s *ReviewScreen) buildBulk() fyne.CanvasObject {
	s.picked = map[uuid.UUID]bool{}
	s.pickAll = &widget.Check{Text: lang.L("Select all shown"), OnChanged: s.onPickAll}
	s.bulkBtn = &widget.Button{Text: lang.L("Mark selected as no change…"), OnTapped: s.onBulkMark}
	s.bulkBtn.Disable()
	return container.NewHBox(s.pickAll, s.bulkBtn)
}

// PickAll is the "Select all shown" box above the list.
func (s *ReviewScreen) PickAll() *widget.Check { return s.pickAll }

// List is the list of activities under review.
func (s *ReviewScreen) List() *widget.List { return s.list }

// BulkButton opens the form marking every ticked activity "No change".
func (s *ReviewScreen) BulkButton() *widget.Button { return s.bulkBtn }

// Pick ticks or unticks the activity with id, as its box in the list does.
func (s *ReviewScreen) Pick(id uuid.UUID, on bool) {
	if on {
		s.picked[id] = true
	} else {
		delete(s.picked, id)
	}
	s.list.Refresh()
	s.updateBulk()
}

// Picked lists the ticked activities still shown, in list order.
func (s *ReviewScreen) Picked() []uuid.UUID {
	var out []uuid.UUID
	for _, k := range s.shown {
		if id := s.items[k].a.ID; s.picked[id] {
			out = append(out, id)
		}
	}
	return out
}

func (s *ReviewScreen) onPickAll(on bool) {
	if s.updating {
		return
	}
	for _, k := range s.shown {
		if on {
			s.picked[s.items[k].a.ID] = true
		} else {
			delete(s.picked, s.items[k].a.ID)
		}
	}
	s.list.Refresh()
	s.updateBulk()
}

// updateBulk names the number ticked on the button and enables it only
// when a review can be recorded.
func (s *ReviewScreen) updateBulk() {
	n := len(s.Picked())
	if n == 0 {
		s.bulkBtn.SetText(lang.L("Mark selected as no change…"))
	} else {
		s.bulkBtn.SetText(countOf(n, lang.L("Mark 1 selected as no change…"), lang.L("Mark %d selected as no change…")))
	}
	open := s.cycle != nil && s.cycle.SignOff == nil && s.reg.ReadOnly() == ""
	if n > 0 {
		s.bulkBtn.Importance = widget.HighImportance
	} else {
		s.bulkBtn.Importance = widget.MediumImportance
	}
	s.bulkBtn.Refresh()
	setEnabled(s.bulkBtn, open && n > 0)
	setEnabled(s.pickAll, open)
}

func (s *ReviewScreen) onBulkMark() {
	c := s.cycle
	ids := s.Picked()
	if c == nil || c.SignOff != nil || s.reg.ReadOnly() != "" || len(ids) == 0 {
		return
	}
	cycle := *c
	ask := func() { s.bulkDialog(cycle, ids) }
	if slices.Contains(ids, s.host.inEditor()) {
		// As for one review: unsaved edits in the editor would be saved
		// over the review later, or lost.
		s.host.confirmLeave(ask)
		return
	}
	ask()
}

// bulkDialog asks who reviewed the ticked activities and when, naming
// them, then records "No change" for each.
func (s *ReviewScreen) bulkDialog(c model.ReviewCycle, ids []uuid.UUID) {
	var names []string
	replaced := 0
	for _, k := range s.shown {
		it := s.items[k]
		if !slices.Contains(ids, it.a.ID) {
			continue
		}
		if it.review != nil {
			replaced++
		}
		if len(names) < maxNamesListed {
			names = append(names, "• "+it.a.Name+" ("+it.org+")")
		}
	}
	if more := len(ids) - len(names); more > 0 {
		names = append(names, fmt.Sprintf(lang.L("and %d more"), more))
	}
	list := strings.Join(names, "\n")
	if replaced > 0 {
		list += "\n\n" + countOf(replaced, lang.L("1 of them already has a review in this cycle: it is replaced."),
			lang.L("%d of them already have a review in this cycle: they are replaced."))
	}
	reviewer := newDialogEntry(s.host.reviewer(), lang.L("e.g. Zoë Ní Bhriain"))
	reviewer.Validator = required(lang.L("Say who reviewed the activities."))
	date := newDialogEntry(today().Format(dateLayout), lang.L("e.g. 2/12/2026"))
	date.Validator = validDate
	notes := newTextArea(lang.L("A note recorded with each review (optional)"), 2, nil)
	confirmed := &widget.Check{Text: lang.L("I have checked the national data opt-out decision of each, and each still holds")}
	items := []*widget.FormItem{
		{Text: lang.L("Activities"), Widget: &widget.Label{Text: list, Wrapping: fyne.TextWrapWord}},
		{Text: lang.L("Outcome"), Widget: &widget.Label{Text: model.LabelOf(model.ReviewOutcomes, model.OutcomeNoChange), TextStyle: fyne.TextStyle{Bold: true}}},
		{Text: lang.L("Reviewer"), Widget: reviewer, HintText: lang.L("Remembered for the next review.")},
		{Text: lang.L("Date"), Widget: date},
		{Text: lang.L("Notes"), Widget: notes},
		{Text: lang.L("National data opt-out"), Widget: confirmed,
			HintText: lang.L("Leave unticked if any decision needs a fresh look: review that activity on its own.")},
	}
	title := countOf(len(ids), lang.L("Mark 1 activity as no change"), lang.L("Mark %d activities as no change"))
	d := dialog.NewForm(title, lang.L("Save reviews"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		r := model.Review{
			Date:          parseDay(date.Text, today()),
			Reviewer:      strings.TrimSpace(reviewer.Text),
			Outcome:       model.OutcomeNoChange,
			Notes:         strings.TrimSpace(notes.Text),
			NDOPConfirmed: confirmed.Checked,
		}
		s.saveBulk(ids, c, r)
	}, s.host.dialogWindow())
	d.Resize(fyne.NewSize(640, 0))
	showDialog(s.host.dialogWindow(), d, nil)
}

// saveBulk records r for each of ids in one call of the review use case.
func (s *ReviewScreen) saveBulk(ids []uuid.UUID, c model.ReviewCycle, r model.Review) {
	reg, host := s.reg, s.host
	host.rememberReviewer(r.Reviewer)
	// The activity in the editor, asked here on the UI's goroutine: it is
	// read back after the marks when it is one of them.
	held := host.inEditor()
	inBackground(func() func() {
		ctx := context.Background()
		acts := make([]*model.Activity, 0, len(ids))
		var err error
		for _, id := range ids {
			var a *model.Activity
			if a, err = reg.Activity(ctx, id); err != nil {
				break
			}
			acts = append(acts, a)
		}
		if err == nil {
			err = desk.MarkReviewed(ctx, reg, &c, acts, r)
		}
		var open *model.Activity
		if err == nil && held != uuid.Nil && slices.Contains(ids, held) {
			open, err = reg.Activity(ctx, held)
		}
		return func() {
			if err != nil {
				host.showError(fmt.Errorf("mark reviewed: %w", err))
				s.Reload()
				return
			}
			for _, id := range ids {
				delete(s.picked, id)
			}
			s.Reload()
			// The editor may hold one of them: the host gives it its
			// review there.
			host.reviewsRecorded(open)
		}
	})
}
