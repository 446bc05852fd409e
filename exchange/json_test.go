package exchange_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

var testNow = time.Date(2026, time.September, 1, 9, 0, 0, 0, time.UTC)

func mustWrite(t testing.TB, r *model.Register) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exchange.WriteJSON(&buf, r, testNow); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	return buf.Bytes()
}

// TestJSONRoundTrip writes the example to a real file, reads it back and
// writes it again: the two files must be identical, so nothing is lost or
// reordered by a round trip.
func TestJSONRoundTrip(t *testing.T) {
	first := mustWrite(t, exchange.Example())
	path := filepath.Join(t.TempDir(), "register.json")
	if err := os.WriteFile(path, first, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := exchange.ReadJSON(f)
	if err != nil {
		t.Fatalf("ReadJSON: %v", err)
	}
	second := mustWrite(t, got)
	if !bytes.Equal(first, second) {
		t.Fatalf("round trip changed the document:\n%s", firstDiff(first, second))
	}
	if len(got.Activities) != len(exchange.Example().Activities) {
		t.Fatalf("read %d activities, want %d", len(got.Activities), len(exchange.Example().Activities))
	}
}

func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + itoa(i+1) + ":\n  first:  " + la[i] + "\n  second: " + lb[i]
		}
	}
	return "lengths differ: " + itoa(len(la)) + " vs " + itoa(len(lb)) + " lines"
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestWriteJSONShape(t *testing.T) {
	data := mustWrite(t, exchange.Example())
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"format", "version", "organisations", "activities", "review_cycles", "derived"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("top level has no %q key", key)
		}
	}
	if !bytes.HasPrefix(data, []byte("{\n  \"format\": \"ropa-desk-register\",\n  \"version\": 1,")) {
		t.Errorf("document should start with format and version; starts %q", data[:60])
	}
	var acts []map[string]json.RawMessage
	if err := json.Unmarshal(doc["activities"], &acts); err != nil {
		t.Fatal(err)
	}
	var derived struct {
		Rights       []json.RawMessage `json:"rights"`
		NDOP         model.NDOPResult  `json:"ndop"`
		Findings     []model.Finding   `json:"findings"`
		Completeness struct{ Filled, Total int }
	}
	if err := json.Unmarshal(acts[0]["derived"], &derived); err != nil {
		t.Fatalf("activities[0].derived: %v", err)
	}
	if derived.Completeness.Total == 0 {
		t.Error("activities[0].derived.completeness.total is 0")
	}
	if derived.NDOP.Verdict == "" {
		t.Error("activities[0].derived.ndop has no verdict")
	}
	var top struct {
		Summary model.Summary `json:"summary"`
	}
	if err := json.Unmarshal(doc["derived"], &top); err != nil {
		t.Fatal(err)
	}
	if top.Summary.Activities != len(acts) {
		t.Errorf("derived.summary.activities = %d, want %d", top.Summary.Activities, len(acts))
	}
	if bytes.Contains(data, []byte(`\u0026`)) {
		t.Error("HTML escaping is on: \"&\" written as \\u0026")
	}
}

func TestWriteJSONEmptyRegister(t *testing.T) {
	data := mustWrite(t, &model.Register{})
	for _, want := range []string{`"organisations": []`, `"activities": []`, `"review_cycles": []`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("empty register: document lacks %s", want)
		}
	}
	r, err := exchange.ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ReadJSON: %v", err)
	}
	if len(r.Organisations)+len(r.Activities) != 0 {
		t.Errorf("empty register read back with content: %+v", r)
	}
}

// edit returns the example document after f has changed its generic form.
func edit(t *testing.T, f func(doc map[string]any)) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(mustWrite(t, exchange.Example()), &doc); err != nil {
		t.Fatal(err)
	}
	f(doc)
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func activity(doc map[string]any, i int) map[string]any {
	return doc["activities"].([]any)[i].(map[string]any)
}

