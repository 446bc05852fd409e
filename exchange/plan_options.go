package exchange

import (
	"fmt"
	"slices"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// PlanOptions are the DPO's answers to what an import preview asks.
type PlanOptions struct {
	// Organisation (a name or id, of the register or the file) is given to
	// the rows that name no organisation. Without it such rows are a
	// blocking problem whenever there is more than one to choose from.
	Organisation string
	// RetireMissing retires the activities the file leaves out (see
	// ImportPlan.Missing). Nothing is ever deleted by an import.
	RetireMissing bool
}

func (p *ImportPlan) cover(org uuid.UUID) {
	if p.covered == nil {
		p.covered = map[uuid.UUID]bool{}
	}
	p.covered[org] = true
}

// planMissing lists the register's activities of the organisations the
// file covers that no row matched, and retires them if the DPO said so.
// Retired activities are not missed: they are already out of use.
func (p *ImportPlan) planMissing(existing *model.Register) {
	for _, a := range existing.Activities {
		if !p.covered[a.OrganisationID] || p.matched[a.ID] || a.Status == model.StatusRetired {
			continue
		}
		p.Missing = append(p.Missing, PlannedActivity{Activity: a})
		if p.opts.RetireMissing {
			r := a
			r.Status = model.StatusRetired
			p.Retired = append(p.Retired, PlannedActivity{Activity: r, Changes: diffJSON(a, r)})
		}
	}
}

// Rebase returns the changes of the plan laid over current, a newer copy of
// the register than the one the plan was made from (read inside the write
// transaction that applies them). Only the fields the file carries are
// written, over each activity's current values, so a change made to another
// field since the preview is kept. It also reports what can no longer be
// applied as previewed: an activity deleted since, or one added twice.
func (p *ImportPlan) Rebase(current *model.Register) (model.Changes, []Problem) {
	var ch model.Changes
	var probs []Problem
	prob := func(a PlannedActivity, format string, args ...any) {
		probs = append(probs, Problem{File: p.File, Sheet: a.Sheet, Row: a.Row, Severity: model.SeverityError, Message: fmt.Sprintf(format, args...)})
	}
	for _, o := range p.AddedOrganisations {
		if current.Organisation(o.Organisation.ID) == nil {
			ch.Organisations = append(ch.Organisations, o.Organisation)
		}
	}
	for _, o := range p.ChangedOrganisations {
		cur := current.Organisation(o.Organisation.ID)
		if cur == nil {
			probs = append(probs, Problem{File: p.File, Severity: model.SeverityError, Message: fmt.Sprintf("The organisation %q was deleted from the register after the preview.", o.Organisation.Name)})
			continue
		}
		merged := o.Organisation
		if in := p.incomingOrganisation(o.Organisation.ID, o.Organisation.Name); in != nil && !p.complete {
			merged = mergeOrganisation(*cur, *in)
		}
		if len(diffJSON(*cur, merged)) > 0 {
			ch.Organisations = append(ch.Organisations, merged)
		}
	}
	byID := make(map[uuid.UUID]*model.Activity, len(current.Activities))
	for i := range current.Activities {
		byID[current.Activities[i].ID] = &current.Activities[i]
	}
	for _, a := range p.Added {
		if byID[a.Activity.ID] != nil {
			prob(a, "The activity %q was added to the register after the preview; preview the import again.", a.Activity.Name)
			continue
		}
		ch.Activities = append(ch.Activities, a.Activity)
	}
	for _, a := range p.Changed {
		cur := byID[a.Activity.ID]
		if cur == nil {
			prob(a, "The activity %q was deleted from the register after the preview.", a.Activity.Name)
			continue
		}
		in := a.incoming
		in.OrganisationID = a.Activity.OrganisationID
		merged, err := mergeActivity(*cur, in)
		if err != nil {
			prob(a, "Could not lay this row over the activity %q as it is now.", cur.Name)
			continue
		}
		if len(diffJSON(*cur, merged)) > 0 {
			ch.Activities = append(ch.Activities, merged)
		}
	}
	for _, a := range p.Retired {
		cur := byID[a.Activity.ID]
		if cur == nil || cur.Status == model.StatusRetired {
			continue
		}
		r := *cur
		r.Status = model.StatusRetired
		ch.Activities = append(ch.Activities, r)
	}
	for _, c := range p.NewReviewCycles {
		if c.SignOff == nil && !slices.ContainsFunc(current.ReviewCycles, func(e model.ReviewCycle) bool { return e.ID == c.ID }) {
			ch.ReviewCycles = append(ch.ReviewCycles, c)
		}
	}
	return ch, probs
}

// incomingOrganisation is the organisation as the file gave it.
func (p *ImportPlan) incomingOrganisation(id uuid.UUID, name string) *model.Organisation {
	for i, o := range p.incomingOrgs {
		if (o.ID != uuid.Nil && o.ID == id) || sameName(o.Name, name) {
			return &p.incomingOrgs[i]
		}
	}
	return nil
}
