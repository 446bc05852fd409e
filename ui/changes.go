package ui

import (
	"context"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// watchInterval is how often the open register is asked whether anything
// (this app or another process, such as ropactl) changed it.
var watchInterval = 2 * time.Second

// watchRegister starts listening for changes to m's register; the returned
// function stops it, before the register closes.
func (m *MainWindow) watchRegister() (stop func()) {
	return m.reg.WatchChanges(context.Background(), watchInterval, func() {
		runOnUI(func() {
			if m.app.main == m {
				m.registerChanged()
			}
		})
	})
}

// registerChanged is the one "register changed" notification: every
// screen that shows the register — the organisations, the list, the
// Problems screen, the Review screen and the editor — fetches what it
// shows again, so that a change made anywhere shows everywhere.
func (m *MainWindow) registerChanged() {
	m.reloadOrganisations()
	m.list.Reload()
	m.problems.Refresh()
	m.assets.Reload()
	m.suppliers.Reload()
	if s := m.Review(); s != nil && m.tabs.Selected() == s.tab {
		s.Reload()
	}
	m.refreshEditor()
}

// refreshEditor reloads the activity being edited when it has no unsaved
// changes (its organisation's opt-out scope, a review recorded elsewhere);
// with unsaved changes it says that the activity changed underneath, and
// Save will ask whose version to keep.
func (m *MainWindow) refreshEditor() {
	if !m.editing || m.current == uuid.Nil {
		return
	}
	id, reg, loaded := m.current, m.reg, m.editor.loaded
	inBackground(func() func() {
		a, err := reg.Activity(context.Background(), id)
		return func() {
			if m.current != id || !m.editing || m.app.main != m {
				return
			}
			if err != nil {
				if model.ErrorCode(err) != model.ENOTFOUND {
					log.Printf("reload activity %s: %v", id, err)
				}
				return
			}
			if !m.editor.Dirty() {
				m.editor.Load(a)
				m.savedName = a.Name
				m.updateButtons()
				return
			}
			msg := lang.L("This activity was changed elsewhere while you were editing it. Save asks whether to keep your version or theirs.")
			if !a.UpdatedAt.Equal(loaded.UpdatedAt) && !strings.Contains(m.editor.general.Text, msg) {
				showError(m.editor.general, msg)
			}
		}
	})
}
