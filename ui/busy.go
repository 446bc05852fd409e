package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showBusy shows a modal "working" dialog with an endless progress bar and
// returns the function that takes it away. The bar is stopped, not just
// hidden: hiding the dialog leaves an endless bar animating, which redraws
// the window for ever and keeps a core busy while the app sits idle.
func showBusy(win fyne.Window, title, detail string) (done func()) {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(widget.NewLabel(detail), bar), win)
	d.Show()
	return func() {
		bar.Stop()
		d.Hide()
	}
}
