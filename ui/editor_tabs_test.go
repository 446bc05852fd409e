package ui_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// TestEditorTabsFromOneTable: the editor's tabs, the View menu's items and
// Alt+1 … Alt+7 that open them, and the Problems screen's way to a field
// all follow the one table of tabs.
func TestEditorTabsFromOneTable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tabs.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	org := mustOrganisation(t, db, "Clinic", false)
	// A basis without its reason: a finding on the Lawful basis tab.
	a := &model.Activity{OrganisationID: org.ID, Name: "Payroll", Role: model.RoleController, Status: model.StatusActive,
		LawfulBases: []model.BasisClaim{{Basis: model.BasisContract}}}
	if err := db.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	db.Close()
	u, w := newApp(t)
	m := start(t, u, path)

	titles := ui.EditorTabTitles()
	if len(titles) != 7 || titles[ui.TabLawful] != "Lawful basis" || titles[ui.TabNDOP] != "NDOP" {
		t.Fatalf("the table's tabs: %q", titles)
	}
	tabs := ui.Widgets(m.Editor()).Tabs
	var shown []string
	for _, it := range tabs.Items {
		shown = append(shown, it.Text)
	}
	if !slices.Equal(shown, titles) {
		t.Errorf("the editor shows the tabs %q, the table has %q", shown, titles)
	}

	var view *fyne.Menu
	for _, menu := range w.MainMenu().Items {
		if menu.Label == "View" {
			view = menu
		}
	}
	if view == nil {
		t.Fatal("no View menu")
	}
	for i, title := range titles {
		want := "Activity: " + title
		k := slices.IndexFunc(view.Items, func(it *fyne.MenuItem) bool { return it.Label == want })
		if k < 0 {
			t.Errorf("the View menu has no %q", want)
			continue
		}
		if sc := view.Items[k].Shortcut; sc == nil || sc.ShortcutName() != ui.EditorTabShortcut(i).ShortcutName() {
			t.Errorf("%q has the shortcut %v, want %s", want, sc, ui.EditorTabShortcut(i).ShortcutName())
		}
	}
	// The shortcuts open the tab from any screen.
	for i := len(titles) - 1; i >= 0; i-- {
		m.ShowProblems()
		w.Canvas().(fyne.Shortcutable).TypedShortcut(ui.EditorTabShortcut(i))
		if got := tabs.SelectedIndex(); got != i || !m.ShowingActivities() {
			t.Errorf("%s: editor tab %d (activities shown %v), want %d", ui.EditorTabShortcut(i).ShortcutName(), got, m.ShowingActivities(), i)
		}
	}

	// The Problems screen says which tab a finding is on, and picking it
	// opens that tab.
	m.ShowProblems()
	m.Problems().Refresh()
	ui.Settle(u)
	k := slices.IndexFunc(m.Problems().Findings(), func(f model.Finding) bool { return f.Code == model.CodeBasisWithoutReason })
	if k < 0 {
		t.Fatalf("no basis-without-reason finding: %+v", m.Problems().Findings())
	}
	find(t, w.Content(), func(l *widget.Label) bool { return strings.HasSuffix(l.Text, "Payroll · Lawful basis") })
	tabs.SelectIndex(ui.TabOverview)
	m.Problems().List().Select(k)
	ui.Settle(u)
	if got := tabs.SelectedIndex(); got != ui.TabLawful {
		t.Errorf("picking the finding opened editor tab %d, want %d (Lawful basis)", got, ui.TabLawful)
	}
}
