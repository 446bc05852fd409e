package ui_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// TestAssetsDocScreenshots renders the Assets and Suppliers screens on the
// example register at 1280×800, light and dark, into the directory
// ROPA_DOC_SHOTS names (docs/screenshots for the README).
func TestAssetsDocScreenshots(t *testing.T) {
	dir := os.Getenv("ROPA_DOC_SHOTS")
	if dir == "" {
		t.Skip("set ROPA_DOC_SHOTS to a directory to render the screens for docs/")
	}
	u, w := newApp(t)
	path := filepath.Join(t.TempDir(), "Example.ropa")
	m := start(t, u, path)
	ex := exchange.Example()
	if err := u.Register().Apply(context.Background(), model.Changes{Organisations: ex.Organisations, Activities: ex.Activities,
		InformationAssets: ex.InformationAssets, Suppliers: ex.Suppliers}); err != nil {
		t.Fatal(err)
	}
	m.Reload()
	ui.Settle(u)
	m.Assets().Open(ex.InformationAssets[0].ID, nil)
	m.Suppliers().Open(ex.Suppliers[0].ID, nil)
	ui.Settle(u)
	w.Resize(fyne.NewSize(1280, 800))
	for _, v := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		fyne.CurrentApp().Settings().SetTheme(variantTheme{ui.NewTheme(), v.v})
		pressShortcut(w, fyne.Key5)
		ui.Settle(u)
		shot(t, w, filepath.Join(dir, fmt.Sprintf("assets-1280x800-%s.png", v.name)))
		pressShortcut(w, fyne.Key6)
		ui.Settle(u)
		shot(t, w, filepath.Join(dir, fmt.Sprintf("suppliers-1280x800-%s.png", v.name)))
	}

	// The History tab of an asset after its links changed, and the
	// activity editor's Sharing tab with the records linking the activity.
	x := ex.InformationAssets[0]
	x.Revision = 0
	if got, err := u.Register().Asset(context.Background(), x.ID); err == nil {
		x = *got
	}
	x.ActivityIDs = x.ActivityIDs[:1]
	x.Owner += " (interim)"
	if err := u.Register().SaveAsset(context.Background(), &x); err != nil {
		t.Fatal(err)
	}
	m.Reload()
	ui.Settle(u)
	row := -1
	for i := 0; i < m.List().Total(); i++ {
		if s, ok := m.List().Row(i); ok && s.ID == x.ActivityIDs[0] {
			row = i
		}
	}
	if row < 0 {
		t.Fatal("the asset's activity is not in the list")
	}
	for _, v := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		fyne.CurrentApp().Settings().SetTheme(variantTheme{ui.NewTheme(), v.v})
		pressShortcut(w, fyne.Key5)
		m.Assets().Open(x.ID, nil)
		ui.Settle(u)
		ui.AssetScreenWidgets(m.Assets()).Tabs.SelectIndex(1)
		ui.Settle(u)
		shot(t, w, filepath.Join(dir, fmt.Sprintf("assets-history-1280x800-%s.png", v.name)))
		ui.AssetScreenWidgets(m.Assets()).Tabs.SelectIndex(0)
		m.List().Table().Select(widget.TableCellID{Row: row, Col: 0})
		m.ShowEditorTab(3) // Sharing
		ui.Settle(u)
		shot(t, w, filepath.Join(dir, fmt.Sprintf("editor-links-1280x800-%s.png", v.name)))
	}
}
