package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/ropadesk/ropadesk/model"
)

// An entity's revision is the sequence number of its latest history entry.
// Every change to an activity or organisation appends to the history in
// the same transaction, so the number moves exactly when the entity
// changes, needs no column of its own (no migration, and a register opened
// read-only by an older schema has it too), and names who made the change
// and when. It is kept out of the stored body, so the history and its
// verification never see it.

// revisionExpr is the SQL for the revision of the row whose id column is
// col; history_entity (entity_id, seq) answers it from the index.
func revisionExpr(col string) string {
	return `coalesce((SELECT max(h.seq) FROM history h WHERE h.entity_id = ` + col + `), 0)`
}

// checkRevision refuses a save made from a copy older than the stored one,
// so no code path can write a stale copy over someone else's change.
func checkRevision(ctx context.Context, tx *sql.Tx, what string, given, stored int64) error {
	if given == stored {
		return nil
	}
	var user, at string
	err := tx.QueryRowContext(ctx, `SELECT user, at FROM history WHERE seq = ?`, stored).Scan(&user, &at)
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("read who changed %s: %w", what, err)
	}
	return StaleCopyError(what, user, at)
}

// StaleCopyError is the conflict (model.ECONFLICT) of a save made from a
// copy of what (e.g. `the activity "Payroll"`) older than the one stored,
// whose last change user made at at (as the history stores it). Both
// stores return it, so the editor treats a stale save on either alike.
func StaleCopyError(what, user, at string) error {
	who := ""
	if user != "" {
		who = " by " + user
	}
	if t, err := parseTime(at); err == nil && !t.IsZero() {
		who += " on " + t.Local().Format("2 January 2006 at 15:04")
	}
	return model.Errorf(model.ECONFLICT, "%s was changed%s after this copy of it was opened, so these changes were not saved over it. Reload it to see that change, then make these changes again.", capital(what), who)
}

// activityBody is a's stored body; the revision is never in JSON.
func activityBody(a *model.Activity) ([]byte, error) { return json.Marshal(a) }

func organisationBody(o *model.Organisation) ([]byte, error) { return json.Marshal(o) }

// cycleRevision is 1 for an open cycle, 2 once signed off.
func cycleRevision(c *model.ReviewCycle) int64 {
	if c.SignOff != nil {
		return 2
	}
	return 1
}

// DataVersion is a token that changes whenever the register's content
// changes, whoever changed it (another process included): the history
// head, the review cycles and their sign-offs, and the settings. A screen
// keeps the token it last drew from and reloads when a fresh one differs.
func (db *DB) DataVersion(ctx context.Context) (string, error) {
	return dataVersion(ctx, db.db)
}

func dataVersion(ctx context.Context, d *sql.DB) (string, error) {
	var head, cycles, signed int64
	var settings string
	err := d.QueryRowContext(ctx, `SELECT
		(SELECT coalesce(max(seq), 0) FROM history),
		(SELECT count(*) FROM review_cycles),
		(SELECT count(*) FROM review_cycles WHERE signed_off_at != ''),
		(SELECT coalesce(group_concat(key || '=' || value, char(10)), '') FROM (SELECT key, value FROM settings ORDER BY key))`).Scan(&head, &cycles, &signed, &settings)
	if err != nil {
		return "", fmt.Errorf("read data version: %w", err)
	}
	sum := sha256.Sum256([]byte(settings))
	return fmt.Sprintf("%d.%d.%d.%x", head, cycles, signed, sum[:6]), nil
}
