package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// NoticesWidgets exposes the notices screen's widgets to the external tests.
type NoticesWidgets struct {
	Organisation, Audience *widget.Select
	Articles               *widget.Check
	Preview                *widget.RichText
	Status                 *widget.Label
	Copy, Check            *widget.Button
	Content                fyne.CanvasObject
}

// NewNoticesScreen builds the screen for reg as ShowNotices does.
func NewNoticesScreen(u *App, reg *model.Register) *NoticesScreen { return newNoticesScreen(u, reg) }

// Widgets returns the screen's widgets.
func (s *NoticesScreen) Widgets() NoticesWidgets {
	return NoticesWidgets{s.org, s.audience, s.articles, s.preview, s.status, s.copyBtn, s.checkBtn, s.content}
}

// Markdown is the notice shown, as Markdown.
func (s *NoticesScreen) Markdown() string {
	if s.doc == nil {
		return ""
	}
	return string(s.doc.Markdown())
}

// ComplaintsEntry is the organisation's complaints procedure.
func (s *OrganisationsScreen) ComplaintsEntry() *widget.Entry { return &s.complaints.Entry }
