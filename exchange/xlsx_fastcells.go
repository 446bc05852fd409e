package exchange

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// A faster reader of a sheet's cell text. excelize's row iterator decodes
// every cell with encoding/xml's reflection (DecodeElement into its cell
// struct): on a 10,000-activity register that was two thirds of the import
// and kept it over its 3 s target. fastSheetRows walks the same XML as
// tokens instead and gives, cell for cell, the strings excelize's
// Rows.Columns would.
//
// It is a fast path, not a second reader of the format: it takes only what
// it can read exactly as excelize does (cells without a style holding a
// shared or inline string, or a "str" without a formula), and at the first
// thing it does not take (a number, date or boolean, a style whose number
// format could change the text, a formula, an element it does not know,
// XML excelize would read differently or stop at) it answers ok=false and
// the caller reads the whole sheet with excelize. TestFastSheetRowsAgree
// and FuzzFastSheetRows hold it to excelize's answer on every sheet it
// takes.

// fastRowLimit: past this many rows the caller's limit (MaxSheetRows) is
// exceeded anyway, and excelize's path reports it in the caller's words.
const fastRowLimit = MaxSheetRows + 1

// spreadsheetNS is the namespace of a transitional workbook's parts.
const spreadsheetNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

// tokens reads XML with RawToken, which skips encoding/xml's namespace
// bookkeeping, and checks what Token would: that every end tag closes the
// element it should.
type tokens struct {
	d     *xml.Decoder
	stack []xml.Name
}

func newTokens(data []byte) *tokens {
	return &tokens{d: xml.NewDecoder(bytes.NewReader(data))}
}

// next returns the next token; an end tag that closes the wrong element,
// or any XML error, is an error.
func (t *tokens) next() (xml.Token, error) {
	tok, err := t.d.RawToken()
	if err != nil {
		return nil, err
	}
	switch e := tok.(type) {
	case xml.StartElement:
		t.stack = append(t.stack, e.Name)
	case xml.EndElement:
		if len(t.stack) == 0 || t.stack[len(t.stack)-1] != e.Name {
			return nil, errBadNesting
		}
		t.stack = t.stack[:len(t.stack)-1]
	}
	return tok, nil
}

var errBadNesting = xml.UnmarshalError("element closed out of order")

// at reports whether the open elements from depth from on are names.
func (t *tokens) at(from int, names ...string) bool {
	if len(t.stack)-from != len(names) {
		return false
	}
	for i, n := range names {
		if t.stack[from+i].Local != n {
			return false
		}
	}
	return true
}

// stringItem gathers one string item (a shared string's si, an inline
// string's is) as excelize's xlsxSI.String reads it: the plain text first,
// then the runs' text in order, phonetic runs left out.
type stringItem struct {
	t, r         strings.Builder
	hasT, ok     bool
	runT, inText int // 1 while in a run's t, or the item's own t
}

func (s *stringItem) reset() {
	s.t.Reset()
	s.r.Reset()
	s.hasT, s.ok, s.runT, s.inText = false, true, 0, 0
}

// start takes an element opened inside the item (rel: its names below the
// item); it reports false for what the fast path does not read.
func (s *stringItem) start(rel []xml.Name, runHasT *bool) bool {
	switch {
	case len(rel) == 1 && rel[0].Local == "t":
		if s.hasT {
			return false // a second t replaces the first in excelize
		}
		s.hasT, s.inText = true, 1
	case len(rel) == 1 && (rel[0].Local == "r" || rel[0].Local == "rPh" || rel[0].Local == "phoneticPr"):
		*runHasT = false
	case len(rel) == 2 && rel[0].Local == "r" && rel[1].Local == "t":
		if *runHasT {
			return false
		}
		*runHasT, s.runT = true, 1
	case len(rel) >= 2 && rel[0].Local == "r" && rel[1].Local == "rPr":
	case len(rel) == 2 && rel[0].Local == "rPh" && rel[1].Local == "t":
	default:
		return false
	}
	return true
}

func (s *stringItem) text(b []byte) {
	switch {
	case s.inText == 1:
		s.t.Write(b)
	case s.runT == 1:
		s.r.Write(b)
	}
}

// end takes the end of an element inside the item: local is its name and
// level its depth below the item (1 for a child of si or is).
func (s *stringItem) end(level int, local string) {
	if local != "t" {
		return
	}
	switch level {
	case 1:
		s.inText = 0
	case 2:
		s.runT = 0
	}
}

func (s *stringItem) String() string {
	switch {
	case s.r.Len() == 0:
		return bstrUnmarshal(s.t.String())
	case s.t.Len() == 0:
		return bstrUnmarshal(s.r.String())
	}
	return bstrUnmarshal(s.t.String() + s.r.String())
}

// sharedStrings is a workbook's shared-string table as excelize reads it.
type sharedStrings struct {
	items []string
	ok    bool // false: not read here, so no sheet takes the fast path
}

