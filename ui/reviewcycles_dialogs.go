package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
)

// defaultStatement is offered when signing off; the DPO may reword it.
func defaultStatement() string {
	return lang.L("I have reviewed this record of processing activities and confirm that, to the best of my knowledge, it is complete and accurate as at the date of this sign-off, as UK GDPR Article 30 requires.")
}

func required(msg string) fyne.StringValidator {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(msg)
		}
		return nil
	}
}

func validDate(s string) error {
	if _, err := parseDate(s); err != nil {
		return errors.New(dateMessage())
	}
	return nil
}

// parseDay reads a validated date entry (parseDate) as midnight UTC, keeping
// orig (with its time of day) when the text still shows orig's date.
func parseDay(text string, orig time.Time) time.Time {
	text = strings.TrimSpace(text)
	if !orig.IsZero() && text == orig.Format(dateLayout) {
		return orig
	}
	t, _ := parseDate(text)
	return t
}

func (s *ReviewScreen) onStart() {
	if s.reg.ReadOnly() != "" {
		return
	}
	name := newDialogEntry("", fmt.Sprintf(lang.L("e.g. Annual review %d"), time.Now().Year()))
	name.Validator = required(lang.L("Give the cycle a name."))
	interval := newDialogEntry(strconv.Itoa(model.DefaultReviewInterval), "")
	interval.Validator = func(t string) error {
		if n, err := strconv.Atoi(strings.TrimSpace(t)); err != nil || n < 1 || n > 60 {
			return errors.New(lang.L("Give a whole number of months from 1 to 60."))
		}
		return nil
	}
	items := []*widget.FormItem{
		{Text: lang.L("Name"), Widget: name, HintText: lang.L("Such as \"Annual review 2026\"; it names the cycle in the PDF.")},
		{Text: lang.L("Interval (months)"), Widget: interval, HintText: lang.L("Each activity falls due again this long after its review in this cycle. ICO Accountability Framework: review regularly, at least yearly.")},
	}
	d := dialog.NewForm(lang.L("Start review cycle"), lang.L("Start"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		n, _ := strconv.Atoi(strings.TrimSpace(interval.Text))
		reg, started := s.reg, clock().UTC()
		inBackground(func() func() {
			c, err := desk.StartReview(context.Background(), reg, name.Text, n, started)
			return func() {
				if err != nil {
					s.host.showError(fmt.Errorf("start review cycle: %w", err))
					return
				}
				s.load(c.ID)
			}
		})
	}, s.host.dialogWindow())
	d.Resize(fyne.NewSize(560, 0))
	showDialog(s.host.dialogWindow(), d, nil)
	s.host.dialogWindow().Canvas().Focus(name)
}

func (s *ReviewScreen) onMark() {
	it, c := s.current(), s.cycle
	if it == nil || c == nil || c.SignOff != nil || s.reg.ReadOnly() != "" {
		return
	}
	item, cycle := *it, *c
	ask := func() { s.markDialog(item, cycle) }
	if s.host.inEditor() == item.a.ID {
		// The review is written into the activity: unsaved edits to it
		// would otherwise be saved over the review later, or lost.
		s.host.confirmLeave(ask)
		return
	}
	ask()
}

