package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

// HistoryStates replays the change history from the start and calls fn
// with the register as it stood after each save (after the last entry of
// a run of entries written at the same moment), oldest first, and that
// entry, whose Hash was the history head then. The register holds the
// organisations, activities and review cycles in the store's order (cycles
// made by versions that did not record them in the history are missing),
// built afresh for each call, so fn may keep it. Replay stops
// when fn returns false. It is how ropactl verify tells which earlier
// state a PDF was made from.
func (db *DB) HistoryStates(ctx context.Context, fn func(e HistoryEntry, r *model.Register) bool) error {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `
		SELECT seq, at, user, entity, entity_id, action, field, old, new, prev_hash, hash
		FROM history ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("replay history: %w", err)
	}
	defer rows.Close()
	state := map[entityKey]*jsonBody{}
	var (
		pending    *HistoryEntry
		pendingAt  string
		stopped    bool
		replayErr  error
		noProblems = func(string, ...any) {}
	)
	emit := func() {
		if pending == nil || stopped {
			return
		}
		r, err := stateRegister(state)
		if err != nil {
			replayErr, stopped = err, true
			return
		}
		stopped = !fn(*pending, r)
	}
	for rows.Next() && !stopped {
		e, at, err := scanEntry(rows)
		if err != nil {
			return fmt.Errorf("replay history: %w", err)
		}
		if pending != nil && at != pendingAt {
			emit()
		}
		k := entityKey{e.Entity, e.EntityID}
		replay(state, k, &e, func() string { return "" }, noProblems)
		pending, pendingAt = &e, at
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("replay history: %w", err)
	}
	emit()
	return replayErr
}

// stateRegister builds a register from replayed bodies, ordered as
// loadRegister orders it, so that its fingerprint is what the store gave
// at that time.
func stateRegister(state map[entityKey]*jsonBody) (*model.Register, error) {
	r := &model.Register{Organisations: []model.Organisation{}, Activities: []model.Activity{}}
	body := func(b *jsonBody) []byte {
		if b.m != nil {
			out, _ := json.Marshal(b.m)
			return out
		}
		return b.raw
	}
	for k, b := range state {
		switch k.kind {
		case EntityOrganisation:
			var o model.Organisation
			if err := json.Unmarshal(body(b), &o); err != nil {
				return nil, fmt.Errorf("replay organisation %s: %w", k.id, err)
			}
			r.Organisations = append(r.Organisations, o)
		case EntityActivity:
			var a model.Activity
			if err := json.Unmarshal(body(b), &a); err != nil {
				return nil, fmt.Errorf("replay activity %s: %w", k.id, err)
			}
			r.Activities = append(r.Activities, a)
		case EntityCycle:
			var c cycleRecord
			if err := json.Unmarshal(body(b), &c); err != nil {
				return nil, fmt.Errorf("replay review cycle %s: %w", k.id, err)
			}
			r.ReviewCycles = append(r.ReviewCycles, c.ReviewCycle)
		case EntityAsset:
			var x model.InformationAsset
			if err := json.Unmarshal(body(b), &x); err != nil {
				return nil, fmt.Errorf("replay information asset %s: %w", k.id, err)
			}
			r.InformationAssets = append(r.InformationAssets, x)
		case EntityNotice:
			var n model.PublishedNotice
			if err := json.Unmarshal(body(b), &n); err != nil {
				return nil, fmt.Errorf("replay published notice %s: %w", k.id, err)
			}
			r.PublishedNotices = append(r.PublishedNotices, n)
		case EntitySupplier:
			var s model.Supplier
			if err := json.Unmarshal(body(b), &s); err != nil {
				return nil, fmt.Errorf("replay supplier %s: %w", k.id, err)
			}
			r.Suppliers = append(r.Suppliers, s)
		}
	}
	// As loadCycles orders them: by start, then name (NOCASE).
	sort.Slice(r.ReviewCycles, func(i, j int) bool {
		a, b := &r.ReviewCycles[i], &r.ReviewCycles[j]
		if !a.StartedAt.Equal(b.StartedAt) {
			return a.StartedAt.Before(b.StartedAt)
		}
		return compareNoCase(a.Name, b.Name) < 0
	})
	sort.Slice(r.Organisations, func(i, j int) bool {
		a, b := &r.Organisations[i], &r.Organisations[j]
		if c := compareNoCase(a.Name, b.Name); c != 0 {
			return c < 0
		}
		return a.ID.String() < b.ID.String()
	})
	// As loadBodies orders them: by name (NOCASE), then id.
	sort.Slice(r.InformationAssets, func(i, j int) bool {
		a, b := &r.InformationAssets[i], &r.InformationAssets[j]
		if c := compareNoCase(a.Name, b.Name); c != 0 {
			return c < 0
		}
		return a.ID.String() < b.ID.String()
	})
	sort.Slice(r.Suppliers, func(i, j int) bool {
		a, b := &r.Suppliers[i], &r.Suppliers[j]
		if c := compareNoCase(a.Name, b.Name); c != 0 {
			return c < 0
		}
		return a.ID.String() < b.ID.String()
	})
	// As loadNotices orders them: by when recorded (the column holds the
	// fixed-width time), then id.
	sort.Slice(r.PublishedNotices, func(i, j int) bool {
		a, b := &r.PublishedNotices[i], &r.PublishedNotices[j]
		if !a.RecordedAt.Equal(b.RecordedAt) {
			return a.RecordedAt.Before(b.RecordedAt)
		}
		return a.ID.String() < b.ID.String()
	})
	pos := map[string]int{}
	for i, o := range r.Organisations {
		pos[o.ID.String()] = i
	}
	// Activities whose organisation is gone are left out, as the store's
	// join leaves them out.
	kept := r.Activities[:0]
	for _, a := range r.Activities {
		if _, ok := pos[a.OrganisationID.String()]; ok {
			kept = append(kept, a)
		}
	}
	r.Activities = kept
	sort.Slice(r.Activities, func(i, j int) bool {
		a, b := &r.Activities[i], &r.Activities[j]
		if pa, pb := pos[a.OrganisationID.String()], pos[b.OrganisationID.String()]; pa != pb {
			return pa < pb
		}
		if c := compareNoCase(a.Name, b.Name); c != 0 {
			return c < 0
		}
		return a.ID.String() < b.ID.String()
	})
	return r, nil
}

// compareNoCase compares as SQLite's NOCASE collation does: ASCII letters
// folded to lower case, everything else byte by byte.
func compareNoCase(a, b string) int {
	fold := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= 'A' && r <= 'Z' {
				return r + ('a' - 'A')
			}
			return r
		}, s)
	}
	return strings.Compare(fold(a), fold(b))
}