// readSharedStrings reads the table in data (the part
// "xl/sharedStrings.xml"); nil data is a workbook without one.
func readSharedStrings(data []byte) sharedStrings {
	if data == nil {
		return sharedStrings{ok: true}
	}
	if bytes.Contains(data, []byte("purl.oclc.org")) {
		return sharedStrings{} // strict OOXML: excelize rewrites its namespaces first
	}
	var s sharedStrings
	var item stringItem
	var runHasT bool
	tr := newTokens(data)
	for {
		tok, err := tr.next()
		if err == io.EOF {
			s.ok = len(tr.stack) == 0
			return s
		}
		if err != nil {
			return sharedStrings{}
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch {
			case len(tr.stack) == 1:
				// excelize decodes the table into a struct named sst in
				// the spreadsheet namespace and fails on anything else.
				if e.Name.Local != "sst" || !inNamespace(e, spreadsheetNS) {
					return sharedStrings{}
				}
			case tr.at(1, "si"):
				item.reset()
			case len(tr.stack) > 2 && tr.stack[1].Local == "si":
				if !item.start(tr.stack[2:], &runHasT) {
					return sharedStrings{}
				}
			}
		case xml.CharData:
			if len(tr.stack) > 2 && tr.stack[1].Local == "si" {
				item.text(e)
			}
		case xml.EndElement:
			switch {
			case len(tr.stack) == 1 && e.Name.Local == "si":
				s.items = append(s.items, item.String())
			case len(tr.stack) >= 2 && tr.stack[1].Local == "si":
				item.end(len(tr.stack)-1, e.Name.Local)
			case len(tr.stack) == 0:
				// The table is the first element: excelize decodes
				// that one and reads no further.
				s.ok = true
				return s
			}
		}
	}
}

// inNamespace reports whether element e, read raw, is in namespace ns: its
// prefix (or the default) is declared on it as ns.
func inNamespace(e xml.StartElement, ns string) bool {
	for _, a := range e.Attr {
		if (e.Name.Space == "" && a.Name.Space == "" && a.Name.Local == "xmlns") ||
			(e.Name.Space != "" && a.Name.Space == "xmlns" && a.Name.Local == e.Name.Space) {
			return a.Value == ns
		}
	}
	return false
}

// cell is the one being read.
type cell struct {
	typ       string
	col       int // 1-based, as excelize counts
	hasV, inV bool
	v         strings.Builder
	is        stringItem
	hasIS     bool
	runHasT   bool
}

// fastSheetRows reads the sheet XML in data as excelize's Rows.Columns
// reads it, row by row (rows[i] is row i+1, nil where there is no row or
// no text), or answers ok=false where it cannot be sure of the same.
// plain reports whether a cell style leaves a string's text as it is
// (plainStyles).
func fastSheetRows(data []byte, sst sharedStrings, plain func(style int) bool) (rows [][]string, ok bool) {
	if !sst.ok || bytes.Contains(data, []byte("purl.oclc.org")) {
		return nil, false
	}
	tr := newTokens(data)
	base := -1 // depth of sheetData's children
	var row []string
	rowNum := 0
	var c cell
	for {
		tok, err := tr.next()
		if err != nil {
			// excelize stops quietly at bad XML or a missing
			// </sheetData>: its reading is the one to keep.
			return nil, false
		}
		switch e := tok.(type) {
		case xml.StartElement:
			name := e.Name.Local
			if base < 0 {
				// excelize acts on a row or a cell wherever it is.
				if name == "row" || name == "c" {
					return nil, false
				}
				if name == "sheetData" {
					base = len(tr.stack)
				}
				continue
			}
			rel := tr.stack[base:]
			switch {
			case len(rel) == 1 && name == "row":
				n, ok := rowNumber(e.Attr, rowNum)
				if !ok {
					return nil, false
				}
				for len(rows) < n-1 {
					rows = append(rows, nil)
				}
				rowNum, row, c.col = n, nil, 0
			case len(rel) == 2 && rel[0].Local == "row" && name == "c":
				col, typ, ok := cellAttrs(e.Attr, plain)
				if !ok {
					return nil, false
				}
				if col == 0 {
					col = c.col + 1
				}
				c = cell{typ: typ, col: col}
			case len(rel) == 3 && rel[1].Local == "c" && name == "v":
				if c.hasV {
					return nil, false
				}
				c.hasV, c.inV = true, true
			case len(rel) == 3 && rel[1].Local == "c" && name == "is":
				if c.hasIS {
					return nil, false
				}
				c.hasIS = true
				c.is.reset()
			case len(rel) > 3 && rel[1].Local == "c" && rel[2].Local == "is":
				if !c.is.start(rel[3:], &c.runHasT) {
					return nil, false
				}
			default:
				return nil, false // a formula, extLst or anything else
			}
		case xml.CharData:
			if base < 0 {
				continue
			}
			rel := tr.stack[base:]
			switch {
			case c.inV:
				c.v.Write(e)
			case len(rel) > 3 && rel[2].Local == "is":
				c.is.text(e)
			}
		case xml.EndElement:
			if base < 0 {
				continue
			}
			depth := len(tr.stack) - base // of the element just closed
			switch {
			case depth < 0:
				return rows, true // </sheetData>: the rest is not cell data
			case depth == 0:
				rows = append(rows, row)
				if len(rows) > fastRowLimit {
					return nil, false
				}
			case depth == 1:
				val, ok := c.value(sst)
				if !ok {
					return nil, false
				}
				if val != "" {
					for len(row) < c.col-1 {
						row = append(row, "") // excelize's appendSpace
					}
					row = append(row, val)
				}
			case depth == 2:
				c.inV = false
			default:
				if tr.stack[base+2].Local == "is" {
					c.is.end(len(tr.stack)-(base+3)+1, e.Name.Local)
				}
			}
		}
	}
}

