package ui_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/ropadesk/ropadesk/ui"
)

// TestSharedDocScreenshots renders, into the directory ROPA_DOC_SHOTS
// names (docs/screenshots for the README), the "Connect to a shared
// register" dialog over the welcome screen and the main window on a shared
// register, at 1024, 1280 and 1920 px, light and dark.
func TestSharedDocScreenshots(t *testing.T) {
	dir := os.Getenv("ROPA_DOC_SHOTS")
	if dir == "" {
		t.Skip("set ROPA_DOC_SHOTS to a directory to render the shared-register screens for docs/")
	}
	_, address, _ := sharedRegister(t)
	for _, v := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		for _, size := range []fyne.Size{{Width: 1024, Height: 700}, {Width: 1280, Height: 800}, {Width: 1920, Height: 1080}} {
			name := fmt.Sprintf("%dx%d-%s.png", int(size.Width), int(size.Height), v.name)
			u, w := newApp(t)
			fyne.CurrentApp().Settings().SetTheme(variantTheme{ui.NewTheme(), v.v})
			w.Resize(size)
			u.Start("")
			ui.Settle(u)
			u.ShowConnectShared()
			ui.Settle(u)
			shot(t, w, filepath.Join(dir, "shared-connect-"+name))
			overlayButton(t, w, "Cancel")

			start(t, u, address)
			shot(t, w, filepath.Join(dir, "shared-main-"+name))
			_ = u.Register().Close()
		}
	}
}
