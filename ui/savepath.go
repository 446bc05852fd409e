package ui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// askSavePath asks where to save a file with extension ext, offering
// fileName, and calls then with the chosen path (ext added if missing).
// Fyne's dialog creates the file it hands back; it is closed and removed at
// once, because whoever writes it (the store creating a register, an export
// renaming a finished temporary file into place) must create it itself, so
// that a failed write never leaves a half or empty file behind.
func askSavePath(u *App, ext, fileName string, then func(path string)) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		_ = wc.Close()
		_ = os.Remove(path)
		if !strings.EqualFold(filepath.Ext(path), ext) {
			path += ext
		}
		then(path)
	}, u.win)
	d.SetFileName(fileName)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// askOpenPath asks which file with one of exts to open and calls then with
// its path.
func askOpenPath(u *App, exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		_ = rc.Close()
		then(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}
