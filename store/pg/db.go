// Package pgstore keeps a ROPA Desk register on a PostgreSQL server, so
// that a team shares one register: the same organisations, activities
// (the same JSON bodies as the .ropa file), revisions and conflicts, and
// the same hash-chained change history as the SQLite store (package
// store), whose chain code it uses. Every public method is one
// transaction; every write first locks the chain's head, so concurrent
// writers take turns and the chain never forks.
package pgstore

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/ropadesk/ropadesk/internal/migrations"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrationLock is the advisory lock (an arbitrary number, "ROPA") two
// apps opening a new server at once take, so one migrates and the other
// waits and finds it done.
const migrationLock = 0x524F5041

// IsConnString reports whether s names a PostgreSQL server rather than a
// register file.
func IsConnString(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// DB is an open shared register.
type DB struct {
	pool     *pgxpool.Pool
	where    string
	readOnly string

	mu   sync.Mutex
	user string

	// closed is set by Close: a change watch still running then ends
	// instead of trying the closed pool again and again (watch.go).
	closed atomic.Bool

	// suggestions keeps the editor's suggestions (suggestions.go).
	suggestions store.SuggestionCache

	// BackupDir is where BackupBeforeImport writes its snapshots; ""
	// for the user's cache folder (see backup.go).
	BackupDir string
}

// Open connects to the register at connString (a postgres:// URL or
// key=value string, as libpq takes it; the password comes from the URL,
// PGPASSWORD or PGPASSFILE) and brings its schema up to date. A schema
// newer than this version opens read-only, as a newer file does.
func Open(ctx context.Context, connString string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(connString)
	if err != nil {
		return nil, parseError(err)
	}
	return openConfig(ctx, cfg, nil)
}

// parseError says why a connection string could not be used: a file it
// names (the certificate authority of sslrootcert, a client certificate)
// that cannot be read, or the string itself (pgx's words, which mask a
// password).
func parseError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return model.Errorf(model.EINVALID, "ROPA Desk did not connect: the file %s, named in the connection string (sslrootcert, sslcert or sslkey), could not be read (%v). Check the path, and that you may read the file.", pe.Path, pe.Err)
	}
	return model.Errorf(model.EINVALID, "The address of the shared register is not one ROPA Desk can use: %v", err)
}

// AskPassword asks the person for the password of the shared register
// where names (user, database, server); "" with no error means they gave
// none.
type AskPassword func(where string) (string, error)

// OpenAsking is Open for someone at a keyboard: when the server asks for
// a password and none was found in the standard places (the connection
// string, PGPASSWORD, PGPASSFILE or ~/.pgpass), ask is called once for it.
// The password is used for this connection only and kept nowhere else.
func OpenAsking(ctx context.Context, connString string, ask AskPassword) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(connString)
	if err != nil {
		return nil, parseError(err)
	}
	return openConfig(ctx, cfg, ask)
}

func openConfig(ctx context.Context, cfg *pgxpool.Config, ask AskPassword) (*DB, error) {
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", describe(cfg.ConnConfig), err)
	}
	db := &DB{pool: pool, where: describe(cfg.ConnConfig)}
	if err := db.pool.QueryRow(ctx, `SELECT session_user`).Scan(&db.user); err != nil {
		pool.Close()
		if ask != nil && cfg.ConnConfig.Password == "" && passwordNeeded(err) {
			pw, aerr := ask(db.where)
			if aerr != nil {
				return nil, aerr
			}
			if pw != "" {
				again := cfg.Copy()
				again.ConnConfig.Password = pw
				return openConfig(ctx, again, nil)
			}
		}
		return nil, connectError(db.where, err)
	}
	version, known, err := db.migrate(ctx)
	if err != nil {
		pool.Close()
		return nil, err
	}
	if version > known {
		db.readOnly = fmt.Sprintf("The shared register %s was set up by a newer version of ROPA Desk (schema %d; this version understands up to %d). It is open read-only so that nothing is lost; update ROPA Desk to edit it.", db.where, version, known)
		return db, nil
	}
	// An auditor (see roles.go) may read but never take the history's head.
	var mayWrite bool
	if err := db.pool.QueryRow(ctx, `SELECT has_table_privilege('chain_head', 'UPDATE')`).Scan(&mayWrite); err != nil {
		pool.Close()
		return nil, fmt.Errorf("read your permissions on %s: %w", db.where, err)
	}
	if !mayWrite {
		db.readOnly = fmt.Sprintf("You may read the shared register %s but not change it: your role on the server is read-only.", db.where)
	}
	return db, nil
}

