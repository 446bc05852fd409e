package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"modernc.org/sqlite"
)

// A register is data, never code. A register arrives by email from a
// partner, so before anything writes to it the store compares its schema
// (every table, index, trigger and view in sqlite_schema) with exactly what
// the migrations make for its schema version. Anything else opens the file
// read-only, naming the objects, and none of them runs: on every
// connection an authorizer refuses any statement that a trigger or a view
// would run and any recursive query, and trusted_schema is off.

// schemaObject is one row of sqlite_schema, its SQL normalised (comments
// dropped, spaces collapsed) so that a comment reworded in a migration
// does not make older registers look foreign.
type schemaObject struct{ kind, name, table, sql string }

func (o schemaObject) key() string { return o.kind + "\x00" + o.name }

func (o schemaObject) describe() string {
	switch o.kind {
	case "trigger":
		return fmt.Sprintf("trigger %q on %s", o.name, o.table)
	case "index":
		return fmt.Sprintf("index %q on %s", o.name, o.table)
	}
	return fmt.Sprintf("%s %q", o.kind, o.name)
}

var (
	sqlComment = regexp.MustCompile(`--[^\n]*`)
	sqlSpace   = regexp.MustCompile(`\s+`)
)

func normaliseSQL(s string) string {
	s = sqlComment.ReplaceAllString(s, " ")
	return strings.TrimSpace(sqlSpace.ReplaceAllString(s, " "))
}

func readSchema(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[string]schemaObject, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema`)
	if err != nil {
		return nil, fmt.Errorf("read schema: %w", err)
	}
	defer rows.Close()
	out := map[string]schemaObject{}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.kind, &o.name, &o.table, &o.sql); err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		o.sql = normaliseSQL(o.sql)
		// SQLite's statistics tables (ANALYZE, PRAGMA optimize) hold
		// numbers for the query planner, never code.
		if o.kind == "table" && strings.HasPrefix(o.name, "sqlite_stat") {
			continue
		}
		out[o.key()] = o
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read schema: %w", err)
	}
	return out, nil
}

var expected sync.Map // schema version → map[string]schemaObject

// expectedSchema is what the migrations up to version make, built once in
// an in-memory database.
func expectedSchema(ctx context.Context, version int) (map[string]schemaObject, error) {
	if v, ok := expected.Load(version); ok {
		return v.(map[string]schemaObject), nil
	}
	mem, err := sql.Open(driverName, "file::memory:")
	if err != nil {
		return nil, err
	}
	defer mem.Close()
	mem.SetMaxOpenConns(1)
	for _, m := range loadMigrations() {
		if m.Version > version {
			break
		}
		if _, err := mem.ExecContext(ctx, m.SQL); err != nil {
			return nil, fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	s, err := readSchema(ctx, mem)
	if err != nil {
		return nil, err
	}
	expected.Store(version, s)
	return s, nil
}

// schemaDifferences compares a register's schema (at version) with what
// the migrations make, and describes each object that is not theirs.
func schemaDifferences(ctx context.Context, d *sql.DB, version int) ([]string, error) {
	want, err := expectedSchema(ctx, version)
	if err != nil {
		return nil, err
	}
	got, err := readSchema(ctx, d)
	if err != nil {
		return nil, err
	}
	var out []string
	for k, o := range got {
		w, ok := want[k]
		switch {
		case !ok:
			out = append(out, "an unexpected "+o.describe())
		case w.sql != o.sql || w.table != o.table:
			out = append(out, "a changed "+o.describe())
		}
	}
	for k, w := range want {
		if _, ok := got[k]; !ok {
			out = append(out, "no "+w.describe())
		}
	}
	sort.Strings(out)
	return out, nil
}

// CheckSchema opens the register at path read-only and lists, in plain
// words, every table, index, trigger or view in it that ROPA Desk's
// migrations did not make for its schema version (and every one missing).
// None means the schema is exactly ROPA Desk's. verify reports them.
func CheckSchema(ctx context.Context, path string) ([]string, error) {
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	d, err := openReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	var version int
	if err := d.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return nil, unreadable(path, err)
	}
	if version > latestVersion() {
		return nil, nil // a newer schema: not ours to judge
	}
	return schemaDifferences(ctx, d, version)
}

// UnexpectedSchema lists what the open-time schema check found (see
// CheckSchema); the register is then open read-only.
func (db *DB) UnexpectedSchema() []string { return db.unexpected }

func foreignSchemaMessage(path string, found []string) string {
	const most = 8
	list := found
	more := ""
	if len(list) > most {
		more = fmt.Sprintf(", and %d more", len(list)-most)
		list = list[:most]
	}
	return fmt.Sprintf("%s contains things a ROPA Desk register never has (%s%s). They could change the register behind your back, so it is open read-only and none of them is run. You can view, check and export it; ask whoever sent it for a clean copy before you edit it.",
		path, strings.Join(list, "; "), more)
}

// authorize is the authorizer on every connection: a statement a trigger
// or a view would run, and a recursive query, are refused at compile time,
// so no object stored in a register can act or loop.
func authorize(action sqlite.AuthorizerActionCode, _, _, _, triggerOrView string) sqlite.AuthorizerReturnCode {
	if triggerOrView != "" || action == sqlite.AuthRecursive {
		return sqlite.AuthorizerDeny
	}
	return sqlite.AuthorizerOK
}

func installAuthorizer(c sqlite.ExecQuerierContext, _ string) error {
	r, ok := c.(sqlite.AuthorizerRegisterer)
	if !ok {
		return fmt.Errorf("the SQLite driver cannot refuse stored code")
	}
	return r.RegisterAuthorizer(authorize)
}

// schemaDigests pins what each schema version is, so that a migration
// edited after release (which would make every register of that version
// look foreign, or let a changed object pass) fails the tests instead.
var schemaDigests = map[int]string{
	1: "e11e323248c26979b6e8ac089be07a0d074711ed3e1b616acc01aea05ea312d2",
	2: "c0b5ab416aebd9e7c66aaea82c647e9be58bd59aec43d5b3893f2c163fc7e6fd", // information assets and suppliers
	3: "2509c2dfa2f7f31ada3982723f61cd62f14b7a298638d7e71a7e65b326651627", // published privacy notices
}

// schemaDigest is the SHA-256 of a schema's objects in a fixed order.
func schemaDigest(s map[string]schemaObject) string {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := sha256.New()
	for _, k := range keys {
		o := s[k]
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\n", o.kind, o.name, o.table, o.sql)
	}
	return hex.EncodeToString(h.Sum(nil))
}
