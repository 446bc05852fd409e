package exchange

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/ropadesk/ropadesk/model"
)

// An exported row carries the same data twice: as text a person reads in
// the ICO columns, and exactly in ROPA Desk's hidden columns. When the DPO
// edits a visible cell in Excel, the visible cell must win. To tell an
// edited cell from one merely printed differently (a later ROPA Desk may
// word a lawful basis differently), the export writes a fingerprint of each
// such cell's text in the "exported text check" column; on import a cell
// whose text no longer matches its fingerprint was edited.

// checkedColumns are the ICO columns whose fields a ROPA Desk column also
// carries (directly, or as exact lists), in the order of their fingerprints.
var checkedColumns = func() []columnRef {
	tops := map[string]bool{}
	for _, c := range ropaColumns {
		for _, f := range c.Fields {
			top, _, _ := strings.Cut(f, ".")
			tops[top] = true
		}
	}
	for _, lf := range listFields(&model.Activity{}) {
		tops[lf.Key] = true
	}
	var out []columnRef
	for ref, c := range icoColumns {
		// The rights are worked out from the lawful bases: the cell is
		// checked so that one left as exported is not kept as the DPO's text
		// when the bases change.
		if ref == colRights || slices.ContainsFunc(c.Fields, func(f string) bool { top, _, _ := strings.Cut(f, "."); return tops[top] }) {
			out = append(out, columnRef(ref))
		}
	}
	return out
}()

const (
	checkVersion = "1:"
	checkLen     = 8 // characters of one fingerprint
)

// fingerprint is 48 bits of FNV-1a over the cell's cleaned text: enough to
// notice an edit, short enough to keep the hidden column small.
func fingerprint(text string) string {
	h := fnv.New64a()
	h.Write([]byte(cleanCell(text)))
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], h.Sum64())
	return base64.RawURLEncoding.EncodeToString(b[:6])
}

// visibleCheck is the fingerprint cell of a row whose ICO cells are ico.
func visibleCheck(ico []string) string {
	var b strings.Builder
	b.Grow(len(checkVersion) + checkLen*len(checkedColumns))
	b.WriteString(checkVersion)
	for _, ref := range checkedColumns {
		b.WriteString(fingerprint(ico[ref]))
	}
	return b.String()
}

// CellRef says where in a file a value came from, as the spreadsheet
// shows it.
type CellRef struct {
	Sheet   string `json:"sheet,omitempty"`
	Row     int    `json:"row,omitempty"`
	Column  string `json:"column,omitempty"` // letter: "L"
	Heading string `json:"heading,omitempty"`
	// Edited: a visible cell changed after ROPA Desk exported it, whose
	// text was used instead of ROPA Desk's hidden column for the same data.
	Edited bool `json:"edited,omitempty"`
}

// String says where, in words: `sheet "Template", cell L12 ("Article 6 …")`.
func (c CellRef) String() string {
	var b strings.Builder
	if c.Sheet != "" {
		b.WriteString("sheet \"" + c.Sheet + "\", ")
	}
	if c.Row > 0 {
		b.WriteString("cell " + c.Column + strconv.Itoa(c.Row))
	} else {
		b.WriteString("column " + c.Column)
	}
	if c.Heading != "" {
		b.WriteString(" (" + truncate(c.Heading, 50) + ")")
	}
	if c.Edited {
		b.WriteString(", edited in the spreadsheet")
	}
	return b.String()
}

// matchPrints works out, once a row (setRow calls it), which ICO cells are
// as exported by the row's fingerprints: d.asExported[ref] for each
// checked column the sheet has, and d.printed, whether the row has
// fingerprints at all (none in a file from before them, or on a row a
// person added). Three passes a row asked for them.
func (d *rowDecoder) matchPrints() {
	if d.asExported == nil {
		d.asExported = make([]bool, icoColumnCount)
	}
	clear(d.asExported)
	body, ok := strings.CutPrefix(strings.TrimSpace(d.text(d.rd(rdVisibleCheck))), checkVersion)
	d.printed = ok && len(body) == checkLen*len(checkedColumns)
	if !d.printed {
		return
	}
	for i, ref := range checkedColumns {
		d.asExported[ref] = d.l.has(ref) && fingerprint(d.text(ref)) == body[i*checkLen:(i+1)*checkLen]
	}
}

