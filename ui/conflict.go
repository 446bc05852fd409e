package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"sort"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/ropadesk/ropadesk/model"
)

// A save refused because someone else (ropactl, another copy of the app)
// changed the activity since the editor loaded it is a conflict, and
// "Keep mine" must not turn it into a revert: the form holds every field,
// most of them as they were when it was loaded, and writing all of them
// back would silently undo the other change (a retention period set by an
// import, a review marked from the command line). So keeping mine keeps
// only the fields the DPO changed in the form; every other field is
// theirs.

// mergeMine returns theirs with the form's own edits on top. baseline is
// the form as it read just after loading (the editor's baseline), mine the
// form now, loaded what the form was loaded from. A top-level field that
// differs between baseline and mine is the DPO's edit and takes mine's
// value; every other field keeps theirs. both lists, by label, the fields
// the DPO and the other writer both changed: there mine wins, as the DPO
// chose.
func mergeMine(baseline, mine string, loaded, theirs *model.Activity) (merged *model.Activity, both []string, err error) {
	fields := func(what string, b []byte) (map[string]json.RawMessage, error) {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("merge edits: read %s: %w", what, err)
		}
		return m, nil
	}
	marshal := func(a *model.Activity) []byte {
		b, _ := json.Marshal(a) // an activity always marshals (cloneActivity relies on it)
		return b
	}
	base, err := fields("the form as loaded", []byte(baseline))
	if err != nil {
		return nil, nil, err
	}
	form, err := fields("the form", []byte(mine))
	if err != nil {
		return nil, nil, err
	}
	was, err := fields("the activity as loaded", marshal(loaded))
	if err != nil {
		return nil, nil, err
	}
	out, err := fields("their version", marshal(theirs))
	if err != nil {
		return nil, nil, err
	}
	keys := map[string]bool{}
	for k := range base {
		keys[k] = true
	}
	for k := range form {
		keys[k] = true
	}
	for k := range keys {
		if bytes.Equal(base[k], form[k]) {
			continue // not edited in the form: theirs stands
		}
		if !bytes.Equal(was[k], out[k]) {
			both = append(both, model.FieldLabel(k))
		}
		if v, ok := form[k]; ok {
			out[k] = v
		} else {
			delete(out, k)
		}
	}
	sort.Strings(both)
	b, err := json.Marshal(out)
	if err != nil {
		return nil, nil, fmt.Errorf("merge edits: %w", err)
	}
	var a model.Activity
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, nil, fmt.Errorf("merge edits: %w", err)
	}
	a.Revision = theirs.Revision // the store accepts a save against their revision only
	return &a, both, nil
}

// resolveConflict asks, after a save refused because the activity changed
// since it was opened, whether to reload theirs (dropping the unsaved
// edits) or keep mine: the fields the DPO changed, saved over theirs, with
// every other field as they left it.
func (m *MainWindow) resolveConflict(err error) {
	id, reg := m.current, m.reg
	d := dialog.NewConfirm(lang.L("Changed elsewhere"),
		fmt.Sprintf(lang.L("%s Reload their version (your unsaved changes are dropped), or keep the fields you changed and save them over theirs (every other field stays as they left it)?"), model.ErrorMessage(err)),
		func(keepMine bool) {
			inBackground(func() func() {
				theirs, err := reg.Activity(context.Background(), id)
				return func() {
					if err != nil {
						m.app.showError(fmt.Errorf("reload activity: %w", err))
						return
					}
					if m.current != id {
						return
					}
					if !keepMine {
						m.editor.Load(theirs)
						m.savedName = theirs.Name
						m.updateButtons()
						return
					}
					if err := m.editor.rebase(theirs); err != nil {
						m.app.showError(err)
						return
					}
					m.saveEditor()
				}
			})
		}, m.win)
	d.SetConfirmText(lang.L("Keep mine"))
	d.SetDismissText(lang.L("Reload theirs"))
	// Shown without showDialog on purpose: Escape hides a confirm dialog
	// with "no", which here is "Reload theirs" and would throw away what
	// the DPO typed. The choice is made with a button only.
	d.Show()
}

// rebase makes theirs the activity the form's edits apply to, keeping
// only the edits: the form then shows theirs with the fields the DPO
// changed on top, still unsaved, and saving writes it with their
// revision, so the store accepts it.
func (e *ActivityEditor) rebase(theirs *model.Activity) error {
	merged, both, err := mergeMine(e.baseline, e.snapshot(), e.loaded, theirs)
	if err != nil {
		return err
	}
	if len(both) > 0 {
		log.Printf("activity %s: kept this copy's %s over a change made elsewhere", theirs.ID, strings.Join(both, ", "))
	}
	e.loaded = cloneActivity(theirs)
	e.showWidgets(theirs)
	e.baseline = e.snapshot()
	e.showWidgets(merged)
	e.changed()
	clearError(e.general)
	return nil
}
