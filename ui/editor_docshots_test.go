package ui_test

import (
	"context"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// variantTheme draws th in one variant, whatever the system asks for.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

// TestEditorDocScreenshots renders the editor, in the app's theme, at the
// three window sizes issue 18 names, light and dark, into the directory
// ROPA_DOC_SHOTS names (docs/screenshots for the README).
func TestEditorDocScreenshots(t *testing.T) {
	dir := os.Getenv("ROPA_DOC_SHOTS")
	if dir == "" {
		t.Skip("set ROPA_DOC_SHOTS to a directory to render the editor for docs/")
	}
	db := mustRegister(t)
	ex := exchange.Example()
	if err := db.Apply(context.Background(), model.Changes{Organisations: ex.Organisations}); err != nil {
		t.Fatal(err)
	}
	e, w := newEditor(t, db)
	a := ex.Activities[0]
	for _, v := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		fyne.CurrentApp().Settings().SetTheme(variantTheme{ui.NewTheme(), v.v})
		for _, size := range []fyne.Size{{Width: 1024, Height: 700}, {Width: 1280, Height: 800}, {Width: 1920, Height: 1080}} {
			w.Resize(size)
			load(e, &a)
			ui.Widgets(e).Tabs.SelectIndex(ui.TabLawful) // rows, reasons and rights
			base := fmt.Sprintf("editor-%dx%d-%s", int(size.Width), int(size.Height), v.name)
			shot(t, w, filepath.Join(dir, base+".png"))
			s := ui.Scroll(e, 2) // the rights, at the foot of the tab
			s.ScrollToOffset(fyne.NewPos(0, s.Content.Size().Height))
			shot(t, w, filepath.Join(dir, base+"-rights.png"))
			s.ScrollToTop()
		}
	}
}