// editedColumns returns the checked ICO columns of this row whose text was
// changed after export. hidden is the activity as ROPA Desk's columns give
// it, used for files exported before the fingerprint column existed: there
// a cell that no longer reads as the hidden value prints was edited.
func (d *rowDecoder) editedColumns(hidden *model.Activity) []columnRef {
	var printed []string
	if !d.printed {
		printed = make([]string, icoColumnCount)
		icoCells(printed, hidden)
	}
	var out []columnRef
	for _, ref := range checkedColumns {
		if !d.l.has(ref) || !d.overriddenBy(ref) {
			continue
		}
		txt := d.text(ref)
		var edited bool
		if d.printed {
			edited = !d.asExported[ref]
		} else {
			edited = cleanCell(printed[ref]) != txt && !(slices.Contains(coded, ref) && d.icoMatches(ref, txt, printed[ref], hidden))
		}
		if edited {
			out = append(out, ref)
		}
	}
	return out
}

// overriddenBy reports whether a ROPA Desk column of this row carries one of
// the ICO column's fields.
func (d *rowDecoder) overriddenBy(ref columnRef) bool {
	shares := columnOverlap()[ref]
	for i := range ropaColumns {
		if !d.machine(i) {
			continue
		}
		if shares[i] {
			return true
		}
		if i == rdExactLists && d.text(d.rd(i)) != "" {
			return true
		}
	}
	return false
}

// columnOverlap[ref][i] says whether ICO column ref and ROPA Desk column i
// carry a top-level field in common; fixed, so worked out once.
var columnOverlap = sync.OnceValue(func() [][]bool {
	out := make([][]bool, icoColumnCount)
	for ref := range columnRef(icoColumnCount) {
		out[ref] = make([]bool, len(ropaColumns))
		for i, c := range ropaColumns {
			for _, f := range c.Fields {
				top, _, _ := strings.Cut(f, ".")
				if slices.ContainsFunc(icoColumns[ref].Fields, func(g string) bool { t, _, _ := strings.Cut(g, "."); return t == top }) {
					out[ref][i] = true
				}
			}
		}
	}
	return out
})

// applyEdits lays the fields of each edited column, as read from its text
// (in fromText), over the activity as the hidden columns gave it. Personal
// data is the one column whose text also suggests special categories and
// criminal offence data: those are added to, never cleared, as on any
// import of free text.
func applyEdits(a *model.Activity, fromText *model.Activity, edited []columnRef) error {
	if len(edited) == 0 {
		return nil
	}
	am, err := toMap(a)
	if err != nil {
		return err
	}
	tm, err := toMap(fromText)
	if err != nil {
		return err
	}
	for _, ref := range edited {
		fields := icoColumns[ref].Fields
		if ref == colPersonalData {
			fields = []string{"personal_data"}
		}
		for _, f := range fields {
			top, sub, nested := strings.Cut(f, ".")
			if !nested {
				if v, ok := tm[top]; ok {
					am[top] = v
				} else {
					delete(am, top)
				}
				continue
			}
			if err := setSubKey(am, tm, top, sub); err != nil {
				return err
			}
		}
	}
	data, err := json.Marshal(am)
	if err != nil {
		return err
	}
	var m model.Activity
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	if slices.Contains(edited, colPersonalData) {
		for _, c := range fromText.SpecialCategories {
			if !slices.Contains(m.SpecialCategories, c) {
				m.SpecialCategories = append(m.SpecialCategories, c)
			}
		}
		m.CriminalOffenceData = m.CriminalOffenceData || fromText.CriminalOffenceData
	}
	*a = m
	return nil
}
