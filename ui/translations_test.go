package ui_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/ropadesk/ropadesk/assets"
)

const catalogue = "../assets/translations/en-GB.json"

// TestTranslationCatalogue keeps the English (UK) file in step with the
// lang.L literals in the screens, as `fyne translate` would. Run with
// ROPA_UPDATE_TRANSLATIONS=1 to rewrite the file after changing strings.
func TestTranslationCatalogue(t *testing.T) {
	used := literals(t)
	if os.Getenv("ROPA_UPDATE_TRANSLATIONS") != "" {
		// The long form {"id": {"other": "text"}} because go-i18n reads a
		// flat "Description": "…" as a reserved field, not a message.
		m := map[string]message{}
		for _, s := range used {
			m[s] = message{Other: s}
		}
		b, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(catalogue, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return // the embedded copy is the one from before the rewrite
	}
	b, err := assets.Translations.ReadFile("translations/en-GB.json")
	if err != nil {
		t.Fatal(err)
	}
	var have map[string]message
	if err := json.Unmarshal(b, &have); err != nil {
		t.Fatalf("en-GB.json: %v", err)
	}
	for _, s := range used {
		if _, ok := have[s]; !ok {
			t.Errorf("en-GB.json lacks %q: run ROPA_UPDATE_TRANSLATIONS=1 go test ./ui/ -run TestTranslationCatalogue", s)
		}
	}
	for k := range have {
		if !slices.Contains(used, k) {
			t.Errorf("en-GB.json has %q, which no screen uses any more", k)
		}
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		t.Fatalf("Fyne cannot load the catalogue: %v", err)
	}
}

type message struct {
	Other string `json:"other"`
}

// literals returns every string literal passed to lang.L in the package.
func literals(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "L" {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatalf("%s: %v", fset.Position(lit.Pos()), err)
				}
				if !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
			return true
		})
	}
	slices.Sort(out)
	return out
}
