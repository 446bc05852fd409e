package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// A small reader of the PDF objects qpdf writes in QDF form (every object
// and stream uncompressed), enough for the tagging tests to walk the
// structure tree and the page content without trusting the writer's own
// bookkeeping.

type pdfRef int
type pdfName string
type pdfOp string
type pdfDict map[string]any

// qdfObjects runs qpdf --qdf over pdf and returns its objects by number
// and its pages' object numbers in order; a stream object's dictionary
// holds its data under the key "stream".
func qdfObjects(t *testing.T, pdf []byte) (map[int]any, []int) {
	t.Helper()
	in := pdfFile(t, pdf)
	out := filepath.Join(filepath.Dir(in), "qdf.pdf")
	if msg, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --qdf: %v\n%s", err, msg)
	}
	q, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	objs := map[int]any{}
	var pages []int
	heads := regexp.MustCompile(`(?m)^(%% Page \d+\n(?:%%[^\n]*\n)*)?(\d+) 0 obj\n`).FindAllSubmatchIndex(q, -1)
	for i, h := range heads {
		n, _ := strconv.Atoi(string(q[h[4]:h[5]]))
		if h[2] >= 0 {
			pages = append(pages, n)
		}
		end := len(q)
		if i+1 < len(heads) {
			end = heads[i+1][0]
		}
		body := q[h[1]:end]
		var data []byte
		if s := bytes.Index(body, []byte("\nstream\n")); s >= 0 {
			e := bytes.LastIndex(body, []byte("endstream"))
			if e < s {
				t.Fatalf("object %d: stream without endstream", n)
			}
			data = body[s+len("\nstream\n") : e]
			body = body[:s]
		}
		lx := &pdfLexer{b: body}
		v, err := lx.value()
		if err != nil {
			t.Fatalf("object %d: %v", n, err)
		}
		if d, ok := v.(pdfDict); ok && data != nil {
			d["stream"] = data
		}
		objs[n] = v
	}
	return objs, pages
}

// pdfLexer reads PDF tokens and values from b.
type pdfLexer struct {
	b []byte
	i int
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }

func (l *pdfLexer) skip() {
	for l.i < len(l.b) {
		switch c := l.b[l.i]; {
		case isPDFSpace(c):
			l.i++
		case c == '%':
			for l.i < len(l.b) && l.b[l.i] != '\n' {
				l.i++
			}
		default:
			return
		}
	}
}

// token returns the next token: "<<", ">>", "[", "]", a name, a string
// (with its delimiters), a number or a keyword; "" at the end.
func (l *pdfLexer) token() (string, error) {
	l.skip()
	if l.i >= len(l.b) {
		return "", nil
	}
	start := l.i
	switch c := l.b[l.i]; c {
	case '[', ']':
		l.i++
	case '<', '>':
		if l.i+1 < len(l.b) && l.b[l.i+1] == c {
			l.i += 2
			break
		}
		if c == '>' {
			return "", fmt.Errorf("stray > at %d", l.i)
		}
		e := bytes.IndexByte(l.b[l.i:], '>')
		if e < 0 {
			return "", fmt.Errorf("unterminated hex string")
		}
		l.i += e + 1
	case '(':
		depth := 0
		for ; l.i < len(l.b); l.i++ {
			switch l.b[l.i] {
			case '\\':
				l.i++
			case '(':
				depth++
			case ')':
				depth--
			}
			if depth == 0 {
				l.i++
				break
			}
		}
		if depth != 0 {
			return "", fmt.Errorf("unterminated string")
		}
	case '/':
		l.i++
		for l.i < len(l.b) && !isPDFSpace(l.b[l.i]) && !isPDFDelim(l.b[l.i]) {
			l.i++
		}
	default:
		for l.i < len(l.b) && !isPDFSpace(l.b[l.i]) && !isPDFDelim(l.b[l.i]) {
			l.i++
		}
		if l.i == start {
			return "", fmt.Errorf("unexpected %q at %d", c, l.i)
		}
	}
	return string(l.b[start:l.i]), nil
}

// value reads one value; a keyword that is not a value (an operator in a
// content stream) comes back as a pdfOp.
func (l *pdfLexer) value() (any, error) {
	tok, err := l.token()
	if err != nil {
		return nil, err
	}
	return l.valueFrom(tok)
}

func (l *pdfLexer) valueFrom(tok string) (any, error) {
	switch {
	case tok == "":
		return nil, fmt.Errorf("unexpected end")
	case tok == "<<":
		d := pdfDict{}
		for {
			k, err := l.token()
			if err != nil {
				return nil, err
			}
			if k == ">>" {
				return d, nil
			}
			if k == "" || k[0] != '/' {
				return nil, fmt.Errorf("dictionary key %q", k)
			}
			v, err := l.value()
			if err != nil {
				return nil, err
			}
			d[k[1:]] = v
		}
	case tok == "[":
		var a []any
		for {
			tk, err := l.token()
			if err != nil {
				return nil, err
			}
			if tk == "]" {
				return a, nil
			}
			v, err := l.valueFrom(tk)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case tok[0] == '/':
		return pdfName(tok[1:]), nil
	case tok[0] == '(' || tok[0] == '<':
		return tok, nil
	case tok == "true" || tok == "false" || tok == "null":
		return pdfOp(tok), nil
	}
	if n, err := strconv.Atoi(tok); err == nil {
		// "n 0 R" is a reference.
		save := l.i
		if g, _ := l.token(); g == "0" {
			if r, _ := l.token(); r == "R" {
				return pdfRef(n), nil
			}
		}
		l.i = save
		return n, nil
	}
	if f, err := strconv.ParseFloat(tok, 64); err == nil {
		return f, nil
	}
	return pdfOp(tok), nil
}

// resolve follows a reference.
func resolve(objs map[int]any, v any) any {
	if r, ok := v.(pdfRef); ok {
		return objs[int(r)]
	}
	return v
}

func dictOf(objs map[int]any, v any) pdfDict {
	d, _ := resolve(objs, v).(pdfDict)
	return d
}

func arrayOf(objs map[int]any, v any) []any {
	switch a := resolve(objs, v).(type) {
	case []any:
		return a
	case nil:
		return nil
	default:
		return []any{a}
	}
}
