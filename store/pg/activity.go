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

// revisionOf is the SQL for an entity's revision, as in the SQLite store:
// the seq of its latest history entry.
func revisionOf(col string) string {
	return `coalesce((SELECT max(h.seq) FROM history h WHERE h.entity_id = ` + col + `), 0)`
}

// CreateActivity validates a and adds it, setting its ID (UUID v7) if zero
// and its timestamps.
func (db *DB) CreateActivity(ctx context.Context, a *model.Activity) error {
	return db.write(ctx, fmt.Sprintf("create activity %q", a.Name), func(w *writer) error {
		return w.createActivity(ctx, a, false)
	})
}

// UpdateActivity validates a and saves it over the stored activity with
// the same ID. A save from a copy older than the stored one is refused
// (store.StaleCopyError, ECONFLICT); an unchanged save writes nothing.
func (db *DB) UpdateActivity(ctx context.Context, a *model.Activity) error {
	return db.write(ctx, fmt.Sprintf("update activity %q", a.Name), func(w *writer) error {
		return w.updateActivity(ctx, a, false)
	})
}

// DeleteActivity removes the activity with id; its history stays.
func (db *DB) DeleteActivity(ctx context.Context, id uuid.UUID) error {
	return db.write(ctx, fmt.Sprintf("delete activity %s", id), func(w *writer) error {
		return w.deleteActivity(ctx, id)
	})
}

// Activity returns the activity with id (ENOTFOUND if there is none).
func (db *DB) Activity(ctx context.Context, id uuid.UUID) (*model.Activity, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	a, _, err := findActivity(ctx, tx, id)
	return a, db.readErr(err)
}

