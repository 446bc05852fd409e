package ui

import (
	"context"
	"fmt"
	"log"

	"fyne.io/fyne/v2/lang"

	"github.com/ropadesk/ropadesk/model"
)

// An organisation saved elsewhere while its form was being edited is
// merged as an activity is (conflict.go): what only one side changed is
// merged, what both changed is chosen field by field, and Cancel leaves
// the form as it was, with every edit.

// editedOrganisation is loaded with the fields the form changed since it
// was loaded (baseline) set to the form's values (form).
func editedOrganisation(baseline, form, loaded model.Organisation) (*model.Organisation, error) {
	m, err := model.MergeOrganisations(&baseline, &loaded, &form)
	if err != nil {
		return nil, err
	}
	return m.Result(allYours(m.Conflicts))
}

// resolveConflict shows the merge of the form's edits with the
// organisation as it is now, after a save refused as stale.
func (s *OrganisationsScreen) resolveConflict(stale error) {
	base, reg := s.current, s.reg
	yours, err := editedOrganisation(s.baseline, s.form(), base)
	if err != nil {
		s.showMessage(model.ErrorMessage(err))
		return
	}
	log.Printf("organisation %s: %s", base.ID, model.ErrorMessage(stale))
	inBackground(func() func() {
		ctx := context.Background()
		theirs, err := reg.Organisation(ctx, base.ID)
		var history []HistoryChange
		if err == nil {
			var herr error
			if history, herr = reg.History(ctx, base.ID); herr != nil {
				log.Printf("organisation %s: history for the conflict: %v", base.ID, herr)
			}
		}
		return func() {
			if err != nil {
				s.showMessage(model.ErrorMessage(err))
				return
			}
			if s.current.ID != base.ID {
				return // another organisation is open now
			}
			mg, err := model.MergeOrganisations(&base, theirs, yours)
			if err != nil {
				s.showMessage(model.ErrorMessage(err))
				return
			}
			who, last := changedBy(history, base.Revision)
			showConflict(s.win, conflict{
				what:  fmt.Sprintf(lang.L("the organisation “%s”"), theirs.Name),
				last:  last,
				taken: mg.TakenFromTheirs, kept: mg.KeptFromYours, both: mg.Conflicts,
				who:   who,
				value: conflictValue,
				save: func(choices map[string]model.Side) {
					merged, err := mg.Result(choices)
					if err != nil {
						s.showMessage(model.ErrorMessage(err))
						return
					}
					if s.current.ID != base.ID {
						return
					}
					// Theirs becomes what the form was loaded from, so
					// a save that is stale again is merged from here.
					s.edit(*theirs)
					s.show(*merged)
					s.onSave()
				},
			})
		}
	})
}
