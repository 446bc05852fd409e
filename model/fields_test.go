package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestEveryRuleKeyHasALabel reads the rules' source and finds every field
// key a finding can carry — the third argument of each c.add(Severity…)
// and the Field of each Finding literal — and checks that the field table
// labels it, so that no screen or PDF ever prints a key ("Still to record:
// duty_of_confidence"). A key built at run time from the NDOP decision's
// questions is checked through those questions' own keys.
func TestEveryRuleKeyHasALabel(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	keys := map[string]string{} // key → where it was found
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var field ast.Expr
			switch n := n.(type) {
			case *ast.FuncDecl:
				// checking.add itself passes its field on.
				return n.Name.Name != "add"
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); !ok || id.Name != "Finding" {
					return true
				}
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Field" {
							field = kv.Value
						}
					}
				}
				if field == nil {
					return true
				}
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "add" || len(n.Args) < 3 {
					return true
				}
				if id, ok := n.Args[0].(*ast.Ident); !ok || !strings.HasPrefix(id.Name, "Severity") {
					return true
				}
				field = n.Args[2]
			default:
				return true
			}
			where := fset.Position(field.Pos()).String()
			key, dynamic := staticKey(field)
			switch {
			case dynamic == "ndop.":
				// "ndop."+r.Missing[0]: a question of the decision; see below.
			case dynamic != "" || key == "":
				t.Errorf("%s: a finding's field is built in a way this test cannot read; make it a literal or indexed(literal, i)+literal", where)
			default:
				keys[key] = where
			}
			return true
		})
	}
	if len(keys) < 30 {
		t.Fatalf("found only %d field keys in the rules: the test no longer reads them", len(keys))
	}
	for k, where := range keys {
		if !HasFieldLabel(k) {
			t.Errorf("%s: the field %q has no label in the field table (model/fields.go)", where, k)
		}
	}
	for k := range ndopQuestions {
		if !HasFieldLabel("ndop." + k) {
			t.Errorf("ndop.%s, a question of the NDOP decision, has no label", k)
		}
	}
	for k := range ndopRecordWords {
		if !HasFieldLabel("ndop." + k) {
			t.Errorf("ndop.%s, a record the NDOP decision asks for, has no label", k)
		}
	}
}

// staticKey works out the key an expression names without running it:
// "a.b", indexed("a", i)+".b" (as "a.b"), or "a."+x (dynamic "a.").
func staticKey(e ast.Expr) (key, dynamic string) {
	switch e := e.(type) {
	case *ast.BasicLit:
		s, err := strconv.Unquote(e.Value)
		if err != nil {
			return "", "?"
		}
		return s, ""
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok && id.Name == "indexed" && len(e.Args) == 2 {
			return staticKey(e.Args[0])
		}
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			break
		}
		l, ld := staticKey(e.X)
		r, rd := staticKey(e.Y)
		switch {
		case ld == "" && rd == "":
			return l + r, ""
		case ld == "":
			return "", l
		}
	}
	return "", "?"
}

// TestActivityFieldsInTheTable: every field of an activity the PDF's "what
// changed" section can name is in the table, labelled in words, in one
// order; nothing in the table is blank or a key.
func TestActivityFieldsInTheTable(t *testing.T) {
	order := ActivityFields()
	typ := reflect.TypeFor[Activity]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		switch name {
		case "", "-", "id", "created_at", "updated_at":
			continue // not what the record says, or never shown
		}
		if !slices.Contains(order, name) {
			t.Errorf("the activity's field %q is not in the field table", name)
		}
	}
	if order[0] != "organisation_id" || !slices.Contains(order, "extra") {
		t.Errorf("ActivityFields = %v", order)
	}
	for _, f := range fieldTable {
		for _, l := range []string{f.Label, f.Short} {
			if strings.Contains(l, "_") {
				t.Errorf("a label of %s is %q, which reads as a key", f.Key, l)
			}
		}
		if f.Label == "" {
			t.Errorf("%s has no label", f.Key)
		}
	}
	if got := ShortFieldLabel("lawful_bases"); got != "Lawful bases" {
		t.Errorf("ShortFieldLabel(lawful_bases) = %q", got)
	}
	if got := ShortFieldLabel("transfers[2].safeguard"); got != FieldLabel("transfers.safeguard") {
		t.Errorf("ShortFieldLabel without a short form = %q", got)
	}
}
