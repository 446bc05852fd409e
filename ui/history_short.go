package ui

import (
	"encoding/json"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// shortValue renders a JSON value for one line: text without quotes, lists
// joined by commas, nothing as "(empty)". The information-asset and
// supplier history uses it; an activity's history shows values in full
// (history_values.go).
func shortValue(raw string) string {
	if raw == "" || raw == "null" || raw == `""` || raw == "[]" {
		return lang.L("(empty)")
	}
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return raw
	}
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case bool:
		s = lang.L("No")
		if x {
			s = lang.L("Yes")
		}
	case []any:
		parts := make([]string, 0, len(x))
		for _, p := range x {
			if ps, ok := p.(string); ok {
				parts = append(parts, ps)
			} else {
				b, _ := json.Marshal(p)
				parts = append(parts, string(b))
			}
		}
		s = strings.Join(parts, ", ")
	default:
		s = raw
	}
	const most = 80
	if r := []rune(s); len(r) > most {
		s = string(r[:most-1]) + "…"
	}
	return s
}