// write runs fn in one write transaction and commits it.
func (db *DB) write(ctx context.Context, what string, fn func(w *writer) error) error {
	w, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer w.rollback(ctx)
	if err := fn(w); err != nil {
		w.rollback(ctx)
		return db.refused(ctx, err)
	}
	if err := w.commit(ctx); err != nil {
		if lostConnection(err) {
			return commitError(db.where)
		}
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func (w *writer) createActivity(ctx context.Context, a *model.Activity, keepTimes bool) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if a.ID == uuid.Nil {
		id, err := uuid.NewV7()
		if err != nil {
			return fmt.Errorf("create activity: %w", err)
		}
		a.ID = id
	} else if exists, err := rowExists(ctx, w.tx, "activities", a.ID); err != nil {
		return err
	} else if exists {
		return model.Errorf(model.ECONFLICT, "An activity with the id %s is already in the register.", a.ID)
	}
	setTimes(&a.CreatedAt, &a.UpdatedAt, time.Now().UTC(), keepTimes)
	if err := w.organisationExists(ctx, a); err != nil {
		return err
	}
	body, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("create activity %q: %w", a.Name, err)
	}
	_, err = w.tx.Exec(ctx, `
		INSERT INTO activities (id, organisation_id, name, status, created_at, updated_at, body)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		a.ID, a.OrganisationID, a.Name, string(a.Status),
		store.FormatHistoryTime(a.CreatedAt), store.FormatHistoryTime(a.UpdatedAt), string(body))
	if err != nil {
		return fmt.Errorf("create activity %q: %w", a.Name, err)
	}
	if err := w.record(ctx, store.EntityActivity, a.ID, nil, body); err != nil {
		return err
	}
	a.Revision = w.seq
	return nil
}

func (w *writer) updateActivity(ctx context.Context, a *model.Activity, keepTimes bool) error {
	if err := a.Validate(); err != nil {
		return err
	}
	old, oldBody, err := findActivity(ctx, w.tx, a.ID)
	if err != nil {
		return hiddenFromEditor(err, model.ENOTFOUND, fmt.Sprintf("the activity %q is not one of them, or it has been deleted", a.Name))
	}
	if err := checkRevision(ctx, w.tx, fmt.Sprintf("the activity %q", old.Name), a.Revision, old.Revision); err != nil {
		return err
	}
	// As the SQLite store: the creation time is the store's to keep, and
	// the old update time is compared first, so an unchanged save is a
	// no-op.
	if !keepTimes || a.CreatedAt.IsZero() {
		a.CreatedAt = old.CreatedAt
	}
	a.CreatedAt = a.CreatedAt.UTC()
	newUpdated := a.UpdatedAt
	a.UpdatedAt = old.UpdatedAt
	same, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("update activity %q: %w", a.Name, err)
	}
	if bytes.Equal(same, oldBody) {
		return nil
	}
	a.UpdatedAt = time.Now().UTC()
	if keepTimes && !newUpdated.IsZero() {
		a.UpdatedAt = newUpdated.UTC()
	}
	if err := w.organisationExists(ctx, a); err != nil {
		return err
	}
	body, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("update activity %q: %w", a.Name, err)
	}
	_, err = w.tx.Exec(ctx, `
		UPDATE activities SET organisation_id = $1, name = $2, status = $3, created_at = $4, updated_at = $5, body = $6
		WHERE id = $7`,
		a.OrganisationID, a.Name, string(a.Status),
		store.FormatHistoryTime(a.CreatedAt), store.FormatHistoryTime(a.UpdatedAt), string(body), a.ID)
	if err != nil {
		return fmt.Errorf("update activity %q: %w", a.Name, err)
	}
	if err := w.record(ctx, store.EntityActivity, a.ID, oldBody, body); err != nil {
		return err
	}
	a.Revision = w.seq
	return nil
}

func (w *writer) deleteActivity(ctx context.Context, id uuid.UUID) error {
	_, body, err := findActivity(ctx, w.tx, id)
	if err != nil {
		return hiddenFromEditor(err, model.ENOTFOUND, "this activity is not one of them, or it has been deleted")
	}
	if _, err := w.tx.Exec(ctx, `DELETE FROM activities WHERE id = $1`, id); err != nil {
		return fmt.Errorf("delete activity %s: %w", id, err)
	}
	if err := w.record(ctx, store.EntityActivity, id, body, nil); err != nil {
		return err
	}
	// As in the file: the activity's links go with it, in the history.
	return w.unlinkActivity(ctx, id)
}

// organisationExists refuses an activity whose organisation is not in the
// register, in the SQLite store's words.
func (w *writer) organisationExists(ctx context.Context, a *model.Activity) error {
	ok, err := rowExists(ctx, w.tx, "organisations", a.OrganisationID)
	if err != nil {
		return err
	}
	if !ok {
		return hiddenFromEditor(model.Errorf(model.EINVALID, "The organisation chosen for the activity %q is not in this register; choose one that is.", a.Name),
			model.EINVALID, fmt.Sprintf("the organisation chosen for the activity %q is not one of them", a.Name))
	}
	return nil
}

// checkRevision refuses a save made from a copy older than the stored one.
// The writer holds the chain's head, so the stored revision cannot move
// between this check and the write.
func checkRevision(ctx context.Context, tx pgx.Tx, what string, given, stored int64) error {
	if given == stored {
		return nil
	}
	var user, at string
	err := tx.QueryRow(ctx, `SELECT "user", at FROM history WHERE seq = $1`, stored).Scan(&user, &at)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("read who changed %s: %w", what, err)
	}
	return store.StaleCopyError(what, user, at)
}

func findActivity(ctx context.Context, tx pgx.Tx, id uuid.UUID) (*model.Activity, []byte, error) {
	var body string
	var rev int64
	err := tx.QueryRow(ctx, `SELECT body, `+revisionOf("id")+` FROM activities WHERE id = $1`, id).Scan(&body, &rev)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, model.Errorf(model.ENOTFOUND, "The activity is not in the register (it may have been deleted).")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read activity %s: %w", id, err)
	}
	var a model.Activity
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		return nil, nil, fmt.Errorf("read activity %s: %w", id, err)
	}
	a.Revision = rev
	return &a, []byte(body), nil
}

// rowExists reports whether table (one of ours, never user text) has id.
func rowExists(ctx context.Context, tx pgx.Tx, table string, id uuid.UUID) (bool, error) {
	if id == uuid.Nil {
		return false, nil
	}
	var ok bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+table+` WHERE id = $1)`, id).Scan(&ok); err != nil {
		return false, fmt.Errorf("look up %s %s: %w", table, id, err)
	}
	return ok, nil
}

// setTimes sets created and updated to t, unless keepTimes and they are set.
func setTimes(created, updated *time.Time, t time.Time, keepTimes bool) {
	if !keepTimes || created.IsZero() {
		*created = t
	}
	if !keepTimes || updated.IsZero() {
		*updated = t
	}
	*created, *updated = created.UTC(), updated.UTC()
}
