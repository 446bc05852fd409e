package ui

import "fyne.io/fyne/v2/container"

// ActivitiesTab is the Activities tab, for screenshots.
func (m *MainWindow) ActivitiesTab() *container.TabItem { return m.activitiesTab }

// AskSetup shows the new register's setup form, for screenshots.
func (u *App) AskSetup() { u.askSetup() }
