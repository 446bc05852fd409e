package store

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// ChangeLog calls fn with every recorded change at or after since, oldest
// first. It hands over plain values rather than HistoryEntry so that the
// report package can declare the method in its own interface without
// importing the store (report.ChangeLogSource).
func (db *DB) ChangeLog(ctx context.Context, since time.Time, fn func(at time.Time, user, entity string, id uuid.UUID, action, field, oldJSON, newJSON string)) error {
	rows, err := db.db.QueryContext(ctx, `
		SELECT seq, at, user, entity, entity_id, action, field, old, new, prev_hash, hash
		FROM history WHERE at >= ? ORDER BY seq`, formatTime(since))
	if err != nil {
		return fmt.Errorf("read change history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, _, err := scanEntry(rows)
		if err != nil {
			return fmt.Errorf("read change history: %w", err)
		}
		fn(e.At, e.User, e.Entity, e.EntityID, e.Action, e.Field, e.Old, e.New)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read change history: %w", err)
	}
	return nil
}
