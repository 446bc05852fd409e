package exchange

import (
	"slices"
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

// cellRefs says which cell of this row supplied each of the activity's
// top-level fields: the ICO column, unless a ROPA Desk column carried the
// field and the visible cell was left as exported.
func (d *rowDecoder) cellRefs(overridden map[string]bool, edited []columnRef) map[string]CellRef {
	m := make(map[string]CellRef, 48)
	ref := func(c columnRef, isEdited bool) CellRef {
		col := d.l.at[c]
		return CellRef{Sheet: d.g.sheet, Row: d.row + 1, Column: d.l.letter[col], Heading: d.l.heading[col], Edited: isEdited}
	}
	for i, c := range ropaColumns {
		if !d.machine(i) {
			continue
		}
		for _, f := range c.Fields {
			top, _, _ := strings.Cut(f, ".")
			m[top] = ref(d.rd(i), false)
		}
	}
	for c := range columnRef(icoColumnCount) {
		if !d.l.has(c) {
			continue
		}
		isEdited := slices.Contains(edited, c)
		for _, f := range icoColumns[c].Fields {
			top, _, _ := strings.Cut(f, ".")
			if _, hidden := m[top]; hidden && !isEdited {
				continue
			}
			if c == colPersonalData && top != "personal_data" && overridden[top] && !isEdited {
				continue
			}
			m[top] = ref(c, isEdited)
		}
	}
	return m
}

// icoMatches reports whether the cell's text is fully carried by the
// activity, so that it need not be kept as original text.
func (d *rowDecoder) icoMatches(ref columnRef, txt, printed string, a *model.Activity) bool {
	if txt == printed {
		return true
	}
	if !slices.Contains(coded, ref) {
		// Lists and plain text: the items or the text itself are kept.
		return true
	}
	switch ref {
	case colDPIARequired, colBreachOccurred, colRetainedPerPolicy:
		v, ok := parseYesNo(txt)
		if !ok {
			return false
		}
		var want *bool
		switch ref {
		case colDPIARequired:
			want = a.DPIA.Required
		case colBreachOccurred:
			return (v != nil && *v) == a.Breach.Occurred
		default:
			want = a.Paragraph41.RetainedPerPolicy
		}
		return (v == nil && want == nil) || (v != nil && want != nil && *v == *want)
	case colDPIAProgress:
		p, ok := ParseDPIAProgress(txt)
		return ok && p == a.DPIA.Progress
	case colAutomated:
		return ParseAutomated(txt) == a.AutomatedDecisions
	case colThirdCountries:
		dests := make([]string, len(a.Transfers))
		for i, t := range a.Transfers {
			dests[i] = t.Destination
		}
		return slices.Equal(splitList(txt), dests)
	case colSafeguards:
		return len(a.Transfers) == 1 && a.Transfers[0].Safeguard == txt
	}
	return false
}
