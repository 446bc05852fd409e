package ui_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// TestConflictDocScreenshots renders the field-by-field conflict dialog at
// 1024 and 1280 px, light and dark, into the directory ROPA_DOC_SHOTS
// names (docs/screenshots for the README): one field both changed, one
// each side changed alone.
func TestConflictDocScreenshots(t *testing.T) {
	dir := os.Getenv("ROPA_DOC_SHOTS")
	if dir == "" {
		t.Skip("set ROPA_DOC_SHOTS to a directory to render the conflict dialog for docs/")
	}
	for _, v := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		for _, size := range []fyne.Size{{Width: 1024, Height: 700}, {Width: 1280, Height: 800}} {
			r := newConflictRig(t)
			fyne.CurrentApp().Settings().SetTheme(variantTheme{ui.NewTheme(), v.v})
			r.w.Resize(size)
			typeIn(t, r.u, r.w, "description", " and pensions")
			ui.Widgets(r.m.Editor()).Owner.SetText("Head of finance")
			r.theirs(t, func(a *model.Activity) {
				a.Description = theirDescription
				a.Retention = "Six years after the member of staff leaves"
			})
			r.m.Save()
			ui.Settle(r.u)
			dialogText(t, r.w)
			shot(t, r.w, filepath.Join(dir, fmt.Sprintf("conflict-%dx%d-%s.png", int(size.Width), int(size.Height), v.name)))
		}
	}
}
