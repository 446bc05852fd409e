package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf16"
)

// treeWriter writes the structure tree the tagger recorded into the
// document fpdf wrote, as rewritePDF copies it: each page gets
// /StructParents and /Tabs /S, its link annotations become objects of
// their own (a structure element can point only at an indirect object)
// with /StructParent and /Contents, the catalog gets /MarkInfo,
// /StructTreeRoot and /ViewerPreferences, and the new objects, the tree's
// root, its elements, the parent tree and the annotations, follow fpdf's
// last object. fpdf's own objects keep their numbers.
type treeWriter struct {
	t *tagger
	// pageObj[p] is page p+1's object number.
	pageObj []int
	// New objects: the root, the parent tree, one per element, one array
	// per page for the parent tree, one per link annotation.
	root, parentTree, elemBase, arrayBase, annotBase, size int
	// annotFirst[p] is the number, among all link annotations, of page
	// p+1's first.
	annotFirst []int
	// annots holds the annotation dictionaries fpdf wrote inline, taken
	// out of the pages, in order.
	annots    [][]byte
	buf, abuf []byte
}

func newTreeWriter(t *tagger, pageObj []int, firstNew int) (*treeWriter, error) {
	if len(t.mcids) > len(pageObj) || len(t.links) > len(pageObj) {
		return nil, fmt.Errorf("tag PDF: %d pages, but content tagged on %d", len(pageObj), max(len(t.mcids), len(t.links)))
	}
	w := &treeWriter{t: t, pageObj: pageObj}
	w.root = firstNew
	w.parentTree = firstNew + 1
	w.elemBase = firstNew + 2
	w.arrayBase = w.elemBase + len(t.elems)
	w.annotBase = w.arrayBase + len(pageObj)
	w.annotFirst = make([]int, len(pageObj)+1)
	n := 0
	for p := range pageObj {
		w.annotFirst[p] = n
		if p < len(t.links) {
			n += len(t.links[p])
		}
	}
	w.annotFirst[len(pageObj)] = n
	w.size = w.annotBase + n
	w.annots = make([][]byte, 0, n)
	return w, nil
}

// page writes page p's object (its body as fpdf wrote it) with its
// structure entries, and keeps its link annotations for objects.
func (w *treeWriter) page(out *bytes.Buffer, obj, p int, body []byte) error {
	var links []tagLink
	if p < len(w.t.links) {
		links = w.t.links[p]
	}
	contents := bytes.LastIndex(body, []byte("/Contents "))
	if contents < 0 {
		return fmt.Errorf("tag PDF: page object %d has no contents", obj)
	}
	head := body[:contents]
	var annots [][]byte
	if i := bytes.Index(head, []byte("/Annots [")); i >= 0 {
		list := head[i+len("/Annots [") : len(head)-len("]\n")]
		if !bytes.HasSuffix(head, []byte("]\n")) {
			return fmt.Errorf("tag PDF: page object %d: annotations not as fpdf writes them", obj)
		}
		const start = "<</Type /Annot "
		for len(list) > 0 {
			if !bytes.HasPrefix(list, []byte(start)) {
				return fmt.Errorf("tag PDF: page object %d: annotations not as fpdf writes them", obj)
			}
			n := bytes.Index(list[len(start):], []byte(start))
			if n < 0 {
				n = len(list)
			} else {
				n += len(start)
			}
			annots = append(annots, list[:n])
			list = list[n:]
		}
		head = head[:i]
	}
	if len(annots) != len(links) {
		return fmt.Errorf("tag PDF: page %d has %d link annotations, %d tagged", p+1, len(annots), len(links))
	}
	b := strconv.AppendInt(w.buf[:0], int64(obj), 10)
	b = append(b, " 0 obj\n"...)
	b = append(b, head...)
	if len(annots) > 0 {
		b = append(b, "/Annots ["...)
		for k := range annots {
			if k > 0 {
				b = append(b, ' ')
			}
			b = appendRef(b, w.annotBase+w.annotFirst[p]+k)
		}
		b = append(b, "]\n"...)
	}
	b = append(b, "/StructParents "...)
	b = strconv.AppendInt(b, int64(p), 10)
	b = append(b, "\n/Tabs /S\n"...)
	b = append(b, body[contents:]...)
	out.Write(b)
	w.buf = b
	w.annots = append(w.annots, annots...)
	return nil
}

// catalog writes the catalog with what marks the document as tagged.
func (w *treeWriter) catalog(out *bytes.Buffer, obj int, body []byte) error {
	const end = ">>\nendobj\n"
	if !bytes.HasSuffix(body, []byte(end)) {
		return fmt.Errorf("tag PDF: catalog %d not as fpdf writes it", obj)
	}
	fmt.Fprintf(out, "%d 0 obj\n", obj)
	out.Write(body[:len(body)-len(end)])
	fmt.Fprintf(out, "/MarkInfo <</Marked true>>\n/StructTreeRoot %d 0 R\n/ViewerPreferences <</DisplayDocTitle true>>\n%s", w.root, end)
	return nil
}

