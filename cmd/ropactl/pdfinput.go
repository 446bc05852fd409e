package main

import (
	"context"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report"
	"github.com/ropadesk/ropadesk/store"
)

// pdfInput is what the annual-review PDF of reg (one state of the register,
// with the review cycles it had) is made from, reporting on cycle (nil: the
// register's state) as at asAt, fingerprinted with head. The export and
// verify --pdf both build it here, so that verify regenerates exactly the
// PDF the export made. The previous signed-off cycle before the one
// printed (or the latest, for the register's state), as reg knew them, is
// what "what changed" compares with.
func pdfInput(ctx context.Context, db *store.DB, reg *model.Register, head string, cycle *model.ReviewCycle, asAt time.Time) (report.Input, error) {
	in := report.Input{Register: reg, Cycle: cycle, HistoryHead: head, AsAt: asAt}
	upTo := len(reg.ReviewCycles)
	if cycle != nil {
		for i := range reg.ReviewCycles {
			if reg.ReviewCycles[i].ID == cycle.ID {
				upTo = i
			}
		}
	}
	for i := upTo - 1; i >= 0; i-- {
		if reg.ReviewCycles[i].SignOff != nil {
			snap, err := db.CycleSnapshot(ctx, reg.ReviewCycles[i].ID)
			if err != nil {
				return in, err
			}
			in.Previous = snap
			break
		}
	}
	return in, nil
}
