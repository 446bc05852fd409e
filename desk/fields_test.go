package desk_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/model"
)

// fieldPlaces are the places ARCHITECTURE.md ("Where to add a field")
// says a new field of an activity goes, as file patterns from the module
// root; each must name the field's JSON key.
var fieldPlaces = []string{
	"ui/editor*.go",     // the editor: a widget, its load/read, its bind path
	"exchange/ico_*.go", // the XLSX/CSV column (JSON carries every field by itself)
	"model/fields.go",   // its label, in the one field table the PDF's "what changed" section reads in order
}

// notEdited are keys the DPO does not type into the editor or compare
// between reviews: set by the app, or kept from an import.
var notEdited = map[string]string{
	"id": "given by the store", "created_at": "set by the store", "updated_at": "set by the store",
	"extra": "kept from an imported spreadsheet, shown read-only",
}

// TestEveryFieldIsInEveryPlace reads model.Activity's JSON keys and checks
// that each appears in every place a field must be added, so that a field
// added to the model but forgotten in the editor, the spreadsheet or the
// PDF's comparison fails here rather than quietly going missing.
func TestEveryFieldIsInEveryPlace(t *testing.T) {
	doc, err := os.ReadFile("../ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range fieldPlaces {
		if !strings.Contains(string(doc), "`"+p+"`") {
			t.Errorf("ARCHITECTURE.md's list of places does not name %s", p)
		}
	}
	typ := reflect.TypeFor[model.Activity]()
	for i := range typ.NumField() {
		key, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if key == "" || key == "-" || notEdited[key] != "" {
			continue
		}
		for _, pattern := range fieldPlaces {
			files, _ := filepath.Glob(filepath.Join("..", pattern))
			found := false
			for _, f := range files {
				if strings.HasSuffix(f, "_test.go") {
					continue
				}
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				found = found || strings.Contains(string(b), `"`+key)
			}
			if !found {
				t.Errorf("the field %q is not in %s", key, pattern)
			}
		}
	}
}
