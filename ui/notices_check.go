package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/report/notice"
)

// noticeCheckView is the coverage of one checked notice, with what records
// it for the annual review: where it is published (optional) and the
// button.
type noticeCheckView struct {
	s       *NoticesScreen
	chk     *desk.NoticeCheck
	source  *dialogEntry
	record  *widget.Button
	status  *widget.Label
	content fyne.CanvasObject
}

// CheckFile checks the published notice at path against the register, off
// the UI goroutine (a notice may be 5 MB), and shows the coverage. The
// check is made against the register the preview was drawn from and
// writes nothing.
func (s *NoticesScreen) CheckFile(path string) {
	scope := s.scope
	if scope == nil {
		return
	}
	reg := s.reg
	s.status.SetText(fmt.Sprintf(lang.L("Checking %s against the register…"), filepath.Base(path)))
	inBackground(func() func() {
		f, err := desk.ReadNotice(path, "")
		var chk *desk.NoticeCheck
		if err == nil {
			chk, err = desk.CheckNotice(reg, scope.Name, scope.Audience, f)
		}
		return func() {
			if err != nil {
				s.status.SetText("")
				s.u.showError(err)
				return
			}
			cov := chk.Coverage
			s.status.SetText(fmt.Sprintf(lang.L("Checked %s: %d REQUIRED gaps, %d ADVISABLE gaps."), cov.Notice, cov.Required, cov.Advisable))
			v := s.newCheckView(chk)
			d := dialog.NewCustom(fmt.Sprintf(lang.L("Privacy notice coverage: %s"), cov.Notice), lang.L("Close"), v.content, s.u.win)
			d.Resize(fyne.NewSize(960, 680))
			// Escape closes it, also while typing the web address
			// (a dialog entry); Enter there records, as the button does.
			showDialog(s.u.win, d, nil)
		}
	})
}

func (s *NoticesScreen) newCheckView(chk *desk.NoticeCheck) *noticeCheckView {
	v := &noticeCheckView{s: s, chk: chk}
	v.source = newDialogEntry("", lang.L("Where it is published (web address, optional)"))
	v.record = &widget.Button{Text: lang.L("Record for the annual review"), Importance: widget.HighImportance, OnTapped: v.onRecord}
	// Enter after the web address records, as the button would, rather
	// than closing the dialog and dropping what was typed.
	v.source.OnSubmitted = func(string) {
		if !v.record.Disabled() {
			v.onRecord()
		}
	}
	v.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	switch {
	case s.u.reg == nil:
		v.record.Disable()
	case s.u.reg.ReadOnly() != "":
		v.record.Disable()
		v.status.SetText(lang.L("The register is open read-only, so the notice cannot be recorded."))
	case chk.Current != nil:
		v.status.SetText(fmt.Sprintf(lang.L("The notice recorded now for this audience is %s, recorded by %s on %s; recording this one replaces it in the annual-review PDF."),
			chk.Current.Source, chk.Current.RecordedBy, chk.Current.RecordedAt.Local().Format("2 January 2006")))
	default:
		v.status.SetText(lang.L("Recording the notice puts its coverage in the annual-review PDF (\"Privacy notice coverage\"); nothing else in the register changes."))
	}
	bottom := container.NewVBox(widget.NewSeparator(), v.status, container.NewBorder(nil, nil, nil, v.record, v.source))
	v.content = container.NewBorder(nil, bottom, nil, nil, coverageView(chk.Coverage))
	return v
}

// onRecord records the checked notice in the register, in the background.
// The store refuses it (and says who) when another notice was recorded for
// the same organisation and audience since the check.
func (v *noticeCheckView) onRecord() {
	reg := v.s.u.reg
	if reg == nil {
		return
	}
	chk := *v.chk
	if src := strings.TrimSpace(v.source.Text); src != "" {
		chk.Source = v.source.Text
	}
	v.record.Disable()
	v.status.SetText(lang.L("Recording the notice…"))
	inBackground(func() func() {
		rec, recorded, err := desk.RecordNotice(context.Background(), reg, &chk)
		return func() {
			if err != nil {
				v.status.SetText("")
				v.record.Enable()
				v.s.u.showError(err)
				return
			}
			// Later checks from this screen compare with the notice now
			// recorded, so recording again is not refused as stale.
			if recorded {
				// A new copy, not an append in place: a check still
				// running in the background may be reading the old one.
				r := *v.s.reg
				r.PublishedNotices = append(slices.Clip(r.PublishedNotices), rec)
				v.s.reg = &r
				v.status.SetText(fmt.Sprintf(lang.L("Recorded %s for %s (%s): the annual-review PDF now shows its coverage."),
					rec.Source, chk.Organisation, strings.ToLower(chk.Coverage.Audience)))
			} else {
				v.status.SetText(fmt.Sprintf(lang.L("This notice is already the one recorded, by %s on %s; nothing was changed."),
					rec.RecordedBy, rec.RecordedAt.Local().Format("2 January 2006")))
			}
			v.s.status.SetText(v.status.Text)
		}
	})
}

// coverageView lists the findings, gaps first so the work to do is on top.
// A box of wrapping labels rather than a list of fixed-height rows: a
// quoted sentence runs to several lines, and each row takes the height
// its text needs at the dialog's width (a notice has a few dozen rows).
func coverageView(cov *notice.Coverage) fyne.CanvasObject {
	rows := container.NewVBox()
	for _, class := range []string{notice.Required, notice.Advisable, ""} {
		for _, f := range cov.Findings {
			if f.Class != class {
				continue
			}
			head := &widget.Label{Text: fmt.Sprintf("%s   %d. %s: %s", f.ResultText(), f.Item, f.Title, f.About()),
				TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
			body := f.Why
			if f.Sentence != "" {
				body = "\u201c" + f.Sentence + "\u201d\n" + body
			}
			rows.Add(head)
			rows.Add(&widget.Label{Text: body, Wrapping: fyne.TextWrapWord})
			rows.Add(widget.NewSeparator())
		}
	}
	summary := widget.NewLabel(fmt.Sprintf(lang.L("%s, notice for %s: %d REQUIRED gaps, %d ADVISABLE gaps, across %d activities."),
		cov.Organisation, strings.ToLower(cov.Audience), cov.Required, cov.Advisable, len(cov.Activities)))
	summary.Wrapping = fyne.TextWrapWord
	return container.NewBorder(summary, nil, nil, nil, container.NewVScroll(rows))
}