// rowNumber is a row's number: its r attribute, or the one after prev. A
// number that does not follow on is left to excelize.
func rowNumber(attrs []xml.Attr, prev int) (int, bool) {
	for _, a := range attrs {
		if a.Name.Local == "r" {
			n, err := strconv.Atoi(a.Value)
			if err != nil || n <= prev || n > fastRowLimit {
				return 0, false
			}
			return n, true
		}
	}
	return prev + 1, prev+1 <= fastRowLimit
}

// plainStyles answers, for a workbook, whether cell style n keeps a
// string's text as it is: its number format is General (id 0, with no
// custom format of that id), which excelize's formattedValue leaves alone
// for a shared or inline string. The workbook's styles are read by
// excelize (GetStyle); styles, the styles part, only to see the custom
// formats' ids.
func plainStyles(get func(int) (*excelize.Style, error), styles []byte) func(int) bool {
	var custom struct {
		IDs []struct {
			ID int `xml:"numFmtId,attr"`
		} `xml:"numFmts>numFmt"`
	}
	zeroCustom := bytes.Contains(styles, []byte("purl.oclc.org")) || xml.Unmarshal(styles, &custom) != nil
	for _, c := range custom.IDs {
		zeroCustom = zeroCustom || c.ID == 0
	}
	known := map[int]bool{}
	return func(n int) bool {
		if zeroCustom {
			return false
		}
		if v, ok := known[n]; ok {
			return v
		}
		st, err := get(n)
		known[n] = err == nil && st.NumFmt == 0 && st.CustomNumFmt == nil
		return known[n]
	}
}

// cellAttrs reads a cell's column from its reference (0 when it has none)
// and its type. A style that is not plain is refused: excelize formats a
// styled cell's text by the style's number format.
func cellAttrs(attrs []xml.Attr, plain func(int) bool) (col int, typ string, ok bool) {
	for _, a := range attrs {
		switch a.Name.Local {
		case "r":
			if col, ok = refColumn(a.Value); !ok {
				return 0, "", false
			}
		case "s":
			n, err := strconv.Atoi(a.Value)
			if err != nil || (n != 0 && !plain(n)) {
				return 0, "", false
			}
		case "t":
			typ = a.Value
		}
	}
	return col, typ, true
}

// refColumn is the column of a plain reference such as "AB12".
func refColumn(ref string) (int, bool) {
	c, i := 0, 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		c = c*26 + int(ref[i]-'A'+1)
	}
	if i == 0 || i > 3 || c > MaxSheetColumns || i == len(ref) || ref[i] == '0' {
		return 0, false
	}
	for _, d := range ref[i:] {
		if d < '0' || d > '9' {
			return 0, false
		}
	}
	return c, true
}

// value is the cell's text as excelize's getValueFrom gives it for an
// unstyled cell of the types taken here.
func (c *cell) value(sst sharedStrings) (string, bool) {
	v := c.v.String()
	switch c.typ {
	case "inlineStr":
		if c.hasIS {
			return c.is.String(), true
		}
		return v, true
	case "s":
		if v == "" {
			return "", !c.hasIS
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(sst.items) || c.hasIS {
			return "", false
		}
		return sst.items[i], true
	case "str":
		return v, !c.hasIS
	case "", "n":
		// A number is formatted by excelize; an empty cell has no text.
		return "", !c.hasV && !c.hasIS
	}
	return "", false // b, d, e or a type excelize may read its own way
}

// bstrExp and bstrUnmarshal undo Excel's escapes of characters XML 1.0
// cannot hold (_x000D_ is a carriage return, _x005F_ an underscore) as
// excelize's unexported bstrUnmarshal does: the same pattern and results,
// an escape of no valid character included (it reads as nothing).
var bstrExp = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	cursor := 0
	for _, m := range bstrExp.FindAllStringIndex(s, -1) {
		b.WriteString(s[cursor:m[0]])
		cursor = m[1]
		if s[m[0]:m[1]] == "_x005F_" {
			b.WriteByte('_')
			continue
		}
		n, _ := strconv.ParseUint(s[m[0]+2:m[1]-1], 16, 32)
		if r := rune(n); utf8.ValidRune(r) {
			b.WriteRune(r)
		}
	}
	b.WriteString(s[cursor:])
	return b.String()
}
