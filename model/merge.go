package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// A save refused because someone else changed the record since the editor
// loaded it is resolved by a three-way merge: base is the record as the
// editor loaded it, theirs the record as it is now in the register, yours
// the record as the editor holds it. A field changed by one side only takes
// that side's value, with nothing to ask; a field both sides changed to
// different values is a conflict, and the person editing chooses, field by
// field, whose value stands. Both front ends can use it: it knows nothing
// of widgets.
//
// Fields are compared through the record's JSON, the one form that cannot
// forget a field added later. An object (dpia, ndop, a contact) is merged
// key by key where the field table labels every key in it, so that "Link
// to DPIA" changed here and "DPIA progress" changed there do not collide;
// a list (recipients, lawful bases, reviews) is one value, compared whole:
// its items have no identity to match them by.

// Side says whose value of a conflicting field a merge keeps.
type Side int

const (
	// Unchosen is no choice yet: a merge with an unchosen conflict has no
	// result.
	Unchosen Side = iota
	// Yours keeps the value the editor holds.
	Yours
	// Theirs keeps the value in the register now.
	Theirs
)

// FieldMerge is one field that changed since the base: its key (the JSON
// path, "dpia.link"), its label from the field table, and its three values
// as JSON ("null" where absent).
type FieldMerge struct {
	Key    string
	Label  string
	Base   json.RawMessage
	Theirs json.RawMessage
	Yours  json.RawMessage
}

// Merge is the three-way merge of one record of type T (an Activity or an
// Organisation).
type Merge[T any] struct {
	// TakenFromTheirs are the fields only they changed: their values stand.
	TakenFromTheirs []FieldMerge
	// KeptFromYours are the fields only you changed: your values stand.
	KeptFromYours []FieldMerge
	// Conflicts are the fields both changed, to different values: a
	// choice is needed for each.
	Conflicts []FieldMerge

	prefix              string
	base, theirs, yours json.RawMessage
	revision            int64
	setRevision         func(*T, int64)
}

// bookkeeping are the top-level keys the register keeps for itself: they
// are not the DPO's to choose, and always come from theirs (the stored
// record's identity and timestamps).
var bookkeeping = map[string]bool{"id": true, "created_at": true, "updated_at": true}

// MergeActivities merges the activity changed elsewhere (theirs) with the
// one edited (yours), both from base. The result carries theirs' revision,
// so the store accepts it unless it changed again meanwhile.
func MergeActivities(base, theirs, yours *Activity) (*Merge[Activity], error) {
	return merge3("", base, theirs, yours, theirs.Revision, func(a *Activity, r int64) { a.Revision = r })
}

// MergeOrganisations is MergeActivities for an organisation; its fields'
// labels are the table's "organisations." rows.
func MergeOrganisations(base, theirs, yours *Organisation) (*Merge[Organisation], error) {
	return merge3("organisations.", base, theirs, yours, theirs.Revision, func(o *Organisation, r int64) { o.Revision = r })
}

func merge3[T any](prefix string, base, theirs, yours *T, revision int64, setRevision func(*T, int64)) (*Merge[T], error) {
	m := &Merge[T]{prefix: prefix, revision: revision, setRevision: setRevision}
	for _, x := range []struct {
		what string
		v    *T
		into *json.RawMessage
	}{{"what you started from", base, &m.base}, {"theirs", theirs, &m.theirs}, {"yours", yours, &m.yours}} {
		b, err := json.Marshal(x.v)
		if err != nil {
			return nil, fmt.Errorf("merge: write %s: %w", x.what, err)
		}
		*x.into = b
	}
	_, err := m.walk("", m.base, m.theirs, m.yours, func(f FieldMerge) json.RawMessage {
		switch {
		case same(f.Base, f.Theirs):
			m.KeptFromYours = append(m.KeptFromYours, f)
		case same(f.Base, f.Yours):
			m.TakenFromTheirs = append(m.TakenFromTheirs, f)
		default:
			m.Conflicts = append(m.Conflicts, f)
		}
		return f.Theirs
	})
	if err != nil {
		return nil, err
	}
	for _, l := range [][]FieldMerge{m.TakenFromTheirs, m.KeptFromYours, m.Conflicts} {
		sortFields(prefix, l)
	}
	return m, nil
}

// Unresolved lists the labels of the conflicts choices leaves unchosen.
func (m *Merge[T]) Unresolved(choices map[string]Side) []string {
	var out []string
	for _, c := range m.Conflicts {
		if s := choices[c.Key]; s != Yours && s != Theirs {
			out = append(out, c.Label)
		}
	}
	return out
}

