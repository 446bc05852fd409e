package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// Entity kinds of the asset and supplier registers in the change history.
const (
	EntityAsset    = "information_asset"
	EntitySupplier = "supplier"
)

// bodyTable is an entity kept as a JSON body in a table of its own (id,
// name, body, created_at, updated_at): information assets and suppliers.
type bodyTable struct {
	table, entity, what string
}

var (
	assetTable    = bodyTable{"information_assets", EntityAsset, "information asset"}
	supplierTable = bodyTable{"suppliers", EntitySupplier, "supplier"}
)

// stamp is what the store sets on a body entity: its id, timestamps and
// revision.
type stamp struct {
	id               *uuid.UUID
	name             string
	created, updated *time.Time
	rev              *int64
}

func assetStamp(x *model.InformationAsset) stamp {
	return stamp{&x.ID, x.Name, &x.CreatedAt, &x.UpdatedAt, &x.Revision}
}

func supplierStamp(s *model.Supplier) stamp {
	return stamp{&s.ID, s.Name, &s.CreatedAt, &s.UpdatedAt, &s.Revision}
}

// SaveAsset validates x and creates it (when its id is zero or new, setting
// a UUID v7 and its timestamps) or saves it over the stored one, recording
// the change in the history in the same transaction. A save over a stored
// asset must carry the revision it was read at (ECONFLICT otherwise), as
// an activity's update does; x.Revision is then the new one.
func (db *DB) SaveAsset(ctx context.Context, x *model.InformationAsset) error {
	if err := x.Validate(); err != nil {
		return err
	}
	return db.inWrite(ctx, "save information asset "+x.Name, func(w *writer) error {
		if err := checkBodyRevision(ctx, w, assetTable, x.ID, x.Name, x.Revision); err != nil {
			return err
		}
		return saveBody(ctx, w, assetTable, x, assetStamp, false)
	})
}

// Asset returns the information asset with id (ENOTFOUND if none).
func (db *DB) Asset(ctx context.Context, id uuid.UUID) (*model.InformationAsset, error) {
	return loadBody[model.InformationAsset](ctx, db, assetTable, id)
}

// checkBodyRevision refuses a save of the entity id of t made from a copy
// older than the stored one, or of one deleted since it was read (a copy
// with a revision that is no longer stored). A new entity has revision 0.
func checkBodyRevision(ctx context.Context, w *writer, t bodyTable, id uuid.UUID, name string, given int64) error {
	if id == uuid.Nil {
		return nil
	}
	var stored int64
	err := w.tx.QueryRowContext(ctx, `SELECT `+revisionExpr("id")+` FROM `+t.table+` WHERE id = ?`, id.String()).Scan(&stored)
	if err == sql.ErrNoRows {
		if given != 0 {
			return model.Errorf(model.ECONFLICT, "The %s %q was deleted after this copy of it was opened, so it was not saved. Save it again to add it back to the register.", t.what, name)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("save %s %q: %w", t.what, name, err)
	}
	return checkRevision(ctx, w.tx, fmt.Sprintf("the %s %q", t.what, name), given, stored)
}

// loadBody reads one entity of t with its revision.
func loadBody[T any](ctx context.Context, db *DB, t bodyTable, id uuid.UUID) (*T, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if ok, err := hasTable(ctx, tx, t.table); err != nil || !ok {
		if err != nil {
			return nil, fmt.Errorf("read %s %s: %w", t.what, id, err)
		}
		return nil, model.Errorf(model.ENOTFOUND, "The %s is not in the register (it may have been deleted).", t.what)
	}
	var body []byte
	var rev int64
	err = tx.QueryRowContext(ctx, `SELECT body, `+revisionExpr("id")+` FROM `+t.table+` WHERE id = ?`, id.String()).Scan(&body, &rev)
	if err == sql.ErrNoRows {
		return nil, model.Errorf(model.ENOTFOUND, "The %s is not in the register (it may have been deleted).", t.what)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", t.what, id, err)
	}
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, fmt.Errorf("read %s %s: %w", t.what, id, err)
	}
	setRevision(&v, rev)
	return &v, nil
}

