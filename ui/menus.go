package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// shortcut is Ctrl+key, or Cmd+key on macOS.
func shortcut(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// setMenus builds the main menu for the current state (a register open or
// not) and binds the keyboard shortcuts.
func (u *App) setMenus() {
	open := u.main != nil
	u.shortcuts = u.shortcuts[:0]

	item := func(label string, key fyne.KeyName, enabled bool, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		it.Disabled = !enabled
		if key != "" {
			sc := shortcut(key)
			it.Shortcut = sc
			u.shortcuts = append(u.shortcuts, shortcutHelp{keys: shortcutText(sc), what: label})
			// The desktop driver runs menu shortcuts itself; binding them on
			// the canvas too makes them work where there is no main menu.
			u.win.Canvas().RemoveShortcut(sc)
			if enabled {
				u.win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { action() })
			}
		}
		return it
	}
	onMain := func(f func(*MainWindow)) func() {
		return func() {
			if u.main != nil {
				f(u.main)
			}
		}
	}

	recent := fyne.NewMenuItem(lang.L("Open recent"), nil)
	recent.ChildMenu = fyne.NewMenu("")
	for _, p := range u.settings.RecentFiles() {
		recent.ChildMenu.Items = append(recent.ChildMenu.Items, fyne.NewMenuItem(registerName(p)+"  ("+registerPlace(p)+")", func() { u.OpenFile(p) }))
	}
	recent.Disabled = len(recent.ChildMenu.Items) == 0

	writable := open && u.reg.ReadOnly() == ""
	file := fyne.NewMenu(lang.L("File"),
		fyne.NewMenuItem(lang.L("New register…"), func() { newRegisterDialog(u) }),
		item(lang.L("Open…"), fyne.KeyO, true, func() { openRegisterDialog(u) }),
		recent,
		fyne.NewMenuItem(lang.L("Connect to a shared register…"), u.ShowConnectShared),
		fyne.NewMenuItem(lang.L("Open the example register"), u.OpenExample),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Import…"), "", writable, u.onImport),
		item(lang.L("Export…"), fyne.KeyE, open, u.onExport),
		item(lang.L("Privacy notices…"), "", open, u.ShowNotices),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Backups…"), "", open, func() { u.ShowBackups() }),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Close register"), fyne.KeyW, open, u.CloseRegister),
	)
	edit := fyne.NewMenu(lang.L("Edit"),
		item(lang.L("New activity"), fyne.KeyN, writable, onMain((*MainWindow).NewActivity)),
		item(lang.L("Duplicate activity"), fyne.KeyD, writable, onMain((*MainWindow).Duplicate)),
		item(lang.L("Delete activity…"), "", writable, onMain((*MainWindow).Delete)),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Save"), fyne.KeyS, writable, onMain((*MainWindow).Save)),
		item(lang.L("Revert"), "", open, onMain((*MainWindow).Revert)),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Find"), fyne.KeyF, open, onMain(func(m *MainWindow) {
			m.tabs.Select(m.activitiesTab)
			m.list.Focus()
		})),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Your name…"), u.askUserName),
	)
	view := fyne.NewMenu(lang.L("View"),
		item(lang.L("Activities"), fyne.Key1, open, onMain(func(m *MainWindow) { m.tabs.Select(m.activitiesTab) })),
		item(lang.L("Organisations"), fyne.Key2, open, onMain(func(m *MainWindow) { m.tabs.Select(m.orgsTab) })),
		item(lang.L("Problems"), fyne.Key3, open, onMain(func(m *MainWindow) { m.tabs.Select(m.problemsTab) })),
		item(lang.L("Review"), fyne.Key4, open, onMain((*MainWindow).ShowReview)),
		item(lang.L("Information assets"), fyne.Key5, open, onMain(func(m *MainWindow) { m.tabs.Select(m.assetsTab) })),
		item(lang.L("Suppliers"), fyne.Key6, open, onMain(func(m *MainWindow) { m.tabs.Select(m.suppliersTab) })),
		fyne.NewMenuItemSeparator(),
	)
	// The editor's tabs, with their shortcuts, from its one table.
	tabItems := editorTabMenuItems(u.win.Canvas(), open, func(i int) {
		onMain(func(m *MainWindow) { m.ShowEditorTab(i) })()
	})
	// The editor's tab shortcuts are bound by editorTabMenuItems, from the
	// editor's one tab table; Help lists them from the items it made.
	for _, it := range tabItems {
		if sc, ok := it.Shortcut.(*desktop.CustomShortcut); ok {
			u.shortcuts = append(u.shortcuts, shortcutHelp{keys: shortcutText(sc), what: it.Label})
		}
	}
	view.Items = append(view.Items, tabItems...)
	help := fyne.NewMenu(lang.L("Help"),
		fyne.NewMenuItem(lang.L("How to do the annual review"), u.ShowGuide),
		fyne.NewMenuItem(lang.L("Keyboard shortcuts"), u.ShowShortcuts),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("About ROPA Desk"), u.showAbout),
	)
	u.win.SetMainMenu(fyne.NewMainMenu(file, edit, view, help))
}

// askUserName sets who the change history records as making changes.
func (u *App) askUserName() {
	e := newDialogEntry(u.settings.UserName(), lang.L("e.g. Zoë Ní Bhriain"))
	items := []*widget.FormItem{{Text: lang.L("Your name"), Widget: e, HintText: lang.L("Recorded in the register's change history beside each change you make")}}
	d := dialog.NewForm(lang.L("Your name"), lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		u.settings.SetUserName(e.Text)
		if u.reg != nil && e.Text != "" {
			u.reg.SetUser(u.settings.UserName())
		}
	}, u.win)
	d.Resize(fyne.NewSize(440, 0))
	showDialog(u.win, d, nil)
}

func (u *App) showAbout() {
	meta := u.app.Metadata()
	version := meta.Version
	if version == "" {
		version = "dev"
	}
	text := "ROPA Desk " + version + "\n\n" +
		lang.L("Keeps a UK GDPR Article 30 record of processing activities, checks it against the law, and exports the annual-review PDF and the ICO template.")
	if p := currentLogPath(); p != "" {
		text += "\n\n" + lang.L("Log file (send it to support when something goes wrong):") + "\n" + p
	}
	dialog.ShowInformation(lang.L("About ROPA Desk"), text, u.win)
}
