package exchange

import (
	"fmt"
	"slices"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// The information assets and suppliers live in the register, not in the
// spreadsheet's rows; a row carries, in ROPA Desk's columns, which of them
// the activity is linked to. Importing the spreadsheet makes the register's
// links match those cells for every activity the file has: a line deleted
// in Excel unlinks, a line added (an id from another row) links, and an
// export imported back changes nothing. The records themselves travel in
// the JSON format.

// planLinks adds to p.Assets and p.Suppliers the records of existing whose
// links to the file's activities change.
func (p *ImportPlan) planLinks(existing *model.Register) {
	planned := slices.Concat(p.Added, p.Changed, p.Unchanged)
	assets := linkChanges(p, planned, existing.InformationAssets, p.Assets,
		func(x *model.InformationAsset) uuid.UUID { return x.ID },
		func(x *model.InformationAsset) *[]uuid.UUID { return &x.ActivityIDs },
		func(ia *ImportedActivity) ([]uuid.UUID, bool) { return ia.AssetIDs, ia.Links.Assets },
		"information_assets", "information asset")
	suppliers := linkChanges(p, planned, existing.Suppliers, p.Suppliers,
		func(s *model.Supplier) uuid.UUID { return s.ID },
		func(s *model.Supplier) *[]uuid.UUID { return &s.ActivityIDs },
		func(ia *ImportedActivity) ([]uuid.UUID, bool) { return ia.SupplierIDs, ia.Links.Suppliers },
		"suppliers", "supplier")
	p.Assets, p.Suppliers = assets, suppliers
}

// linkChanges returns upserts with every record of existing whose links
// the rows change, as changed (a record upserts already holds, from a JSON
// file, is changed there).
func linkChanges[T any](p *ImportPlan, planned []PlannedActivity, existing, upserts []T,
	idOf func(*T) uuid.UUID, links func(*T) *[]uuid.UUID, wanted func(*ImportedActivity) ([]uuid.UUID, bool),
	field, what string) []T {
	known := map[uuid.UUID]bool{}
	for i := range existing {
		known[idOf(&existing[i])] = true
	}
	for i := range upserts {
		known[idOf(&upserts[i])] = true
	}
	// want[activity] is the set of records the row links it to.
	want := map[uuid.UUID]map[uuid.UUID]bool{}
	unknown, firstRow := 0, PlannedActivity{}
	for _, pa := range planned {
		ids, given := wanted(&pa.incoming)
		if !given {
			continue
		}
		set := map[uuid.UUID]bool{}
		for _, id := range ids {
			if !known[id] {
				if unknown == 0 {
					firstRow = pa
				}
				unknown++
				continue
			}
			set[id] = true
		}
		want[pa.Activity.ID] = set
	}
	if unknown > 0 {
		// One warning, not one a link: a spreadsheet imported into a new
		// register links to records it does not yet hold.
		p.Problems = append(p.Problems, Problem{File: p.File, Sheet: firstRow.Sheet, Row: firstRow.Row, Field: field, Severity: model.SeverityWarning,
			Message: fmt.Sprintf("The file links activities to %s not in this register (the first in this row), so %s left out. Import the register's JSON export, which holds the records themselves, or add them, then import the spreadsheet again.",
				plural(unknown, "an "+what, fmt.Sprintf("%ss", what)), plural(unknown, "that link is", "those links are"))})
	}
	if len(want) == 0 {
		return upserts
	}
	// wantedBy[record] is the activities whose rows link it, in row
	// order, so each record is considered without a pass over every row.
	wantedBy := map[uuid.UUID][]uuid.UUID{}
	for _, pa := range planned {
		ids, given := wanted(&pa.incoming)
		if !given {
			continue
		}
		for _, id := range ids {
			if want[pa.Activity.ID][id] {
				wantedBy[id] = append(wantedBy[id], pa.Activity.ID)
			}
		}
	}
	out := upserts
	upsertAt := map[uuid.UUID]int{}
	for i := range out {
		upsertAt[idOf(&out[i])] = i
	}
	consider := func(x T) {
		id := idOf(&x)
		l := links(&x)
		before := slices.Clone(*l)
		*l = slices.Clone(*l) // x shares its slice with the register's copy
		// Unlink what the rows no longer link; keep the order of the rest.
		*l = slices.DeleteFunc(*l, func(a uuid.UUID) bool { s, ok := want[a]; return ok && !s[id] })
		// Link what the rows add, in the file's row order.
		for _, a := range wantedBy[id] {
			if !slices.Contains(*l, a) {
				*l = append(*l, a)
			}
		}
		if len(*l) == 0 {
			*l = nil
		}
		if slices.Equal(before, *l) {
			return
		}
		if i, ok := upsertAt[id]; ok {
			out[i] = x
			return
		}
		upsertAt[id] = len(out)
		out = append(out, x)
	}
	for i := range out {
		consider(out[i])
	}
	for i := range existing {
		if _, ok := upsertAt[idOf(&existing[i])]; !ok {
			consider(existing[i])
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf("%d %s", n, many)
}
