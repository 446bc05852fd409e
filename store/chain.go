package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// The hash chain and its verification, exported so that another store of
// the same register (the PostgreSQL one, store/pg) writes entries that
// hash the same and is verified by the same code, not a second copy.

// HistoryTimeFormat is how an entry's time is written in the history; the
// hash covers the time as this text.
const HistoryTimeFormat = timeFormat

// FormatHistoryTime writes t as the history stores it (UTC, fixed width).
func FormatHistoryTime(t time.Time) string { return formatTime(t) }

// EntryHash is the hash of e, whose time is stored as at. e.PrevHash must
// be the hash of the entry before it.
func EntryHash(e *HistoryEntry, at string) string { return entryHash(e, at) }

// FieldChange is one changed top-level key of an entity's JSON body; Old
// and New are its JSON values, "" where the key is absent.
type FieldChange struct{ Field, Old, New string }

// DiffFields is what an update of a body from old to new records: one
// change per differing top-level key, in key order.
func DiffFields(old, new []byte) ([]FieldChange, error) {
	cs, err := diffFields(old, new)
	if err != nil {
		return nil, err
	}
	out := make([]FieldChange, len(cs))
	for i, c := range cs {
		out[i] = FieldChange{Field: c.field, Old: c.old, New: c.new}
	}
	return out, nil
}

// ChainVerifier checks a history chain entry by entry (numbering, links,
// hashes, and a replay that must fit), then that the entities a register
// holds are exactly what their history leads to.
type ChainVerifier struct {
	res      VerifyResult
	state    map[entityKey]*jsonBody
	current  map[entityKey]*jsonBody
	prevSeq  int64
	prevHash string
}

// NewChainVerifier starts a verification.
func NewChainVerifier() *ChainVerifier {
	return &ChainVerifier{state: map[entityKey]*jsonBody{}, current: map[entityKey]*jsonBody{}}
}

// Current records the body a register holds for an entity (EntityActivity,
// EntityOrganisation, …). Call it for every entity before Result.
func (v *ChainVerifier) Current(entity string, id uuid.UUID, body []byte) {
	v.current[entityKey{entity, id}] = &jsonBody{raw: body}
}

// Entry checks the next entry of the chain, in seq order; at is its time
// as stored.
func (v *ChainVerifier) Entry(e HistoryEntry, at string) {
	v.res.Entries++
	k := entityKey{e.Entity, e.EntityID}
	switch {
	case e.Seq != v.prevSeq+1:
		if e.Seq == v.prevSeq+2 {
			v.problem(e.Seq, k, "History entry %d is missing: it was removed outside ROPA Desk.", v.prevSeq+1)
		} else {
			v.problem(e.Seq, k, "History entries %d to %d are missing: they were removed outside ROPA Desk.", v.prevSeq+1, e.Seq-1)
		}
	case e.PrevHash != v.prevHash:
		v.problem(e.Seq, k, "History entry %d does not follow entry %d: an entry was altered or removed outside ROPA Desk.", e.Seq, v.prevSeq)
	}
	if entryHash(&e, at) != e.Hash {
		v.problem(e.Seq, k, "History entry %d (%s of %s) was altered outside ROPA Desk.", e.Seq, e.Action, describe(k, v.nameOf(k)))
	}
	v.prevSeq, v.prevHash = e.Seq, e.Hash
	if e.Entity == EntityCycle && e.Field == "sign_off" {
		checkEnteredBy(&e, func(format string, args ...any) { v.problem(e.Seq, k, format, args...) })
	}
	what := func() string { return describe(k, v.nameOf(k)) }
	replay(v.state, k, &e, what, func(format string, args ...any) { v.problem(e.Seq, k, format, args...) })
}

// Result compares what the history leads to with the current entities
// and returns everything found.
func (v *ChainVerifier) Result() VerifyResult {
	v.res.Head = v.prevHash
	keys := make([]entityKey, 0, len(v.current)+len(v.state))
	for k := range v.current {
		keys = append(keys, k)
	}
	for k := range v.state {
		if _, ok := v.current[k]; !ok {
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
		cur, has := v.current[k]
		want, recorded := v.state[k]
		switch {
		case has && !recorded && k.kind == EntityCycle:
			v.problem(0, k, "%s has no recorded history: it was made by a version of ROPA Desk from before review cycles and sign-offs entered the history, or added outside ROPA Desk. Its sign-off and frozen copy cannot be verified.", capital(describe(k, v.nameOf(k))))
		case has && !recorded:
			v.problem(0, k, "%s has no recorded history: it was added or its history removed outside ROPA Desk.", capital(describe(k, v.nameOf(k))))
		case !has && recorded:
			v.problem(0, k, "%s is in the history but not in the register: it was removed outside ROPA Desk.", capital(describe(k, v.nameOf(k))))
		case has:
			// Most entities were never edited since created: their bodies
			// compare as bytes without being decoded.
			if want.m == nil && bytes.Equal(want.raw, cur.raw) {
				continue
			}
			if fields := differingKeys(want.fields(), cur.fields()); len(fields) > 0 {
				v.problem(0, k, "%s was changed outside ROPA Desk: its history does not lead to what the register holds (%s).", capital(describe(k, v.nameOf(k))), strings.Join(fieldWords(k.kind, fields), ", "))
			}
		}
	}
	return v.res
}

func (v *ChainVerifier) nameOf(k entityKey) string {
	for _, b := range []*jsonBody{v.current[k], v.state[k]} {
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

func (v *ChainVerifier) problem(seq int64, k entityKey, format string, args ...any) {
	v.res.Problems = append(v.res.Problems, v.problemOf(seq, k, format, args...))
}

func (v *ChainVerifier) problemOf(seq int64, k entityKey, format string, args ...any) HistoryProblem {
	return HistoryProblem{Seq: seq, Entity: k.kind, EntityID: k.id, Name: v.nameOf(k), Message: fmt.Sprintf(format, args...)}
}

// CycleRecordBody is the body the history records for a review cycle:
// its JSON and, once signed off, the digest of the frozen copy (snapshot,
// nil for none), as CreateCycle and SignOff chain it and VerifyHistory
// compares it. Exported so the shared store chains cycles the same way.
func CycleRecordBody(c model.ReviewCycle, snapshot *string) ([]byte, error) {
	rec := cycleRecord{ReviewCycle: c}
	if snapshot != nil {
		rec.SnapshotSHA256 = digest(*snapshot)
	}
	return json.Marshal(rec)
}

// SnapshotDigest is the digest of a frozen copy of the register as the
// sign-off's history entry records it.
func SnapshotDigest(snapshot string) string { return digest(snapshot) }
