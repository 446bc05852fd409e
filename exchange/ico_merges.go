package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"
)

// mergeRanges returns each sheet's merged ranges ("A8:K8"), by sheet name,
// read straight from the workbook package. excelize's GetMergeCells parses
// the whole worksheet to find them, which doubles the time to read a large
// register; the ranges are a short list at the end of the sheet's XML.
// ok is false when the package is laid out in a way this does not follow,
// and the caller then asks excelize. unzipped, if not nil, gives a part
// already unzipped in memory (excelize's copy: a large sheet is then not
// inflated a second time).
func mergeRanges(data []byte, unzipped func(name string) ([]byte, bool)) (ranges map[string][]string, ok bool) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, false
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	read := func(name string) ([]byte, bool) {
		f, ok := files[name]
		if !ok {
			return nil, false
		}
		rc, err := f.Open()
		if err != nil {
			return nil, false
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, 1<<30))
		return b, err == nil
	}
	wbData, ok1 := read("xl/workbook.xml")
	relData, ok2 := read("xl/_rels/workbook.xml.rels")
	if !ok1 || !ok2 {
		return nil, false
	}
	sheets, ok := sheetParts(wbData, relData)
	if !ok {
		return nil, false
	}
	ranges = map[string][]string{}
	for _, s := range sheets {
		f, ok := files[s.part]
		if !ok {
			return nil, false
		}
		if unzipped != nil {
			if b, ok := unzipped(f.Name); ok {
				ranges[s.name] = findMergeRefs(b) // from the last </sheetData>
				continue
			}
		}
		rc, err := f.Open()
		if err != nil {
			return nil, false
		}
		tail, err := afterSheetData(rc)
		rc.Close()
		if err != nil {
			return nil, false
		}
		ranges[s.name] = findMergeRefs(tail)
	}
	return ranges, true
}

// sheetPart is a sheet's name and the package part holding it.
type sheetPart struct{ name, part string }

// sheetParts lists the workbook's sheets in order with their parts, from
// xl/workbook.xml and its relationships.
func sheetParts(wbData, relData []byte) ([]sheetPart, bool) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(wbData, &wb) != nil || xml.Unmarshal(relData, &rels) != nil {
		return nil, false
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	var out []sheetPart
	for _, s := range wb.Sheets {
		t, ok := targets[s.RID]
		if !ok {
			return nil, false
		}
		out = append(out, sheetPart{s.Name, t})
	}
	return out, true
}

// findMergeRefs finds the ref of every mergeCell element, with or without
// a namespace prefix.
func findMergeRefs(x []byte) []string {
	var refs []string
	i := bytes.LastIndex(x, []byte("</sheetData>"))
	if i < 0 {
		i = 0
	}
	x = x[i:]
	for {
		j := bytes.Index(x, []byte("mergeCell "))
		if j < 0 {
			return refs
		}
		x = x[j+len("mergeCell "):]
		end := bytes.IndexByte(x, '>')
		if end < 0 {
			return refs
		}
		attrs := x[:end]
		if k := bytes.Index(attrs, []byte(`ref="`)); k >= 0 {
			v := attrs[k+5:]
			if q := bytes.IndexByte(v, '"'); q >= 0 {
				refs = append(refs, string(v[:q]))
			}
		}
		x = x[end:]
	}
}

// afterSheetData streams a worksheet's XML and keeps only what follows its
// last "</sheetData>" (where the merged ranges are), so a large sheet is
// never held in memory whole.
func afterSheetData(r io.Reader) ([]byte, error) {
	end := []byte("</sheetData>")
	buf := make([]byte, 256<<10)
	var keep []byte
	found := false
	for {
		n, err := r.Read(buf)
		keep = append(keep, buf[:n]...)
		// A sheet has one </sheetData> (in a cell's text it would be
		// escaped): once found, what follows is only kept, not searched.
		if !found {
			if i := bytes.Index(keep, end); i >= 0 {
				keep, found = keep[i:], true
			} else if len(keep) > len(end) {
				// Keep a few bytes in case the marker straddles two reads.
				keep = append(keep[:0], keep[len(keep)-len(end):]...)
			}
		}
		if found && len(keep) > maxUnzipInMemory {
			return nil, io.ErrShortBuffer
		}
		if err == io.EOF {
			if !found {
				return nil, nil
			}
			return keep, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
