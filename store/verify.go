package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/google/uuid"
)

// VerifyResult is what VerifyHistory found. The register is intact when
// Problems is empty.
type VerifyResult struct {
	Entries  int
	Head     string
	Problems []HistoryProblem
}

// OK reports whether the chain and the register agree.
func (r VerifyResult) OK() bool { return len(r.Problems) == 0 }

// HistoryProblem is one thing VerifyHistory found wrong, naming the entry
// and the activity or organisation concerned.
type HistoryProblem struct {
	Seq      int64 // 0 when the problem is with the current data, not an entry
	Entity   string
	EntityID uuid.UUID
	Name     string
	Message  string
}

type entityKey struct {
	kind string
	id   uuid.UUID
}

// VerifyHistory recomputes the hash chain and replays it, then checks that
// every current activity and organisation is exactly what its history says.
// So an entry altered or removed, and a row edited outside ROPA Desk, are
// both found and the entity named.
func (db *DB) VerifyHistory(ctx context.Context) (VerifyResult, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return VerifyResult{}, err
	}
	defer tx.Rollback()

	var res VerifyResult
	state := map[entityKey]*jsonBody{}
	current := map[entityKey]*jsonBody{}
	// The activities are read once, with their list columns, for both
	// the replay and checkDerived.
	stored, err := readActivityRows(ctx, tx)
	if err != nil {
		return res, err
	}
	for i := range stored {
		uid, _ := uuid.Parse(stored[i].id)
		current[entityKey{EntityActivity, uid}] = &jsonBody{raw: stored[i].body}
	}
	for _, t := range []struct{ kind, table string }{{EntityOrganisation, "organisations"}, {EntityAsset, assetTable.table}, {EntitySupplier, supplierTable.table}, {EntityNotice, noticeTable}} {
		if ok, err := hasTable(ctx, tx, t.table); err != nil || !ok {
			if err != nil {
				return res, fmt.Errorf("verify history: %w", err)
			}
			continue // an older schema, opened read-only: none of these yet
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, body FROM `+t.table)
		if err != nil {
			return res, fmt.Errorf("verify history: read %s: %w", t.table, err)
		}
		for rows.Next() {
			var id string
			var raw []byte
			if err := rows.Scan(&id, &raw); err != nil {
				rows.Close()
				return res, fmt.Errorf("verify history: read %s: %w", t.table, err)
			}
			uid, _ := uuid.Parse(id)
			current[entityKey{t.kind, uid}] = &jsonBody{raw: raw}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, fmt.Errorf("verify history: read %s: %w", t.table, err)
		}
	}
	if err := currentCycles(ctx, tx, current); err != nil {
		return res, err
	}
	if b, err := chainedBody(ctx, tx); err != nil {
		return res, fmt.Errorf("verify history: %w", err)
	} else if b != nil {
		current[entityKey{EntitySetting, uuid.Nil}] = &jsonBody{raw: b}
	}
	v := &ChainVerifier{state: state, current: current}

	rows, err := tx.QueryContext(ctx, `
		SELECT seq, at, user, entity, entity_id, action, field, old, new, prev_hash, hash
		FROM history ORDER BY seq`)
	if err != nil {
		return res, fmt.Errorf("verify history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, at, err := scanEntry(rows)
		if err != nil {
			return res, fmt.Errorf("verify history: %w", err)
		}
		v.Entry(e, at)
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("verify history: %w", err)
	}
	res = v.Result()
	if err := checkDerived(ctx, tx, stored, func(k entityKey, format string, args ...any) {
		res.Problems = append(res.Problems, v.problemOf(0, k, format, args...))
	}); err != nil {
		return res, err
	}
	if err := checkNoticeColumns(ctx, tx, func(k entityKey, format string, args ...any) {
		res.Problems = append(res.Problems, v.problemOf(0, k, format, args...))
	}); err != nil {
		return res, err
	}
	return res, nil
}

// jsonBody is an entity's JSON, decoded into fields only when needed.
type jsonBody struct {
	raw []byte
	m   map[string]json.RawMessage
}

func (b *jsonBody) fields() map[string]json.RawMessage {
	if b.m == nil {
		if json.Unmarshal(b.raw, &b.m) != nil || b.m == nil {
			b.m = map[string]json.RawMessage{}
		}
	}
	return b.m
}

// replay applies one entry to the state the history describes, reporting
// entries that do not fit it (a sign that entries were removed).
func replay(state map[entityKey]*jsonBody, k entityKey, e *HistoryEntry, what func() string, bad func(string, ...any)) {
	b, exists := state[k]
	switch e.Action {
	case ActionCreate:
		if exists {
			bad("History entry %d creates %s again.", e.Seq, what())
		}
		state[k] = &jsonBody{raw: []byte(e.New)}
	case ActionUpdate:
		if !exists {
			bad("History entry %d changes %s before it was created: earlier entries are missing.", e.Seq, what())
			b = &jsonBody{m: map[string]json.RawMessage{}}
			state[k] = b
		}
		m := b.fields()
		if exists && !bytes.Equal(m[e.Field], []byte(e.Old)) {
			bad("History entry %d changes %s of %s from a value it did not have: entries before it are missing.", e.Seq, e.Field, what())
		}
		if e.New == "" {
			delete(m, e.Field)
		} else {
			m[e.Field] = json.RawMessage(e.New)
		}
	case ActionDelete:
		if !exists {
			bad("History entry %d deletes %s, which the history never created.", e.Seq, what())
		}
		delete(state, k)
	default:
		bad("History entry %d has an unknown action %q.", e.Seq, e.Action)
	}
}

func differingKeys(a, b map[string]json.RawMessage) []string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func describe(k entityKey, name string) string {
	kind := k.kind
	switch kind {
	case EntitySetting:
		return "the record of the register's backup settings"
	case EntityCycle:
		kind = "review cycle"
	case EntityAsset:
		kind = assetTable.what
	case EntityNotice:
		kind = "published privacy notice"
	}
	if name != "" {
		return fmt.Sprintf("the %s %q", kind, name)
	}
	return fmt.Sprintf("the %s %s", kind, k.id)
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
