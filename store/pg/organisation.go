package pgstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// CreateOrganisation validates o and adds it, setting its ID (UUID v7) if
// zero and its timestamps.
func (db *DB) CreateOrganisation(ctx context.Context, o *model.Organisation) error {
	return db.write(ctx, fmt.Sprintf("create organisation %q", o.Name), func(w *writer) error {
		return w.createOrganisation(ctx, o, false)
	})
}

// UpdateOrganisation validates o and saves it over the stored one; a
// stale copy is refused (ECONFLICT).
func (db *DB) UpdateOrganisation(ctx context.Context, o *model.Organisation) error {
	return db.write(ctx, fmt.Sprintf("update organisation %q", o.Name), func(w *writer) error {
		return w.updateOrganisation(ctx, o, false)
	})
}

// DeleteOrganisation removes the organisation with id; ECONFLICT while it
// still has activities.
func (db *DB) DeleteOrganisation(ctx context.Context, id uuid.UUID) error {
	return db.write(ctx, fmt.Sprintf("delete organisation %s", id), func(w *writer) error {
		return w.deleteOrganisation(ctx, id)
	})
}

// Organisation returns the organisation with id (ENOTFOUND if none).
func (db *DB) Organisation(ctx context.Context, id uuid.UUID) (*model.Organisation, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	o, _, err := findOrganisation(ctx, tx, id)
	return o, db.readErr(err)
}

// Organisations returns every organisation, in the SQLite store's order.
func (db *DB) Organisations(ctx context.Context) ([]model.Organisation, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	orgs, err := loadOrganisations(ctx, tx)
	return orgs, db.readErr(err)
}

func (w *writer) createOrganisation(ctx context.Context, o *model.Organisation, keepTimes bool) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if o.ID == uuid.Nil {
		id, err := uuid.NewV7()
		if err != nil {
			return fmt.Errorf("create organisation: %w", err)
		}
		o.ID = id
	} else if exists, err := rowExists(ctx, w.tx, "organisations", o.ID); err != nil {
		return err
	} else if exists {
		return model.Errorf(model.ECONFLICT, "An organisation with the id %s is already in the register.", o.ID)
	}
	setTimes(&o.CreatedAt, &o.UpdatedAt, time.Now().UTC(), keepTimes)
	body, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("create organisation %q: %w", o.Name, err)
	}
	_, err = w.tx.Exec(ctx, `INSERT INTO organisations (id, name, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)`,
		o.ID, o.Name, string(body), store.FormatHistoryTime(o.CreatedAt), store.FormatHistoryTime(o.UpdatedAt))
	if err != nil {
		return fmt.Errorf("create organisation %q: %w", o.Name, err)
	}
	if err := w.record(ctx, store.EntityOrganisation, o.ID, nil, body); err != nil {
		return err
	}
	o.Revision = w.seq
	return nil
}

func (w *writer) updateOrganisation(ctx context.Context, o *model.Organisation, keepTimes bool) error {
	if err := o.Validate(); err != nil {
		return err
	}
	old, oldBody, err := findOrganisation(ctx, w.tx, o.ID)
	if model.ErrorCode(err) == model.ENOTFOUND {
		return model.Errorf(model.ENOTFOUND, "The organisation %q is not in the register (it may have been deleted).", o.Name)
	}
	if err != nil {
		return err
	}
	if err := checkRevision(ctx, w.tx, fmt.Sprintf("the organisation %q", old.Name), o.Revision, old.Revision); err != nil {
		return err
	}
	if !keepTimes || o.CreatedAt.IsZero() {
		o.CreatedAt = old.CreatedAt
	}
	o.CreatedAt = o.CreatedAt.UTC()
	newUpdated := o.UpdatedAt
	o.UpdatedAt = old.UpdatedAt
	same, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("update organisation %q: %w", o.Name, err)
	}
	if bytes.Equal(same, oldBody) {
		return nil
	}
	o.UpdatedAt = time.Now().UTC()
	if keepTimes && !newUpdated.IsZero() {
		o.UpdatedAt = newUpdated.UTC()
	}
	body, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("update organisation %q: %w", o.Name, err)
	}
	_, err = w.tx.Exec(ctx, `UPDATE organisations SET name = $1, body = $2, created_at = $3, updated_at = $4 WHERE id = $5`,
		o.Name, string(body), store.FormatHistoryTime(o.CreatedAt), store.FormatHistoryTime(o.UpdatedAt), o.ID)
	if err != nil {
		return fmt.Errorf("update organisation %q: %w", o.Name, err)
	}
	if err := w.record(ctx, store.EntityOrganisation, o.ID, oldBody, body); err != nil {
		return err
	}
	o.Revision = w.seq
	return nil
}

func (w *writer) deleteOrganisation(ctx context.Context, id uuid.UUID) error {
	o, body, err := findOrganisation(ctx, w.tx, id)
	if err != nil {
		return err
	}
	var n int
	if err := w.tx.QueryRow(ctx, `SELECT count(*) FROM activities WHERE organisation_id = $1`, id).Scan(&n); err != nil {
		return fmt.Errorf("delete organisation %q: %w", o.Name, err)
	}
	if n > 0 {
		kind := "activities"
		if n == 1 {
			kind = "activity"
		}
		return model.Errorf(model.ECONFLICT, "%s still has %d %s in the register; move or delete them before deleting the organisation.", o.Name, n, kind)
	}
	if _, err := w.tx.Exec(ctx, `DELETE FROM organisations WHERE id = $1`, id); err != nil {
		return fmt.Errorf("delete organisation %q: %w", o.Name, err)
	}
	return w.record(ctx, store.EntityOrganisation, id, body, nil)
}

func findOrganisation(ctx context.Context, tx pgx.Tx, id uuid.UUID) (*model.Organisation, []byte, error) {
	var body string
	var rev int64
	err := tx.QueryRow(ctx, `SELECT body, `+revisionOf("id")+` FROM organisations WHERE id = $1`, id).Scan(&body, &rev)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, model.Errorf(model.ENOTFOUND, "The organisation is not in the register (it may have been deleted).")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read organisation %s: %w", id, err)
	}
	var o model.Organisation
	if err := json.Unmarshal([]byte(body), &o); err != nil {
		return nil, nil, fmt.Errorf("read organisation %s: %w", id, err)
	}
	o.Revision = rev
	return &o, []byte(body), nil
}
