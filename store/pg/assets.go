package pgstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// The information asset register and the supplier list, as the SQLite
// store keeps them (store's assets.go): a JSON body per record whose
// activity_ids are its links to activities, the same history entries, a
// revision refusing a stale save, and a deleted activity unlinked from
// every record in the same transaction. Only a DPO may change them (see
// roles.go); everyone with a role reads them.

// bodyTable is an entity kept as a JSON body in a table of its own.
type bodyTable struct {
	table, entity, what string
}

var (
	assetTable    = bodyTable{"information_assets", store.EntityAsset, "information asset"}
	supplierTable = bodyTable{"suppliers", store.EntitySupplier, "supplier"}
)

// stamp is what the store sets on a body entity.
type stamp struct {
	id               *uuid.UUID
	name             string
	created, updated *time.Time
	rev              *int64
	links            *[]uuid.UUID
}

func assetStamp(x *model.InformationAsset) stamp {
	return stamp{&x.ID, x.Name, &x.CreatedAt, &x.UpdatedAt, &x.Revision, &x.ActivityIDs}
}

func supplierStamp(s *model.Supplier) stamp {
	return stamp{&s.ID, s.Name, &s.CreatedAt, &s.UpdatedAt, &s.Revision, &s.ActivityIDs}
}

// SaveAsset validates x and creates it (id zero or new) or saves it over
// the stored one, refusing a stale copy (ECONFLICT) as an activity's save
// does; x.Revision is then the new one.
func (db *DB) SaveAsset(ctx context.Context, x *model.InformationAsset) error {
	if err := x.Validate(); err != nil {
		return err
	}
	return db.write(ctx, "save information asset "+x.Name, func(w *writer) error {
		if err := checkBodyRevision(ctx, w, assetTable, x.ID, x.Name, x.Revision); err != nil {
			return err
		}
		return dpoOnly(assetTable, saveBody(ctx, w, assetTable, x, assetStamp, false))
	})
}

// Asset returns the information asset with id (ENOTFOUND if none).
func (db *DB) Asset(ctx context.Context, id uuid.UUID) (*model.InformationAsset, error) {
	return loadBody[model.InformationAsset](ctx, db, assetTable, id)
}

// DeleteAsset removes the information asset with id (ENOTFOUND if none).
func (db *DB) DeleteAsset(ctx context.Context, id uuid.UUID) error {
	return db.write(ctx, "delete information asset", func(w *writer) error {
		return dpoOnly(assetTable, deleteBody(ctx, w, assetTable, id))
	})
}

// Assets returns every information asset, ordered by name.
func (db *DB) Assets(ctx context.Context) ([]model.InformationAsset, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	out, err := loadBodies[model.InformationAsset](ctx, tx, assetTable)
	return out, db.readErr(err)
}

// SaveSupplier is SaveAsset for a supplier.
func (db *DB) SaveSupplier(ctx context.Context, s *model.Supplier) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.write(ctx, "save supplier "+s.Name, func(w *writer) error {
		if err := checkBodyRevision(ctx, w, supplierTable, s.ID, s.Name, s.Revision); err != nil {
			return err
		}
		return dpoOnly(supplierTable, saveBody(ctx, w, supplierTable, s, supplierStamp, false))
	})
}

// Supplier returns the supplier with id (ENOTFOUND if none).
func (db *DB) Supplier(ctx context.Context, id uuid.UUID) (*model.Supplier, error) {
	return loadBody[model.Supplier](ctx, db, supplierTable, id)
}

// DeleteSupplier removes the supplier with id (ENOTFOUND if none).
func (db *DB) DeleteSupplier(ctx context.Context, id uuid.UUID) error {
	return db.write(ctx, "delete supplier", func(w *writer) error {
		return dpoOnly(supplierTable, deleteBody(ctx, w, supplierTable, id))
	})
}

// Suppliers returns every supplier, ordered by name.
func (db *DB) Suppliers(ctx context.Context) ([]model.Supplier, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	out, err := loadBodies[model.Supplier](ctx, tx, supplierTable)
	return out, db.readErr(err)
}

