package report

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"sort"
	"strconv"
)

// fpdf compresses each page's content stream with a new zlib writer, and a
// new flate compressor allocates over a megabyte: a PDF of 1,000 activities
// (some 2,300 pages) allocated about 2.6 GB for that alone. So the document
// is written uncompressed and compressPages deflates the page streams
// afterwards with one reused writer at fpdf's level, which gives the very
// bytes fpdf would have written (TestCompressPagesSameAsFpdf holds it to
// that).

// pageCompressor receives the document from fpdf's Output, which writes it
// in one piece, and compresses its pages there, so that no second
// uncompressed copy is held: for a register of 10,000 activities that copy
// is hundreds of megabytes. Should the document not be laid out as
// compressPages expects, it keeps it uncompressed, still a valid PDF.
type pageCompressor struct {
	doc    []byte
	writes int
	// tags, if not nil, is the structure to write into the document
	// (tagtree.go) while its pages are compressed.
	tags *tagger
	// err is why the document could not be rewritten, if it could not.
	err error
}

func (p *pageCompressor) Write(b []byte) (int, error) {
	if p.writes++; p.writes > 1 {
		return 0, errors.New("fpdf wrote the document in parts; compressPages needs it whole")
	}
	if c, err := rewritePDF(b, p.tags); err == nil {
		p.doc = c
	} else {
		p.doc, p.err = bytes.Clone(b), err
	}
	return len(b), nil
}

// compressPages returns pdf, an uncompressed document as fpdf writes it,
// with every page content stream deflated and the cross-reference table
// updated. If the document is not laid out as expected it returns an
// error; the caller then keeps the uncompressed document, which is valid.
func compressPages(pdf []byte) ([]byte, error) { return rewritePDF(pdf, nil) }

