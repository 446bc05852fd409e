package pgstore

import (
	"context"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// Review cycles are not kept on a shared register yet: Apply and WriteCopy
// refuse them, so a shared register has none. These methods say so — the
// list of cycles is empty, a named cycle is not found, starting one is
// refused in words — so that the use cases over desk.Register (export,
// the PDF of the current state, import) work on a shared register, and
// the review screens report plainly that they cannot.

// errNoCycles refuses starting a review cycle.
var errNoCycles = model.Errorf(model.EINVALID, "A shared register does not keep review cycles yet: run the annual review in a register file (ropactl copy makes one from this register).")

func noSuchCycle() error {
	return model.Errorf(model.ENOTFOUND, "There is no such review cycle: a shared register does not keep review cycles yet.")
}

// Cycles returns the register's review cycles: none.
func (db *DB) Cycles(ctx context.Context) ([]model.ReviewCycle, error) {
	return []model.ReviewCycle{}, nil
}

// CycleSnapshot finds no cycle.
func (db *DB) CycleSnapshot(ctx context.Context, cycleID uuid.UUID) (*model.Register, error) {
	return nil, noSuchCycle()
}

// CreateCycle is refused (errNoCycles).
func (db *DB) CreateCycle(ctx context.Context, c *model.ReviewCycle) error { return errNoCycles }

// MarkReviewed finds no cycle.
func (db *DB) MarkReviewed(ctx context.Context, cycleID, activityID uuid.UUID, r model.Review) error {
	return noSuchCycle()
}

// SignOff finds no cycle.
func (db *DB) SignOff(ctx context.Context, cycleID uuid.UUID, s model.SignOff) error {
	return noSuchCycle()
}

// SignOffGaps finds no cycle.
func (db *DB) SignOffGaps(ctx context.Context, cycleID uuid.UUID) (model.SignOffGaps, error) {
	return model.SignOffGaps{}, noSuchCycle()
}

// SignedOffFingerprint finds no cycle (report.SignedOffSource).
func (db *DB) SignedOffFingerprint(ctx context.Context, cycleID uuid.UUID) (fp, head string, err error) {
	return "", "", noSuchCycle()
}
