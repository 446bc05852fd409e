package report

import (
	"encoding/json"
	"fmt"
	"sort"
)

// The history's entity kinds the report reads besides activities and
// organisations; the store writes them (store.EntityCycle and
// store.EntitySetting), and report does not import the store.
const (
	entityCycle    = "cycle"
	entitySettings = "settings"
)

// settingLabels name the settings whose changes are listed, with the unit
// their value counts. A setting not named here is shown by its label
// "Other setting" rather than by its key.
var settingLabels = map[string]struct{ label, unit string }{
	"backup_keep_daily":  {"Daily backups kept", "days"},
	"backup_keep_weekly": {"Weekly backups kept", "weeks"},
}

// settingRows turns the settings' history entries into one row each of
// field, was, now and by. A first setting is recorded as a whole body
// (a create); its keys become rows whose old value is the default.
func settingRows(changes []Change) []fieldDiff {
	var out []fieldDiff
	for _, c := range changes {
		if c.Field != "" {
			out = append(out, fieldDiff{label: settingLabel(c.Field), old: settingValue(c.Field, c.Old), new: settingValue(c.Field, c.New), by: c})
			continue
		}
		var before, after map[string]string
		_ = json.Unmarshal([]byte(c.Old), &before)
		_ = json.Unmarshal([]byte(c.New), &after)
		keys := make([]string, 0, len(after))
		for k := range after {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if before[k] == after[k] {
				continue
			}
			old := "The default"
			if v, ok := before[k]; ok {
				old = withUnit(k, v)
			}
			out = append(out, fieldDiff{label: settingLabel(k), old: old, new: withUnit(k, after[k]), by: c})
		}
	}
	return out
}

func settingLabel(key string) string {
	if l, ok := settingLabels[key]; ok {
		return l.label
	}
	return "Other setting"
}

// settingValue reads a history value (JSON text) of a setting.
func settingValue(key, raw string) string {
	var v string
	if raw == "" || raw == "null" || json.Unmarshal([]byte(raw), &v) != nil {
		return "The default"
	}
	return withUnit(key, v)
}

func withUnit(key, v string) string {
	if l, ok := settingLabels[key]; ok && v != "" {
		return fmt.Sprintf("%s %s", v, l.unit)
	}
	return v
}
