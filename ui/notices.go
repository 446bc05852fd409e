package ui

import (
	"context"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report/notice"
)

// NoticesScreen writes a draft privacy notice for one organisation (or
// partnership) and audience from the register, previews it, copies or
// saves it, and checks a published notice against the register
// (notices_check.go). Only recording a checked notice for the annual
// review writes to the register.
type NoticesScreen struct {
	u   *App
	reg *model.Register

	org      *widget.Select
	audience *widget.Select
	articles *widget.Check
	preview  *widget.RichText
	status   *widget.Label
	copyBtn  *widget.Button
	saveHTML *widget.Button
	saveMD   *widget.Button
	checkBtn *widget.Button
	content  fyne.CanvasObject

	scope *notice.Scope
	doc   *notice.Document
	// audiences maps the labels shown in the audience list to what the
	// register records.
	audiences map[string]string
}

// ShowNotices opens the privacy notices dialog for the open register.
func (u *App) ShowNotices() {
	if u.reg == nil {
		return
	}
	inBackground(func() func() {
		reg, err := u.reg.Register(context.Background())
		return func() {
			if err != nil {
				u.showError(fmt.Errorf("read register for privacy notices: %w", err))
				return
			}
			s := newNoticesScreen(u, reg)
			d := dialog.NewCustom(lang.L("Privacy notices"), lang.L("Close"), s.content, u.win)
			d.Resize(fyne.NewSize(1000, 720))
			showDialog(u.win, d, nil)
		}
	})
}

func newNoticesScreen(u *App, reg *model.Register) *NoticesScreen {
	s := &NoticesScreen{u: u, reg: reg, audiences: map[string]string{}}
	s.preview = widget.NewRichText()
	s.preview.Wrapping = fyne.TextWrapWord
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.audience = widget.NewSelect(nil, func(string) { s.regenerate() })
	s.audience.PlaceHolder = lang.L("Choose the audience")
	s.org = widget.NewSelect(notice.Names(reg), func(string) { s.onOrganisation() })
	s.org.PlaceHolder = lang.L("Choose the organisation")
	s.articles = widget.NewCheck(lang.L("Show article numbers"), func(bool) { s.regenerate() })
	s.copyBtn = widget.NewButton(lang.L("Copy"), s.onCopy)
	s.saveHTML = widget.NewButton(lang.L("Save as HTML…"), func() { s.onSave(".html") })
	s.saveMD = widget.NewButton(lang.L("Save as Markdown…"), func() { s.onSave(".md") })
	s.checkBtn = widget.NewButton(lang.L("Check a published notice…"), s.onCheck)
	form := container.NewGridWithColumns(3, s.org, s.audience, s.articles)
	buttons := container.NewHBox(s.copyBtn, s.saveHTML, s.saveMD, widget.NewSeparator(), s.checkBtn)
	s.content = container.NewBorder(container.NewVBox(form, buttons, s.status), nil, nil, nil, container.NewVScroll(s.preview))
	if len(s.org.Options) > 0 {
		s.org.SetSelectedIndex(0)
	} else {
		s.regenerate()
	}
	return s
}

func (s *NoticesScreen) onOrganisation() {
	sc, err := notice.Select(s.reg, s.org.Selected, "")
	var labels []string
	if err == nil {
		clear(s.audiences)
		for _, l := range notice.AudiencesOf(s.reg, sc.Organisations) {
			s.audiences[l] = model.AudienceCode(l)
			labels = append(labels, l)
		}
	}
	s.audience.Options = labels
	s.audience.ClearSelected()
	if len(labels) > 0 {
		s.audience.SetSelectedIndex(0) // regenerates
		return
	}
	s.regenerate()
}

// regenerate writes the notice for the current choices into the preview.
func (s *NoticesScreen) regenerate() {
	s.scope, s.doc = nil, nil
	enabled := false
	defer func() {
		for _, b := range []*widget.Button{s.copyBtn, s.saveHTML, s.saveMD, s.checkBtn} {
			if enabled {
				b.Enable()
			} else {
				b.Disable()
			}
		}
	}()
	if s.org.Selected == "" {
		s.status.SetText(lang.L("Choose the organisation the notice is for."))
		s.preview.ParseMarkdown("")
		return
	}
	if s.audience.Selected == "" {
		s.status.SetText(lang.L("No activity of this organisation says which privacy notice it belongs to. Record the notice audiences on the activities' Overview tab."))
		s.preview.ParseMarkdown("")
		return
	}
	sc, err := notice.Select(s.reg, s.org.Selected, s.audiences[s.audience.Selected])
	if err != nil {
		s.status.SetText(model.ErrorMessage(err))
		s.preview.ParseMarkdown("")
		return
	}
	s.scope, s.doc, enabled = sc, notice.Generate(sc, notice.Options{Articles: s.articles.Checked}), true
	s.status.SetText(fmt.Sprintf(lang.L("A draft from the register: %d activities. Read it through before publishing; text in [square brackets] needs your attention."), len(sc.Activities)))
	s.preview.ParseMarkdown(string(s.doc.Markdown()))
}

func (s *NoticesScreen) onCopy() {
	if s.doc == nil {
		return
	}
	s.u.app.Clipboard().SetContent(string(s.doc.Markdown()))
	s.status.SetText(lang.L("The notice is on the clipboard, as Markdown."))
}

func (s *NoticesScreen) onSave(ext string) {
	if s.doc == nil {
		return
	}
	data := s.doc.Markdown()
	if ext == ".html" {
		data = s.doc.HTML()
	}
	name := "Privacy notice - " + s.scope.Name + " - " + s.scope.AudienceName() + ext
	askSavePath(s.u, ext, name, func(path string) { s.save(path, data) })
}

func (s *NoticesScreen) save(path string, data []byte) {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		s.u.showError(model.Errorf(model.EINTERNAL, "The notice could not be saved to %s: check the folder exists and you can write to it.", path))
		return
	}
	s.status.SetText(fmt.Sprintf(lang.L("Saved the notice to %s."), path))
}

func (s *NoticesScreen) onCheck() {
	if s.scope == nil {
		return
	}
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		_ = rc.Close()
		s.CheckFile(path)
	}, s.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".txt", ".html", ".htm"}))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}