// Result is the merged record: theirs, with the fields only you changed
// and the conflicts choices gives to Yours set to your values, carrying
// theirs' revision. choices maps a conflict's Key to a side; every
// conflict needs one.
func (m *Merge[T]) Result(choices map[string]Side) (*T, error) {
	if open := m.Unresolved(choices); len(open) > 0 {
		return nil, Errorf(EINVALID, "Choose whether yours or theirs stands for %s.", strings.Join(open, "; "))
	}
	merged, err := m.walk("", m.base, m.theirs, m.yours, func(f FieldMerge) json.RawMessage {
		switch {
		case same(f.Base, f.Theirs):
			return f.Yours
		case same(f.Base, f.Yours):
			return f.Theirs
		case choices[f.Key] == Yours:
			return f.Yours
		}
		return f.Theirs
	})
	if err != nil {
		return nil, err
	}
	var out T
	if err := json.Unmarshal(merged, &out); err != nil {
		return nil, fmt.Errorf("merge: read the merged record: %w", err)
	}
	m.setRevision(&out, m.revision)
	return &out, nil
}

// walk merges the values b, t and y at path: objects key by key, anything
// else by asking leaf about each field that differs. It returns the merged
// value, nil where the field is absent from it.
func (m *Merge[T]) walk(path string, b, t, y json.RawMessage, leaf func(FieldMerge) json.RawMessage) (json.RawMessage, error) {
	if same(t, y) {
		return t, nil // nothing to merge, whatever the base
	}
	if path != "" && bookkeeping[path] {
		return t, nil
	}
	objs, ok := objects(b, t, y)
	if !ok || (path != "" && !m.labelsEvery(path, objs)) {
		return leaf(FieldMerge{Key: path, Label: FieldLabel(m.prefix + path),
			Base: orNull(b), Theirs: orNull(t), Yours: orNull(y)}), nil
	}
	keys := map[string]bool{}
	for _, o := range objs {
		for k := range o {
			keys[k] = true
		}
	}
	out := map[string]json.RawMessage{}
	for k := range keys {
		sub := k
		if path != "" {
			sub = path + "." + k
		}
		v, err := m.walk(sub, objs[0][k], objs[1][k], objs[2][k], leaf)
		if err != nil {
			return nil, err
		}
		if v != nil {
			out[k] = v
		}
	}
	if len(out) == 0 && t == nil {
		return nil, nil
	}
	merged, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("merge %s: %w", path, err)
	}
	return merged, nil
}

// labelsEvery reports whether the table labels every key of the objects
// at path, so that merging them key by key names each field in words.
func (m *Merge[T]) labelsEvery(path string, objs [3]map[string]json.RawMessage) bool {
	for _, o := range objs {
		for k := range o {
			if !HasFieldLabel(m.prefix + path + "." + k) {
				return false
			}
		}
	}
	return true
}

// objects decodes b, t and y as JSON objects, an absent or null one as
// empty; ok is false when any of them is something else.
func objects(vals ...json.RawMessage) (objs [3]map[string]json.RawMessage, ok bool) {
	for i, v := range vals {
		objs[i] = map[string]json.RawMessage{}
		if isNull(v) {
			continue
		}
		if t := bytes.TrimSpace(v); len(t) == 0 || t[0] != '{' {
			return objs, false
		}
		if err := json.Unmarshal(v, &objs[i]); err != nil {
			return objs, false
		}
	}
	return objs, true
}

func isNull(v json.RawMessage) bool {
	t := bytes.TrimSpace(v)
	return len(t) == 0 || string(t) == "null"
}

func orNull(v json.RawMessage) json.RawMessage {
	if isNull(v) {
		return json.RawMessage("null")
	}
	return v
}

// same compares two values written by json.Marshal from the same type, so
// equal values are equal bytes; absent and null are the same.
func same(a, b json.RawMessage) bool {
	if isNull(a) || isNull(b) {
		return isNull(a) && isNull(b)
	}
	return bytes.Equal(bytes.TrimSpace(a), bytes.TrimSpace(b))
}

// fieldOrder is each key's place in the field table, so a merge lists its
// fields in the order the form and the PDF show them.
var fieldOrder = sync.OnceValue(func() map[string]int {
	o := make(map[string]int, len(fieldTable))
	for i, f := range fieldTable {
		o[f.Key] = i
	}
	return o
})

func sortFields(prefix string, fs []FieldMerge) {
	order := fieldOrder()
	place := func(key string) int {
		// A sub-field sorts with its parent, then by its own row.
		top, _, _ := strings.Cut(key, ".")
		if i, ok := order[prefix+top]; ok {
			return i
		}
		return len(order)
	}
	sort.SliceStable(fs, func(i, j int) bool {
		pi, pj := place(fs[i].Key), place(fs[j].Key)
		if pi != pj {
			return pi < pj
		}
		ri, oki := order[prefix+fs[i].Key]
		rj, okj := order[prefix+fs[j].Key]
		if oki && okj && ri != rj {
			return ri < rj
		}
		return fs[i].Key < fs[j].Key
	})
}
