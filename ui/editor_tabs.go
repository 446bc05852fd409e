package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The editor's tabs, by name. Their order, titles, icons, contents and
// keyboard shortcuts are the one table editorTabs below; a field is bound
// to its tab by these names (bind, bindList), which is how findings open
// it from the Problems screen.
const (
	tabOverview = iota
	tabData
	tabLawful
	tabSharing
	tabRetention
	tabNDOP
	tabReviews
	tabCount
)

// editorTab is one tab of the editor.
type editorTab struct {
	title string
	icon  fyne.Resource
	build func(e *ActivityEditor) fyne.CanvasObject
	// frame, when set, puts something around the tab's scrolling body
	// (the NDOP verdict stays in view above its questions).
	frame func(e *ActivityEditor, body fyne.CanvasObject) fyne.CanvasObject
}

// editorTabs is the editor's tabs, in the order a DPO works through an
// activity, indexed by the names above. Titles are short so that all seven
// fit beside the list at 1280 pixels and NDOP never hides in the overflow
// menu; each tab's headings say the rest. Alt+1 … Alt+7 open them in this
// order (editorTabShortcut).
func editorTabs() [tabCount]editorTab {
	return [tabCount]editorTab{
		tabOverview: {lang.L("Overview"), theme.InfoIcon(), func(e *ActivityEditor) fyne.CanvasObject {
			return container.NewVBox(e.buildOverview(), e.buildDPIA())
		}, nil},
		tabData:   {lang.L("Data"), theme.AccountIcon(), (*ActivityEditor).buildData, nil},
		tabLawful: {lang.L("Lawful basis"), theme.DocumentIcon(), (*ActivityEditor).buildLawful, nil},
		tabSharing: {lang.L("Sharing"), theme.MailForwardIcon(), func(e *ActivityEditor) fyne.CanvasObject {
			// The systems and suppliers linked to it first, where the DPO
			// looks for who holds the data (assets_editorlinks.go).
			return container.NewVBox(e.buildRecordLinks(), e.buildSharing())
		}, nil},
		tabRetention: {lang.L("Retention"), theme.StorageIcon(), (*ActivityEditor).buildRetention, nil},
		tabNDOP: {lang.L("NDOP"), theme.VisibilityOffIcon(), (*ActivityEditor).buildNDOP,
			func(e *ActivityEditor, body fyne.CanvasObject) fyne.CanvasObject {
				return container.NewBorder(e.buildNDOPPanel(), nil, nil, nil, body)
			}},
		tabReviews: {lang.L("Reviews"), theme.HistoryIcon(), (*ActivityEditor).buildReviews, nil},
	}
}

// buildTabs makes the editor's tabs from the table.
func (e *ActivityEditor) buildTabs() *container.AppTabs {
	tabs := editorTabs()
	items := make([]*container.TabItem, len(tabs))
	e.scrolls = make([]*container.Scroll, len(tabs))
	for i, t := range tabs {
		s := container.NewVScroll(container.NewPadded(t.build(e)))
		e.scrolls[i] = s
		var content fyne.CanvasObject = s
		if t.frame != nil {
			content = t.frame(e, s)
		}
		items[i] = container.NewTabItemWithIcon(t.title, t.icon, content)
	}
	return container.NewAppTabs(items...)
}

// editorTabShortcut is the shortcut that opens the editor's tab i: Alt and
// its place in the table, counting from 1.
func editorTabShortcut(i int) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: fyne.KeyName(strconv.Itoa(i + 1)), Modifier: fyne.KeyModifierAlt}
}

// editorTabMenuItems are the View menu's items opening each of the
// editor's tabs, with their shortcuts, also bound on c (as setMenus binds
// the others, for where there is no main menu); open opens one, given its
// index.
func editorTabMenuItems(c fyne.Canvas, enabled bool, open func(tab int)) []*fyne.MenuItem {
	tabs := editorTabs()
	items := make([]*fyne.MenuItem, len(tabs))
	for i, t := range tabs {
		sc := editorTabShortcut(i)
		it := fyne.NewMenuItem(lang.L("Activity:")+" "+t.title, func() { open(i) })
		it.Shortcut = sc
		it.Disabled = !enabled
		c.RemoveShortcut(sc)
		if enabled {
			c.AddShortcut(sc, func(fyne.Shortcut) { open(i) })
		}
		items[i] = it
	}
	return items
}

// TabTitle is the title of the editor's tab holding the field at the JSON
// path field, "" when the form shows no such field.
func (e *ActivityEditor) TabTitle(field string) string {
	// A list's items are all on the list's tab: no need to find the item
	// (which for some lists reads the whole form), as the Problems screen
	// asks this for every row it draws.
	if i := strings.IndexByte(field, '['); i > 0 {
		if lt, ok := e.lists[field[:i]]; ok {
			return editorTabs()[lt.tab].title
		}
	}
	t, ok := e.resolve(field)
	if !ok {
		return ""
	}
	return editorTabs()[t.tab].title
}

// SelectTab opens the editor's tab i (an index into editorTabs).
func (e *ActivityEditor) SelectTab(i int) {
	if i >= 0 && i < len(e.tabs.Items) {
		e.tabs.SelectIndex(i)
	}
}

// setLabel puts text and importance on a label derived from the activity,
// refreshing it only when they change: the editor re-derives on every
// change, and refreshing a wrapped label re-measures all its text (the
// rights' rules alone cost tens of milliseconds a keystroke).
func setLabel(l *widget.Label, text string, imp widget.Importance) {
	if l.Text == text && l.Importance == imp {
		return
	}
	l.Text, l.Importance = text, imp
	l.Refresh()
}

// setTabLabel is setLabel for a derived label on the editor's tab tab. A
// label out of view gets its words without a refresh: refreshing a wrapped
// label re-measures all its text (the rights' rules cost about 10 ms on
// each Load), and AppTabs refreshes every tab's content when one is opened
// (TestEditorShowsRightsDerivedOutOfView).
func (e *ActivityEditor) setTabLabel(tab int, l *widget.Label, text string, imp widget.Importance) {
	if e.tabs.SelectedIndex() == tab {
		setLabel(l, text, imp)
		return
	}
	l.Text, l.Importance = text, imp
}
