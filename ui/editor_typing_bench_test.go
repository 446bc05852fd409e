package ui_test

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// BenchmarkEditorKeystroke is what one key typed into the editor costs on
// the UI goroutine (the typing lag a DPO feels): a character typed into
// the description of the example activity with the most multi-line
// fields, in a window of the size the app opens at.
//
//	go test -timeout 10m -run '^$' -bench EditorKeystroke -benchtime 200x ./ui/
func BenchmarkEditorKeystroke(b *testing.B) {
	test.NewTempApp(b)
	db := mustRegister(b)
	ex := exchange.Example()
	if err := db.Apply(context.Background(), model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		b.Fatal(err)
	}
	w := test.NewWindow(nil)
	b.Cleanup(w.Close)
	e := ui.NewActivityEditor(db, w)
	w.SetContent(e.Content())
	w.Resize(fyne.NewSize(1280, 800))
	var pick model.Activity
	most := 0
	for _, a := range ex.Activities {
		e.Load(&a)
		ui.WaitIdle(e)
		if areas, _ := ui.MultiLineFields(e); len(areas) > most {
			pick, most = a, len(areas)
		}
	}
	e.Load(&pick)
	ui.WaitIdle(e)
	desc := ui.Widgets(e).Description
	w.Canvas().Focus(desc)

	b.Run("Key", func(b *testing.B) {
		for range b.N {
			test.Type(desc, "x")
		}
		b.StopTimer()
		ui.SettleScreens()
	})
}

// TestEditorLaysOutATabChangedOutOfView: the editor lays out only the tab
// in view as the DPO types (BenchmarkEditorKeystroke), relying on AppTabs
// to lay out a tab when it opens it; so a tab changed from another one —
// ticking health data on the Data tab shows the Article 9 conditions on
// the Lawful basis tab — must have room for what appeared when opened.
func TestEditorLaysOutATabChangedOutOfView(t *testing.T) {
	db := mustRegister(t)
	org := mustOrganisation(t, db, "Clinic", false)
	e, _ := newEditor(t, db)
	load(e, &model.Activity{OrganisationID: org.ID, Name: "Payroll",
		LawfulBases: []model.BasisClaim{{Basis: model.BasisContract, Reason: "Employment contracts"}}})
	tabs := ui.Widgets(e).Tabs
	tabs.SelectIndex(ui.TabLawful)
	row := ui.ConditionsRow(e)
	if row.Visible() {
		t.Fatal("the Article 9 conditions show without special-category data")
	}
	tabs.SelectIndex(ui.TabData)
	test.Tap(ui.SpecialCheck(e, model.SpecialHealth))
	tabs.SelectIndex(ui.TabLawful)
	if !row.Visible() {
		t.Fatal("the Article 9 conditions do not show for health data")
	}
	if got, want := row.Size().Height, row.MinSize().Height; got < want {
		t.Errorf("the conditions row is %.0f high on opening the tab, want at least %.0f: the tab was not laid out", got, want)
	}
	// The tab's content grew by the row: the scroll must have made room.
	if c := ui.Scroll(e, ui.TabLawful).Content; c.Size().Height < c.MinSize().Height {
		t.Errorf("the Lawful basis tab's content is %.0f high, its rows need %.0f: the tab was not laid out on opening", c.Size().Height, c.MinSize().Height)
	}
}

