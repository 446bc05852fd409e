package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
)

// Entity kinds and actions recorded in the change history.
const (
	EntityActivity     = "activity"
	EntityOrganisation = "organisation"
	// EntityCycle is a review cycle: created with its name, start and
	// interval; its sign-off and the digest of its frozen copy are
	// updates of the fields "sign_off" and "snapshot_sha256".
	EntityCycle = "cycle"

	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
)

// HistoryEntry is one recorded change. A create or delete is one entry
// holding the whole entity as JSON (New or Old); an update is one entry per
// changed top-level JSON key (Field), with its old and new values as JSON.
type HistoryEntry struct {
	Seq      int64
	At       time.Time
	User     string
	Entity   string
	EntityID uuid.UUID
	Action   string
	Field    string
	// Old and New are JSON text; "" when there is no value (a field added
	// or removed, or the whole entity on create and delete).
	Old, New string
	// PrevHash is the Hash of the entry before, "" for the first.
	PrevHash, Hash string
}

// entryHash is the SHA-256 of an entry's canonical encoding: a JSON array
// of its fields in a fixed order, NULL values as null, so the encoding is
// unambiguous and easy to recompute in any language.
func entryHash(e *HistoryEntry, at string) string {
	canon, _ := json.Marshal([]any{
		e.PrevHash, e.Seq, at, e.User, e.Entity, e.EntityID.String(),
		e.Action, e.Field, nullable(e.Old), nullable(e.New),
	})
	sum := sha256.Sum256(canon)
	return hex.EncodeToString(sum[:])
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// historyWriter appends entries to the chain within one write transaction.
// The transaction holds the write lock, so the head it reads stays the head.
type historyWriter struct {
	tx     *sql.Tx
	user   string
	loaded bool
	seq    int64
	head   string
}

func newHistory(tx *sql.Tx, user string) *historyWriter {
	return &historyWriter{tx: tx, user: user}
}

func (h *historyWriter) append(ctx context.Context, at time.Time, entity string, id uuid.UUID, action, field, old, new string) error {
	if !h.loaded {
		err := h.tx.QueryRowContext(ctx, `SELECT seq, hash FROM history ORDER BY seq DESC LIMIT 1`).Scan(&h.seq, &h.head)
		if err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("read history head: %w", err)
		}
		h.loaded = true
	}
	e := HistoryEntry{
		Seq: h.seq + 1, User: h.user, Entity: entity, EntityID: id,
		Action: action, Field: field, Old: old, New: new, PrevHash: h.head,
	}
	atText := formatTime(at)
	e.Hash = entryHash(&e, atText)
	_, err := h.tx.ExecContext(ctx, `
		INSERT INTO history (seq, at, user, entity, entity_id, action, field, old, new, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, atText, e.User, e.Entity, e.EntityID.String(), e.Action, e.Field,
		nullable(e.Old), nullable(e.New), e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("write history: %w", err)
	}
	h.seq, h.head = e.Seq, e.Hash
	return nil
}

// record writes the history of one change: old is nil for a create, new is
// nil for a delete. Entries carry the time they were written, not the
// entity's own updated_at, which an import may bring from elsewhere: the
// history says when this register changed.
func (h *historyWriter) record(ctx context.Context, entity string, id uuid.UUID, old, new []byte) error {
	at := now()
	switch {
	case old == nil:
		return h.append(ctx, at, entity, id, ActionCreate, "", "", string(new))
	case new == nil:
		return h.append(ctx, at, entity, id, ActionDelete, "", string(old), "")
	}
	changes, err := diffFields(old, new)
	if err != nil {
		return fmt.Errorf("compare %s %s: %w", entity, id, err)
	}
	for _, c := range changes {
		if err := h.append(ctx, at, entity, id, ActionUpdate, c.field, c.old, c.new); err != nil {
			return err
		}
	}
	return nil
}

type fieldChange struct{ field, old, new string }

// diffFields compares two JSON objects key by key, in key order.
func diffFields(old, new []byte) ([]fieldChange, error) {
	var o, n map[string]json.RawMessage
	if err := json.Unmarshal(old, &o); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(new, &n); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(o)+len(n))
	for k := range o {
		keys = append(keys, k)
	}
	for k := range n {
		if _, ok := o[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []fieldChange
	for _, k := range keys {
		if !bytes.Equal(o[k], n[k]) {
			out = append(out, fieldChange{field: k, old: string(o[k]), new: string(n[k])})
		}
	}
	return out, nil
}

// HistoryHead returns the hex SHA-256 at the head of the change-history
// chain ("" if empty).
func (db *DB) HistoryHead(ctx context.Context) (string, error) {
	var head string
	err := db.db.QueryRowContext(ctx, `SELECT hash FROM history ORDER BY seq DESC LIMIT 1`).Scan(&head)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read history head: %w", err)
	}
	return head, nil
}

// History returns the recorded changes of one activity or organisation,
// oldest first.
func (db *DB) History(ctx context.Context, entityID uuid.UUID) ([]HistoryEntry, error) {
	rows, err := db.db.QueryContext(ctx, `
		SELECT seq, at, user, entity, entity_id, action, field, old, new, prev_hash, hash
		FROM history WHERE entity_id = ? ORDER BY seq`, entityID.String())
	if err != nil {
		return nil, fmt.Errorf("read history of %s: %w", entityID, err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		e, _, err := scanEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("read history of %s: %w", entityID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read history of %s: %w", entityID, err)
	}
	return out, nil
}

// scanEntry reads one history row, returning the stored time text too,
// because the hash covers the text as stored.
func scanEntry(rows *sql.Rows) (HistoryEntry, string, error) {
	var (
		e        HistoryEntry
		at, id   string
		old, new sql.NullString
	)
	err := rows.Scan(&e.Seq, &at, &e.User, &e.Entity, &id, &e.Action, &e.Field, &old, &new, &e.PrevHash, &e.Hash)
	if err != nil {
		return e, "", err
	}
	e.At, _ = parseTime(at)
	// A mangled id still has to be reported, not make verification fail.
	e.EntityID, _ = uuid.Parse(id)
	e.Old, e.New = old.String, new.String
	return e, at, nil
}
