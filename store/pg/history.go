package pgstore

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// writer is one write transaction and the chain's head it holds.
type writer struct {
	tx        pgx.Tx
	user      string
	seq       int64
	head      string
	appended  bool
	committed bool
	// changedSettings: a setting was written, which is announced too.
	changedSettings bool
}

// append adds one entry after the head, hashed as the SQLite store hashes
// it (store.EntryHash).
func (w *writer) append(ctx context.Context, at time.Time, entity string, id uuid.UUID, action, field, old, new string) error {
	e := store.HistoryEntry{
		Seq: w.seq + 1, User: w.user, Entity: entity, EntityID: id,
		Action: action, Field: field, Old: old, New: new, PrevHash: w.head,
	}
	atText := store.FormatHistoryTime(at)
	e.Hash = store.EntryHash(&e, atText)
	return w.insert(ctx, &e, atText)
}

// insert writes e as it is (a copy brings entries with their own users,
// times and hashes) and makes it the head.
func (w *writer) insert(ctx context.Context, e *store.HistoryEntry, at string) error {
	_, err := w.tx.Exec(ctx, `
		INSERT INTO history (seq, at, "user", entity, entity_id, action, field, old, new, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		e.Seq, at, e.User, e.Entity, e.EntityID, e.Action, e.Field,
		nullable(e.Old), nullable(e.New), e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("write history: %w", err)
	}
	w.seq, w.head, w.appended = e.Seq, e.Hash, true
	return nil
}

// record writes the history of one change: old nil for a create, new nil
// for a delete, else one entry per changed top-level key, as the SQLite
// store does.
func (w *writer) record(ctx context.Context, entity string, id uuid.UUID, old, new []byte) error {
	at := time.Now().UTC()
	switch {
	case old == nil:
		return w.append(ctx, at, entity, id, store.ActionCreate, "", "", string(new))
	case new == nil:
		return w.append(ctx, at, entity, id, store.ActionDelete, "", string(old), "")
	}
	changes, err := store.DiffFields(old, new)
	if err != nil {
		return fmt.Errorf("compare %s %s: %w", entity, id, err)
	}
	for _, c := range changes {
		if err := w.append(ctx, at, entity, id, store.ActionUpdate, c.Field, c.Old, c.New); err != nil {
			return err
		}
	}
	return nil
}

// commit moves the chain's head to the last entry written and commits.
func (w *writer) commit(ctx context.Context) error {
	if w.appended {
		if _, err := w.tx.Exec(ctx, `UPDATE chain_head SET seq = $1, hash = $2`, w.seq, w.head); err != nil {
			return fmt.Errorf("move the history's head: %w", err)
		}
	}
	if w.appended || w.changedSettings {
		if err := w.notifyChange(ctx); err != nil {
			return err
		}
	}
	if err := w.tx.Commit(ctx); err != nil {
		return err
	}
	w.committed = true
	return nil
}

// rollback ends the transaction unless it was committed; deferred.
func (w *writer) rollback(ctx context.Context) {
	if !w.committed {
		// A cancelled ctx must not keep the rollback from being sent.
		w.tx.Rollback(context.WithoutCancel(ctx))
	}
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// HistoryHead returns the hash at the head of the chain ("" if empty).
func (db *DB) HistoryHead(ctx context.Context) (string, error) {
	var head string
	if err := db.pool.QueryRow(ctx, `SELECT hash FROM chain_head`).Scan(&head); err != nil {
		return "", fmt.Errorf("read history head: %w", err)
	}
	return head, nil
}

const entryColumns = `seq, at, "user", entity, entity_id, action, field, coalesce(old, ''), coalesce(new, ''), prev_hash, hash`

// scanEntry reads one history row and the time as stored.
func scanEntry(rows pgx.Rows) (store.HistoryEntry, string, error) {
	var e store.HistoryEntry
	var at string
	err := rows.Scan(&e.Seq, &at, &e.User, &e.Entity, &e.EntityID, &e.Action, &e.Field, &e.Old, &e.New, &e.PrevHash, &e.Hash)
	if err != nil {
		return e, "", err
	}
	e.At, _ = time.Parse(store.HistoryTimeFormat, at)
	return e, at, nil
}

// History returns the recorded changes of one activity or organisation,
// oldest first.
func (db *DB) History(ctx context.Context, entityID uuid.UUID) ([]store.HistoryEntry, error) {
	var out []store.HistoryEntry
	err := db.eachEntry(ctx, `WHERE entity_id = $1`, []any{entityID}, func(e store.HistoryEntry, _ string) error {
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read history of %s: %w", entityID, err)
	}
	return out, nil
}

// EachEntry calls fn with every entry of the history, oldest first, and
// its time as stored (what a copy writes elsewhere).
func (db *DB) EachEntry(ctx context.Context, fn func(e store.HistoryEntry, at string) error) error {
	return db.eachEntry(ctx, "", nil, fn)
}

func (db *DB) eachEntry(ctx context.Context, where string, args []any, fn func(e store.HistoryEntry, at string) error) error {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	return eachEntryTx(ctx, tx, where, args, fn)
}

func eachEntryTx(ctx context.Context, tx pgx.Tx, where string, args []any, fn func(e store.HistoryEntry, at string) error) error {
	rows, err := tx.Query(ctx, `SELECT `+entryColumns+` FROM history `+where+` ORDER BY seq`, args...)
	if err != nil {
		return fmt.Errorf("read history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, at, err := scanEntry(rows)
		if err != nil {
			return fmt.Errorf("read history: %w", err)
		}
		if err := fn(e, at); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ChangeLog calls fn with every recorded change at or after since, oldest
// first (report.ChangeLogSource).
func (db *DB) ChangeLog(ctx context.Context, since time.Time, fn func(at time.Time, user, entity string, id uuid.UUID, action, field, oldJSON, newJSON string)) error {
	err := db.eachEntry(ctx, `WHERE at >= $1`, []any{store.FormatHistoryTime(since)}, func(e store.HistoryEntry, _ string) error {
		fn(e.At, e.User, e.Entity, e.EntityID, e.Action, e.Field, e.Old, e.New)
		return nil
	})
	if err != nil {
		return fmt.Errorf("read change history: %w", err)
	}
	return nil
}

// VerifyHistory recomputes the chain and replays it, then checks that
// every current organisation and activity is what its history leads to,
// with the SQLite store's verifier (store.ChainVerifier), in one snapshot.
// The chain's head row must name the last entry.
func (db *DB) VerifyHistory(ctx context.Context) (store.VerifyResult, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return store.VerifyResult{}, err
	}
	defer tx.Rollback(ctx)
	// An editor sees only their organisations' part of the history, which
	// would read as entries removed: say so instead.
	var editor bool
	err = tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_auth_members m
		JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
		WHERE g.rolname = $1 AND u.rolname = session_user)`, RoleEditor).Scan(&editor)
	if err != nil {
		return store.VerifyResult{}, fmt.Errorf("verify history: %w", err)
	}
	if editor {
		return store.VerifyResult{}, model.Errorf(model.EREADONLY, "As an editor you see only your organisations' part of the history of %s, so you cannot verify the whole of it; a DPO or an auditor can.", db.where)
	}
	v := store.NewChainVerifier()
	for _, t := range []struct{ kind, table string }{{store.EntityOrganisation, "organisations"}, {store.EntityActivity, "activities"},
		{store.EntityAsset, assetTable.table}, {store.EntitySupplier, supplierTable.table}, {store.EntityNotice, "published_notices"}} {
		rows, err := tx.Query(ctx, `SELECT id, body FROM `+t.table)
		if err != nil {
			return store.VerifyResult{}, fmt.Errorf("verify history: read %s: %w", t.table, err)
		}
		for rows.Next() {
			var id uuid.UUID
			var body string
			if err := rows.Scan(&id, &body); err != nil {
				rows.Close()
				return store.VerifyResult{}, fmt.Errorf("verify history: read %s: %w", t.table, err)
			}
			v.Current(t.kind, id, []byte(body))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return store.VerifyResult{}, fmt.Errorf("verify history: read %s: %w", t.table, err)
		}
	}
	// A review cycle is chained as its JSON with the digest of its frozen
	// copy once signed off (store.CycleRecordBody), as the file's verify
	// compares it.
	cycles, err := loadCycles(ctx, tx, "", nil)
	if err != nil {
		return store.VerifyResult{}, fmt.Errorf("verify history: %w", err)
	}
	for _, c := range cycles {
		var snap *string
		if err := tx.QueryRow(ctx, `SELECT snapshot FROM review_cycles WHERE id = $1`, c.ID).Scan(&snap); err != nil {
			return store.VerifyResult{}, fmt.Errorf("verify history: read review cycle %q: %w", c.Name, err)
		}
		body, err := store.CycleRecordBody(c, snap)
		if err != nil {
			return store.VerifyResult{}, fmt.Errorf("verify history: %w", err)
		}
		v.Current(store.EntityCycle, c.ID, body)
	}
	// Settings copied from a register file arrive with their history.
	settings := map[string]string{}
	srows, err := tx.Query(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return store.VerifyResult{}, fmt.Errorf("verify history: read settings: %w", err)
	}
	for srows.Next() {
		var k, val string
		if err := srows.Scan(&k, &val); err != nil {
			srows.Close()
			return store.VerifyResult{}, fmt.Errorf("verify history: read settings: %w", err)
		}
		settings[k] = val
	}
	srows.Close()
	if err := srows.Err(); err != nil {
		return store.VerifyResult{}, fmt.Errorf("verify history: read settings: %w", err)
	}
	if b, err := store.ChainedSettingsBody(settings); err != nil {
		return store.VerifyResult{}, fmt.Errorf("verify history: %w", err)
	} else if b != nil {
		v.Current(store.EntitySetting, uuid.Nil, b)
	}
	var last store.HistoryEntry
	err = eachEntryTx(ctx, tx, "", nil, func(e store.HistoryEntry, at string) error {
		v.Entry(e, at)
		last = e
		return nil
	})
	if err != nil {
		return store.VerifyResult{}, fmt.Errorf("verify history: %w", err)
	}
	res := v.Result()
	var headSeq int64
	var head string
	if err := tx.QueryRow(ctx, `SELECT seq, hash FROM chain_head`).Scan(&headSeq, &head); err != nil {
		return res, fmt.Errorf("verify history: read head: %w", err)
	}
	if headSeq != last.Seq || head != last.Hash {
		res.Problems = append(res.Problems, store.HistoryProblem{
			Seq:     headSeq,
			Message: fmt.Sprintf("The history's head names entry %d, but its last entry is %d: entries were added or removed outside ROPA Desk.", headSeq, last.Seq),
		})
	}
	return res, nil
}
