package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// The Review screen's list of activities and the pane beside it.

func (s *ReviewScreen) createRow() fyne.CanvasObject {
	icon := widget.NewIcon(theme.RadioButtonIcon())
	name := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	sub := &widget.Label{Truncation: fyne.TextTruncateEllipsis, SizeName: theme.SizeNameCaptionText}
	state := &widget.Label{Alignment: fyne.TextAlignTrailing}
	when := &widget.Label{Alignment: fyne.TextAlignTrailing, SizeName: theme.SizeNameCaptionText}
	right := fixedWidth(230, container.NewVBox(state, when))
	pick := &widget.Check{}
	return container.NewBorder(nil, nil, container.NewHBox(pick, icon), right, container.NewVBox(name, sub))
}

func (s *ReviewScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.shown) {
		return
	}
	it := s.items[s.shown[i]]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	left := row.Objects[1].(*fyne.Container)
	pick, icon := left.Objects[0].(*widget.Check), left.Objects[1].(*widget.Icon)
	right := row.Objects[2].(*fyne.Container).Objects[0].(*fyne.Container)
	state, when := right.Objects[0].(*widget.Label), right.Objects[1].(*widget.Label)

	id := it.a.ID
	// Set the box without its handler: a recycled row would otherwise
	// tick the activity it showed before.
	pick.OnChanged = nil
	pick.SetChecked(s.picked[id])
	pick.OnChanged = func(on bool) { s.Pick(id, on) }
	open := s.cycle != nil && s.cycle.SignOff == nil && s.reg.ReadOnly() == ""
	setEnabled(pick, open)
	text.Objects[0].(*widget.Label).SetText(it.a.Name)
	sub := it.org + " · " + model.LabelOf(model.Statuses, it.a.Status)
	if it.overdue {
		sub += " · " + lang.L("review overdue")
	}
	if it.ndopDue {
		sub += " · " + lang.L("NDOP reassessment due")
	}
	text.Objects[1].(*widget.Label).SetText(sub)
	if r := it.review; r != nil {
		icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
		state.Importance = widget.SuccessImportance
		state.SetText(model.LabelOf(model.ReviewOutcomes, r.Outcome))
		when.SetText(r.Reviewer + ", " + r.Date.Format("2 Jan 2006"))
	} else {
		icon.SetResource(theme.NewWarningThemedResource(theme.RadioButtonIcon()))
		state.Importance = widget.WarningImportance
		state.SetText(lang.L("Not reviewed"))
		when.SetText("")
	}
}

func (s *ReviewScreen) onSelected(i widget.ListItemID) {
	if i < len(s.shown) {
		s.selected = s.items[s.shown[i]].a.ID
	}
	s.showDetail()
}

// current is the selected activity if the list shows it.
func (s *ReviewScreen) current() *reviewItem {
	if s.selected == uuid.Nil {
		return nil
	}
	for _, k := range s.shown {
		if s.items[k].a.ID == s.selected {
			return &s.items[k]
		}
	}
	return nil
}

// showDetail fills the pane beside the list for the selected activity.
func (s *ReviewScreen) showDetail() {
	it := s.current()
	writable := s.reg.ReadOnly() == ""
	if it == nil || s.cycle == nil {
		s.pane.Objects = []fyne.CanvasObject{s.noDetail}
		s.pane.Refresh()
		s.markBtn.Disable()
		s.openBtn.Disable()
		s.ndopBtn.Disable()
		return
	}
	s.pane.Objects = []fyne.CanvasObject{s.detail}
	s.pane.Refresh()
	c := s.cycle
	s.title.SetText(it.a.Name)
	s.subtitle.SetText(it.org + " · " + model.LabelOf(model.Statuses, it.a.Status))
	if r := it.review; r != nil {
		text := fmt.Sprintf(lang.L("Reviewed on %s by %s: %s."), longDate(r.Date), r.Reviewer, model.LabelOf(model.ReviewOutcomes, r.Outcome))
		if r.NDOPConfirmed {
			text += " " + lang.L("The national data opt-out decision was confirmed.")
		} else {
			text += " " + lang.L("The national data opt-out decision was not confirmed.")
		}
		if n := strings.TrimSpace(r.Notes); n != "" {
			text += "\n" + lang.L("Notes:") + " " + n
		}
		s.status.SetText(text)
		s.status.Importance = widget.MediumImportance
	} else {
		s.status.SetText(lang.L("Not reviewed yet in this cycle."))
		s.status.Importance = widget.WarningImportance
	}
	s.status.Refresh()
	if due := model.NextReviewDue(it.a, c.IntervalMonths); due.IsZero() {
		s.due.SetText(lang.L("Never reviewed, so a review is due now."))
	} else if it.overdue {
		s.due.SetText(fmt.Sprintf(lang.L("Next review was due on %s: overdue."), longDate(due)))
	} else {
		s.due.SetText(fmt.Sprintf(lang.L("Next review due on %s."), longDate(due)))
	}
	showVerdict(s.verdict, s.reason, it.ndop)

	if c.SignOff != nil {
		s.markBtn.SetText(lang.L("Signed off: closed"))
	} else if it.review != nil {
		s.markBtn.SetText(lang.L("Change review…"))
	} else {
		s.markBtn.SetText(lang.L("Mark reviewed…"))
	}
	setEnabled(s.markBtn, writable && c.SignOff == nil)
	s.openBtn.Enable()
	setEnabled(s.ndopBtn, writable && c.SignOff == nil)
	s.detail.Refresh()
	s.pane.Refresh()
}

// showVerdict writes an NDOP result into a verdict and a reason label.
func showVerdict(verdict, reason *widget.Label, res model.NDOPResult) {
	verdict.SetText(verdictLabel(res.Verdict))
	verdict.Importance = verdictImportance(res.Verdict)
	verdict.Refresh()
	reason.SetText(res.Reason)
}
