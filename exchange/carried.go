package exchange

import (
	"strings"
	"sync"
)

// A row ROPA Desk wrote carries many fields twice: as text in the ICO
// columns and exactly in its own hidden columns, which win. Reading the
// text of such a column (parsing lawful bases, Article 9 conditions,
// transfers and DPIA answers out of prose) is the costliest part of an
// import, and for a cell left as exported its result is thrown away. So a
// row skips reading an ICO column when the cell is as exported (its
// fingerprint matches) and every field the column gives is replaced
// wholesale by a ROPA Desk column the row uses. TestSkippingCarriedColumns
// reads files with and without the skip and compares every activity and
// problem.

// skipCarried turns the skip off in that test.
var skipCarried = true

// replacing lists the ROPA Desk columns whose decoding replaces their field
// entirely, empty cell included (decodeROPA clears before it reads): only
// these make the ICO text moot. Columns that merge into what is there
// (NDOP, right overrides, reviews, exact lists) do not.
var replacing = map[int]bool{
	rdSpecialCategories: true, rdCriminalOffence: true, rdLawfulBases: true, rdArticle9: true,
	rdSchedule1: true, rdParagraph41: true, rdTransfers: true, rdAutomated: true, rdDPIA: true,
}

// replacedBy[ref] lists, for each field ICO column ref gives, the ROPA Desk
// columns that replace it (matched on the top-level key: "dpia.progress" is
// replaced by the DPIA column). Fixed, so worked out once.
var replacedBy = sync.OnceValue(func() [][][]int {
	out := make([][][]int, icoColumnCount)
	for ref, c := range icoColumns {
		for _, f := range c.Fields {
			top, _, _ := strings.Cut(f, ".")
			var by []int
			for i, rc := range ropaColumns {
				if !replacing[i] {
					continue
				}
				for _, g := range rc.Fields {
					if g == top {
						by = append(by, i)
					}
				}
			}
			out[ref] = append(out[ref], by)
		}
	}
	return out
})

// carried reports which ICO columns of this row need not be read: as
// exported, with every field replaced by a ROPA Desk column in use. It
// also reports whether the personal data column's special categories and
// criminal offence data (guessed from its text) are replaced, so that the
// list itself is read but not classified.
func (d *rowDecoder) carried() (skip []bool, classified bool) {
	if d.skip == nil {
		d.skip = make([]bool, icoColumnCount)
	}
	skip = d.skip
	clear(skip)
	if !skipCarried {
		return skip, false
	}
	if !d.printed {
		return skip, false
	}
	by := replacedBy()
	replaced := func(ref columnRef, k int) bool {
		for _, i := range by[ref][k] {
			if d.machine(i) {
				return true
			}
		}
		return false
	}
	for _, ref := range checkedColumns {
		if !d.asExported[ref] {
			continue
		}
		all := len(by[ref]) > 0
		for k := range by[ref] {
			all = all && replaced(ref, k)
		}
		skip[ref] = all
		if ref == colPersonalData {
			// personal_data, special_categories, criminal_offence_data
			classified = replaced(ref, 1) && replaced(ref, 2)
		}
	}
	return skip, classified
}
