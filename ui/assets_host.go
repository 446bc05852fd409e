package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// recordRegister is all the Assets and Suppliers screens read and write:
// the two record lists, the activities their links name and search, and
// the history of a record. Narrower than Register so the screens can be
// run, and their tests written, without a main window.
type recordRegister interface {
	AssetRegister
	ReadOnly() string
	Activity(ctx context.Context, id uuid.UUID) (*model.Activity, error)
	ListActivities(ctx context.Context, f model.ActivityFilter) ([]model.ActivitySummary, int, error)
	History(ctx context.Context, id uuid.UUID) ([]HistoryChange, error)
}

// recordHost is what the Assets and Suppliers screens ask of the window
// that holds them.
type recordHost interface {
	// window parents the screens' dialogs.
	window() fyne.Window
	// recordsChanged says a record was saved or deleted: the activity
	// list, Problems and the editor's links follow (the editor's even
	// when its activity has unsaved edits, since a link lives on the
	// record, not the activity).
	recordsChanged()
	// formReplaced says the screen put a new record in its form, so the
	// tab's title and shortcuts follow.
	formReplaced()
}

var _ recordHost = (*MainWindow)(nil)

func (m *MainWindow) window() fyne.Window { return m.win }

func (m *MainWindow) recordsChanged() {
	m.afterChange()
	m.editor.reloadRecordLinks()
}

func (m *MainWindow) formReplaced() { m.tabs.Refresh() }