// describe names a server for a person: user, host and database, never
// the password.
func describe(c *pgx.ConnConfig) string {
	host := c.Host
	if strings.HasPrefix(host, "/") {
		host = "the local server"
	} else if c.Port != 0 && c.Port != 5432 {
		host += ":" + strconv.Itoa(int(c.Port))
	}
	return fmt.Sprintf("%q on %s as %s", c.Database, host, c.User)
}

// connectError says in plain words why the server could not be used.
func connectError(where string, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000":
			return model.Errorf(model.EINVALID, "The server refused the sign-in for the shared register %s: check the user name and password.", where)
		case "3D000":
			return model.Errorf(model.ENOTFOUND, "There is no shared register %s: the database does not exist.", where)
		}
	}
	if cerr := certificateError(where, err); cerr != nil {
		return cerr
	}
	if lostConnection(err) {
		if unreachable(err) {
			return model.Errorf(model.EINTERNAL, "The server of the shared register %s could not be reached: check the network connection, or ask its administrator whether it is running. Nothing was saved; what you typed is still there, to save once it is back.", where)
		}
		return model.Errorf(model.EINTERNAL, "The connection to the shared register %s was lost: try again, and ROPA Desk connects afresh (once the server is back, if it stopped).", where)
	}
	return fmt.Errorf("use the shared register %s: %w", where, err)
}

// unreachable reports whether err is a connection that could not be made
// (nothing listening, no route, a timeout), not one that broke.
func unreachable(err error) bool {
	var ce *pgconn.ConnectError
	return errors.As(err, &ce)
}

// saveError says why a save failed for want of its connection: it broke
// (the server restarted, or its administrator ended the session) or no
// new one could be made. The transaction was rolled back, so nothing of
// the change is on the server; the editor keeps what was typed, and the
// pool connects afresh for the next save. Any other error is returned as
// it is.
func saveError(where string, err error) error {
	if !lostConnection(err) {
		return err
	}
	if cerr := certificateError(where, err); cerr != nil {
		return cerr
	}
	if unreachable(err) {
		return model.Errorf(model.EINTERNAL, "The connection to the shared register %s was lost; your change was not saved. The server could not be reached: check the network connection, or ask its administrator whether it is running. What you typed is still there, to save once it is back.", where)
	}
	return model.Errorf(model.EINTERNAL, "The connection to the shared register %s was lost; your change was not saved. What you typed is still there: save it again, and ROPA Desk connects afresh (once the server is back, if it stopped).", where)
}

// commitError is saveError for a COMMIT that failed for want of its
// connection: it may have gone after the server committed, so the words
// do not say the change was not saved.
func commitError(where string) error {
	return model.Errorf(model.EINTERNAL, "The connection to the shared register %s was lost as your change was being saved, so ROPA Desk cannot tell whether the server kept it. What you typed is still there: once the server is back, reopen the register to see whether it was saved, and save again if not.", where)
}

// passwordNeeded reports whether the server turned the sign-in down for
// want of the right password (and not, say, for an unknown database).
func passwordNeeded(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "28P01"
}

// lostConnection reports whether err says the server could not be reached
// or went away (not that it refused something).
func lostConnection(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// Class 57: the server is shutting down or ended the session;
		// class 08: the connection failed.
		return strings.HasPrefix(pe.Code, "57") || strings.HasPrefix(pe.Code, "08")
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	return errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET) ||
		pgconn.SafeToRetry(err)
}

// Close disconnects.
func (db *DB) Close() error {
	db.closed.Store(true)
	db.pool.Close()
	return nil
}

// Path names the register for a person: the database, server and user
// (never the password).
func (db *DB) Path() string { return db.where }

// ReadOnly is "" when the register can be changed, else why not.
func (db *DB) ReadOnly() string { return db.readOnly }

// SetUser sets who is recorded in the change history; it starts as the
// role the server authenticated.
func (db *DB) SetUser(name string) {
	db.mu.Lock()
	db.user = name
	db.mu.Unlock()
}

