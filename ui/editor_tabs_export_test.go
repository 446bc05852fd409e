package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The editor's tabs by name, for tests: the table's own indices.
const (
	TabOverview  = tabOverview
	TabData      = tabData
	TabLawful    = tabLawful
	TabSharing   = tabSharing
	TabRetention = tabRetention
	TabNDOP      = tabNDOP
	TabReviews   = tabReviews
)

// EditorTabTitles are the titles of the editor's tabs, in the table's order.
func EditorTabTitles() []string {
	tabs := editorTabs()
	out := make([]string, len(tabs))
	for i, t := range tabs {
		out[i] = t.title
	}
	return out
}

// EditorTabShortcut is the shortcut opening the editor's tab i.
var EditorTabShortcut = editorTabShortcut

// ShowProblems shows the Problems screen.
func (m *MainWindow) ShowProblems() { m.tabs.Select(m.problemsTab) }

// ShowingActivities reports whether the Activities screen is shown.
func (m *MainWindow) ShowingActivities() bool { return m.tabs.Selected() == m.activitiesTab }

// ScopeHint is what the editor's NDOP tab says of the organisation's scope.
func ScopeHint(e *ActivityEditor) string { return e.ndop.scopeHint.Text }

// OrganisationList and NDOPInScope are the Organisations screen's list and
// its opt-out scope box.
func (s *OrganisationsScreen) OrganisationList() *widget.List { return s.list }
func (s *OrganisationsScreen) NDOPInScope() *widget.Check     { return s.ndopInScope }

// ConditionsRow is the Lawful basis tab's row of Article 9 conditions,
// shown only for special-category data.
func ConditionsRow(e *ActivityEditor) fyne.CanvasObject { return e.lawful.conditionsField.row }
