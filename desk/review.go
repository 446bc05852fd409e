package desk

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// StartReview starts a review cycle called name, each activity next due
// intervalMonths after its review in it.
func StartReview(ctx context.Context, reg Register, name string, intervalMonths int, started time.Time) (*model.ReviewCycle, error) {
	c := &model.ReviewCycle{Name: strings.TrimSpace(name), IntervalMonths: intervalMonths, StartedAt: started}
	if err := reg.CreateCycle(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// MarkReviewed records r as the review of each of acts within
// cycle. The store refuses (ECONFLICT) once the cycle is signed off: its
// reviews are frozen, in every front end.
func MarkReviewed(ctx context.Context, reg Register, cycle *model.ReviewCycle, acts []*model.Activity, r model.Review) error {
	r.Reviewer, r.Notes = strings.TrimSpace(r.Reviewer), strings.TrimSpace(r.Notes)
	for _, a := range acts {
		if err := reg.MarkReviewed(ctx, cycle.ID, a.ID, r); err != nil {
			return fmt.Errorf("mark %q reviewed: %w", a.Name, err)
		}
	}
	return nil
}

// SignOff signs cycle off with s, freezing the register as it stands.
func SignOff(ctx context.Context, reg Register, cycle *model.ReviewCycle, s model.SignOff) error {
	s.By, s.Statement = strings.TrimSpace(s.By), strings.TrimSpace(s.Statement)
	if err := reg.SignOff(ctx, cycle.ID, s); err != nil {
		return err
	}
	// The store completes the sign-off (the gaps it acknowledged, who
	// entered it and when): hand back what it recorded.
	cycles, err := reg.Cycles(ctx)
	if err != nil {
		return err
	}
	for i := range cycles {
		if cycles[i].ID == cycle.ID {
			*cycle = cycles[i]
			return nil
		}
	}
	cycle.SignOff = &s
	return nil
}

// CycleRegister is the register as cycle sees it: the frozen copy of a
// signed-off cycle, else the register now.
func CycleRegister(ctx context.Context, reg Register, cycle *model.ReviewCycle) (*model.Register, error) {
	if cycle.SignOff != nil {
		return reg.CycleSnapshot(ctx, cycle.ID)
	}
	return reg.Register(ctx)
}

// CycleProgress counts the activities of r reviewed in cycle, and lists
// the rest in register order.
func CycleProgress(r *model.Register, cycle *model.ReviewCycle) (reviewed int, unreviewed []*model.Activity) {
	for i := range r.Activities {
		a := &r.Activities[i]
		if ReviewedIn(a, cycle.ID) {
			reviewed++
		} else {
			unreviewed = append(unreviewed, a)
		}
	}
	return reviewed, unreviewed
}

// ReviewedIn reports whether a has a review in the cycle with id.
func ReviewedIn(a *model.Activity, cycleID uuid.UUID) bool {
	for _, r := range a.Reviews {
		if r.CycleID == cycleID {
			return true
		}
	}
	return false
}

// ReviewFrozen reports whether r belongs to one of cycles that is signed
// off: such a review is frozen, and every screen shows it read-only.
func ReviewFrozen(r model.Review, cycles []model.ReviewCycle) bool {
	for _, c := range cycles {
		if c.ID == r.CycleID && c.SignOff != nil {
			return true
		}
	}
	return false
}
