package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// CreateCycle starts a review cycle, setting its ID (UUID v7) if zero, its
// start to now if zero, and its interval to the default if zero.
func (db *DB) CreateCycle(ctx context.Context, c *model.ReviewCycle) error {
	if err := prepareCycle(c); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := newWriter(tx, db.currentUser()).createCycle(ctx, c); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create review cycle %q: %w", c.Name, err)
	}
	return nil
}

// prepareCycle fills defaults and validates, before any transaction starts.
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
	tx := w.tx
	if _, err := findCycle(ctx, tx, "name = ?", strings.TrimSpace(c.Name)); err == nil {
		return model.Errorf(model.ECONFLICT, "There is already a review cycle called %q; choose another name.", c.Name)
	}
	if c.ID == uuid.Nil {
		var err error
		if c.ID, err = uuid.NewV7(); err != nil {
			return fmt.Errorf("create review cycle: %w", err)
		}
	}
	if c.StartedAt.IsZero() {
		c.StartedAt = now()
	}
	c.StartedAt = c.StartedAt.UTC()
	c.Name = strings.TrimSpace(c.Name)
	_, err := tx.ExecContext(ctx, `INSERT INTO review_cycles (id, name, started_at, interval_months) VALUES (?, ?, ?, ?)`,
		c.ID.String(), c.Name, formatTime(c.StartedAt), c.IntervalMonths)
	if err != nil {
		return fmt.Errorf("create review cycle %q: %w", c.Name, err)
	}
	// The cycle enters the history like an activity, so that its name,
	// start and interval, which the PDF prints, are covered by the chain.
	body, err := json.Marshal(cycleRecord{ReviewCycle: *c})
	if err != nil {
		return fmt.Errorf("create review cycle %q: %w", c.Name, err)
	}
	return w.hist.record(ctx, EntityCycle, c.ID, nil, body)
}

// Cycles returns every review cycle, oldest first.
func (db *DB) Cycles(ctx context.Context) ([]model.ReviewCycle, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return loadCycles(ctx, tx, "")
}

// Cycle returns the review cycle with id (ENOTFOUND if none).
func (db *DB) Cycle(ctx context.Context, id uuid.UUID) (*model.ReviewCycle, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findCycle(ctx, tx, "id = ?", id.String())
}

// CycleByName returns the review cycle called name, ignoring case
// (ENOTFOUND if none).
func (db *DB) CycleByName(ctx context.Context, name string) (*model.ReviewCycle, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findCycle(ctx, tx, "name = ?", strings.TrimSpace(name))
	if model.ErrorCode(err) == model.ENOTFOUND {
		return nil, model.Errorf(model.ENOTFOUND, "There is no review cycle called %q.", name)
	}
	return c, err
}

// MarkReviewed appends r (with r.CycleID = cycleID) to the activity's
// reviews, replacing an earlier review of the same activity in the same
// cycle. It refuses (ECONFLICT) once the cycle is signed off.
func (db *DB) MarkReviewed(ctx context.Context, cycleID, activityID uuid.UUID, r model.Review) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	c, err := findCycle(ctx, tx, "id = ?", cycleID.String())
	if err != nil {
		return err
	}
	if err := refuseSigned(c); err != nil {
		return err
	}
	a, _, err := findActivity(ctx, tx, activityID)
	if err != nil {
		return err
	}
	r.CycleID = cycleID
	if r.Date.IsZero() {
		r.Date = now()
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
	// A review that finds the processing has stopped retires the activity
	// in the same transaction, so the record never says "retired" in the
	// review and "active" in the activity.
	if r.Outcome == model.OutcomeRetired {
		a.Status = model.StatusRetired
	}
	if err := newWriter(tx, db.currentUser()).updateActivity(ctx, a, false); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("mark %q reviewed: %w", a.Name, err)
	}
	return nil
}

func refuseSigned(c *model.ReviewCycle) error {
	if c.SignOff == nil {
		return nil
	}
	return model.Errorf(model.ECONFLICT, "The review cycle %q was signed off by %s on %s and is closed; start a new cycle to record more reviews.",
		c.Name, c.SignOff.By, c.SignOff.Date.Format("2 January 2006"))
}

// CycleSnapshot returns the register frozen at sign-off (ENOTFOUND if the
// cycle is not signed off).
func (db *DB) CycleSnapshot(ctx context.Context, cycleID uuid.UUID) (*model.Register, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var (
		name string
		snap sql.NullString
	)
	err = tx.QueryRowContext(ctx, `SELECT name, snapshot FROM review_cycles WHERE id = ?`, cycleID.String()).Scan(&name, &snap)
	if err == sql.ErrNoRows {
		return nil, model.Errorf(model.ENOTFOUND, "The review cycle is not in the register.")
	}
	if err != nil {
		return nil, fmt.Errorf("read snapshot of cycle %s: %w", cycleID, err)
	}
	if !snap.Valid {
		return nil, model.Errorf(model.ENOTFOUND, "The review cycle %q is not signed off yet, so there is no frozen copy of the register.", name)
	}
	var r model.Register
	if err := json.Unmarshal([]byte(snap.String), &r); err != nil {
		return nil, fmt.Errorf("read snapshot of %q: %w", name, err)
	}
	return &r, nil
}

func findCycle(ctx context.Context, tx *sql.Tx, cond string, arg any) (*model.ReviewCycle, error) {
	cs, err := loadCycles(ctx, tx, cond, arg)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, model.Errorf(model.ENOTFOUND, "The review cycle is not in the register.")
	}
	return &cs[0], nil
}

// loadCycles reads cycles, all or those matching cond (our SQL, never the
// user's), oldest first.
func loadCycles(ctx context.Context, tx *sql.Tx, cond string, args ...any) ([]model.ReviewCycle, error) {
	q := `SELECT id, name, started_at, interval_months, signed_off_by, signed_off_at, statement FROM review_cycles`
	if cond != "" {
		q += ` WHERE ` + cond
	}
	rows, err := tx.QueryContext(ctx, q+` ORDER BY started_at, name`, args...)
	if err != nil {
		return nil, fmt.Errorf("read review cycles: %w", err)
	}
	defer rows.Close()
	out := []model.ReviewCycle{}
	for rows.Next() {
		var (
			c                   model.ReviewCycle
			id, started, by, at string
			statement           string
		)
		if err := rows.Scan(&id, &c.Name, &started, &c.IntervalMonths, &by, &at, &statement); err != nil {
			return nil, fmt.Errorf("read review cycles: %w", err)
		}
		c.ID, _ = uuid.Parse(id)
		c.StartedAt, _ = parseTime(started)
		if at != "" {
			d, _ := parseTime(at)
			c.SignOff = &model.SignOff{By: by, Date: d, Statement: statement}
		}
		c.Revision = cycleRevision(&c)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read review cycles: %w", err)
	}
	rows.Close()
	for i := range out {
		if out[i].SignOff != nil {
			if err := loadSignOffDetails(ctx, tx, &out[i]); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
