package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// Settings that change what is kept — today the backup rotation — are
// evidence too: a register told to keep one day of backups loses its
// history of copies. So they are validated when set (a value outside its
// range is refused, with a message saying the range) and every change is
// a history entry in the hash chain, in the same transaction, so that
// `verify` finds one changed outside ROPA Desk. In the chain they are one
// entity, EntitySetting with the nil id, whose body is the JSON object of
// the chained settings that are set. Other settings are plain key-value
// pairs.

// EntitySetting is the kind of the history entries of the chained
// settings.
const EntitySetting = "settings"

// chainedSetting is a setting in the chain, with its range.
type chainedSetting struct {
	lo, hi int
	what   string // for a person: "the number of …"
}

var chainedSettings = map[string]chainedSetting{
	SettingKeepDaily:  {minKeepDaily, maxKeepDaily, "days whose newest backup is kept"},
	SettingKeepWeekly: {minKeepWeekly, maxKeepWeekly, "weeks whose newest backup is kept"},
}

// validSetting checks a chained setting's value and returns it as stored.
func validSetting(key, value string) (string, error) {
	rule := chainedSettings[key]
	n, err := strconv.Atoi(strings.TrimSpace(value))
	if err != nil || n < rule.lo || n > rule.hi {
		return "", &model.Error{Code: model.EINVALID, Message: fmt.Sprintf(
			"The number of %s must be a whole number from %d to %d; %q is not, so the setting was not changed.", rule.what, rule.lo, rule.hi, value)}
	}
	return strconv.Itoa(n), nil
}

// chainedBody is the JSON object of the chained settings that are set
// (keys in order), nil when none is.
func chainedBody(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) ([]byte, error) {
	keys := make([]any, 0, len(chainedSettings))
	for k := range chainedSettings {
		keys = append(keys, k)
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(keys)), ", ")
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM settings WHERE key IN (`+marks+`)`, keys...)
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("read settings: %w", err)
		}
		m[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	return ChainedSettingsBody(m)
}

// ChainedSettingsBody is the history body of the chained settings among
// all (nil when there are none), so that another store verifying a copied
// history compares the same bytes.
func ChainedSettingsBody(all map[string]string) ([]byte, error) {
	m := map[string]string{}
	for k, v := range all {
		if _, ok := chainedSettings[k]; ok {
			m[k] = v
		}
	}
	if len(m) == 0 {
		return nil, nil
	}
	return json.Marshal(m) // map keys are sorted: the same settings give the same bytes
}

// IsChainedSetting says whether a change of key must be in the history.
func IsChainedSetting(key string) bool {
	_, ok := chainedSettings[key]
	return ok
}

// SetSetting stores a setting in the register. A setting that changes
// what is kept (backup_keep_daily, backup_keep_weekly) must be in its
// range, else EINVALID, and its change is recorded in the history.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	_, chained := chainedSettings[key]
	if chained {
		v, err := validSetting(key, value)
		if err != nil {
			return err
		}
		value = v
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var before []byte
	if chained {
		if before, err = chainedBody(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	if chained {
		after, err := chainedBody(ctx, tx)
		if err != nil {
			return err
		}
		if string(after) != string(before) {
			if err := newHistory(tx, db.currentUser()).record(ctx, EntitySetting, uuid.Nil, before, after); err != nil {
				return fmt.Errorf("save setting %s: %w", key, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	return nil
}