// checkBodyRevision refuses a save made from a copy older than the stored
// one, or of one deleted since it was read.
func checkBodyRevision(ctx context.Context, w *writer, t bodyTable, id uuid.UUID, name string, given int64) error {
	if id == uuid.Nil {
		return nil
	}
	var stored int64
	err := w.tx.QueryRow(ctx, `SELECT `+revisionOf("id")+` FROM `+t.table+` WHERE id = $1`, id).Scan(&stored)
	if errors.Is(err, pgx.ErrNoRows) {
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

func loadBody[T any](ctx context.Context, db *DB, t bodyTable, id uuid.UUID) (*T, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	var body string
	var rev int64
	err = tx.QueryRow(ctx, `SELECT body, `+revisionOf("id")+` FROM `+t.table+` WHERE id = $1`, id).Scan(&body, &rev)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, model.Errorf(model.ENOTFOUND, "The %s is not in the register (it may have been deleted).", t.what)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", t.what, id, db.readErr(err))
	}
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		return nil, fmt.Errorf("read %s %s: %w", t.what, id, err)
	}
	setRevision(&v, rev)
	return &v, nil
}

func setRevision(v any, rev int64) {
	switch x := v.(type) {
	case *model.InformationAsset:
		x.Revision = rev
	case *model.Supplier:
		x.Revision = rev
	}
}

// saveBody creates v when its id is zero or not in t, and otherwise
// updates it; an unchanged update writes nothing. keepTimes keeps the
// timestamps given (an import). v must be valid.
func saveBody[T any](ctx context.Context, w *writer, t bodyTable, v *T, stampOf func(*T) stamp, keepTimes bool) error {
	s := stampOf(v)
	var oldBody []byte
	if *s.id != uuid.Nil {
		var old string
		err := w.tx.QueryRow(ctx, `SELECT body FROM `+t.table+` WHERE id = $1`, *s.id).Scan(&old)
		switch {
		case err == nil:
			oldBody = []byte(old)
		case !errors.Is(err, pgx.ErrNoRows):
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
		setTimes(s.created, s.updated, time.Now().UTC(), keepTimes)
		body, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("save %s %q: %w", t.what, s.name, err)
		}
		if _, err := w.tx.Exec(ctx, `INSERT INTO `+t.table+` (id, name, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)`,
			*s.id, s.name, string(body), store.FormatHistoryTime(*s.created), store.FormatHistoryTime(*s.updated)); err != nil {
			return fmt.Errorf("save %s %q: %w", t.what, s.name, err)
		}
		if err := w.record(ctx, t.entity, *s.id, nil, body); err != nil {
			return err
		}
		*s.rev = w.seq
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
	*s.updated = time.Now().UTC()
	if keepTimes && !newUpdated.IsZero() {
		*s.updated = newUpdated.UTC()
	}
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("save %s %q: %w", t.what, s.name, err)
	}
	if _, err := w.tx.Exec(ctx, `UPDATE `+t.table+` SET name = $1, body = $2, created_at = $3, updated_at = $4 WHERE id = $5`,
		s.name, string(body), store.FormatHistoryTime(*s.created), store.FormatHistoryTime(*s.updated), *s.id); err != nil {
		return fmt.Errorf("save %s %q: %w", t.what, s.name, err)
	}
	if err := w.record(ctx, t.entity, *s.id, oldBody, body); err != nil {
		return err
	}
	*s.rev = w.seq
	return nil
}

func deleteBody(ctx context.Context, w *writer, t bodyTable, id uuid.UUID) error {
	var body string
	err := w.tx.QueryRow(ctx, `SELECT body FROM `+t.table+` WHERE id = $1`, id).Scan(&body)
	if errors.Is(err, pgx.ErrNoRows) {
		return model.Errorf(model.ENOTFOUND, "The %s is not in the register (it may have been deleted).", t.what)
	}
	if err != nil {
		return fmt.Errorf("delete %s %s: %w", t.what, id, err)
	}
	if _, err := w.tx.Exec(ctx, `DELETE FROM `+t.table+` WHERE id = $1`, id); err != nil {
		return fmt.Errorf("delete %s %s: %w", t.what, id, err)
	}
	return w.record(ctx, t.entity, id, []byte(body), nil)
}

