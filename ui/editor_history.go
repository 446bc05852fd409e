package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"log"

	"fyne.io/fyne/v2/lang"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// buildHistory puts a HistoryView on the Reviews tab. On a read-only
// register nothing can be restored, so the view offers no restore buttons.
func (e *ActivityEditor) buildHistory() {
	var onRestore func(field, oldJSON string)
	if e.reg.ReadOnly() == "" {
		onRestore = func(field, oldJSON string) {
			if err := e.RestoreField(field, oldJSON); err != nil {
				log.Printf("editor: restore %s: %v", field, err)
				showError(e.general, model.ErrorMessage(err))
			}
		}
	}
	e.history = NewHistoryView(onRestore)
	e.SetHistory(e.history.Content())
}

// History is the change history shown on the Reviews tab, or
// nil when the register keeps none.
func (e *ActivityEditor) History() *HistoryView { return e.history }

// loadHistory fetches the history of the activity with id in the
// background and shows it, unless another activity has been loaded since.
func (e *ActivityEditor) loadHistory(id uuid.UUID) {
	if e.history == nil {
		return
	}
	e.historyGen++
	gen := e.historyGen
	if id == uuid.Nil {
		e.history.SetChanges(nil)
		return
	}
	src := e.reg
	inBackground(func() func() {
		ctx := context.Background()
		changes, err := src.History(ctx, id)
		// Reviews name their cycle: without the names they would read
		// "in" nothing. A failure here loses only the names.
		names := map[uuid.UUID]string{}
		if cycles, cerr := src.Cycles(ctx); cerr == nil {
			for _, c := range cycles {
				names[c.ID] = c.Name
			}
		}
		return func() {
			if gen != e.historyGen {
				return
			}
			if err != nil {
				log.Printf("editor: history of %v: %v", id, err)
				e.history.SetChanges(nil)
				e.history.summary.SetText(lang.L("The change history cannot be read:") + " " + model.ErrorMessage(err))
				return
			}
			e.history.SetCycles(names)
			e.history.SetChanges(withoutTimestamps(changes))
			e.relayout(false)
		}
	})
}

// withoutTimestamps drops the changes of updated_at, which every save
// records: each change shows its own time already, and a row per save saying
// only that would bury the changes the DPO is looking for.
func withoutTimestamps(changes []HistoryChange) []HistoryChange {
	out := make([]HistoryChange, 0, len(changes))
	for _, c := range changes {
		if c.Action == "update" && c.Field == "updated_at" {
			continue
		}
		out = append(out, c)
	}
	return out
}

// RestoreField puts the value valueJSON (as the change history records it:
// the field's JSON, "" for no value) back into the top-level field of the
// activity being edited. It is an edit like any other: the editor becomes
// dirty, and the DPO reviews it and saves, which records the restore in the
// history in turn.
func (e *ActivityEditor) RestoreField(field, valueJSON string) error {
	switch field {
	case "", "id", "created_at", "updated_at":
		return model.Errorf(model.EINVALID, "The %s of an activity cannot be restored.", fieldLabel(field))
	}
	if e.reg != nil && e.reg.ReadOnly() != "" {
		return model.Errorf(model.EREADONLY, "This register is read-only, so nothing can be restored: %s", e.reg.ReadOnly())
	}
	current := e.Activity()
	restored, err := withField(current, field, valueJSON)
	if err != nil {
		return err
	}
	e.showWidgets(restored)
	// A field the form does not carry (the columns kept from a spreadsheet)
	// would silently not come back: say so instead, and put the form back.
	if got, want := fieldJSON(e.Activity(), field), fieldJSON(restored, field); got != want {
		e.showWidgets(current)
		e.changed()
		return model.Errorf(model.EINVALID, "The earlier value of %s cannot be restored in the editor.", fieldLabel(field))
	}
	e.changed()
	e.FocusField(field)
	return nil
}

// showWidgets fills the form from a without touching what was loaded, so
// Revert still goes back to the activity as stored.
func (e *ActivityEditor) showWidgets(a *model.Activity) {
	e.loading = true
	e.clearErrors()
	e.loadOverview(a)
	e.loadData(a)
	e.loadLawful(a)
	e.loadSharing(a)
	e.loadRetention(a)
	e.loadNDOP(a)
	e.loadReviews(a)
	e.loading = false
	e.refreshDependent()
	e.relayout(true)
}

// withField returns a copy of a with its top-level JSON key field set to
// valueJSON ("" or null removes it, which unmarshals as the zero value).
func withField(a *model.Activity, field, valueJSON string) (*model.Activity, error) {
	b, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("restore %s: %w", field, err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("restore %s: %w", field, err)
	}
	if valueJSON == "" || valueJSON == "null" {
		delete(m, field)
	} else {
		if !json.Valid([]byte(valueJSON)) {
			return nil, model.Errorf(model.EINVALID, "The recorded value of %s is not valid, so it cannot be restored.", fieldLabel(field))
		}
		m[field] = json.RawMessage(valueJSON)
	}
	if b, err = json.Marshal(m); err != nil {
		return nil, fmt.Errorf("restore %s: %w", field, err)
	}
	var out model.Activity
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, model.Errorf(model.EINVALID, "The recorded value of %s no longer fits the activity, so it cannot be restored.", fieldLabel(field))
	}
	return &out, nil
}

// fieldJSON is the JSON of a's top-level key field, "" when absent.
func fieldJSON(a *model.Activity, field string) string {
	b, err := json.Marshal(a)
	if err != nil {
		return ""
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return ""
	}
	return string(m[field])
}
