package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// Review cycles and sign-off, as the SQLite store keeps them (store's
// cycle.go and signoff.go): the same columns, the same history entries
// (the cycle's record at creation; "sign_off" then "snapshot_sha256" at
// sign-off) and the same frozen copy, so a copy either way verifies and
// gives the same fingerprints. A shared register has no folder to write a
// sign-off receipt into: its history and snapshot are on the server, and
// `ropactl backup` makes a file whose receipt can be written.

// CreateCycle starts a review cycle, setting its ID (UUID v7) if zero, its
// start to now if zero, and its interval to the default if zero.
func (db *DB) CreateCycle(ctx context.Context, c *model.ReviewCycle) error {
	if err := prepareCycle(c); err != nil {
		return err
	}
	return db.write(ctx, fmt.Sprintf("create review cycle %q", c.Name), func(w *writer) error {
		return w.createCycle(ctx, c)
	})
}

func prepareCycle(c *model.ReviewCycle) error {
	if c.SignOff != nil {
		return model.Errorf(model.EINVALID, "A new review cycle cannot already be signed off; sign it off when the review is done.")
	}
	if c.IntervalMonths == 0 {
		c.IntervalMonths = model.DefaultReviewInterval
	}
	return c.Validate()
}

func (w *writer) createCycle(ctx context.Context, c *model.ReviewCycle) error {
	c.Name = strings.TrimSpace(c.Name)
	var taken bool
	if err := w.tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM review_cycles WHERE lower(name) = lower($1))`, c.Name).Scan(&taken); err != nil {
		return fmt.Errorf("create review cycle %q: %w", c.Name, err)
	}
	if taken {
		return model.Errorf(model.ECONFLICT, "There is already a review cycle called %q; choose another name.", c.Name)
	}
	if c.ID == uuid.Nil {
		var err error
		if c.ID, err = uuid.NewV7(); err != nil {
			return fmt.Errorf("create review cycle: %w", err)
		}
	}
	if c.StartedAt.IsZero() {
		c.StartedAt = time.Now().UTC()
	}
	c.StartedAt = c.StartedAt.UTC()
	if _, err := w.tx.Exec(ctx, `INSERT INTO review_cycles (id, name, started_at, interval_months) VALUES ($1, $2, $3, $4)`,
		c.ID, c.Name, store.FormatHistoryTime(c.StartedAt), c.IntervalMonths); err != nil {
		return fmt.Errorf("create review cycle %q: %w", c.Name, err)
	}
	body, err := store.CycleRecordBody(*c, nil)
	if err != nil {
		return fmt.Errorf("create review cycle %q: %w", c.Name, err)
	}
	return w.record(ctx, store.EntityCycle, c.ID, nil, body)
}

// Cycles returns every review cycle, oldest first.
func (db *DB) Cycles(ctx context.Context) ([]model.ReviewCycle, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	cs, err := loadCycles(ctx, tx, "", nil)
	return cs, db.readErr(err)
}

// MarkReviewed records r (with r.CycleID = cycleID) in the activity's
// reviews, replacing an earlier review of it in the same cycle, as the
// SQLite store does; refused (ECONFLICT) once the cycle is signed off. The
// review is part of the activity, so an editor may review only their
// organisations' activities (row-level security on activities).
func (db *DB) MarkReviewed(ctx context.Context, cycleID, activityID uuid.UUID, r model.Review) error {
	return db.write(ctx, "mark reviewed", func(w *writer) error {
		c, err := findCycle(ctx, w.tx, cycleID)
		if err != nil {
			return err
		}
		if err := refuseSigned(c); err != nil {
			return err
		}
		a, _, err := findActivity(ctx, w.tx, activityID)
		if err != nil {
			return err
		}
		r.CycleID = cycleID
		if r.Date.IsZero() {
			r.Date = time.Now().UTC()
		}
		replaced := false
		for i := range a.Reviews {
			if a.Reviews[i].CycleID == cycleID {
				if r.ID == uuid.Nil {
					r.ID = a.Reviews[i].ID
				}
				a.Reviews[i] = r
				replaced = true
				break
			}
		}
		if !replaced {
			if r.ID == uuid.Nil {
				if r.ID, err = uuid.NewV7(); err != nil {
					return fmt.Errorf("mark reviewed: %w", err)
				}
			}
			a.Reviews = append(a.Reviews, r)
		}
		// As in the file: a review finding the processing stopped retires
		// the activity in the same transaction.
		if r.Outcome == model.OutcomeRetired {
			a.Status = model.StatusRetired
		}
		return w.updateActivity(ctx, a, false)
	})
}

func refuseSigned(c *model.ReviewCycle) error {
	if c.SignOff == nil {
		return nil
	}
	return model.Errorf(model.ECONFLICT, "The review cycle %q was signed off by %s on %s and is closed; start a new cycle to record more reviews.",
		c.Name, c.SignOff.By, c.SignOff.Date.Format("2 January 2006"))
}

// SignOff closes the cycle and freezes a copy of the register as it stood,
// with the rules of model.CheckSignOff; the sign-off and the digest of the
// frozen copy enter the history in the same transaction.
func (db *DB) SignOff(ctx context.Context, cycleID uuid.UUID, s model.SignOff) error {
	return db.write(ctx, "sign off", func(w *writer) error {
		c, err := findCycle(ctx, w.tx, cycleID)
		if err != nil {
			return err
		}
		if c.SignOff != nil {
			return model.Errorf(model.ECONFLICT, "The review cycle %q was already signed off by %s on %s.", c.Name, c.SignOff.By, c.SignOff.Date.Format("2 January 2006"))
		}
		at := time.Now().UTC()
		if s.Date.IsZero() {
			s.Date = at
		}
		s.Date = s.Date.UTC()
		reg, err := loadRegister(ctx, w.tx)
		if err != nil {
			return fmt.Errorf("sign off %q: %w", c.Name, err)
		}
		if err := model.CheckSignOff(c, &s, model.CycleGaps(reg, c, at), at); err != nil {
			return err
		}
		s.EnteredBy = w.user
		s.EnteredAt, _ = time.Parse(store.HistoryTimeFormat, store.FormatHistoryTime(at))
		c.SignOff = &s
		if err := c.Validate(); err != nil {
			return err
		}
		full, err := json.Marshal(s)
		if err != nil {
			return fmt.Errorf("sign off %q: %w", c.Name, err)
		}
		if _, err := w.tx.Exec(ctx, `UPDATE review_cycles SET signed_off_by = $1, signed_off_at = $2, statement = $3, sign_off = $4 WHERE id = $5`,
			s.By, store.FormatHistoryTime(s.Date), s.Statement, string(full), cycleID); err != nil {
			return fmt.Errorf("sign off %q: %w", c.Name, err)
		}
		if err := w.append(ctx, at, store.EntityCycle, cycleID, store.ActionUpdate, "sign_off", "", string(full)); err != nil {
			return err
		}
		// Taken after the sign-off is written, so the copy records the
		// cycle as signed; its digest is chained right after.
		snapReg, err := loadRegister(ctx, w.tx)
		if err != nil {
			return fmt.Errorf("sign off %q: %w", c.Name, err)
		}
		snap, err := json.Marshal(snapReg)
		if err != nil {
			return fmt.Errorf("sign off %q: %w", c.Name, err)
		}
		if _, err := w.tx.Exec(ctx, `UPDATE review_cycles SET snapshot = $1 WHERE id = $2`, string(snap), cycleID); err != nil {
			return fmt.Errorf("sign off %q: %w", c.Name, err)
		}
		d, _ := json.Marshal(store.SnapshotDigest(string(snap)))
		return w.append(ctx, at, store.EntityCycle, cycleID, store.ActionUpdate, "snapshot_sha256", "", string(d))
	})
}

// SignOffGaps says what the cycle lacks now (activities not reviewed in
// it, open errors, its latest review).
func (db *DB) SignOffGaps(ctx context.Context, cycleID uuid.UUID) (model.SignOffGaps, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return model.SignOffGaps{}, err
	}
	defer tx.Rollback(ctx)
	c, err := findCycle(ctx, tx, cycleID)
	if err != nil {
		return model.SignOffGaps{}, db.readErr(err)
	}
	reg, err := loadRegister(ctx, tx)
	if err != nil {
		return model.SignOffGaps{}, fmt.Errorf("read the gaps of %q: %w", c.Name, db.readErr(err))
	}
	return model.CycleGaps(reg, c, time.Now().UTC()), nil
}

// CycleSnapshot returns the register frozen at sign-off (ENOTFOUND if the
// cycle is not signed off). An editor may not read it: it holds every
// organisation's activities.
func (db *DB) CycleSnapshot(ctx context.Context, cycleID uuid.UUID) (*model.Register, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	var name string
	var snap *string
	err = tx.QueryRow(ctx, `SELECT name, snapshot FROM review_cycles WHERE id = $1`, cycleID).Scan(&name, &snap)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, model.Errorf(model.ENOTFOUND, "The review cycle is not in the register.")
	}
	if isPermissionDenied(err) {
		return nil, model.Errorf(model.EREADONLY, "As an editor you cannot read the copy of the register frozen at sign-off: it holds every organisation's activities. A DPO or an auditor can.")
	}
	if err != nil {
		return nil, fmt.Errorf("read snapshot of cycle %s: %w", cycleID, db.readErr(err))
	}
	if snap == nil {
		return nil, model.Errorf(model.ENOTFOUND, "The review cycle %q is not signed off yet, so there is no frozen copy of the register.", name)
	}
	var r model.Register
	if err := json.Unmarshal([]byte(*snap), &r); err != nil {
		return nil, fmt.Errorf("read snapshot of %q: %w", name, err)
	}
	return &r, nil
}

// SignedOffFingerprint is the fingerprint the PDF of a signed-off cycle
// carries: its frozen copy with the history head at sign-off
// (report.SignedOffSource).
func (db *DB) SignedOffFingerprint(ctx context.Context, cycleID uuid.UUID) (fp, head string, err error) {
	snap, err := db.CycleSnapshot(ctx, cycleID)
	if err != nil {
		return "", "", err
	}
	err = db.pool.QueryRow(ctx, `SELECT hash FROM history WHERE entity = $1 AND entity_id = $2 AND field = 'snapshot_sha256' ORDER BY seq DESC LIMIT 1`,
		store.EntityCycle, cycleID).Scan(&head)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return "", "", fmt.Errorf("read sign-off of %s: %w", cycleID, db.readErr(err))
	}
	return model.Fingerprint(snap, head), head, nil
}

func findCycle(ctx context.Context, tx pgx.Tx, id uuid.UUID) (*model.ReviewCycle, error) {
	cs, err := loadCycles(ctx, tx, `WHERE id = $1`, []any{id})
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, model.Errorf(model.ENOTFOUND, "The review cycle is not in the register.")
	}
	return &cs[0], nil
}

// loadCycles reads the cycles matching where (our SQL, never the user's),
// ordered as the file orders them: by start, then name.
func loadCycles(ctx context.Context, tx pgx.Tx, where string, args []any) ([]model.ReviewCycle, error) {
	rows, err := tx.Query(ctx, `SELECT id, name, started_at, interval_months, signed_off_by, signed_off_at, statement, coalesce(sign_off, '')
		FROM review_cycles `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read review cycles: %w", err)
	}
	defer rows.Close()
	type row struct {
		c       model.ReviewCycle
		started string
	}
	var found []row
	for rows.Next() {
		var (
			r                    row
			by, at, stmt, signed string
		)
		if err := rows.Scan(&r.c.ID, &r.c.Name, &r.started, &r.c.IntervalMonths, &by, &at, &stmt, &signed); err != nil {
			return nil, fmt.Errorf("read review cycles: %w", err)
		}
		r.c.StartedAt, _ = time.Parse(store.HistoryTimeFormat, r.started)
		if at != "" {
			var full model.SignOff
			// The columns win for what they hold, as in the file; a
			// mangled full record is verify's to report.
			if signed != "" && json.Unmarshal([]byte(signed), &full) != nil {
				full = model.SignOff{}
			}
			full.By, full.Statement = by, stmt
			full.Date, _ = time.Parse(store.HistoryTimeFormat, at)
			r.c.SignOff = &full
			r.c.Revision = 2
		} else {
			r.c.Revision = 1
		}
		found = append(found, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read review cycles: %w", err)
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].started != found[j].started {
			return found[i].started < found[j].started
		}
		return foldASCII(found[i].c.Name) < foldASCII(found[j].c.Name)
	})
	out := make([]model.ReviewCycle, len(found))
	for i := range found {
		out[i] = found[i].c
	}
	return out, nil
}

// isPermissionDenied reports the server's "permission denied" (42501).
func isPermissionDenied(err error) bool {
	var pe interface{ SQLState() string }
	return errors.As(err, &pe) && pe.SQLState() == "42501"
}
