package desk

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report"
)

// PDFInput gathers what the annual-review PDF of cycle (nil: the current
// state) shows, through report.BuildInput, the one builder the export and
// `ropactl verify --pdf` share. asAt, when not zero, overrides the date;
// otherwise a signed-off cycle is as at its sign-off and anything else as
// at now's day.
func PDFInput(ctx context.Context, reg Register, cycle *model.ReviewCycle, asAt, now time.Time) (report.Input, error) {
	return pdfInput(ctx, reg, cycle, asAt, now, uuid.Nil)
}

// pdfInput is PDFInput for one organisation, or all when org is uuid.Nil.
func pdfInput(ctx context.Context, reg Register, cycle *model.ReviewCycle, asAt, now time.Time, org uuid.UUID) (report.Input, error) {
	o := report.Options{Today: Day(now), OrganisationID: org}
	if cycle != nil {
		o.CycleID = cycle.ID
	}
	if !asAt.IsZero() {
		o.AsAt = Day(asAt)
	}
	in, err := report.BuildInput(ctx, reg, o)
	if err != nil {
		return report.Input{}, fmt.Errorf("gather the PDF's contents: %w", err)
	}
	return in, nil
}
