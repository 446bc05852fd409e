package ui_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// TestReviewListDocScreenshots renders what issue 18's second part changed
// — the list's columns, the bulk review, the history, the first-run setup,
// Help's shortcuts, the export of one organisation — at the three window
// sizes, light and dark, into ROPA_DOC_SHOTS (docs/screenshots).
func TestReviewListDocScreenshots(t *testing.T) {
	dir := os.Getenv("ROPA_DOC_SHOTS")
	if dir == "" {
		t.Skip("set ROPA_DOC_SHOTS to a directory to render the screens for docs/")
	}
	u, w, db, s, ex := openReview(t)
	ctx := context.Background()
	startCycle(t, u, w, s, "Annual review 2026")
	// Some history worth reading: a retention period changed, a review.
	a, err := db.Activity(ctx, ex.Activities[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	a.Retention = "Eight years after the last contact with the service, then deleted securely from the clinical record system and its backups."
	if err := db.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkReviewed(ctx, s.Cycle().ID, a.ID, model.Review{Date: today(), Reviewer: reviewer, Outcome: model.OutcomeChanged, Notes: "Retention period lengthened after the records audit.", NDOPConfirmed: true}); err != nil {
		t.Fatal(err)
	}
	m := u.Main()
	m.Reload()
	ui.Settle(u)
	for _, v := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		fyne.CurrentApp().Settings().SetTheme(variantTheme{ui.NewTheme(), v.v})
		for _, size := range []fyne.Size{{Width: 1024, Height: 700}, {Width: 1280, Height: 800}, {Width: 1920, Height: 1080}} {
			w.Resize(size)
			suffix := fmt.Sprintf("%dx%d-%s.png", int(size.Width), int(size.Height), v.name)

			// The list, with an activity open.
			m.ShowView(m.ActivitiesTab())
			ui.Settle(u)
			m.List().Table().Select(widget.TableCellID{Row: 2, Col: 0})
			ui.Settle(u)
			shot(t, w, filepath.Join(dir, "list-"+suffix))

			// The editor's history of the activity changed above.
			m.List().SearchEntry().SetText(a.Name)
			ui.Settle(u)
			m.List().Table().Select(widget.TableCellID{Row: 0, Col: 0})
			ui.Settle(u)
			e := m.Editor()
			tabs := ui.Widgets(e).Tabs
			for i, it := range tabs.Items {
				if it.Text == "Reviews" {
					tabs.SelectIndex(i)
					sc := ui.Scroll(e, i)
					sc.ScrollToOffset(fyne.NewPos(0, sc.Content.MinSize().Height))
				}
			}
			shot(t, w, filepath.Join(dir, "history-"+suffix))
			m.List().SearchEntry().SetText("")
			ui.Settle(u)

			// The review, three ticked, the bulk form open.
			m.ShowReview()
			ui.Settle(u)
			for _, id := range s.Shown()[1:4] {
				s.Pick(id, true)
			}
			shot(t, w, filepath.Join(dir, "review-"+suffix))
			test.Tap(s.BulkButton())
			shot(t, w, filepath.Join(dir, "review-bulk-"+suffix))
			overlayButton(t, w, "Cancel")
			for _, id := range s.Picked() {
				s.Pick(id, false)
			}

			if size.Width == 1024 {
				u.ShowShortcuts()
				shot(t, w, filepath.Join(dir, "help-shortcuts-"+suffix))
				overlayButton(t, w, "Close")
				u.ShowGuide()
				shot(t, w, filepath.Join(dir, "help-guide-"+suffix))
				overlayButton(t, w, "Close")
				u.AskSetup()
				shot(t, w, filepath.Join(dir, "first-run-setup-"+suffix))
				overlayButton(t, w, "Later")
			}
		}
	}
}