// markDialog asks for the review of one activity in cycle c, starting from
// its earlier review in c when there is one.
func (s *ReviewScreen) markDialog(it reviewItem, c model.ReviewCycle) {
	prev := model.Review{Outcome: model.OutcomeNoChange, Reviewer: s.host.reviewer(), Date: today()}
	if it.review != nil {
		prev = *it.review
	}
	outcome := newEnumSelect(model.ReviewOutcomes, false, func() {})
	outcome.set(prev.Outcome)
	reviewer := newDialogEntry(prev.Reviewer, lang.L("e.g. Zoë Ní Bhriain"))
	reviewer.Validator = required(lang.L("Say who reviewed the activity."))
	date := newDialogEntry(prev.Date.Format(dateLayout), lang.L("e.g. 2/12/2026"))
	date.Validator = validDate
	notes := newTextArea(lang.L("What the review found or changed (optional)"), 3, nil)
	notes.SetText(prev.Notes)
	confirmed := &widget.Check{Text: lang.L("I have checked this decision and it still holds"), Checked: prev.NDOPConfirmed}
	verdict := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	reason := &widget.Label{Wrapping: fyne.TextWrapWord}
	showVerdict(verdict, reason, it.ndop)

	var d *dialog.FormDialog
	redo := &widget.Button{Text: lang.L("Redo the assessment first"), OnTapped: func() {
		d.Hide()
		s.openSelected("ndop")
	}}
	items := []*widget.FormItem{
		{Text: lang.L("Activity"), Widget: &widget.Label{Text: it.a.Name + " (" + it.org + ")", Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}},
		{Text: lang.L("Outcome"), Widget: outcome.Select, HintText: lang.L("Retired also sets the activity's status to retired.")},
		{Text: lang.L("Reviewer"), Widget: reviewer},
		{Text: lang.L("Date"), Widget: date},
		{Text: lang.L("Notes"), Widget: notes},
		{Text: lang.L("National data opt-out"), Widget: container.NewVBox(verdict, reason, confirmed, container.NewHBox(redo)),
			HintText: lang.L("Providers review each year whether the opt-out applies and record it (NHS England national data opt-out policy).")},
	}
	d = dialog.NewForm(fmt.Sprintf(lang.L("Review in %s"), c.Name), lang.L("Save review"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		r := model.Review{
			Date:          parseDay(date.Text, prev.Date),
			Reviewer:      strings.TrimSpace(reviewer.Text),
			Outcome:       outcome.get(),
			Notes:         strings.TrimSpace(notes.Text),
			NDOPConfirmed: confirmed.Checked,
		}
		s.host.rememberReviewer(r.Reviewer)
		s.saveReview(it.a.ID, c, r)
	}, s.host.dialogWindow())
	d.Resize(fyne.NewSize(640, 0))
	showDialog(s.host.dialogWindow(), d, nil)
}

// saveReview records r and, as `ropactl review mark` does, retires the
// activity when that is the outcome. It then moves on to the next activity
// in the list, since the DPO goes through them in turn.
func (s *ReviewScreen) saveReview(id uuid.UUID, c model.ReviewCycle, r model.Review) {
	next := uuid.Nil
	for i, k := range s.shown {
		if s.items[k].a.ID == id {
			if i+1 < len(s.shown) {
				next = s.items[s.shown[i+1]].a.ID
			}
			break
		}
	}
	reg, host := s.reg, s.host
	inBackground(func() func() {
		ctx := context.Background()
		a, err := reg.Activity(ctx, id)
		if err == nil {
			err = desk.MarkReviewed(ctx, reg, &c, []*model.Activity{a}, r)
		}
		if err == nil {
			a, err = reg.Activity(ctx, id)
		}
		return func() {
			if err != nil {
				host.showError(fmt.Errorf("mark reviewed: %w", err))
				s.Reload()
				return
			}
			if next != uuid.Nil {
				s.selected = next
			}
			s.Reload()
			// The editor may hold this activity: the host gives it the
			// review there.
			host.reviewsRecorded(a)
		}
	})
}

func (s *ReviewScreen) onSignOff() {
	c := s.cycle
	if c == nil || c.SignOff != nil || s.reg.ReadOnly() != "" {
		return
	}
	cycle := *c
	// The frozen copy is taken from the register file, so edits still
	// unsaved in the editor would be missing from it.
	s.host.confirmLeave(func() {
		rc := s.reg
		inBackground(func() func() {
			gaps, err := rc.SignOffGaps(context.Background(), cycle.ID)
			return func() {
				if err != nil {
					s.host.showError(fmt.Errorf("sign off: %w", err))
					return
				}
				s.signOffDialog(cycle, gaps)
			}
		})
	})
}

