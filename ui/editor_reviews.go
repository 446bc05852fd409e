package ui

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// reviewsTab: the activity's reviews, a place for its change history, and
// spreadsheet columns kept from an import.
type reviewsTab struct {
	rows     *rowSet[*reviewRow]
	empty    *widget.Label
	history  *fyne.Container
	extra    *fyne.Container
	extraBox *fyne.Container
}

// reviewRow is one review. Reviews loaded from the register can be
// corrected but not removed, because they are the record that the activity
// was reviewed; one added in this edit can be removed again.
type reviewRow struct {
	id       uuid.UUID
	cycleID  uuid.UUID
	date     *dateEntry
	reviewer *widget.Entry
	outcome  *enumSelect[model.ReviewOutcome]
	notes    *textArea
	ndop     *widget.Check
	err      *widget.Label
	obj      *fyne.Container
}

func (r *reviewRow) object() fyne.CanvasObject { return r.obj }
func (r *reviewRow) errLabel() *widget.Label   { return r.err }
func (r *reviewRow) focus(sub string) fyne.Focusable {
	switch sub {
	case "reviewer":
		return r.reviewer
	case "outcome":
		return r.outcome.Select
	case "notes":
		return r.notes
	}
	return r.date.Entry
}

func (e *ActivityEditor) buildReviews() fyne.CanvasObject {
	t := &e.reviews
	t.rows = newRowSet[*reviewRow](e.changed)
	t.empty = &widget.Label{Text: lang.L("Not reviewed yet."), Importance: widget.LowImportance}
	add := &widget.Button{Text: lang.L("Add a review"), Icon: theme.ContentAddIcon(), OnTapped: func() {
		e.addReview(model.Review{Date: today(), Outcome: model.OutcomeNoChange}, true)
		e.changed()
	}}
	reviews := newField(lang.L("Reviews"), lang.L("Review each activity regularly, at least yearly; record who reviewed it, the outcome and whether the NDOP decision was confirmed. ICO Accountability Framework; DSPT."),
		container.NewVBox(t.rows.box, t.empty, container.NewHBox(add)))
	e.bindList("reviews", tabReviews, t.rows, add, reviews.err)

	// The change history view is supplied by the history work through
	// SetHistory; until then this placeholder holds its place.
	t.history = container.NewStack(&widget.Label{Text: lang.L("The change history of this activity will appear here."), Importance: widget.LowImportance})
	t.extra = container.NewVBox()
	t.extraBox = container.NewVBox(
		widget.NewSeparator(),
		newHeading(lang.L("Other spreadsheet columns")),
		newHelp(lang.L("Columns of an imported spreadsheet that ROPA Desk does not map, kept so an export gives them back.")),
		t.extra,
	)
	return container.NewVBox(
		newHeading(lang.L("Reviews")),
		reviews.row,
		widget.NewSeparator(),
		newHeading(lang.L("Change history")),
		t.history,
		t.extraBox,
	)
}

func today() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// addReview adds a row for rv; frozen, when rv belongs to a signed-off
// review cycle, names it and cannot be changed: the cycle's record and the
// register must not disagree.
func (e *ActivityEditor) addReview(rv model.Review, isNew bool, frozen ...*model.ReviewCycle) {
	r := &reviewRow{id: rv.ID, cycleID: rv.CycleID, err: newErrorLabel()}
	if r.id == uuid.Nil {
		r.id = newID()
	}
	r.date = newDateEntry(e.changed)
	r.date.set(rv.Date)
	r.reviewer = newTextEntry(lang.L("Reviewer"), e.changed)
	r.reviewer.SetText(rv.Reviewer)
	r.outcome = newEnumSelect(model.ReviewOutcomes, false, e.changed)
	r.outcome.Select.PlaceHolder = lang.L("Outcome")
	r.outcome.set(rv.Outcome)
	r.notes = newReasonEntry(lang.L("Notes"), e.changed)
	r.notes.SetText(rv.Notes)
	fitRows(r.notes, 2, 5, 80)
	r.ndop = newCheck(lang.L("NDOP decision confirmed"), e.changed)
	r.ndop.SetChecked(rv.NDOPConfirmed)
	right := container.NewHBox(r.ndop)
	if isNew {
		right.Add(&widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() {
			e.reviews.rows.remove(r)
			e.refreshReviewsEmpty()
		}})
	}
	first := newSplitRow(170, r.date.obj, r.reviewer, fixedWidth(200, r.outcome.Select))
	lines := container.NewVBox(first, container.NewBorder(nil, nil, nil, container.NewVBox(right), r.notes))
	switch {
	case len(frozen) > 0 && frozen[0] != nil:
		c := frozen[0]
		lines.Add(newHelp(fmt.Sprintf(lang.L("Part of %s, signed off on %s: this review is frozen and cannot be changed."),
			c.Name, c.SignOff.Date.Format("2 January 2006"))))
		for _, w := range []fyne.Disableable{r.date.Entry, r.reviewer, r.outcome.Select, r.notes, r.ndop} {
			w.Disable()
		}
	case r.cycleID != uuid.Nil:
		lines.Add(newHelp(lang.L("Made as part of a review cycle.")))
	}
	lines.Add(r.err)
	r.obj = container.NewVBox(lines, widget.NewSeparator())
	e.reviews.rows.add(r)
	e.refreshReviewsEmpty()
}

// signedOffCycles are the register's signed-off review cycles by id.
func (e *ActivityEditor) signedOffCycles() map[uuid.UUID]*model.ReviewCycle {
	out := map[uuid.UUID]*model.ReviewCycle{}
	if e.reg == nil {
		return out
	}
	cycles, err := e.reg.Cycles(context.Background())
	if err != nil {
		log.Printf("editor: read review cycles: %v", err)
		return out
	}
	for i := range cycles {
		if cycles[i].SignOff != nil {
			out[cycles[i].ID] = &cycles[i]
		}
	}
	return out
}

func (e *ActivityEditor) refreshReviewsEmpty() {
	if len(e.reviews.rows.rows) == 0 {
		e.reviews.empty.Show()
	} else {
		e.reviews.empty.Hide()
	}
}

func (e *ActivityEditor) loadReviews(a *model.Activity) {
	t := &e.reviews
	t.rows.clear()
	signedOff := e.signedOffCycles()
	for _, rv := range a.Reviews {
		e.addReview(rv, false, signedOff[rv.CycleID])
	}
	e.refreshReviewsEmpty()
	t.extra.RemoveAll()
	for _, x := range a.Extra {
		t.extra.Add(container.New(rowLayout{},
			&widget.Label{Text: x.Heading, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}},
			&widget.Label{Text: x.Value, Wrapping: fyne.TextWrapWord, Selectable: true}))
	}
	if len(a.Extra) == 0 {
		t.extraBox.Hide()
	} else {
		t.extraBox.Show()
	}
}

func (e *ActivityEditor) readReviews(a *model.Activity) {
	a.Reviews = nil
	for _, r := range e.reviews.rows.rows {
		d, _ := r.date.get()
		a.Reviews = append(a.Reviews, model.Review{
			ID:            r.id,
			CycleID:       r.cycleID,
			Date:          d,
			Reviewer:      strings.TrimSpace(r.reviewer.Text),
			Outcome:       r.outcome.get(),
			Notes:         strings.TrimSpace(r.notes.Text),
			NDOPConfirmed: r.ndop.Checked,
		})
	}
}

// newID returns a time-ordered ID, as the store gives everything else.
func newID() uuid.UUID {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.New()
	}
	return id
}
