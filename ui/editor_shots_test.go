package ui_test

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// TestEditorScreenshots renders every tab of the editor at the window's
// opening size with example activities, for a person to look at. It runs
// only when ROPA_SHOTS names a directory for the PNGs.
func TestEditorScreenshots(t *testing.T) {
	dir := os.Getenv("ROPA_SHOTS")
	if dir == "" {
		t.Skip("set ROPA_SHOTS to a directory to render the editor's tabs")
	}
	db := mustRegister(t)
	ex := exchange.Example()
	if err := db.Apply(context.Background(), model.Changes{Organisations: ex.Organisations}); err != nil {
		t.Fatal(err)
	}
	e, w := newEditor(t, db)
	fyne.CurrentApp().Settings().SetTheme(ui.NewTheme())
	// A new activity saved without a name, to see the inline messages.
	load(e, &model.Activity{OrganisationID: ex.Organisations[0].ID, Purposes: []string{""}})
	ui.Widgets(e).Tabs.SelectIndex(ui.TabOverview)
	_ = e.Save()
	shot(t, w, filepath.Join(dir, "new-invalid.png"))
	for ai, a := range ex.Activities {
		if ai > 2 && os.Getenv("ROPA_SHOTS_ALL") == "" {
			break
		}
		load(e, &a)
		tabs := ui.Widgets(e).Tabs
		for i := range tabs.Items {
			tabs.SelectIndex(i)
			s := ui.Scroll(e, i)
			for page := 0; ; page++ {
				s.ScrollToOffset(fyne.NewPos(0, float32(page)*s.Size().Height*0.9))
				shot(t, w, filepath.Join(dir, fmt.Sprintf("a%d-tab%d-%d.png", ai, i, page)))
				if s.Offset.Y+s.Size().Height >= s.Content.Size().Height {
					break
				}
			}
		}
	}
}

func shot(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
