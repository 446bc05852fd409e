package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// StatusBar is the line at the foot of the main window that says how the
// register is kept: why it is read-only, how its drive changes things, how
// today's backup went, and when the last good backup was made. Nothing in it
// needs an answer, so a failed backup does not interrupt the DPO's work.
type StatusBar struct {
	path       string
	readOnly   string
	volumeNote string
	backupMsg  string
	backupBad  bool

	icon    *widget.Icon
	left    *widget.Label
	right   *widget.Label
	content fyne.CanvasObject
}

// newStatusBar makes the bar for the register at path, which it shows
// when there is nothing else to say.
func newStatusBar(path string) *StatusBar {
	s := &StatusBar{path: path}
	s.icon = widget.NewIcon(theme.InfoIcon())
	s.left = &widget.Label{Truncation: fyne.TextTruncateEllipsis, SizeName: theme.SizeNameCaptionText}
	s.right = &widget.Label{SizeName: theme.SizeNameCaptionText}
	// The icon at the size of the caption text beside it, not a button's.
	icon := container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(theme.Size(theme.SizeNameCaptionText)+4), s.icon))
	bar := container.NewBorder(nil, nil, icon, s.right, s.left)
	s.content = container.NewVBox(widget.NewSeparator(), container.New(statusLayout{}, bar))
	s.refresh()
	return s
}

// Content is the bar, to put at the bottom of the window.
func (s *StatusBar) Content() fyne.CanvasObject { return s.content }

// Text is everything the bar shows, for tests and for reading it out.
func (s *StatusBar) Text() string {
	return strings.TrimSpace(s.left.Text + "  " + s.right.Text)
}

// SetReadOnly shows why the register is read-only ("" when it is not).
func (s *StatusBar) SetReadOnly(reason string) {
	s.readOnly = oneLine(reason, 400)
	s.refresh()
}

// SetVolumeNote shows what the register's drive changes ("" for none).
func (s *StatusBar) SetVolumeNote(note string) {
	s.volumeNote = note
	s.refresh()
}

// SetBackupMessage shows how today's backup went; failed marks it as a
// problem.
func (s *StatusBar) SetBackupMessage(msg string, failed bool) {
	s.backupMsg, s.backupBad = msg, failed
	s.refresh()
}

// SetLastBackup shows the last good backup, e.g. "Last good backup: …".
func (s *StatusBar) SetLastBackup(text string) {
	s.right.SetText(text)
	// The bar is laid out again for the label's new width (Fyne does not
	// do it when a label grows): set before the first layout, the text was
	// cut to its first letters at the window's edge.
	s.content.Refresh()
}

func (s *StatusBar) refresh() {
	var parts []string
	if s.readOnly != "" {
		parts = append(parts, lang.L("Read-only:")+" "+s.readOnly)
	}
	for _, p := range []string{s.volumeNote, s.backupMsg} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	warn := s.readOnly != "" || s.backupBad
	switch {
	case warn:
		s.icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
		s.left.Importance = widget.WarningImportance
	case len(parts) > 0:
		s.icon.SetResource(theme.InfoIcon())
		s.left.Importance = widget.MediumImportance
	default:
		s.icon.SetResource(theme.StorageIcon())
		s.left.Importance = widget.LowImportance
		parts = append(parts, s.path)
	}
	s.left.SetText(strings.Join(parts, "  ·  "))
}

// statusLayout keeps the bar low: a caption-sized line with a little
// padding, where a plain box would give it a full widget's height.
type statusLayout struct{}

func (statusLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(m.Width+2*theme.Padding(), m.Height)
}

func (statusLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(theme.Padding(), 0))
	objs[0].Resize(fyne.NewSize(size.Width-2*theme.Padding(), size.Height))
}
