package ui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/assets"
)

// Welcome is the screen shown when no register is open: create one, open
// one, reopen a recent one, or explore the example.
type Welcome struct {
	app    *App
	recent *fyne.Container
	// The first start's name box (firstrun.go).
	firstRun *fyne.Container
	name     *widget.Entry
	content  fyne.CanvasObject
}

func newWelcome(u *App) *Welcome {
	w := &Welcome{app: u}
	w.buildUI()
	return w
}

func (w *Welcome) buildUI() {
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(112))

	title := &widget.Label{Text: "ROPA Desk", Alignment: fyne.TextAlignCenter, SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	tagline := &widget.Label{
		Text:      lang.L("Your record of processing activities under UK GDPR Article 30, kept in one file on your computer."),
		Alignment: fyne.TextAlignCenter,
		Wrapping:  fyne.TextWrapWord,
	}
	newBtn := &widget.Button{Text: lang.L("New register…"), Icon: theme.DocumentCreateIcon(), Importance: widget.HighImportance, OnTapped: w.onNew}
	openBtn := &widget.Button{Text: lang.L("Open…"), Icon: theme.FolderOpenIcon(), OnTapped: w.onOpen}
	sharedBtn := &widget.Button{Text: lang.L("Connect to a shared register…"), Icon: theme.ComputerIcon(), OnTapped: w.app.ShowConnectShared}
	exampleBtn := &widget.Button{Text: lang.L("Open the example register"), Icon: theme.HelpIcon(), OnTapped: w.app.OpenExample}

	w.recent = container.NewVBox()
	body := container.NewVBox(
		container.NewCenter(icon), title, tagline,
		w.buildFirstRun(),
		widget.NewSeparator(),
		newBtn, openBtn, sharedBtn, exampleBtn,
		w.recent,
	)
	// A fixed column width keeps the welcome screen calm on a wide monitor.
	w.content = container.NewCenter(container.New(&columnLayout{width: 440}, body))
}

// refresh rebuilds the recent files list.
func (w *Welcome) refresh() {
	w.refreshFirstRun()
	files := w.app.settings.RecentFiles()
	w.recent.RemoveAll()
	if len(files) == 0 {
		return
	}
	w.recent.Add(widget.NewSeparator())
	w.recent.Add(&widget.Label{Text: lang.L("Recent registers"), TextStyle: fyne.TextStyle{Bold: true}})
	for _, p := range files {
		w.recent.Add(&widget.Button{
			Text:       registerName(p) + "  —  " + registerPlace(p),
			Icon:       theme.DocumentIcon(),
			Alignment:  widget.ButtonAlignLeading,
			Importance: widget.LowImportance,
			OnTapped:   func() { w.app.OpenFile(p) },
		})
	}
}

func (w *Welcome) onNew() { newRegisterDialog(w.app) }

func (w *Welcome) onOpen() { openRegisterDialog(w.app) }

// newRegisterDialog asks where to create a register and creates it.
func newRegisterDialog(u *App) {
	askSavePath(u, registerExt, lang.L("Register")+registerExt, u.NewRegister)
}

// openRegisterDialog asks which register to open and opens it.
func openRegisterDialog(u *App) {
	askOpenPath(u, []string{registerExt}, u.OpenFile)
}

// shortDir shows a folder with the home folder as ~, as file managers do.
func shortDir(path string) string {
	dir := filepath.Dir(path)
	if home, err := os.UserHomeDir(); err == nil && strings.HasPrefix(dir, home) {
		return "~" + strings.TrimPrefix(dir, home)
	}
	return dir
}

// columnLayout lays its objects out in a column of a set width.
type columnLayout struct{ width float32 }

func (f *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.width, h)
}

func (f *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
