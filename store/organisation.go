package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// CreateOrganisation validates o and adds it, setting its ID (UUID v7) if
// zero and its timestamps (UTC).
func (db *DB) CreateOrganisation(ctx context.Context, o *model.Organisation) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := newWriter(tx, db.currentUser()).createOrganisation(ctx, o, false); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create organisation %q: %w", o.Name, err)
	}
	return nil
}

// Organisation returns the organisation with id (ENOTFOUND if none).
func (db *DB) Organisation(ctx context.Context, id uuid.UUID) (*model.Organisation, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findOrganisation(ctx, tx, id)
}

// Organisations returns every organisation, ordered by name.
func (db *DB) Organisations(ctx context.Context) ([]model.Organisation, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return loadOrganisations(ctx, tx)
}

// UpdateOrganisation validates o and saves it over the stored one. Its
// activities' NDOP verdicts and findings are recomputed, since they depend
// on the organisation.
func (db *DB) UpdateOrganisation(ctx context.Context, o *model.Organisation) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := newWriter(tx, db.currentUser()).updateOrganisation(ctx, o, false); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("update organisation %q: %w", o.Name, err)
	}
	return nil
}

// DeleteOrganisation removes the organisation with id; ECONFLICT while it
// still has activities.
func (db *DB) DeleteOrganisation(ctx context.Context, id uuid.UUID) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := newWriter(tx, db.currentUser()).deleteOrganisation(ctx, id); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("delete organisation %s: %w", id, err)
	}
	return nil
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
	} else if _, err := findOrganisation(ctx, w.tx, o.ID); err == nil {
		return model.Errorf(model.ECONFLICT, "An organisation with the id %s is already in the register.", o.ID)
	}
	setTimes(&o.CreatedAt, &o.UpdatedAt, now(), keepTimes)
	body, err := organisationBody(o)
	if err != nil {
		return fmt.Errorf("create organisation %q: %w", o.Name, err)
	}
	_, err = w.tx.ExecContext(ctx, `
		INSERT INTO organisations (id, name, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
		o.ID.String(), o.Name, string(body), formatTime(o.CreatedAt), formatTime(o.UpdatedAt))
	if err != nil {
		return fmt.Errorf("create organisation %q: %w", o.Name, err)
	}
	if err := w.hist.record(ctx, EntityOrganisation, o.ID, nil, body); err != nil {
		return err
	}
	o.Revision = w.hist.seq
	c := *o
	w.orgs[o.ID] = &c
	return nil
}

func (w *writer) updateOrganisation(ctx context.Context, o *model.Organisation, keepTimes bool) error {
	if err := o.Validate(); err != nil {
		return err
	}
	var oldBody []byte
	var rev int64
	err := w.tx.QueryRowContext(ctx, `SELECT body, `+revisionExpr("id")+` FROM organisations WHERE id = ?`, o.ID.String()).Scan(&oldBody, &rev)
	if err == sql.ErrNoRows {
		return model.Errorf(model.ENOTFOUND, "The organisation %q is not in the register (it may have been deleted).", o.Name)
	}
	if err != nil {
		return fmt.Errorf("update organisation %q: %w", o.Name, err)
	}
	var old model.Organisation
	if err := json.Unmarshal(oldBody, &old); err != nil {
		return fmt.Errorf("update organisation %q: %w", o.Name, err)
	}
	if err := checkRevision(ctx, w.tx, fmt.Sprintf("the organisation %q", old.Name), o.Revision, rev); err != nil {
		return err
	}
	if !keepTimes || o.CreatedAt.IsZero() {
		o.CreatedAt = old.CreatedAt
	}
	o.CreatedAt = o.CreatedAt.UTC()
	newUpdated := o.UpdatedAt
	o.UpdatedAt = old.UpdatedAt
	same, err := organisationBody(o)
	if err != nil {
		return fmt.Errorf("update organisation %q: %w", o.Name, err)
	}
	if bytes.Equal(same, oldBody) {
		return nil
	}
	o.UpdatedAt = now()
	if keepTimes && !newUpdated.IsZero() {
		o.UpdatedAt = newUpdated.UTC()
	}
	body, err := organisationBody(o)
	if err != nil {
		return fmt.Errorf("update organisation %q: %w", o.Name, err)
	}
	_, err = w.tx.ExecContext(ctx, `UPDATE organisations SET name = ?, body = ?, created_at = ?, updated_at = ? WHERE id = ?`,
		o.Name, string(body), formatTime(o.CreatedAt), formatTime(o.UpdatedAt), o.ID.String())
	if err != nil {
		return fmt.Errorf("update organisation %q: %w", o.Name, err)
	}
	if err := w.hist.record(ctx, EntityOrganisation, o.ID, oldBody, body); err != nil {
		return err
	}
	o.Revision = w.hist.seq
	c := *o
	w.orgs[o.ID] = &c
	return refreshProjections(ctx, w.tx, o.ID.String())
}

func (w *writer) deleteOrganisation(ctx context.Context, id uuid.UUID) error {
	o, err := findOrganisation(ctx, w.tx, id)
	if err != nil {
		return err
	}
	var n int
	if err := w.tx.QueryRowContext(ctx, `SELECT count(*) FROM activities WHERE organisation_id = ?`, id.String()).Scan(&n); err != nil {
		return fmt.Errorf("delete organisation %q: %w", o.Name, err)
	}
	if n > 0 {
		return model.Errorf(model.ECONFLICT, "%s still has %d %s in the register; move or delete them before deleting the organisation.", o.Name, n, plural(n, "activity", "activities"))
	}
	var body []byte
	if err := w.tx.QueryRowContext(ctx, `SELECT body FROM organisations WHERE id = ?`, id.String()).Scan(&body); err != nil {
		return fmt.Errorf("delete organisation %q: %w", o.Name, err)
	}
	if _, err := w.tx.ExecContext(ctx, `DELETE FROM organisations WHERE id = ?`, id.String()); err != nil {
		return fmt.Errorf("delete organisation %q: %w", o.Name, err)
	}
	delete(w.orgs, id)
	return w.hist.record(ctx, EntityOrganisation, id, body, nil)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func findOrganisation(ctx context.Context, tx *sql.Tx, id uuid.UUID) (*model.Organisation, error) {
	var body []byte
	var rev int64
	err := tx.QueryRowContext(ctx, `SELECT body, `+revisionExpr("id")+` FROM organisations WHERE id = ?`, id.String()).Scan(&body, &rev)
	if err == sql.ErrNoRows {
		return nil, model.Errorf(model.ENOTFOUND, "The organisation is not in the register (it may have been deleted).")
	}
	if err != nil {
		return nil, fmt.Errorf("read organisation %s: %w", id, err)
	}
	var o model.Organisation
	if err := json.Unmarshal(body, &o); err != nil {
		return nil, fmt.Errorf("read organisation %s: %w", id, err)
	}
	o.Revision = rev
	return &o, nil
}

func loadOrganisations(ctx context.Context, tx *sql.Tx) ([]model.Organisation, error) {
	rows, err := tx.QueryContext(ctx, `SELECT body, `+revisionExpr("id")+` FROM organisations ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, fmt.Errorf("read organisations: %w", err)
	}
	defer rows.Close()
	out := []model.Organisation{}
	for rows.Next() {
		var body []byte
		var rev int64
		if err := rows.Scan(&body, &rev); err != nil {
			return nil, fmt.Errorf("read organisations: %w", err)
		}
		var o model.Organisation
		if err := json.Unmarshal(body, &o); err != nil {
			return nil, fmt.Errorf("read organisations: %w", err)
		}
		o.Revision = rev
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read organisations: %w", err)
	}
	return out, nil
}
