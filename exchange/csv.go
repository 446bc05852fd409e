package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/ropadesk/ropadesk/model"
)

// utf8BOM makes Excel open the file as UTF-8 rather than the PC's code page.
const utf8BOM = "\uFEFF"

// WriteCSV writes one row per activity (RFC 4180, UTF-8 with a byte order
// mark for Excel) under the same headings as WriteXLSX: the 30 ICO columns,
// ROPA Desk's columns, then unknown columns kept from an earlier import.
// CSV has one table only, so organisations' contact details and review
// cycles are not in it; each activity names its organisation.
func WriteCSV(w io.Writer, r *model.Register) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	cw := csv.NewWriter(bw)
	// Excel and RFC 4180 expect CRLF line ends.
	cw.UseCRLF = true
	enc := newRowEncoder(r)
	if err := cw.Write(enc.headings()); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	for i := range r.Activities {
		row, err := enc.encode(&r.Activities[i])
		if err != nil {
			return err
		}
		for j, v := range row {
			row[j] = defuseFormula(v)
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write CSV activity %q: %w", r.Activities[i].Name, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// ReadCSV reads a CSV file of activities, one a row under a heading row
// (ICO template headings, and ROPA Desk's). It accepts a UTF-8 byte order
// mark, refuses text that is not UTF-8 (naming the row and column) and rows
// with a different number of cells from the heading row.
func ReadCSV(r io.Reader, name string) (*Imported, error) {
	data, err := readLimited(r, name)
	if err != nil {
		return nil, err
	}
	txt, err := decodeCSVText(data, name)
	if err != nil {
		return nil, err
	}
	data = txt.data
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = txt.sep
	if cr.Comma == 0 {
		cr.Comma = sniffSeparator(data)
	}
	cr.FieldsPerRecord = 0
	cr.ReuseRecord = false
	var rows [][]string
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		for c, v := range rec {
			if !utf8.ValidString(v) {
				line, _ := cr.FieldPos(c)
				return nil, model.Errorf(model.EINVALID, "%s: row %d (line %d), column %s is not UTF-8 text (it looks like another encoding, such as Windows-1252 or Latin-1). In Excel choose File › Save As › \"CSV UTF-8 (Comma delimited)\", then import that file.", name, len(rows)+1, line, colLetter(c))
			}
			if meant, bad := mojibake(v); bad {
				heading := ""
				if len(rows) > 0 && c < len(rows[0]) {
					heading = rows[0][c]
				}
				return nil, mojibakeError(name, len(rows)+1, c, heading, v, meant)
			}
			if len(v) > MaxCellSize {
				return nil, model.Errorf(model.EINVALID, "%s: row %d, column %s holds %.1f MiB of text; ROPA Desk reads at most %d MiB from one cell. Check the file is the right one, or shorten that cell.", name, len(rows)+1, colLetter(c), float64(len(v))/(1<<20), MaxCellSize>>20)
			}
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				if errors.Is(pe.Err, csv.ErrFieldCount) {
					return nil, model.Errorf(model.EINVALID, "%s: row %d (line %d) has %d cells, but the first row has %d. Every row must have as many cells as the headings; check for a missing or extra comma.", name, len(rows)+1, pe.StartLine, len(rec), len(rows[0]))
				}
				return nil, model.Errorf(model.EINVALID, "%s: row %d (line %d) is not valid CSV: %v. Check for a stray quote mark.", name, len(rows)+1, pe.StartLine, pe.Err)
			}
			return nil, fmt.Errorf("read CSV %s: %w", name, err)
		}
		for c, v := range rec {
			rec[c] = restoreFormula(v)
		}
		rows = append(rows, rec)
	}
	if len(rows) == 0 {
		return nil, model.Errorf(model.EINVALID, "%s is empty: it has no heading row.", name)
	}
	g := &grid{file: name, rows: rows}
	headRow, matched := findHeadingRow(g)
	if matched < 2 {
		return nil, model.Errorf(model.EINVALID, "%s has no row of ICO template headings (such as \"Business function\" and \"Purpose of processing\") in its first 20 rows.", name)
	}
	in := &Imported{File: name}
	d := &rowDecoder{g: g, l: newLayout(g, headRow), imp: in}
	d.decodeAll()
	if len(in.Activities) == 0 {
		return nil, model.Errorf(model.EINVALID, "%s has the template's headings (row %d) but no activity rows under them: there is nothing to import.", name, headRow+1)
	}
	// CSV carries no organisation details: one organisation per name (and
	// id) the rows give.
	seen := map[string]bool{}
	for _, ia := range in.Activities {
		key := ia.OrganisationID.String() + "|" + normaliseText(ia.Organisation)
		if ia.Organisation == "" || seen[key] {
			continue
		}
		seen[key] = true
		in.Organisations = append(in.Organisations, model.Organisation{ID: ia.OrganisationID, Name: ia.Organisation})
	}
	return in, nil
}

// sniffSeparator returns the separator of the first line: a comma, or the
// semicolon Excel writes in locales where the comma is the decimal mark,
// or a tab.
func sniffSeparator(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(data[:min(len(data), 64<<10)]) {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '\n':
			return best(counts)
		case r == ',' || r == ';' || r == '\t':
			counts[r]++
		}
	}
	return best(counts)
}

func best(counts map[rune]int) rune {
	sep := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[sep] {
			sep = r
		}
	}
	return sep
}

// defuseFormula stops a spreadsheet running a cell as a formula when the
// CSV is opened (CSV injection): text starting with = + - @ (or a tab or
// carriage return) gets a leading apostrophe, as Excel itself shows such
// text. An apostrophe already leading such text is doubled, so that
// restoreFormula gives back exactly what was written.
func defuseFormula(s string) string {
	if s == "" {
		return s
	}
	t := strings.TrimLeft(s, "'")
	if t != "" && strings.ContainsRune("=+-@\t\r", rune(t[0])) {
		return "'" + s
	}
	return s
}

// restoreFormula undoes defuseFormula.
func restoreFormula(s string) string {
	if len(s) < 2 || s[0] != '\'' {
		return s
	}
	t := strings.TrimLeft(s, "'")
	if t != "" && strings.ContainsRune("=+-@\t\r", rune(t[0])) {
		return s[1:]
	}
	return s
}
