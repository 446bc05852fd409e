package report

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/synth"
)

// TestTaggedPDF reads the example register's PDF back, draft and signed
// off, with poppler and qpdf and checks the tagging: pdfinfo calls it
// tagged PDF 1.7, qpdf finds no error, every mark on every page is in a
// marked-content sequence, every MCID is in the parent tree once and its
// element names it, every link annotation belongs to a Link element, and
// the headings, tables and figures are there.
func TestTaggedPDF(t *testing.T) {
	// A record field and a cover paragraph each longer than a page: the
	// row is split between pages, and fpdf breaks the paragraph's page
	// itself, its footer and header running inside the paragraph's
	// marked content.
	long := exampleInput(t, true)
	long.Register.Activities[0].Description = strings.Repeat("A description longer than a page, to be split between pages. ", 400)
	long.Cycle.Name = strings.Repeat("A cycle name longer than a page ", 500)
	for name, in := range map[string]Input{
		"Long":   long,
		"Signed": exampleInput(t, true),
		"Draft":  {Register: exchange.Example(), AsAt: testAsAt, HistoryHead: "00ff"},
		// Every kind of field and list the layout has.
		"Synthetic": {Register: synth.Register(60, 5), AsAt: testAsAt, HistoryHead: "ab"},
	} {
		t.Run(name, func(t *testing.T) {
			pdf := render(t, in)
			checkPDFInfo(t, pdf)
			objs, pages := qdfObjects(t, pdf)
			split := checkTagged(t, objs, pages, len(newPlan(in).groups))
			// Rows and paragraphs broken over pages: their elements go on
			// in a marked-content reference on the next page.
			if name == "Long" && split < 2 {
				t.Error("no element's content continues on another page")
			}
		})
	}
}

func checkPDFInfo(t *testing.T, pdf []byte) {
	t.Helper()
	path := pdfFile(t, pdf)
	info, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	for _, want := range []string{"Tagged:          yes", "PDF version:     1.7"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("pdfinfo does not say %q:\n%s", want, info)
		}
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	if !strings.HasPrefix(string(pdf), "%PDF-1.7\n") {
		t.Errorf("header is %q", pdf[:9])
	}
}