// objects writes the new objects at the end of out, in compressed object
// streams (the structure tree is the bulk of the file: as plain objects
// it made the document four times the size), and returns where each
// object is: offsets[obj] for an object of its own (fpdf's and the
// object streams), stm[obj] and idx[obj] for one in a stream.
func (w *treeWriter) objects(out *bytes.Buffer, offsets []int, deflate func([]byte) []byte) (_ []int, stm, idx []int32, err error) {
	if len(w.annots) != w.annotFirst[len(w.pageObj)] {
		return nil, nil, nil, fmt.Errorf("tag PDF: %d link annotations found, %d tagged", len(w.annots), w.annotFirst[len(w.pageObj)])
	}
	t := w.t
	// The object streams are numbered after the objects they hold.
	const perStream = 500
	streams := (w.annotBase - len(offsets) + perStream - 1) / perStream
	total := w.size + streams
	offsets = append(offsets, make([]int, total-len(offsets))...)
	stm, idx = make([]int32, total), make([]int32, total)
	next := w.size
	var head []byte
	b := w.buf[:0]
	n := 0
	flush := func() {
		if n == 0 {
			return
		}
		data := deflate(append(head, b...))
		offsets[next] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n", next, n, len(head), len(data))
		out.Write(data)
		out.WriteString("\nendstream\nendobj\n")
		next++
		head, b, n = head[:0], b[:0], 0
	}
	begin := func(obj int) {
		if n == perStream {
			flush()
		}
		stm[obj], idx[obj] = int32(next), int32(n)
		head = strconv.AppendInt(head, int64(obj), 10)
		head = append(head, ' ')
		head = strconv.AppendInt(head, int64(len(b)), 10)
		head = append(head, ' ')
		n++
	}
	const endobj = "\n"

	begin(w.root)
	b = append(b, "<</Type /StructTreeRoot /K "...)
	b = appendRef(b, w.elemBase)
	b = append(b, " /ParentTree "...)
	b = appendRef(b, w.parentTree)
	b = append(b, " /ParentTreeNextKey "...)
	b = strconv.AppendInt(b, int64(len(w.pageObj)+len(w.annots)), 10)
	b = append(b, ">>"+endobj...)

	// The parent tree: each page's array of elements by MCID, then each
	// annotation's Link element, keys in ascending order as a number
	// tree's must be.
	begin(w.parentTree)
	b = append(b, "<</Nums ["...)
	for p := range w.pageObj {
		b = strconv.AppendInt(b, int64(p), 10)
		b = append(b, ' ')
		b = appendRef(b, w.arrayBase+p)
		b = append(b, ' ')
	}
	for p := range w.pageObj {
		if p >= len(t.links) {
			break
		}
		for k, l := range t.links[p] {
			b = strconv.AppendInt(b, int64(len(w.pageObj)+w.annotFirst[p]+k), 10)
			b = append(b, ' ')
			b = appendRef(b, w.elemBase+int(l.elem))
			b = append(b, ' ')
		}
	}
	b = append(b, "]>>"+endobj...)

	for i := range t.elems {
		begin(w.elemBase + i)
		b = w.elem(b, i)
		b = append(b, endobj...)
	}
	for p := range w.pageObj {
		begin(w.arrayBase + p)
		b = append(b, '[')
		if p < len(t.mcids) {
			for k, el := range t.mcids[p] {
				if k > 0 {
					b = append(b, ' ')
				}
				b = appendRef(b, w.elemBase+int(el))
			}
		}
		b = append(b, "]"+endobj...)
	}
	k := 0
	for p := range w.pageObj {
		if p >= len(t.links) {
			continue
		}
		for _, l := range t.links[p] {
			// The annotations stay plain objects, where fpdf's were: a
			// reader that looks for a link without parsing streams still
			// finds it.
			a := w.annots[k]
			obj := w.annotBase + k
			offsets[obj] = out.Len()
			ab := strconv.AppendInt(w.abuf[:0], int64(obj), 10)
			ab = append(ab, " 0 obj\n"...)
			ab = append(ab, a[:len(a)-2]...) // without its closing ">>"
			ab = append(ab, " /F 4 /StructParent "...)
			ab = strconv.AppendInt(ab, int64(len(w.pageObj)+k), 10)
			ab = append(ab, " /Contents "...)
			ab = appendTextString(ab, l.contents)
			ab = append(ab, ">>\nendobj\n"...)
			out.Write(ab)
			w.abuf = ab
			k++
		}
	}
	flush()
	w.buf = b
	if next != total {
		return nil, nil, nil, fmt.Errorf("tag PDF: %d object streams written, %d planned", next-w.size, streams)
	}
	return offsets, stm, idx, nil
}

