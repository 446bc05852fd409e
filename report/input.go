package report

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// Source is what the PDF's input is read from: the register now, its
// review cycles and their frozen copies, and the head of its change
// history. *store.DB satisfies it; the GUI and ropactl both hand theirs to
// BuildInput, so the same file gives the same PDF from either.
type Source interface {
	Register(ctx context.Context) (*model.Register, error)
	Cycles(ctx context.Context) ([]model.ReviewCycle, error)
	CycleSnapshot(ctx context.Context, cycleID uuid.UUID) (*model.Register, error)
	HistoryHead(ctx context.Context) (string, error)
}

// ChangeLogSource is a Source that can also say who changed what and when
// (the store's change history). BuildInput uses it, when the source has it,
// to name who made each change listed since the previous sign-off.
type ChangeLogSource interface {
	ChangeLog(ctx context.Context, since time.Time, fn func(at time.Time, user, entity string, id uuid.UUID, action, field, oldJSON, newJSON string)) error
}

// Change is one recorded change from the register's history: one field of
// one activity or organisation (or a whole one, when created or deleted).
type Change struct {
	At       time.Time
	User     string
	Entity   string // "activity" or "organisation"
	EntityID uuid.UUID
	Action   string // "create", "update" or "delete"
	Field    string // the JSON key changed; "" for create and delete
	Old, New string // JSON text
}

// Options choose which PDF BuildInput prepares.
type Options struct {
	// CycleID is the review cycle reported on; uuid.Nil means the
	// register's current state, not a review cycle.
	CycleID uuid.UUID
	// AsAt overrides the as-at date. When zero, a signed-off cycle is
	// shown as at its sign-off date, anything else as at Today.
	AsAt time.Time
	// Today is the caller's "today" (midnight UTC), so that two exports
	// on the same day give the same bytes.
	Today time.Time
	// OrganisationID, when not uuid.Nil, narrows the PDF to that one
	// organisation (ForOrganisation), its title naming it.
	OrganisationID uuid.UUID
}

// BuildInput reads everything one PDF is made from: the register (as
// frozen at sign-off for a signed-off cycle), the cycle, the previous
// signed-off cycle and its frozen copy for "what changed", and the change
// history since then for who made each change and when.
func BuildInput(ctx context.Context, src Source, opt Options) (Input, error) {
	var in Input
	cycles, err := src.Cycles(ctx)
	if err != nil {
		return in, fmt.Errorf("read review cycles: %w", err)
	}
	if opt.CycleID != uuid.Nil {
		for i := range cycles {
			if cycles[i].ID == opt.CycleID {
				c := cycles[i]
				in.Cycle = &c
			}
		}
		if in.Cycle == nil {
			return in, model.Errorf(model.ENOTFOUND, "The review cycle to report on is not in the register.")
		}
	}
	if in.Cycle != nil && in.Cycle.SignOff != nil {
		if in.Register, err = src.CycleSnapshot(ctx, in.Cycle.ID); err != nil {
			return in, fmt.Errorf("read the register as signed off: %w", err)
		}
		// A signed-off cycle is fingerprinted with the chain head at its
		// sign-off, so its PDF never changes and still names the history.
		if so, ok := src.(SignedOffSource); ok {
			if _, in.HistoryHead, err = so.SignedOffFingerprint(ctx, in.Cycle.ID); err != nil {
				return in, fmt.Errorf("read the sign-off's place in the history: %w", err)
			}
		}
		in.AsAt = in.Cycle.SignOff.Date
	} else {
		if in.Register, err = src.Register(ctx); err != nil {
			return in, fmt.Errorf("read register: %w", err)
		}
		if in.HistoryHead, err = src.HistoryHead(ctx); err != nil {
			return in, fmt.Errorf("read change history: %w", err)
		}
	}
	if !opt.AsAt.IsZero() {
		in.AsAt = opt.AsAt
	} else if in.AsAt.IsZero() {
		in.AsAt = opt.Today
	}
	if err := CompleteInput(ctx, src, &in); err != nil {
		return in, err
	}
	if opt.OrganisationID != uuid.Nil {
		return in, in.narrow(opt.OrganisationID)
	}
	return in, nil
}

// SignedOffSource is a Source that knows where in its history each cycle
// was signed off (the store does); BuildInput uses it for a signed-off
// cycle's fingerprint.
type SignedOffSource interface {
	SignedOffFingerprint(ctx context.Context, cycleID uuid.UUID) (fp, head string, err error)
}

// CompleteInput fills in what in's register state (in.Register, in.Cycle)
// implies: the coverage of the published notices it records, the previous
// signed-off cycle and its frozen copy, for "what changed", and who made
// each change. BuildInput calls it for a state it
// read; `ropactl verify --pdf` calls it for a state it replayed, so that
// both make exactly the same PDF from the same state. The previous cycle is
// taken from the state's own cycles: the signed-off one before the cycle
// printed, or the latest one for the register's state.
func CompleteInput(ctx context.Context, src Source, in *Input) error {
	in.NoticeCoverage = recordedCoverage(in)
	cycles := in.Register.ReviewCycles
	upTo := len(cycles)
	if in.Cycle != nil {
		for i := range cycles {
			if cycles[i].ID == in.Cycle.ID {
				upTo = i
			}
		}
	}
	for i := upTo - 1; i >= 0; i-- {
		if cycles[i].SignOff != nil {
			p := cycles[i]
			in.PreviousCycle = &p
			var err error
			if in.Previous, err = src.CycleSnapshot(ctx, p.ID); err != nil {
				return fmt.Errorf("read %s as signed off: %w", p.Name, err)
			}
			break
		}
	}
	if cl, ok := src.(ChangeLogSource); ok {
		// The whole history is read: a sign-off's date need not match
		// when it was entered, and an as-at date may be set in the past,
		// so the report matches each change by the value it wrote, not
		// by its time. The activities' entries into organisations give
		// their reference numbers, with or without a previous cycle.
		in.Changes, in.Entries, in.SettingChanges = nil, nil, nil
		afterPrevious, afterCycle := false, false
		err := cl.ChangeLog(ctx, time.Time{}, func(at time.Time, user, entity string, id uuid.UUID, action, field, o, n string) {
			if e, ok := activityEntry(entity, id, action, field, n); ok {
				in.Entries = append(in.Entries, e)
			}
			if in.PreviousCycle == nil || field == "updated_at" || field == "reviews" {
				return // not changes the report lists
			}
			if entity == entitySettings {
				if afterPrevious && !afterCycle {
					in.SettingChanges = append(in.SettingChanges, Change{At: at, User: user, Entity: entity, EntityID: id, Action: action, Field: field, Old: o, New: n})
				}
				return
			}
			if entity == entityCycle && field == "sign_off" && n != "" && n != "null" {
				switch {
				case id == in.PreviousCycle.ID:
					afterPrevious = true
				case in.Cycle != nil && id == in.Cycle.ID:
					afterCycle = true
				}
			}
			in.Changes = append(in.Changes, Change{At: at, User: user, Entity: entity, EntityID: id, Action: action, Field: field, Old: o, New: n})
		})
		if err != nil {
			return fmt.Errorf("read change history: %w", err)
		}
	}
	return nil
}

// rulesVersion names the version of the compliance rules (the model's
// checks, rights and opt-out decisions) the PDF's findings and verdicts
// come from; the verification page prints it.
var rulesVersion = model.RulesVersion
