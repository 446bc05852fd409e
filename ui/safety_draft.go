package ui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/internal/atomicfile"
	"github.com/ropadesk/ropadesk/model"
)

// When the app is told to stop (SIGTERM, logging out) it cannot ask
// whether to save the activity being edited, and saving it unasked would
// put half-finished work into the evidence. So the unsaved edits go into
// a draft in the app's own folder (owner-only: it holds what the register
// holds), never into the register, and the next time that register is
// opened the app offers to put them back into the editor, unsaved. The
// edits are put back the way mergeMine keeps them (conflict.go): only
// the fields the DPO changed, over the activity as it is by then, so a
// draft never undoes what someone else saved meanwhile.

// draft is the unsaved state of the editor, as written to disk.
type draft struct {
	Register string    `json:"register"`
	SavedAt  time.Time `json:"saved_at"`
	// Loaded is the activity as the editor loaded it (ID nil for a new
	// one), Baseline the form as it read just after loading, Form the
	// form when the app was stopped.
	Loaded   json.RawMessage `json:"loaded"`
	Revision int64           `json:"revision"`
	Baseline string          `json:"baseline"`
	Form     string          `json:"form"`
}

// draftPath is where the draft of the register at path is kept: one per
// register, named by a digest of its path so that no name of a folder or
// file leaks into the app's folder listing.
func (u *App) draftPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	sum := sha256.Sum256([]byte(path))
	return filepath.Join(u.dataDir(), "drafts", hex.EncodeToString(sum[:8])+".json")
}

// keepDraft writes the editor's unsaved edits, if any, as a draft of the
// open register. It runs on the UI goroutine, when the app is stopping.
func (u *App) keepDraft() {
	m := u.main
	if m == nil || u.reg == nil || !m.editing || !m.editor.Dirty() || u.reg.ReadOnly() != "" {
		return
	}
	e := m.editor
	loaded, err := json.Marshal(e.loaded)
	if err != nil {
		log.Printf("keep draft: %v", err)
		return
	}
	d := draft{Register: u.reg.Path(), SavedAt: time.Now().UTC(), Loaded: loaded,
		Revision: e.loaded.Revision, Baseline: e.baseline, Form: e.snapshot()}
	p := u.draftPath(d.Register)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		log.Printf("keep draft of %s: %v", d.Register, err)
		return
	}
	err = atomicfile.WriteFile(p, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	})
	if err != nil {
		log.Printf("keep draft of %s: %v", d.Register, err)
		return
	}
	log.Printf("unsaved changes to %q kept as a draft in %s", m.editor.Activity().Name, p)
}

// readDraft is the draft kept for the register at path, if any.
func (u *App) readDraft(path string) (*draft, *model.Activity, error) {
	b, err := os.ReadFile(u.draftPath(path))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var d draft
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, nil, fmt.Errorf("read draft: %w", err)
	}
	var loaded model.Activity
	if err := json.Unmarshal(d.Loaded, &loaded); err != nil {
		return nil, nil, fmt.Errorf("read draft: %w", err)
	}
	loaded.Revision = d.Revision
	return &d, &loaded, nil
}

func (u *App) dropDraft(path string) {
	if err := os.Remove(u.draftPath(path)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		log.Printf("remove draft of %s: %v", path, err)
	}
}

// offerDraft asks, when a draft of m's register was kept, whether to put
// it back into the editor. It runs as the register opens, before the
// first activity is chosen for the editor, so that choice does not race
// the draft.
func (u *App) offerDraft(m *MainWindow) {
	if m.reg.ReadOnly() != "" {
		return // kept for when the register can be changed again
	}
	d, loaded, err := u.readDraft(m.reg.Path())
	if err != nil {
		log.Printf("draft of %s: %v", m.reg.Path(), err)
		return
	}
	if d == nil {
		return
	}
	m.autoSelected = true
	var form model.Activity
	_ = json.Unmarshal([]byte(d.Form), &form)
	name := form.Name
	if name == "" {
		name = lang.L("a new activity")
	}
	msg := &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf(
		lang.L("ROPA Desk was stopped on %s while %s had changes that were not saved. They were kept as a draft, not saved into the register. Put them back into the editor? They stay unsaved until you save them; anything changed in the register since then is kept."),
		d.SavedAt.Local().Format(dateTime), name)}
	var dlg *dialog.CustomDialog
	restore := &widget.Button{Text: lang.L("Put them back"), Importance: widget.HighImportance, OnTapped: func() {
		dlg.Hide()
		m.restoreDraft(d, loaded)
	}}
	discard := &widget.Button{Text: lang.L("Discard the draft"), Importance: widget.DangerImportance, OnTapped: func() {
		dlg.Hide()
		u.dropDraft(m.reg.Path())
		m.autoSelected = false
		m.autoSelectFirst()
	}}
	dlg = dialog.NewCustomWithoutButtons(lang.L("Unsaved changes were kept"), msg, m.win)
	dlg.SetButtons([]fyne.CanvasObject{discard, restore})
	dlg.Resize(fyne.NewSize(480, 0))
	showDialog(m.win, dlg, restore.OnTapped)
}

// restoreDraft puts the draft's edits into the editor, unsaved, over the
// activity as stored now (for a new activity, as a new activity).
func (m *MainWindow) restoreDraft(d *draft, loaded *model.Activity) {
	path, reg := m.reg.Path(), m.reg
	apply := func(current *model.Activity) {
		if m.app.main != m {
			return
		}
		m.loadIntoEditor(current)
		merged, _, err := mergeMine(d.Baseline, d.Form, loaded, current)
		if err != nil {
			m.app.showError(err)
			return
		}
		e := m.editor
		e.showWidgets(merged)
		e.changed()
		m.updateButtons()
		m.app.setTitle()
		m.app.dropDraft(path)
	}
	if loaded.ID == uuid.Nil {
		apply(loaded)
		return
	}
	inBackground(func() func() {
		current, err := reg.Activity(context.Background(), loaded.ID)
		return func() {
			if err != nil {
				m.app.showError(fmt.Errorf("put back the draft of %s: %w", loaded.Name, err))
				return
			}
			apply(current)
		}
	})
}
