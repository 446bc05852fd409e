// Package desk is the DPO's desk: the use cases both front ends offer,
// each written once. The desktop app (ui) and the command line
// (cmd/ropactl) parse their input — a click, a flag — and call a function
// here, which does the work over an open register: import (preview, back
// up, apply in one transaction), export in every format through one
// atomic, synced file write, the annual-review PDF's input, and the review
// cycle (start, mark, sign off).
//
// desk imports model, exchange and report, never the store: it works on
// the Register interface below, which the store's *DB satisfies, so ui can
// call it without importing the store.
package desk

import (
	"context"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report"
)

// Register is what the use cases need from an open register file. The
// store's *DB satisfies it (asserted in cmd/ropa and cmd/ropactl).
type Register interface {
	Path() string
	// ReadOnly says why the register cannot be changed, "" when it can.
	ReadOnly() string

	Register(ctx context.Context) (*model.Register, error)
	Apply(ctx context.Context, ch model.Changes) error
	// ApplyPlanned runs plan on the register inside one write transaction
	// and applies what it returns there, so an import is planned on the
	// register as it is when it is written.
	ApplyPlanned(ctx context.Context, plan func(cur *model.Register) (model.Changes, error)) error
	BackupBeforeImport(ctx context.Context) (string, error)
	HistoryHead(ctx context.Context) (string, error)

	Cycles(ctx context.Context) ([]model.ReviewCycle, error)
	CycleSnapshot(ctx context.Context, cycleID uuid.UUID) (*model.Register, error)
	CreateCycle(ctx context.Context, c *model.ReviewCycle) error
	MarkReviewed(ctx context.Context, cycleID, activityID uuid.UUID, r model.Review) error
	SignOff(ctx context.Context, cycleID uuid.UUID, s model.SignOff) error
	// SignOffGaps says what a cycle lacks (unreviewed activities, open
	// errors), which the signer must acknowledge in words.
	SignOffGaps(ctx context.Context, cycleID uuid.UUID) (model.SignOffGaps, error)

	// RecordNotice records a checked published notice (see RecordNotice
	// below); replaces is the notice it replaces, refused as stale when
	// another has been recorded since.
	RecordNotice(ctx context.Context, n *model.PublishedNotice, replaces uuid.UUID) (recorded bool, err error)

	// The PDF's builder needs where each cycle was signed off in the
	// history and who changed what (report.SignedOffSource and
	// report.ChangeLogSource): required here, so that no front end can
	// hand it a register without them and get a different PDF.
	report.SignedOffSource
	report.ChangeLogSource
}