// rewritePDF is compressPages that also, if tags is not nil, writes the
// structure tree tags recorded into the document and marks it as tagged
// PDF 1.7 (treeWriter).
func rewritePDF(pdf []byte, tags *tagger) ([]byte, error) {
	offsets, xrefAt, err := readXref(pdf)
	if err != nil {
		return nil, err
	}
	// Objects by position in the file, so each one's extent is known: it
	// runs to the next object, or to the cross-reference table.
	byPos := make([]int, 0, len(offsets))
	for obj := 1; obj < len(offsets); obj++ {
		byPos = append(byPos, obj)
	}
	sort.Slice(byPos, func(i, j int) bool { return offsets[byPos[i]] < offsets[byPos[j]] })
	end := make([]int, len(offsets))
	for i, obj := range byPos {
		end[obj] = xrefAt
		if i+1 < len(byPos) {
			end[obj] = offsets[byPos[i+1]]
		}
		if end[obj] < offsets[obj] || offsets[obj] <= 0 {
			return nil, fmt.Errorf("compress PDF pages: object %d is out of place", obj)
		}
	}
	body := func(obj int) []byte {
		return bytes.TrimPrefix(pdf[offsets[obj]:end[obj]], []byte(strconv.Itoa(obj)+" 0 obj\n"))
	}

	// A page object names its content stream as the next object, last
	// thing before "endobj". Only page objects are searched, never a
	// content stream, so no text on a page can be taken for one.
	isContent := make([]bool, len(offsets))
	// pageNo[obj] is page object obj's page number, 0 for other objects;
	// fpdf writes the pages in order.
	pageNo := make([]int, len(offsets))
	var pageObj []int
	catalog := 0
	for obj := 1; obj < len(offsets); obj++ {
		b := body(obj)
		if bytes.HasPrefix(b, []byte("<<\n/Type /Catalog\n")) {
			catalog = obj
		}
		if obj+1 == len(offsets) || !bytes.HasPrefix(b, []byte("<</Type /Page\n")) {
			continue
		}
		if !bytes.HasSuffix(b, []byte("/Contents "+strconv.Itoa(obj+1)+" 0 R>>\nendobj\n")) {
			return nil, fmt.Errorf("compress PDF pages: page object %d does not end with its contents", obj)
		}
		isContent[obj+1] = true
		pageObj = append(pageObj, obj)
		pageNo[obj] = len(pageObj)
	}
	var tree *treeWriter
	if tags != nil {
		if catalog == 0 {
			return nil, fmt.Errorf("tag PDF: no catalog")
		}
		if tree, err = newTreeWriter(tags, pageObj, len(offsets)); err != nil {
			return nil, err
		}
	}

	out := bytes.NewBuffer(make([]byte, 0, len(pdf)/2))
	var z bytes.Buffer
	zw, err := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	if err != nil {
		return nil, fmt.Errorf("compress PDF pages: %w", err)
	}
	deflate := func(b []byte) []byte {
		// Writes to a bytes.Buffer cannot fail, so neither can these.
		z.Reset()
		zw.Reset(&z)
		_, _ = zw.Write(b)
		_ = zw.Close()
		return z.Bytes()
	}
	newOffsets := make([]int, len(offsets))
	for _, obj := range byPos {
		newOffsets[obj] = out.Len()
		switch {
		case tree != nil && pageNo[obj] > 0:
			if err := tree.page(out, obj, pageNo[obj]-1, body(obj)); err != nil {
				return nil, err
			}
			continue
		case tree != nil && obj == catalog:
			if err := tree.catalog(out, obj, body(obj)); err != nil {
				return nil, err
			}
			continue
		case !isContent[obj]:
			out.Write(pdf[offsets[obj]:end[obj]])
			continue
		}
		data, ok := streamData(body(obj))
		if !ok {
			return nil, fmt.Errorf("compress PDF pages: content object %d is not a plain stream", obj)
		}
		zd := deflate(data)
		fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", obj, len(zd))
		out.Write(zd)
		out.WriteString("\nendstream\nendobj\n")
	}
	var stm, idx []int32
	if tree != nil {
		if newOffsets, stm, idx, err = tree.objects(out, newOffsets, deflate); err != nil {
			return nil, err
		}
	}
	// What precedes the first object (the header) is copied first; it was
	// left out above, so put it in front.
	head := pdf[:offsets[byPos[0]]]
	doc := make([]byte, 0, len(head)+out.Len()+len(offsets)*20+256)
	doc = append(doc, head...)
	if tree != nil {
		// Tagged PDF needs 1.4 at least, object streams 1.5; the header
		// fpdf wrote is the same length whatever its minor version.
		if !bytes.HasPrefix(doc, []byte("%PDF-1.")) || len(doc) < 9 {
			return nil, fmt.Errorf("tag PDF: no PDF header")
		}
		doc[7] = '7'
	}
	doc = append(doc, out.Bytes()...)

	trailer := pdf[xrefAt:]
	i := bytes.Index(trailer, []byte("trailer\n"))
	j := bytes.LastIndex(trailer, []byte("startxref\n"))
	if i < 0 || j < i {
		return nil, fmt.Errorf("compress PDF pages: no trailer")
	}
	if tree != nil {
		// Objects in object streams need a cross-reference stream.
		return appendXrefStream(doc, trailer[i:j], len(head), newOffsets, stm, idx, deflate)
	}
	xref := len(doc)
	doc = fmt.Appendf(doc, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for obj := 1; obj < len(offsets); obj++ {
		doc = fmt.Appendf(doc, "%010d 00000 n \n", len(head)+newOffsets[obj])
	}
	doc = append(doc, trailer[i:j]...)
	doc = fmt.Appendf(doc, "startxref\n%d\n%%%%EOF\n", xref)
	return doc, nil
}

// readXref reads the cross-reference table fpdf writes: one subsection
// from object 0, every entry in use but the first. offsets[n] is object
// n's byte offset.
func readXref(pdf []byte) (offsets []int, xrefAt int, err error) {
	i := bytes.LastIndex(pdf, []byte("startxref\n"))
	if i < 0 {
		return nil, 0, fmt.Errorf("compress PDF pages: no startxref")
	}
	rest := pdf[i+len("startxref\n"):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, 0, fmt.Errorf("compress PDF pages: startxref has no offset")
	}
	xrefAt, err = strconv.Atoi(string(rest[:nl]))
	if err != nil || xrefAt <= 0 || xrefAt >= i {
		return nil, 0, fmt.Errorf("compress PDF pages: bad startxref %q", rest[:nl])
	}
	x := pdf[xrefAt:i]
	var n int
	if _, err := fmt.Sscanf(string(x[:min(len(x), 40)]), "xref\n0 %d\n", &n); err != nil || n < 2 {
		return nil, 0, fmt.Errorf("compress PDF pages: cannot read the cross-reference table")
	}
	entries := x[bytes.Index(x, []byte("\n0 "))+1:]
	entries = entries[bytes.IndexByte(entries, '\n')+1:]
	const entryLen = 20 // "0000012345 00000 n \n"
	if len(entries) < n*entryLen {
		return nil, 0, fmt.Errorf("compress PDF pages: cross-reference table is cut short")
	}
	offsets = make([]int, n)
	for obj := 1; obj < n; obj++ {
		e := entries[obj*entryLen : (obj+1)*entryLen]
		if !bytes.HasSuffix(e, []byte(" 00000 n \n")) {
			return nil, 0, fmt.Errorf("compress PDF pages: cross-reference entry %d is not in use", obj)
		}
		if offsets[obj], err = strconv.Atoi(string(e[:10])); err != nil {
			return nil, 0, fmt.Errorf("compress PDF pages: cross-reference entry %d: %w", obj, err)
		}
	}
	return offsets, xrefAt, nil
}

// streamData returns the data of an object body "<</Length n>>\nstream\n…
// \nendstream\nendobj\n", checking the length against the markers.
func streamData(b []byte) ([]byte, bool) {
	const pre, post = "<</Length ", ">>\nstream\n"
	if !bytes.HasPrefix(b, []byte(pre)) {
		return nil, false
	}
	b = b[len(pre):]
	k := bytes.Index(b, []byte(post))
	if k < 0 {
		return nil, false
	}
	n, err := strconv.Atoi(string(b[:k]))
	b = b[k+len(post):]
	if err != nil || n < 0 || n > len(b) || string(b[n:]) != "\nendstream\nendobj\n" {
		return nil, false
	}
	return b[:n], true
}