// loadBodies decodes every row of t, ordered by name (ASCII letters
// folded, as the file's COLLATE NOCASE) then id.
func loadBodies[T any](ctx context.Context, tx pgx.Tx, t bodyTable) ([]T, error) {
	rows, err := tx.Query(ctx, `SELECT x.id, x.name, x.body, coalesce(r.rev, 0) FROM `+t.table+` x LEFT JOIN `+revisions+` r ON r.entity_id = x.id`)
	if err != nil {
		return nil, fmt.Errorf("read %ss: %w", t.what, err)
	}
	defer rows.Close()
	type row struct {
		id, name string
		v        T
	}
	var found []row
	for rows.Next() {
		var (
			r    row
			id   uuid.UUID
			body string
			rev  int64
		)
		if err := rows.Scan(&id, &r.name, &body, &rev); err != nil {
			return nil, fmt.Errorf("read %ss: %w", t.what, err)
		}
		if err := json.Unmarshal([]byte(body), &r.v); err != nil {
			return nil, fmt.Errorf("read %ss: %w", t.what, err)
		}
		r.id = id.String()
		setRevision(&r.v, rev)
		found = append(found, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %ss: %w", t.what, err)
	}
	sort.Slice(found, func(i, j int) bool {
		return nocaseLess(found[i].name, found[i].id, found[j].name, found[j].id)
	})
	// nil when there are none, as the file's store returns, so that the
	// register's JSON and fingerprint are the same.
	var out []T
	for i := range found {
		out = append(out, found[i].v)
	}
	return out, nil
}

// unlinkActivity removes a deleted activity from the assets and suppliers
// linked to it, each change in the history, so no link points at nothing.
func (w *writer) unlinkActivity(ctx context.Context, id uuid.UUID) error {
	if err := unlinkFrom(ctx, w, assetTable, id, assetStamp); err != nil {
		return err
	}
	return unlinkFrom(ctx, w, supplierTable, id, supplierStamp)
}

func unlinkFrom[T any](ctx context.Context, w *writer, t bodyTable, id uuid.UUID, stampOf func(*T) stamp) error {
	// The id's text in the body finds the candidates; each is then
	// checked properly.
	rows, err := w.tx.Query(ctx, `SELECT body FROM `+t.table+` WHERE strpos(body, $1) > 0 ORDER BY id`, id.String())
	if err != nil {
		return fmt.Errorf("unlink activity %s: %w", id, err)
	}
	var found []T
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			rows.Close()
			return fmt.Errorf("unlink activity %s: %w", id, err)
		}
		var v T
		if err := json.Unmarshal([]byte(body), &v); err != nil {
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
		s := stampOf(&found[i])
		kept := (*s.links)[:0]
		linked := false
		for _, a := range *s.links {
			if a != id {
				kept = append(kept, a)
			} else {
				linked = true
			}
		}
		if !linked {
			continue
		}
		if len(kept) == 0 {
			kept = nil
		}
		*s.links = kept
		if err := saveBody(ctx, w, t, &found[i], stampOf, false); err != nil {
			if isPermissionDenied(err) {
				return model.Errorf(model.EREADONLY, "The activity is linked to the %s %q, which only a DPO may change; ask a DPO to unlink it, then delete the activity.", t.what, s.name)
			}
			return err
		}
	}
	return nil
}

// dpoOnly puts the server's refusal of an editor's or auditor's change to
// an asset or supplier into words (roles.go says why only a DPO may).
func dpoOnly(t bodyTable, err error) error {
	if isPermissionDenied(err) {
		return model.Errorf(model.EREADONLY, "Only a DPO may change the %ss of a shared register: a %s may serve several organisations' activities. The server refused this change.", t.what, t.what)
	}
	return err
}