// setRevision sets the revision of an asset or supplier read from the
// store; the revision is never in the stored body.
func setRevision(v any, rev int64) {
	switch x := v.(type) {
	case *model.InformationAsset:
		x.Revision = rev
	case *model.Supplier:
		x.Revision = rev
	}
}

// DeleteAsset removes the information asset with id (ENOTFOUND if none).
func (db *DB) DeleteAsset(ctx context.Context, id uuid.UUID) error {
	return db.inWrite(ctx, "delete information asset", func(w *writer) error {
		return deleteBody(ctx, w, assetTable, id)
	})
}

// Assets returns every information asset, ordered by name.
func (db *DB) Assets(ctx context.Context) ([]model.InformationAsset, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return loadBodies[model.InformationAsset](ctx, tx, assetTable)
}

// inWrite runs fn in one write transaction and commits it.
func (db *DB) inWrite(ctx context.Context, what string, fn func(w *writer) error) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(newWriter(tx, db.currentUser())); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// saveBody creates v when its id is zero or not in t, and otherwise
// updates it; an update that changes nothing writes nothing. keepTimes
// keeps timestamps given in v (an import). v must be valid.
func saveBody[T any](ctx context.Context, w *writer, t bodyTable, v *T, stampOf func(*T) stamp, keepTimes bool) error {
	s := stampOf(v)
	var oldBody []byte
	if *s.id != uuid.Nil {
		err := w.tx.QueryRowContext(ctx, `SELECT body FROM `+t.table+` WHERE id = ?`, s.id.String()).Scan(&oldBody)
		if err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("save %s %q: %w", t.what, s.name, err)
		}
	} else {
		id, err := uuid.NewV7()
		if err != nil {
			return fmt.Errorf("save %s %q: %w", t.what, s.name, err)
		}
		*s.id = id
	}
	if oldBody == nil {
		setTimes(s.created, s.updated, now(), keepTimes)
		body, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("save %s %q: %w", t.what, s.name, err)
		}
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO `+t.table+` (id, name, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
			s.id.String(), s.name, string(body), formatTime(*s.created), formatTime(*s.updated)); err != nil {
			return fmt.Errorf("save %s %q: %w", t.what, s.name, err)
		}
		if err := w.hist.record(ctx, t.entity, *s.id, nil, body); err != nil {
			return err
		}
		*s.rev = w.hist.seq
		return nil
	}

	var old T
	if err := json.Unmarshal(oldBody, &old); err != nil {
		return fmt.Errorf("save %s %q: %w", t.what, s.name, err)
	}
	os := stampOf(&old)
	if !keepTimes || s.created.IsZero() {
		*s.created = *os.created
	}
	*s.created = s.created.UTC()
	newUpdated := *s.updated
	*s.updated = *os.updated
	same, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("save %s %q: %w", t.what, s.name, err)
	}
	if bytes.Equal(same, oldBody) {
		return nil
	}
	*s.updated = now()
	if keepTimes && !newUpdated.IsZero() {
		*s.updated = newUpdated.UTC()
	}
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("save %s %q: %w", t.what, s.name, err)
	}
	if _, err := w.tx.ExecContext(ctx, `UPDATE `+t.table+` SET name = ?, body = ?, created_at = ?, updated_at = ? WHERE id = ?`,
		s.name, string(body), formatTime(*s.created), formatTime(*s.updated), s.id.String()); err != nil {
		return fmt.Errorf("save %s %q: %w", t.what, s.name, err)
	}
	if err := w.hist.record(ctx, t.entity, *s.id, oldBody, body); err != nil {
		return err
	}
	*s.rev = w.hist.seq
	return nil
}