func TestReadJSONErrors(t *testing.T) {
	example := mustWrite(t, exchange.Example())
	tests := []struct {
		name string
		data []byte
		// every string must appear in the error message
		want []string
	}{
		{"ErrVersion2", edit(t, func(d map[string]any) { d["version"] = 2; d["new_key"] = true }),
			[]string{"version 2", "reads version 1", "newer ROPA Desk"}},
		{"ErrVersionString", edit(t, func(d map[string]any) { d["version"] = "1" }),
			[]string{`"version" is "1"`, "expected the number 1"}},
		{"ErrNoVersion", edit(t, func(d map[string]any) { delete(d, "version") }),
			[]string{`no "version" key`}},
		{"ErrWrongFormat", edit(t, func(d map[string]any) { d["format"] = "something-else" }),
			[]string{`"format" is "something-else"`, `expected "ropa-desk-register"`}},
		{"ErrNoFormat", []byte(`{"version": 1}`),
			[]string{`no "format" key`}},
		{"ErrUnknownTopLevelKey", edit(t, func(d map[string]any) { d["colour"] = "blue" }),
			[]string{`unknown key "colour"`}},
		{"ErrUnknownActivityKey", edit(t, func(d map[string]any) { activity(d, 3)["colour"] = "blue" }),
			[]string{`activities[3] ("Communications and contact preferences")`, `unknown key "colour"`}},
		{"ErrUnknownNestedKey", edit(t, func(d map[string]any) { activity(d, 0)["dpia"].(map[string]any)["colour"] = 1 }),
			[]string{`activities[0] ("Care records: diagnoses, treatment and care")`, `unknown key "colour"`}},
		{"ErrBadEnum", edit(t, func(d map[string]any) {
			activity(d, 2)["special_categories"] = []any{"health", "star_sign"}
		}), []string{`activities[2] ("Payments for private services")`, `special_categories[1]`, `"star_sign" is not a special category`}},
		{"ErrBadRole", edit(t, func(d map[string]any) { activity(d, 1)["role"] = "owner" }),
			[]string{`activities[1] ("Online account"): role:`, `"owner" is not a role`}},
		{"ErrNameRequired", edit(t, func(d map[string]any) { activity(d, 4)["name"] = "" }),
			[]string{`activities[4]: name: The activity needs a name.`}},
		{"ErrUnknownOrganisation", edit(t, func(d map[string]any) {
			activity(d, 0)["organisation_id"] = "01a20684-0000-7000-8000-000000000000"
		}), []string{`activities[0]`, `organisation_id`, `not the id of any organisation`}},
		{"ErrDuplicateActivityID", edit(t, func(d map[string]any) { activity(d, 1)["id"] = activity(d, 0)["id"] }),
			[]string{`activities[1] ("Online account"): id:`, `activities[0]`}},
		{"ErrBadOrganisation", edit(t, func(d map[string]any) {
			d["organisations"].([]any)[0].(map[string]any)["dpo"].(map[string]any)["email"] = "not an email"
		}), []string{`organisations[0] ("Mental Health and Well Being Services Ltd"): dpo.email`}},
		{"ErrWrongType", edit(t, func(d map[string]any) { activity(d, 0)["purposes"] = "one purpose" }),
			[]string{`activities[0]`, `"purposes"`, "list"}},
		{"ErrBadDate", edit(t, func(d map[string]any) { activity(d, 0)["created_at"] = "17/06/2025" }),
			[]string{`activities[0]`, "could not be read"}},
		{"ErrTruncated", example[:len(example)/2],
			[]string{"ends too early", "cut short"}},
		{"ErrEmpty", []byte("  \n"),
			[]string{"empty"}},
		{"ErrNotJSON", []byte("format,version\nropa,1\n"),
			[]string{"not valid JSON at line 1"}},
		{"ErrTrailingData", append(append([]byte{}, example...), []byte(`{"format":"x"}`)...),
			[]string{"more data after the end"}},
		{"ErrTooManyProblems", edit(t, func(d map[string]any) {
			for _, a := range d["activities"].([]any) {
				a.(map[string]any)["status"] = "pending"
				a.(map[string]any)["organisation_id"] = "01a20684-0000-7000-8000-000000000000"
			}
		}), []string{"38 problems", "activities[9]", "… and 18 more."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := exchange.ReadJSON(bytes.NewReader(tt.data))
			if err == nil {
				t.Fatalf("ReadJSON succeeded with %d activities; want an error", len(r.Activities))
			}
			if code := model.ErrorCode(err); code != model.EINVALID {
				t.Errorf("error code %q, want %q (error: %v)", code, model.EINVALID, err)
			}
			msg := model.ErrorMessage(err)
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error message lacks %q:\n%s", w, msg)
				}
			}
		})
	}
}

func TestReadJSONTooLarge(t *testing.T) {
	// A reader that never ends: ReadJSON must stop at the limit, not read
	// it all.
	_, err := exchange.ReadJSON(endless{})
	if err == nil || !strings.Contains(model.ErrorMessage(err), "larger than 64 MiB") {
		t.Fatalf("got %v, want a size error", err)
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// TestReadJSONIgnoresDerived shows that an edited "derived" block changes
// nothing: derived results are recomputed, never imported.
func TestReadJSONIgnoresDerived(t *testing.T) {
	data := edit(t, func(d map[string]any) {
		activity(d, 0)["derived"] = map[string]any{"anything": "at all"}
		d["derived"] = "whatever"
	})
	r, err := exchange.ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ReadJSON: %v", err)
	}
	if !bytes.Equal(mustWrite(t, r), mustWrite(t, exchange.Example())) {
		t.Error("a changed derived block changed the register")
	}
}
