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
	for _, t := range []struct{ kind, table string }{{EntityOrganisation, "organisations"}, {EntityAsset, assetTable.table}, {EntitySupplier, supplierTable.table}} {
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
	nameOf := func(k entityKey) string {
		for _, b := range []*jsonBody{current[k], state[k]} {
			if b == nil {
				continue
			}
			var s string
			if json.Unmarshal(b.fields()["name"], &s) == nil && s != "" {
				return s
			}
		}
		return ""
	}
	problem := func(seq int64, k entityKey, format string, args ...any) {
		res.Problems = append(res.Problems, HistoryProblem{
			Seq: seq, Entity: k.kind, EntityID: k.id, Name: nameOf(k),
			Message: fmt.Sprintf(format, args...),
		})
	}

	rows, err := tx.QueryContext(ctx, `
		SELECT seq, at, user, entity, entity_id, action, field, old, new, prev_hash, hash
		FROM history ORDER BY seq`)
	if err != nil {
		return res, fmt.Errorf("verify history: %w", err)
	}
	defer rows.Close()
	var prevSeq int64
	prevHash := ""
	for rows.Next() {
		e, at, err := scanEntry(rows)
		if err != nil {
			return res, fmt.Errorf("verify history: %w", err)
		}
		res.Entries++
		k := entityKey{e.Entity, e.EntityID}
		switch {
		case e.Seq != prevSeq+1:
			if e.Seq == prevSeq+2 {
				problem(e.Seq, k, "History entry %d is missing: it was removed outside ROPA Desk.", prevSeq+1)
			} else {
				problem(e.Seq, k, "History entries %d to %d are missing: they were removed outside ROPA Desk.", prevSeq+1, e.Seq-1)
			}
		case e.PrevHash != prevHash:
			problem(e.Seq, k, "History entry %d does not follow entry %d: an entry was altered or removed outside ROPA Desk.", e.Seq, prevSeq)
		}
		if entryHash(&e, at) != e.Hash {
			problem(e.Seq, k, "History entry %d (%s of %s) was altered outside ROPA Desk.", e.Seq, e.Action, describe(k, nameOf(k)))
		}
		prevSeq, prevHash = e.Seq, e.Hash
		if e.Entity == EntityCycle && e.Field == "sign_off" {
			checkEnteredBy(&e, func(format string, args ...any) { problem(e.Seq, k, format, args...) })
		}
		what := func() string { return describe(k, nameOf(k)) }
		replay(state, k, &e, what, func(format string, args ...any) { problem(e.Seq, k, format, args...) })
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("verify history: %w", err)
	}
	res.Head = prevHash

	keys := make([]entityKey, 0, len(current)+len(state))
	for k := range current {
		keys = append(keys, k)
	}
	for k := range state {
		if _, ok := current[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].kind != keys[j].kind {
			return keys[i].kind < keys[j].kind
		}
		// The same order as comparing id.String(), whose hex digits follow
		// the bytes, without making two strings per comparison.
		return bytes.Compare(keys[i].id[:], keys[j].id[:]) < 0
	})
	for _, k := range keys {
		cur, has := current[k]
		want, recorded := state[k]
		switch {
		case has && !recorded && k.kind == EntityCycle:
			problem(0, k, "%s has no recorded history: it was made by a version of ROPA Desk from before review cycles and sign-offs entered the history, or added outside ROPA Desk. Its sign-off and frozen copy cannot be verified.", capital(describe(k, nameOf(k))))
		case has && !recorded:
			problem(0, k, "%s has no recorded history: it was added or its history removed outside ROPA Desk.", capital(describe(k, nameOf(k))))
		case !has && recorded:
			problem(0, k, "%s is in the history but not in the register: it was removed outside ROPA Desk.", capital(describe(k, nameOf(k))))
		case has:
			// Most entities were never edited since created: their bodies
			// compare as bytes without being decoded.
			if want.m == nil && bytes.Equal(want.raw, cur.raw) {
				continue
			}
			if fields := differingKeys(want.fields(), cur.fields()); len(fields) > 0 {
				problem(0, k, "%s was changed outside ROPA Desk: its history does not lead to what the register holds (%s).", capital(describe(k, nameOf(k))), strings.Join(fieldWords(k.kind, fields), ", "))
			}
		}
	}
	if err := checkDerived(ctx, tx, stored, func(k entityKey, format string, args ...any) { problem(0, k, format, args...) }); err != nil {
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