// signOffDialog asks for the sign-off: who, in what role, on whose
// authority, when, the statement, and — where the cycle has gaps — the
// signer's acknowledgement of them, which the PDF prints.
func (s *ReviewScreen) signOffDialog(c model.ReviewCycle, gaps model.SignOffGaps) {
	by := newDialogEntry(s.host.userName(), lang.L("e.g. Zoë Ní Bhriain"))
	by.Validator = required(lang.L("Say who signs the cycle off."))
	date := newDialogEntry(today().Format(dateLayout), lang.L("e.g. 2/12/2026"))
	date.Validator = validDate
	statement := newTextArea("", 4, nil)
	statement.SetText(defaultStatement())
	statement.Validator = required(lang.L("Write the sign-off statement."))
	role := newDialogEntry("", lang.L("e.g. Data Protection Officer"))
	role.Validator = required(lang.L("Say in what role they sign."))
	body := newDialogEntry("", lang.L("e.g. Information Governance Committee"))
	reference := newDialogEntry("", lang.L("e.g. minute 2026/41"))
	items := []*widget.FormItem{
		{Text: lang.L("Signed off by"), Widget: by, HintText: lang.L("Usually the data protection officer (UK GDPR Article 39).")},
		{Text: lang.L("Role"), Widget: role},
		{Text: lang.L("Approving body"), Widget: body, HintText: lang.L("The board or committee that approved the record, if any.")},
		{Text: lang.L("Minute or reference"), Widget: reference},
		{Text: lang.L("Date"), Widget: date},
		{Text: lang.L("Statement"), Widget: statement, HintText: lang.L("Printed on the sign-off page of the cycle's PDF.")},
	}
	ack := newTextArea(lang.L("Why the record is signed off with these gaps"), 1, nil)
	if gaps.Any() {
		ack.SetMinRowsVisible(3)
		ack.Validator = required(lang.L("Say in your own words why the cycle is signed off with these gaps."))
		items = append(items, &widget.FormItem{Text: lang.L("Acknowledgement"), Widget: ack,
			HintText: fmt.Sprintf(lang.L("%s: the PDF prints your acknowledgement."), gaps.Describe())})
	}
	d := dialog.NewForm(fmt.Sprintf(lang.L("Sign off %s"), c.Name), lang.L("Sign off…"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		so := model.SignOff{
			By: strings.TrimSpace(by.Text), Role: strings.TrimSpace(role.Text),
			ApprovingBody: strings.TrimSpace(body.Text), Reference: strings.TrimSpace(reference.Text),
			Date: parseDay(date.Text, time.Time{}), Statement: strings.TrimSpace(statement.Text),
			Acknowledgement: strings.TrimSpace(ack.Text),
		}
		s.confirmSignOff(c, so)
	}, s.host.dialogWindow())
	d.Resize(fyne.NewSize(640, 0))
	showDialog(s.host.dialogWindow(), d, nil)
}

// confirmSignOff says what signing off does before it is done: it cannot
// be undone.
func (s *ReviewScreen) confirmSignOff(c model.ReviewCycle, so model.SignOff) {
	reviewed := 0
	for _, it := range s.items {
		if it.review != nil {
			reviewed++
		}
	}
	msg := fmt.Sprintf(lang.L("Once signed off, %s is closed: no more reviews can be recorded in it, and its PDF always shows the register as it stands now, whatever changes later. This cannot be undone."), c.Name) +
		"\n\n" + fmt.Sprintf(lang.L("%d of %d activities reviewed."), reviewed, len(s.items))
	if n := len(s.items) - reviewed; n > 0 {
		msg += " " + fmt.Sprintf(lang.L("%d not reviewed will show as NOT REVIEWED in the PDF."), n)
	}
	d := dialog.NewCustomConfirm(lang.L("Sign off and freeze the cycle?"), lang.L("Sign off"), lang.L("Cancel"),
		&widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}, func(ok bool) {
			if !ok {
				return
			}
			reg := s.reg
			inBackground(func() func() {
				err := desk.SignOff(context.Background(), reg, &c, so)
				return func() {
					if err != nil {
						s.host.showError(fmt.Errorf("sign off: %w", err))
					}
					s.Reload()
				}
			})
		}, s.host.dialogWindow())
	d.SetConfirmImportance(widget.HighImportance)
	d.Resize(fyne.NewSize(520, 0))
	showDialog(s.host.dialogWindow(), d, nil)
}

func (s *ReviewScreen) onExport() {
	if s.cycle != nil {
		c := *s.cycle
		s.host.chooseCyclePDF(&c, s.cyclePDFName())
	}
}

// ExportPDF writes the PDF of the cycle shown to path, in the background
// with the export's progress dialog: the same PDF as `ropactl export
// --format pdf --cycle`, both made by desk.
func (s *ReviewScreen) ExportPDF(path string) {
	if s.cycle != nil {
		c := *s.cycle
		s.host.exportCyclePDF(&c, path)
	}
}

// cyclePDFName is the file name offered for the cycle's PDF: the
// register's name and the cycle's, without characters a file name cannot
// hold.
func (s *ReviewScreen) cyclePDFName() string {
	base := registerBaseName(s.reg.Path())
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, s.cycle.Name)
	return base + " - " + name
}
