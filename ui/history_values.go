package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// How the history writes a recorded value (JSON) for a person: text as it
// was typed, lists one item a line, codes as their labels, reviews as a
// sentence, never raw JSON.

// valueText is the value raw of field, in full.
func (v *HistoryView) valueText(field, raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || raw == "null" || raw == `""` || raw == "[]" || raw == "{}" {
		return lang.L("(empty)")
	}
	if field == "reviews" {
		var rs []model.Review
		if err := json.Unmarshal([]byte(raw), &rs); err == nil {
			lines := make([]string, len(rs))
			for i, r := range rs {
				lines[i] = "• " + v.reviewText(r)
			}
			return strings.Join(lines, "\n")
		}
	}
	d := json.NewDecoder(bytes.NewReader([]byte(raw)))
	d.UseNumber()
	val, err := decodeOrdered(d)
	if err != nil {
		// Not JSON after all (an entry written by hand): as it is.
		return raw
	}
	return jsonText(val, "")
}

// reviewText is one review as a sentence.
func (v *HistoryView) reviewText(r model.Review) string {
	s := fmt.Sprintf(lang.L("Reviewed on %s by %s: %s."), longDate(r.Date), orSomeone(r.Reviewer), model.LabelOf(model.ReviewOutcomes, r.Outcome))
	if name, ok := v.cycles[r.CycleID]; ok {
		s = fmt.Sprintf(lang.L("In %s: %s"), name, s)
	}
	if r.NDOPConfirmed {
		s += " " + lang.L("The national data opt-out decision was confirmed.")
	}
	if n := strings.TrimSpace(r.Notes); n != "" {
		s += " " + lang.L("Notes:") + " " + n
	}
	return s
}

// member is one key and value of a JSON object, in the order written.
type member struct {
	key string
	val any
}

// decodeOrdered reads one JSON value, keeping objects' keys in order (the
// order the model writes them, which is the form's order).
func decodeOrdered(d *json.Decoder) (any, error) {
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			var obj []member
			for d.More() {
				k, err := d.Token()
				if err != nil {
					return nil, err
				}
				val, err := decodeOrdered(d)
				if err != nil {
					return nil, err
				}
				obj = append(obj, member{fmt.Sprint(k), val})
			}
			_, err := d.Token()
			return obj, err
		case '[':
			arr := []any{}
			for d.More() {
				val, err := decodeOrdered(d)
				if err != nil {
					return nil, err
				}
				arr = append(arr, val)
			}
			_, err := d.Token()
			return arr, err
		}
	}
	return tok, nil
}

// jsonText writes a decoded value for a person, indenting nested lists.
func jsonText(val any, indent string) string {
	switch x := val.(type) {
	case nil:
		return lang.L("(empty)")
	case string:
		return valueWords(x)
	case bool:
		if x {
			return lang.L("Yes")
		}
		return lang.L("No")
	case json.Number:
		return x.String()
	case []any:
		if len(x) == 0 {
			return lang.L("(empty)")
		}
		simple := true
		for _, e := range x {
			switch e.(type) {
			case []any, []member:
				simple = false
			}
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = jsonText(e, indent+"  ")
		}
		if simple {
			return strings.Join(parts, ", ")
		}
		for i := range parts {
			parts[i] = indent + "• " + parts[i]
		}
		return strings.Join(parts, "\n")
	case []member:
		var parts []string
		for _, m := range x {
			if m.key == "id" || strings.HasSuffix(m.key, "_id") || isEmptyJSON(m.val) {
				// Identifiers mean nothing to a person; empty parts say nothing.
				continue
			}
			text := jsonText(m.val, indent+"  ")
			if strings.Contains(text, "\n") {
				text = "\n" + text
			}
			parts = append(parts, fieldLabel(m.key)+": "+text)
		}
		if len(parts) == 0 {
			return lang.L("(empty)")
		}
		return strings.Join(parts, "; ")
	}
	return fmt.Sprint(val)
}

func isEmptyJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case []member:
		return len(x) == 0
	}
	return false
}

// valueWords is a recorded string for a person: a code as its label, a
// time as a date, anything else exactly as typed.
func valueWords(s string) string {
	if l, ok := codeLabels()[s]; ok {
		return l
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return longDate(t)
		}
		return t.Local().Format("2 January 2006 15:04")
	}
	if _, err := uuid.Parse(s); err == nil && len(s) == 36 {
		return lang.L("(a reference)")
	}
	return s
}

// codeLabels maps every code of the model's tables to its label. A code
// is lower case with underscores and never a sentence, so a typed word
// that happens to equal one is shown capitalised at worst.
var codeLabels = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	add := func(code, label string) {
		if _, ok := m[code]; !ok && code != "" && !strings.ContainsAny(code, " ") {
			m[code] = label
		}
	}
	for _, o := range model.Roles {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.Statuses {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.LawfulBases {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.SpecialCategories {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.Article9Conditions {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.Schedule1Conditions {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.DPIAProgresses {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.ReviewOutcomes {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.NDOPPurposes {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.ConfidentialityBases {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.OptOutCheckMethods {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.Rights {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.Answers {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.Annex1Conditions {
		add(string(o.Code), o.Label)
	}
	for _, o := range model.SafeguardKinds {
		add(string(o.Code), o.Label)
	}
	return m
})