// checkTagged checks the structure tree against the pages' content. It
// returns how many elements have content on more than one page.
func checkTagged(t *testing.T, objs map[int]any, pages []int, orgs int) (split int) {
	t.Helper()
	var catalog pdfDict
	for _, o := range objs {
		if d, ok := o.(pdfDict); ok && d["Type"] == pdfName("Catalog") {
			catalog = d
		}
	}
	if catalog == nil {
		t.Fatal("no catalog")
	}
	if dictOf(objs, catalog["MarkInfo"])["Marked"] != pdfOp("true") {
		t.Errorf("catalog /MarkInfo is %v", catalog["MarkInfo"])
	}
	if dictOf(objs, catalog["ViewerPreferences"])["DisplayDocTitle"] != pdfOp("true") {
		t.Errorf("catalog /ViewerPreferences is %v", catalog["ViewerPreferences"])
	}
	if catalog["Lang"] != "(en-GB)" {
		t.Errorf("catalog /Lang is %v", catalog["Lang"])
	}
	root := dictOf(objs, catalog["StructTreeRoot"])
	if root["Type"] != pdfName("StructTreeRoot") {
		t.Fatalf("no structure tree root: %v", catalog["StructTreeRoot"])
	}
	kids := arrayOf(objs, root["K"])
	if len(kids) != 1 || dictOf(objs, kids[0])["S"] != pdfName("Document") {
		t.Fatalf("the root's /K is not one Document: %v", root["K"])
	}
	parents := map[int]any{}
	nums := arrayOf(objs, dictOf(objs, root["ParentTree"])["Nums"])
	for i := 0; i+1 < len(nums); i += 2 {
		k, _ := nums[i].(int)
		if _, dup := parents[k]; dup {
			t.Errorf("parent tree key %d twice", k)
		}
		parents[k] = nums[i+1]
	}

	// Every page: its content's marked content against the parent tree.
	mcids := 0
	for p, pg := range pages {
		page := dictOf(objs, pdfRef(pg))
		if page["Tabs"] != pdfName("S") {
			t.Errorf("page %d: /Tabs is %v", p+1, page["Tabs"])
		}
		sp, ok := page["StructParents"].(int)
		if !ok {
			t.Fatalf("page %d has no /StructParents", p+1)
		}
		var content []byte
		for _, c := range arrayOf(objs, page["Contents"]) {
			data, _ := dictOf(objs, c)["stream"].([]byte)
			content = append(content, data...)
		}
		used, err := checkContent(content)
		if err != nil {
			t.Fatalf("page %d: %v", p+1, err)
		}
		mcids += len(used)
		arr := arrayOf(objs, parents[sp])
		if len(arr) != len(used) {
			t.Errorf("page %d: %d MCIDs in the content, %d in the parent tree", p+1, len(used), len(arr))
		}
		for i, mcid := range used {
			if mcid != i {
				t.Errorf("page %d: MCID %d is the %dth sequence: not each MCID once, in order", p+1, mcid, i)
				break
			}
			if i < len(arr) && !elemHasMCID(objs, arr[i], pg, mcid) {
				t.Errorf("page %d: the parent tree's element for MCID %d does not name it", p+1, mcid)
			}
		}
		for _, a := range arrayOf(objs, page["Annots"]) {
			checkAnnot(t, objs, a, parents, p+1)
		}
	}
	if mcids == 0 {
		t.Fatal("no marked content")
	}

	// The tree in reading order.
	var types []string
	var walk func(v any, parent string)
	walk = func(v any, parent string) {
		e := dictOf(objs, v)
		if e == nil || e["Type"] == pdfName("MCR") || e["Type"] == pdfName("OBJR") {
			return
		}
		s := string(e["S"].(pdfName))
		types = append(types, s)
		switch s {
		case "TR":
			if parent != "Table" {
				t.Errorf("TR in %s", parent)
			}
		case "TH", "TD":
			if parent != "TR" {
				t.Errorf("%s in %s", s, parent)
			}
		case "LI":
			if parent != "L" {
				t.Errorf("LI in %s", parent)
			}
		case "Figure":
			if alt, _ := e["Alt"].(string); len(alt) < 10 {
				t.Errorf("Figure without /Alt: %v", e)
			}
		}
		if parent == "Table" && s != "TR" {
			t.Errorf("%s in Table", s)
		}
		for _, k := range arrayOf(objs, e["K"]) {
			if _, isRef := k.(pdfRef); isRef {
				walk(k, s)
			}
			if d, ok := k.(pdfDict); ok && d["Type"] == pdfName("MCR") {
				split++
			}
		}
	}
	walk(kids[0], "StructTreeRoot")
	count := map[string]int{}
	level := 0
	for _, s := range types {
		count[s]++
		if len(s) == 2 && s[0] == 'H' {
			l := int(s[1] - '0')
			if l > level+1 {
				t.Errorf("%s follows H%d: a heading level skipped", s, level)
			}
			level = l
		}
	}
	// The cover's title and the contents, then one H1 a section.
	if want := 2 + len(sectionTitles()); count["H1"] < want {
		t.Errorf("%d H1 headings, want at least %d", count["H1"], want)
	}
	if count["H2"] < orgs || count["H3"] == 0 || count["H4"] == 0 {
		t.Errorf("headings: %v", count)
	}
	for _, s := range []string{"Table", "TR", "TH", "TD", "L", "LI", "LBody", "Link", "TOC", "TOCI", "Figure", "P"} {
		if count[s] == 0 {
			t.Errorf("no %s element", s)
		}
	}
	if types[0] != "Document" || types[1] != "P" || types[2] != "H1" {
		t.Errorf("the document starts %v, want Document, P (the cover's kicker), H1 (its title)", types[:min(3, len(types))])
	}
	return split
}