// elem writes element i's object (without endobj). Its /Pg is the page of
// its first marked content; content on that page is named by MCID alone,
// content on later pages by a marked-content reference.
func (w *treeWriter) elem(b []byte, i int) []byte {
	e := &w.t.elems[i]
	b = append(b, "<</Type /StructElem /S /"...)
	b = append(b, e.typ...)
	b = append(b, " /P "...)
	if e.parent < 0 {
		b = appendRef(b, w.root)
	} else {
		b = appendRef(b, w.elemBase+int(e.parent))
	}
	pg := int32(-1)
	for _, k := range e.kids {
		if k.elem < 0 {
			pg = k.page
			break
		}
	}
	if pg >= 0 {
		b = append(b, " /Pg "...)
		b = appendRef(b, w.pageObj[pg])
	}
	if e.scope != "" {
		b = append(b, " /A <</O /Table /Scope /"...)
		b = append(b, e.scope...)
		b = append(b, ">>"...)
	}
	if e.alt != "" {
		b = append(b, " /Alt "...)
		b = appendTextString(b, e.alt)
	}
	b = append(b, " /K ["...)
	for j, k := range e.kids {
		if j > 0 {
			b = append(b, ' ')
		}
		switch {
		case k.elem >= 0:
			b = appendRef(b, w.elemBase+int(k.elem))
		case k.mcid >= 0 && k.page == pg:
			b = strconv.AppendInt(b, int64(k.mcid), 10)
		case k.mcid >= 0:
			b = append(b, "<</Type /MCR /Pg "...)
			b = appendRef(b, w.pageObj[k.page])
			b = append(b, " /MCID "...)
			b = strconv.AppendInt(b, int64(k.mcid), 10)
			b = append(b, ">>"...)
		default:
			b = append(b, "<</Type /OBJR /Pg "...)
			b = appendRef(b, w.pageObj[k.page])
			b = append(b, " /Obj "...)
			b = appendRef(b, w.annotBase+w.annotFirst[k.page]+int(k.annot))
			b = append(b, ">>"...)
		}
	}
	return append(b, "]>>"...)
}

func appendRef(b []byte, obj int) []byte {
	b = strconv.AppendInt(b, int64(obj), 10)
	return append(b, " 0 R"...)
}

// appendTextString writes s as a PDF text string: a literal string if it
// is printable ASCII, else UTF-16BE with a byte-order mark, in hex.
func appendTextString(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		b = append(b, '(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '(' || c == ')' || c == '\\' {
				b = append(b, '\\')
			}
			b = append(b, s[i])
		}
		return append(b, ')')
	}
	const hex = "0123456789ABCDEF"
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, hex[u>>12], hex[u>>8&15], hex[u>>4&15], hex[u&15])
	}
	return append(b, '>')
}

var trailerRefRe = regexp.MustCompile(`/(Root|Info) \d+ 0 R`)

// appendXrefStream ends doc with a cross-reference stream in place of
// fpdf's table and trailer: it is the next object after those offsets
// (relative to base) and stm and idx place; it carries trailer's /Root
// and /Info.
func appendXrefStream(doc, trailer []byte, base int, offsets []int, stm, idx []int32, deflate func([]byte) []byte) ([]byte, error) {
	var refs []byte
	for _, m := range trailerRefRe.FindAll(trailer, -1) {
		refs = append(refs, ' ')
		refs = append(refs, m...)
	}
	if !bytes.Contains(refs, []byte("/Root ")) {
		return nil, fmt.Errorf("tag PDF: trailer names no /Root")
	}
	self := len(offsets)
	at := len(doc)
	if at >= 1<<32 {
		return nil, fmt.Errorf("tag PDF: document over 4 GB")
	}
	// /W [1 4 2]: type, offset or object stream, generation or index.
	rows := make([]byte, 0, 7*(self+1))
	row := func(typ byte, a int, b int32) {
		rows = append(rows, typ, byte(a>>24), byte(a>>16), byte(a>>8), byte(a), byte(b>>8), byte(b))
	}
	row(0, 0, -1)
	for obj := 1; obj <= self; obj++ {
		switch {
		case obj == self:
			row(1, at, 0)
		case stm[obj] > 0:
			row(2, int(stm[obj]), idx[obj])
		default:
			row(1, base+offsets[obj], 0)
		}
	}
	data := deflate(rows)
	doc = fmt.Appendf(doc, "%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2]%s /Filter /FlateDecode /Length %d>>\nstream\n", self, self+1, refs, len(data))
	doc = append(doc, data...)
	doc = append(doc, "\nendstream\nendobj\n"...)
	return fmt.Appendf(doc, "startxref\n%d\n%%%%EOF\n", at), nil
}
