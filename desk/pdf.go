package desk

import (
	"context"
	"fmt"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report"
)

// PDFInput gathers what the annual-review PDF of cycle (nil: the current
// state) shows. A signed-off cycle is printed from the copy frozen at
// sign-off, as at its sign-off date, with an empty history head in its
// fingerprint, so that its PDF stays the same however the register changes
// later; the current state and open cycles are fingerprinted with the
// register's history head. The signed-off cycle before the one printed
// (or the latest for the current state) is what "what changed" compares
// with. asAt, when not zero, overrides the date; otherwise an unsigned
// report is as at now's day.
//
// When the report package gains its own builder of this input, this is
// the one place that calls it.
func PDFInput(ctx context.Context, reg Register, cycle *model.ReviewCycle, asAt, now time.Time) (report.Input, error) {
	cycles, err := reg.Cycles(ctx)
	if err != nil {
		return report.Input{}, fmt.Errorf("read review cycles: %w", err)
	}
	in := report.Input{Cycle: cycle}
	upTo := len(cycles) // cycles before this index may be "previous"
	if cycle != nil {
		for i := range cycles {
			if cycles[i].ID == cycle.ID {
				upTo = i
			}
		}
	}
	if cycle != nil && cycle.SignOff != nil {
		if in.Register, err = reg.CycleSnapshot(ctx, cycle.ID); err != nil {
			return report.Input{}, fmt.Errorf("read the register as signed off in %s: %w", cycle.Name, err)
		}
		in.AsAt = cycle.SignOff.Date
	} else {
		if in.Register, err = reg.Register(ctx); err != nil {
			return report.Input{}, fmt.Errorf("read register: %w", err)
		}
		if in.HistoryHead, err = reg.HistoryHead(ctx); err != nil {
			return report.Input{}, fmt.Errorf("read change history: %w", err)
		}
	}
	if !asAt.IsZero() {
		in.AsAt = Day(asAt)
	} else if in.AsAt.IsZero() {
		in.AsAt = Day(now)
	}
	for i := upTo - 1; i >= 0; i-- {
		if cycles[i].SignOff != nil {
			if in.Previous, err = reg.CycleSnapshot(ctx, cycles[i].ID); err != nil {
				return report.Input{}, fmt.Errorf("read %s as signed off: %w", cycles[i].Name, err)
			}
			break
		}
	}
	return in, nil
}
