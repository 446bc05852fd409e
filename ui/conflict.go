package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"log"

	"fyne.io/fyne/v2/lang"

	"github.com/ropadesk/ropadesk/model"
)

// A save refused because someone else (ropactl, another copy of the app,
// a colleague on the shared register) changed the activity since the
// editor loaded it is a conflict, resolved by a three-way merge
// (model.MergeActivities): the activity as the editor loaded it, as it is
// now, and as the editor holds it. What only one side changed is merged
// without asking; what both changed is shown, field by field, for the DPO
// to choose (conflict_dialog.go). Saving the merge writes it against their
// revision; if that is stale too, the dialog comes back with the newer
// version.

// editedActivity is the activity as the DPO edited it: loaded, with the
// fields the form changed since it was loaded set to the form's values.
// baseline is the form as it read just after loading, form the form now.
// The form is not compared with loaded itself: a form normalises what it
// shows (an empty list, the order of ticked options), and that is no edit
// of the DPO's.
func editedActivity(baseline, form string, loaded *model.Activity) (*model.Activity, error) {
	var was, now model.Activity
	if err := json.Unmarshal([]byte(baseline), &was); err != nil {
		return nil, fmt.Errorf("merge edits: read the form as loaded: %w", err)
	}
	if err := json.Unmarshal([]byte(form), &now); err != nil {
		return nil, fmt.Errorf("merge edits: read the form: %w", err)
	}
	m, err := model.MergeActivities(&was, loaded, &now)
	if err != nil {
		return nil, err
	}
	return m.Result(allYours(m.Conflicts))
}

func allYours(fs []model.FieldMerge) map[string]model.Side {
	c := make(map[string]model.Side, len(fs))
	for _, f := range fs {
		c[f.Key] = model.Yours
	}
	return c
}

// mergeMine returns theirs with the form's own edits on top, keeping the
// DPO's value wherever both changed a field; both lists those fields by
// label. It puts back a draft (safety_draft.go), which lands in the editor
// unsaved for the DPO to look over; a refused save asks instead
// (resolveConflict).
func mergeMine(baseline, mine string, loaded, theirs *model.Activity) (merged *model.Activity, both []string, err error) {
	yours, err := editedActivity(baseline, mine, loaded)
	if err != nil {
		return nil, nil, err
	}
	m, err := model.MergeActivities(loaded, theirs, yours)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range m.Conflicts {
		both = append(both, f.Label)
	}
	merged, err = m.Result(allYours(m.Conflicts))
	return merged, both, err
}

// resolveConflict fetches the activity as it is now and its history, after
// a save refused because it changed since it was opened, and shows the
// merge. Cancel leaves the editor as it was: dirty, with every edit.
func (m *MainWindow) resolveConflict(stale error) {
	id, reg, e := m.current, m.reg, m.editor
	base := cloneActivity(e.loaded)
	yours, err := editedActivity(e.baseline, e.snapshot(), e.loaded)
	if err != nil {
		m.app.showError(err)
		return
	}
	log.Printf("activity %s: %s", id, model.ErrorMessage(stale))
	inBackground(func() func() {
		ctx := context.Background()
		theirs, err := reg.Activity(ctx, id)
		var history []HistoryChange
		if err == nil {
			var herr error
			if history, herr = reg.History(ctx, id); herr != nil {
				log.Printf("activity %s: history for the conflict: %v", id, herr)
			}
		}
		return func() {
			if err != nil {
				m.app.showError(fmt.Errorf("reload activity: %w", err))
				return
			}
			if m.current != id {
				return
			}
			mg, err := model.MergeActivities(base, theirs, yours)
			if err != nil {
				m.app.showError(err)
				return
			}
			who, last := changedBy(history, base.Revision)
			showConflict(m.win, conflict{
				what:  fmt.Sprintf(lang.L("the activity “%s”"), theirs.Name),
				last:  last,
				taken: mg.TakenFromTheirs, kept: mg.KeptFromYours, both: mg.Conflicts,
				who:   who,
				value: e.conflictValue,
				save: func(choices map[string]model.Side) {
					merged, err := mg.Result(choices)
					if err != nil {
						m.app.showError(err)
						return
					}
					if m.current != id {
						return
					}
					e.rebase(theirs, merged)
					m.saveEditor()
				},
			})
		}
	})
}

// conflictValue is conflictValue with the organisation named.
func (e *ActivityEditor) conflictValue(key string, raw json.RawMessage) string {
	if key == "organisation_id" {
		var id string
		if json.Unmarshal(raw, &id) == nil {
			for _, o := range e.orgs {
				if o.ID.String() == id {
					return o.Name
				}
			}
		}
	}
	return conflictValue(key, raw)
}

// rebase makes theirs the activity the form's edits apply to and shows
// merged in the form, unsaved: saving then writes merged with their
// revision, which the store accepts unless it changed again.
func (e *ActivityEditor) rebase(theirs, merged *model.Activity) {
	e.loaded = cloneActivity(theirs)
	e.showWidgets(theirs)
	e.baseline = e.snapshot()
	e.showWidgets(merged)
	e.changed()
	clearError(e.general)
}
