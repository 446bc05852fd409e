package store

import (
	"context"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// SaveSupplier validates s and creates it (when its id is zero or new) or
// saves it over the stored one, with its history entry in the same
// transaction; like SaveAsset, it refuses a stale copy (ECONFLICT).
func (db *DB) SaveSupplier(ctx context.Context, s *model.Supplier) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.inWrite(ctx, "save supplier "+s.Name, func(w *writer) error {
		if err := checkBodyRevision(ctx, w, supplierTable, s.ID, s.Name, s.Revision); err != nil {
			return err
		}
		return saveBody(ctx, w, supplierTable, s, supplierStamp, false)
	})
}

// Supplier returns the supplier with id (ENOTFOUND if none).
func (db *DB) Supplier(ctx context.Context, id uuid.UUID) (*model.Supplier, error) {
	return loadBody[model.Supplier](ctx, db, supplierTable, id)
}

// DeleteSupplier removes the supplier with id (ENOTFOUND if none).
func (db *DB) DeleteSupplier(ctx context.Context, id uuid.UUID) error {
	return db.inWrite(ctx, "delete supplier", func(w *writer) error {
		return deleteBody(ctx, w, supplierTable, id)
	})
}

// Suppliers returns every supplier, ordered by name.
func (db *DB) Suppliers(ctx context.Context) ([]model.Supplier, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return loadBodies[model.Supplier](ctx, tx, supplierTable)
}