// TestEditorLaysOutATabLoadedOutOfView: Load lays out only the tab in view
// (BenchmarkGUIOpenActivity), so a tab that grew with the activity loaded —
// twelve lawful bases where the last activity had one — must have room for
// them when opened, and a field far down it, opened from the Problems
// screen (FocusField), must be focused and scrolled into view.
func TestEditorLaysOutATabLoadedOutOfView(t *testing.T) {
	db := mustRegister(t)
	org := mustOrganisation(t, db, "Clinic", false)
	e, _ := newEditor(t, db)
	tabs := ui.Widgets(e).Tabs
	load(e, &model.Activity{OrganisationID: org.ID, Name: "Payroll",
		LawfulBases: []model.BasisClaim{{Basis: model.BasisContract, Reason: "Employment contracts"}}})
	tabs.SelectIndex(ui.TabLawful) // laid out with one basis
	tabs.SelectIndex(ui.TabOverview)
	// Twelve rows, more than the view holds (the editor loads what it is
	// given; validation would object to a basis claimed twice).
	var bases []model.BasisClaim
	for range 2 {
		for _, b := range []model.LawfulBasis{model.BasisConsent, model.BasisContract, model.BasisLegalObligation,
			model.BasisVitalInterests, model.BasisPublicTask, model.BasisLegitimateInterests} {
			bases = append(bases, model.BasisClaim{Basis: b, Reason: "A reason long enough to wrap over more than one line of the reason box, " +
				"so that the row is taller than one line and the tab grows by more than a row's height for each basis"})
		}
	}
	load(e, &model.Activity{OrganisationID: org.ID, Name: "Clinic letters", LawfulBases: bases})
	if tabs.SelectedIndex() != ui.TabOverview {
		t.Fatal("Load changed the tab in view")
	}
	tabs.SelectIndex(ui.TabLawful)
	if c := ui.Scroll(e, ui.TabLawful).Content; c.Size().Height < c.MinSize().Height {
		t.Errorf("the Lawful basis tab's content is %.0f high, its twelve bases need %.0f: the tab was not laid out on opening", c.Size().Height, c.MinSize().Height)
	}

	tabs.SelectIndex(ui.TabOverview)
	e.FocusField("lawful_bases[11].reason")
	_, reason := ui.BasisRow(e, 11)
	if tabs.SelectedIndex() != ui.TabLawful || ui.Focused(e) != reason {
		t.Fatalf("FocusField(lawful_bases[11].reason): tab %d, focus on %T", tabs.SelectedIndex(), ui.Focused(e))
	}
	s := ui.Scroll(e, ui.TabLawful)
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(reason).Y - d.AbsolutePositionForObject(s).Y
	if top < 0 || top+reason.Size().Height > s.Size().Height {
		t.Errorf("the focused reason is at %.0f–%.0f in a view %.0f high: not scrolled into view", top, top+reason.Size().Height, s.Size().Height)
	}
}

// TestEditorShowsRightsDerivedOutOfView: the rights' rules are given their
// words without a refresh while the Lawful basis tab is out of view
// (setTabLabel), so on opening it the text drawn must be the one derived
// for the activity now loaded, not the last one's.
func TestEditorShowsRightsDerivedOutOfView(t *testing.T) {
	db := mustRegister(t)
	org := mustOrganisation(t, db, "Clinic", false)
	e, _ := newEditor(t, db)
	tabs := ui.Widgets(e).Tabs
	load(e, &model.Activity{OrganisationID: org.ID, Name: "Newsletter",
		LawfulBases: []model.BasisClaim{{Basis: model.BasisConsent, Reason: "Sign-up form"}}})
	tabs.SelectIndex(ui.TabLawful)
	_, before := ui.RightShown(e, model.RightPortability)
	tabs.SelectIndex(ui.TabOverview)
	load(e, &model.Activity{OrganisationID: org.ID, Name: "Safeguarding",
		LawfulBases: []model.BasisClaim{{Basis: model.BasisLegalObligation, Reason: "Care Act 2014"}}})
	_, after := ui.RightShown(e, model.RightPortability)
	if before == after {
		t.Fatalf("the portability rules read the same for consent and legal obligation: %q", after)
	}
	tabs.SelectIndex(ui.TabLawful)
	var drawn []string
	for _, o := range test.LaidOutObjects(ui.Scroll(e, ui.TabLawful)) {
		if tx, ok := o.(*canvas.Text); ok && o.Visible() {
			drawn = append(drawn, tx.Text)
		}
	}
	shown := strings.Join(strings.Fields(strings.Join(drawn, " ")), " ")
	if want := strings.Join(strings.Fields(after), " "); !strings.Contains(shown, want) {
		t.Errorf("the Lawful basis tab draws the portability rules of the activity before: want %q drawn", want)
	}
}