// sectionTitles are the contents' top-level entries: each is an H1.
func sectionTitles() []string {
	return []string{titleSummary, titleIndex, titleChanges, titleFindings, titleActivities, titleSpecial, titleNDOP, titleDSPT, titleSignOff, titleVerify}
}

// checkContent walks a page's content stream: every BDC has its EMC,
// marked content does not nest, no text is shown and nothing is painted
// outside marked content. It returns the MCIDs in the order they occur.
func checkContent(content []byte) ([]int, error) {
	lx := &pdfLexer{b: content}
	var operands []any
	var used []int
	depth, inText := 0, false
	for {
		tok, err := lx.token()
		if err != nil {
			return nil, err
		}
		if tok == "" {
			break
		}
		v, err := lx.valueFrom(tok)
		if err != nil {
			return nil, err
		}
		op, isOp := v.(pdfOp)
		if !isOp || op == "true" || op == "false" || op == "null" {
			operands = append(operands, v)
			continue
		}
		switch op {
		case "BDC", "BMC":
			if depth > 0 {
				return nil, fmt.Errorf("marked content nested in marked content at byte %d", lx.i)
			}
			if inText {
				return nil, fmt.Errorf("marked content begins inside BT at byte %d", lx.i)
			}
			depth++
			if len(operands) == 2 {
				if d, ok := operands[1].(pdfDict); ok {
					if mcid, ok := d["MCID"].(int); ok {
						used = append(used, mcid)
					} else if operands[0] != pdfName("Artifact") {
						return nil, fmt.Errorf("%v BDC without an MCID", operands[0])
					}
				}
			}
		case "EMC":
			if depth == 0 {
				return nil, fmt.Errorf("EMC without BDC at byte %d", lx.i)
			}
			depth--
		case "BT":
			inText = true
		case "ET":
			inText = false
		case "Tj", "TJ", "'", "\"", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh":
			if depth == 0 {
				return nil, fmt.Errorf("%s outside marked content at byte %d: %q", op, lx.i, content[max(0, lx.i-80):lx.i])
			}
		}
		operands = operands[:0]
	}
	if depth != 0 {
		return nil, fmt.Errorf("%d marked-content sequences not closed", depth)
	}
	return used, nil
}

// elemHasMCID says whether structure element ref names MCID mcid of page
// object page among its kids.
func elemHasMCID(objs map[int]any, ref any, page, mcid int) bool {
	e := dictOf(objs, ref)
	pg, _ := e["Pg"].(pdfRef)
	for _, k := range arrayOf(objs, e["K"]) {
		switch k := k.(type) {
		case int:
			if k == mcid && int(pg) == page {
				return true
			}
		case pdfDict:
			if p, _ := k["Pg"].(pdfRef); k["Type"] == pdfName("MCR") && k["MCID"] == mcid && int(p) == page {
				return true
			}
		}
	}
	return false
}

// checkAnnot: a link annotation says where it goes and belongs to a Link
// element that points back at it.
func checkAnnot(t *testing.T, objs map[int]any, ref any, parents map[int]any, page int) {
	t.Helper()
	a := dictOf(objs, ref)
	if a["Subtype"] != pdfName("Link") {
		return
	}
	if c, _ := a["Contents"].(string); len(c) < 4 {
		t.Errorf("page %d: link annotation without /Contents: %v", page, a)
	}
	sp, ok := a["StructParent"].(int)
	if !ok {
		t.Errorf("page %d: link annotation without /StructParent", page)
		return
	}
	e := dictOf(objs, parents[sp])
	if e["S"] != pdfName("Link") {
		t.Errorf("page %d: annotation's parent is %v, not a Link", page, e["S"])
		return
	}
	for _, k := range arrayOf(objs, e["K"]) {
		if d, ok := k.(pdfDict); ok && d["Type"] == pdfName("OBJR") && d["Obj"] == ref {
			return
		}
	}
	t.Errorf("page %d: the Link element does not point at its annotation", page)
}
