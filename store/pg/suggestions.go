package pgstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/ropadesk/ropadesk/store"
)

// Suggestions returns the distinct values already used in a field of the
// activities this role can read (a JSON key such as "data_subjects" or
// "business_function"), sorted as the file's store sorts them. The editor
// asks on every activity it shows: the answer is kept until the history's
// head moves, as the file's store keeps it.
func (db *DB) Suggestions(ctx context.Context, field string) ([]string, error) {
	if err := store.CheckSuggestionField(field); err != nil {
		return nil, err
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	var head string
	if err := tx.QueryRow(ctx, `SELECT hash FROM chain_head`).Scan(&head); err != nil {
		return nil, db.readErr(fmt.Errorf("suggestions for %s: %w", field, err))
	}
	if v, ok := db.suggestions.Get(head, field); ok {
		return v, nil
	}
	fields := store.SuggestionFieldsWith(field)
	// A text value (business_function) is wrapped in an array, so that it
	// and the lists (arrays of text) are read alike; other JSON (objects,
	// numbers) is not a suggestion.
	rows, err := tx.Query(ctx, `
		SELECT DISTINCT f.key, j.value #>> '{}'
		FROM activities a,
			jsonb_each(a.body::jsonb) f,
			jsonb_array_elements(CASE WHEN jsonb_typeof(f.value) = 'array' THEN f.value ELSE jsonb_build_array(f.value) END) j
		WHERE f.key = ANY($1) AND jsonb_typeof(j.value) = 'string' AND btrim(j.value #>> '{}') <> ''`, fields)
	if err != nil {
		return nil, db.readErr(fmt.Errorf("suggestions for %s: %w", field, err))
	}
	defer rows.Close()
	found, err := store.CollectSuggestions(fields, rows)
	if err != nil {
		return nil, db.readErr(fmt.Errorf("suggestions for %s: %w", field, err))
	}
	for _, v := range found {
		slices.SortFunc(v, store.CompareSuggestions)
	}
	db.suggestions.Put(head, found)
	return slices.Clone(found[field]), nil
}