func (db *DB) currentUser() string {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.user
}

// beginWrite starts a write transaction holding the chain's head (see
// migrations/0001_init.sql): everything it then reads is the latest
// committed state, and no other writer runs until it ends.
func (db *DB) beginWrite(ctx context.Context) (*writer, error) {
	if db.readOnly != "" {
		return nil, model.Errorf(model.EREADONLY, "%s", db.readOnly)
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return nil, saveError(db.where, err)
	}
	w := &writer{tx: tx, user: db.currentUser()}
	if err := tx.QueryRow(ctx, `SELECT seq, hash FROM chain_head FOR UPDATE`).Scan(&w.seq, &w.head); err != nil {
		tx.Rollback(ctx)
		if lostConnection(err) {
			return nil, saveError(db.where, err)
		}
		return nil, fmt.Errorf("lock the history: %w", err)
	}
	return w, nil
}

// beginRead starts a read-only transaction that sees one snapshot.
func (db *DB) beginRead(ctx context.Context) (pgx.Tx, error) {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, connectError(db.where, err)
	}
	return tx, nil
}

// schemaLimit, when not 0, makes this build know the migrations up to it
// only: a test sets it to make a register as an older version left it.
var schemaLimit int

// loadMigrations is this store's migrations, in order.
func loadMigrations() []migrations.Migration {
	ms := migrations.Load(migrationFS, "migrations", "pgstore")
	for schemaLimit > 0 && ms[len(ms)-1].Version > schemaLimit {
		ms = ms[:len(ms)-1]
	}
	return ms
}

// migrate applies the missing migrations in one transaction under an
// advisory lock and returns the schema version found and the newest this
// build knows. A newer schema is left alone.
func (db *DB) migrate(ctx context.Context) (version, known int, err error) {
	ms := loadMigrations()
	known = ms[len(ms)-1].Version
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return 0, known, connectError(db.where, err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
		return 0, known, fmt.Errorf("migrate %s: %w", db.where, err)
	}
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT to_regclass('ropa_schema') IS NOT NULL`).Scan(&exists); err != nil {
		return 0, known, fmt.Errorf("migrate %s: %w", db.where, err)
	}
	if exists {
		if err := tx.QueryRow(ctx, `SELECT version FROM ropa_schema`).Scan(&version); err != nil {
			var pe *pgconn.PgError
			if errors.As(err, &pe) && pe.Code == "42501" {
				// Everyone granted a role may read the version: this
				// person was let in by the server but given none.
				return 0, known, model.Errorf(model.EREADONLY, "You may not use the shared register %s: you have no role in it yet. Ask its administrator to give you one ('ropactl db grant' with --dpo, --editor or --auditor).", db.where)
			}
			return 0, known, fmt.Errorf("migrate %s: read version: %w", db.where, err)
		}
	} else if _, err := tx.Exec(ctx, `CREATE TABLE ropa_schema (version integer NOT NULL); INSERT INTO ropa_schema VALUES (0)`); err != nil {
		return 0, known, permissionError(db.where, fmt.Errorf("migrate %s: %w", db.where, err))
	}
	if version >= known {
		return version, known, nil
	}
	for _, m := range ms {
		if m.Version <= version {
			continue
		}
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			var pe *pgconn.PgError
			if version > 0 && errors.As(err, &pe) && pe.Code == "42501" {
				// A register in use, which only its owner may upgrade.
				return version, known, model.Errorf(model.EREADONLY, "The shared register %s is at schema %d, and this version of ROPA Desk needs schema %d: ask its administrator to run 'ropactl db init' of this version, which upgrades it keeping everything in it.", db.where, version, known)
			}
			return version, known, permissionError(db.where, fmt.Errorf("migration %s: %w", m.Name, err))
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE ropa_schema SET version = $1`, known); err != nil {
		return version, known, fmt.Errorf("migrate %s: %w", db.where, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return version, known, fmt.Errorf("migrate %s: %w", db.where, err)
	}
	return known, known, nil
}

// permissionError turns the server's "permission denied" into words.
func permissionError(where string, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" {
		return model.Errorf(model.EREADONLY, "You may not change the shared register %s: the server refused (ask its administrator for the editor or DPO role).", where)
	}
	return err
}

// Redact is the connection string s with any password in it masked, for
// messages and logs.
func Redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