func deleteBody(ctx context.Context, w *writer, t bodyTable, id uuid.UUID) error {
	var body []byte
	err := w.tx.QueryRowContext(ctx, `SELECT body FROM `+t.table+` WHERE id = ?`, id.String()).Scan(&body)
	if err == sql.ErrNoRows {
		return model.Errorf(model.ENOTFOUND, "The %s is not in the register (it may have been deleted).", t.what)
	}
	if err != nil {
		return fmt.Errorf("delete %s %s: %w", t.what, id, err)
	}
	if _, err := w.tx.ExecContext(ctx, `DELETE FROM `+t.table+` WHERE id = ?`, id.String()); err != nil {
		return fmt.Errorf("delete %s %s: %w", t.what, id, err)
	}
	return w.hist.record(ctx, t.entity, id, body, nil)
}

// loadBodies decodes every row of t, ordered by name then id, as
// stateRegister orders them after a replay.
func loadBodies[T any](ctx context.Context, tx *sql.Tx, t bodyTable) ([]T, error) {
	// A register of schema 1 opened read-only (ropactl list, export,
	// verify never migrate) has no such table yet: it holds none.
	if ok, err := hasTable(ctx, tx, t.table); err != nil || !ok {
		if err != nil {
			return nil, fmt.Errorf("read %ss: %w", t.what, err)
		}
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT body, `+revisionExpr("id")+` FROM `+t.table+` ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, fmt.Errorf("read %ss: %w", t.what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var body []byte
		var rev int64
		if err := rows.Scan(&body, &rev); err != nil {
			return nil, fmt.Errorf("read %ss: %w", t.what, err)
		}
		var v T
		if err := json.Unmarshal(body, &v); err != nil {
			return nil, fmt.Errorf("read %ss: %w", t.what, err)
		}
		setRevision(&v, rev)
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %ss: %w", t.what, err)
	}
	return out, nil
}

// unlinkActivity removes a deleted activity from the assets and suppliers
// linked to it, each change in the history, so no link points at nothing
// (the JSON format refuses such a link on import).
func (w *writer) unlinkActivity(ctx context.Context, id uuid.UUID) error {
	if err := unlinkFrom(ctx, w, assetTable, id, assetStamp, func(x *model.InformationAsset) *[]uuid.UUID { return &x.ActivityIDs }); err != nil {
		return err
	}
	return unlinkFrom(ctx, w, supplierTable, id, supplierStamp, func(s *model.Supplier) *[]uuid.UUID { return &s.ActivityIDs })
}

func unlinkFrom[T any](ctx context.Context, w *writer, t bodyTable, id uuid.UUID, stampOf func(*T) stamp, links func(*T) *[]uuid.UUID) error {
	// The id's text in the body finds the candidates without decoding
	// every record; each is then checked properly.
	rows, err := w.tx.QueryContext(ctx, `SELECT body FROM `+t.table+` WHERE instr(body, ?) > 0`, id.String())
	if err != nil {
		return fmt.Errorf("unlink activity %s: %w", id, err)
	}
	var found []T
	for rows.Next() {
		var body []byte
		if err := rows.Scan(&body); err != nil {
			rows.Close()
			return fmt.Errorf("unlink activity %s: %w", id, err)
		}
		var v T
		if err := json.Unmarshal(body, &v); err != nil {
			rows.Close()
			return fmt.Errorf("unlink activity %s: %w", id, err)
		}
		found = append(found, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("unlink activity %s: %w", id, err)
	}
	for i := range found {
		l := links(&found[i])
		kept := (*l)[:0]
		for _, a := range *l {
			if a != id {
				kept = append(kept, a)
			}
		}
		if len(kept) == 0 {
			kept = nil
		}
		*l = kept
		if err := saveBody(ctx, w, t, &found[i], stampOf, false); err != nil {
			return err
		}
	}
	return nil
}

// hasTable reports whether the register has the table: one of an older
// schema, opened read-only and so not migrated, lacks the newer tables.
func hasTable(ctx context.Context, tx *sql.Tx, name string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, name).Scan(&n)
	return n > 0, err
}
