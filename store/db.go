// Package store keeps a ROPA Desk register in one SQLite file (extension
// .ropa): organisations, processing activities, settings, review cycles and
// the hash-chained change history. Every public method is one transaction.
// A file that is not a register is refused without being touched, and a
// register written by a newer version of ROPA Desk opens read-only.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ropadesk/ropadesk/internal/migrations"
	"github.com/ropadesk/ropadesk/model"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID is the PRAGMA application_id that marks an SQLite file as a
// ROPA Desk register ("ROPA" in ASCII).
const ApplicationID = 0x524F5041

// Extension is the file extension of a register.
const Extension = ".ropa"

//go:embed migrations/*.sql
var migrationFS embed.FS

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// DB is an open register.
type DB struct {
	db       *sql.DB
	path     string
	readOnly string
	lock     *lockFile
	// holder is who has the register open for writing when that is why
	// this one is read-only.
	holder *LockHolder
	// damaged, volumeNote: see health.go.
	damaged    bool
	volumeNote string
	// unexpected: see schema.go.
	unexpected []string

	mu   sync.Mutex
	user string

	suggestions SuggestionCache // see suggestions.go
}

// Options change how a register is opened.
type Options struct {
	// NoLock opens writable without taking the register's lock. Only tests
	// that open the same file twice on purpose use it; a tool that only
	// reads sets ReadOnly instead.
	NoLock bool
	// ReadOnly opens the register for reading only: no lock, no migration,
	// nothing written, and reads never wait for a writer (WAL).
	ReadOnly bool
	// TakeOver opens writable even though another machine holds the lock
	// (see TakeOver). It never overrides a holder on this machine.
	TakeOver bool
}

// Create makes a new empty register file at path (refuses if the file
// exists) and applies migrations.
func Create(ctx context.Context, path string) (*DB, error) {
	return CreateWith(ctx, path, Options{})
}

// CreateWith is Create with options.
func CreateWith(ctx context.Context, path string, opt Options) (*DB, error) {
	// 0600 whatever the umask: a register records health-data processing.
	// SQLite gives its -wal and -shm files the register's permissions.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil, model.Errorf(model.ECONFLICT, "%s already exists; open it, or choose another name for the new register.", path)
	}
	if err != nil {
		return nil, fmt.Errorf("create register %s: %w", path, err)
	}
	f.Close()
	db, err := openWritable(ctx, path, opt)
	if err != nil {
		os.Remove(path)
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		return nil, fmt.Errorf("create register %s: %w", path, err)
	}
	return db, nil
}

// Open opens an existing register. A file that is not a ROPA Desk register
// (random bytes, empty file, another app's SQLite DB) gives a *model.Error
// (EINVALID) saying so, and is left byte-for-byte untouched. A register with
// a newer schema opens read-only: ReadOnly() explains, every write returns
// EREADONLY.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opt Options) (*DB, error) {
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	// Look before touching: a read-only connection reads the schema version
	// so that a newer register is never migrated or written.
	ro, err := openReadOnly(path)
	if err != nil {
		return nil, fmt.Errorf("open register %s: %w", path, err)
	}
	var appID, version int
	err = ro.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID)
	if err == nil {
		err = ro.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version)
	}
	if err != nil {
		ro.Close()
		return nil, unreadable(path, err)
	}
	if appID != ApplicationID {
		ro.Close()
		return nil, notRegister(path, "it is an SQLite database of another application")
	}
	if known := latestVersion(); version > known {
		db := &DB{db: ro, path: path, user: defaultUser()}
		db.readOnly = fmt.Sprintf("This register was written by a newer version of ROPA Desk (schema %d; this version understands up to %d). It is open read-only so that nothing is lost; update ROPA Desk to edit it.", version, known)
		return db, nil
	}
	if db, err := openChecks(ctx, ro, path); db != nil || err != nil {
		if err != nil {
			ro.Close()
		}
		return db, err
	}
	if found, err := schemaDifferences(ctx, ro, version); err != nil {
		ro.Close()
		return nil, fmt.Errorf("open register %s: %w", path, err)
	} else if len(found) > 0 {
		return &DB{db: ro, path: path, user: defaultUser(), unexpected: found, readOnly: foreignSchemaMessage(path, found)}, nil
	}
	if opt.ReadOnly {
		return &DB{db: ro, path: path, user: defaultUser(), readOnly: fmt.Sprintf("%s is open for reading only.", path)}, nil
	}
	if opt.NoLock {
		if err := beforeMigration(ctx, path, version); err != nil {
			ro.Close()
			return nil, err
		}
		ro.Close()
		db, err := openWritable(ctx, path, opt)
		if err != nil {
			return nil, fmt.Errorf("open register %s: %w", path, err)
		}
		return db, nil
	}

	lock, holder, err := acquireLock(path)
	if errors.Is(err, errNoLock) {
		return &DB{db: ro, path: path, user: defaultUser(), readOnly: readOnlyMedia(path)}, nil
	}
	if err != nil {
		ro.Close()
		return nil, fmt.Errorf("open register %s: %w", path, err)
	}
	if holder != nil {
		if !opt.TakeOver || !holder.OtherMachine {
			return &DB{db: ro, path: path, user: defaultUser(), readOnly: holder.Message(path), holder: holder}, nil
		}
		lock = &lockFile{infoPath: lockPath(path), takenOver: true}
		if err := lock.writeInfo(); err != nil {
			ro.Close()
			return nil, fmt.Errorf("take over %s: %w", path, err)
		}
	}
	// Holding the lock, sweep what a killed backup or restore left.
	sweepLeftovers(path)
	if err := beforeMigration(ctx, path, version); err != nil {
		ro.Close()
		lock.release()
		return nil, err
	}
	ro.Close()
	db, err := openWritable(ctx, path, Options{NoLock: true})
	if err != nil {
		lock.release()
		return nil, fmt.Errorf("open register %s: %w", path, err)
	}
	db.lock = lock
	return db, nil
}

// OpenReadOnly opens an existing register for reading only: it takes no
// lock, migrates nothing and writes nothing, so it works while another
// process is writing and never waits for it.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{ReadOnly: true})
}

// OpenWritable opens an existing register to change it, or fails with the
// reason it cannot be changed: ECONFLICT naming who holds it, EREADONLY
// for a newer, damaged or unexpected file or read-only media. Commands
// that write use it, so they never report success on a register they
// could not write.
func OpenWritable(ctx context.Context, path string) (*DB, error) {
	db, err := Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if why := db.ReadOnly(); why != "" {
		h := db.holder
		db.Close()
		if h != nil {
			return nil, holderError(path, h)
		}
		return nil, model.Errorf(model.EREADONLY, "%s", why)
	}
	return db, nil
}

// TakeOver opens a register whose lock is held by another machine
// (LockHolder().OtherMachine) for writing anyway. It is for a machine
// that has crashed or lost the network while holding the register:
// offer it only after warning that if that machine is in fact still
// working, its later saves and these will overwrite each other. A holder
// on this machine is always a live process and is never taken over.
func TakeOver(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{TakeOver: true})
}

// LockHolder is who has the register open for writing when that is why
// this one is read-only; nil otherwise.
func (db *DB) LockHolder() *LockHolder { return db.holder }

// TakenOver reports whether this register was opened by TakeOver against
// another machine's lock.
func (db *DB) TakenOver() bool { return db.lock != nil && db.lock.takenOver }

func readOnlyMedia(path string) string {
	return fmt.Sprintf("%s is on a read-only disk or in a folder you may not change, so it is open for reading only. You can view, check, verify and export it; to edit it, copy it to a folder you can write to.", path)
}

func notRegister(path, why string) error {
	return model.Errorf(model.EINVALID, "%s is not a ROPA Desk register (%s).", path, why)
}

// checkHeader reads the SQLite header itself, before any driver opens the
// file, because SQLite would happily turn an empty file into a database or
// add -wal and -shm files beside someone else's.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return model.Errorf(model.ENOTFOUND, "There is no register at %s.", path)
	}
	if err != nil {
		return fmt.Errorf("open register %s: %w", path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return model.Errorf(model.EINVALID, "%s is a folder, not a ROPA Desk register.", path)
	}
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	switch {
	case n == 0:
		return notRegister(path, "the file is empty")
	case err != nil || !bytes.HasPrefix(head, sqliteHeader):
		return notRegister(path, "it is not an SQLite database")
	}
	if id := binary.BigEndian.Uint32(head[68:72]); id != ApplicationID {
		return notRegister(path, "it is an SQLite database of another application")
	}
	return nil
}

// dsn builds the SQLite URI for path. Pragmas go in the DSN so that every
// pooled connection gets them, not just the first.
func dsn(path string, readOnly bool) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:///C:/...
	}
	// trusted_schema off: nothing stored in the file may call functions
	// with side effects (see schema.go for the rest).
	q := "_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=trusted_schema(0)"
	if readOnly {
		q = "mode=ro&" + q + "&_query_only=1"
		if onReadOnlyMedia(path) {
			// Nothing can change a file on read-only media, so SQLite
			// may read it without the -shm and locks it cannot create
			// there ("unable to open database file").
			q += "&immutable=1"
		}
	} else {
		// WAL, or the rollback journal on a network or removable drive.
		mode, _ := journalFor(path)
		q += "&_pragma=journal_mode(" + mode + ")&_pragma=synchronous(FULL)&_txlock=immediate"
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: q}
	return u.String(), nil
}

func openReadOnly(path string) (*sql.DB, error) {
	d, err := dsn(path, true)
	if err != nil {
		return nil, err
	}
	return sql.Open(driverName, d)
}

func openWritable(ctx context.Context, path string, opt Options) (*DB, error) {
	d, err := dsn(path, false)
	if err != nil {
		return nil, err
	}
	sdb, err := sql.Open(driverName, d)
	if err != nil {
		return nil, err
	}
	db := &DB{db: sdb, path: path, user: defaultUser()}
	_, db.volumeNote = journalFor(path)
	if !opt.NoLock && db.lock == nil {
		// Create takes the lock of the file it has just made.
		lock, holder, err := acquireLock(path)
		if err != nil {
			sdb.Close()
			return nil, err
		}
		if holder != nil {
			sdb.Close()
			return nil, holderError(path, holder)
		}
		db.lock = lock
	}
	applied, err := db.migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if err := db.refreshIfStale(ctx, applied > 0); err != nil {
		db.Close()
		return nil, err
	}
	if applied > 0 {
		// Open checks the application_id in the main file's header before
		// anything else; until a checkpoint, a new register's header is
		// only in the WAL.
		if _, err := db.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			db.Close()
			return nil, fmt.Errorf("checkpoint: %w", err)
		}
	}
	return db, nil
}

func defaultUser() string {
	if u, err := user.Current(); err == nil {
		if u.Name != "" {
			return u.Name
		}
		return u.Username
	}
	return ""
}

// Close closes the register and releases its lock.
func (db *DB) Close() error {
	err := db.db.Close()
	if db.lock != nil {
		db.lock.release()
		db.lock = nil
	}
	return err
}

// Path is the register's file.
func (db *DB) Path() string { return db.path }

// ReadOnly is "" when the register is writable, else the reason in plain
// words.
func (db *DB) ReadOnly() string { return db.readOnly }

// SetUser sets who is recorded in the change history.
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

// beginWrite starts a write transaction, refusing when the register is
// read-only so that the reason reaches the user rather than SQLite's.
func (db *DB) beginWrite(ctx context.Context) (*sql.Tx, error) {
	if db.readOnly != "" {
		return nil, model.Errorf(model.EREADONLY, "%s", db.readOnly)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin write: %w", err)
	}
	return tx, nil
}

// beginRead starts a deferred transaction: readers need a consistent view,
// not the write lock that _txlock=immediate would take.
func (db *DB) beginRead(ctx context.Context) (*sql.Tx, error) {
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", err)
	}
	return tx, nil
}

// loadMigrations is this store's migrations, in order.
func loadMigrations() []migrations.Migration {
	return migrations.Load(migrationFS, "migrations", "store")
}

// latestVersion is the newest schema this build understands.
func latestVersion() int {
	m := loadMigrations()
	return m[len(m)-1].Version
}

// migrate applies each missing migration in its own transaction, setting
// user_version inside it so a crash leaves a consistent version.
func (db *DB) migrate(ctx context.Context) (int, error) {
	applied := 0
	for _, m := range loadMigrations() {
		tx, err := db.db.BeginTx(ctx, nil)
		if err != nil {
			return applied, fmt.Errorf("migrate: %w", err)
		}
		var current int
		if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&current); err != nil {
			tx.Rollback()
			return applied, fmt.Errorf("migrate: read version: %w", err)
		}
		if m.Version <= current {
			tx.Rollback()
			continue
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			tx.Rollback()
			return applied, fmt.Errorf("migration %s: %w", m.Name, err)
		}
		stmts := fmt.Sprintf(`PRAGMA user_version = %d`, m.Version)
		if _, err := tx.ExecContext(ctx, stmts); err != nil {
			tx.Rollback()
			return applied, fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d`, ApplicationID)); err != nil {
			tx.Rollback()
			return applied, fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if err := tx.Commit(); err != nil {
			return applied, fmt.Errorf("migration %s: %w", m.Name, err)
		}
		applied++
	}
	return applied, nil
}

// IntegrityCheck runs SQLite's full integrity check and reports any damage.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	rows, err := db.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) > 0 {
		return model.Errorf(model.EINVALID, "The register file %s is damaged: %s", db.path, strings.Join(problems, "; "))
	}
	return nil
}

// now is the store's clock: UTC, so every stored timestamp compares as text.
func now() time.Time { return time.Now().UTC() }

// timeFormat is fixed-width so that stored times sort and compare as text.
const timeFormat = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(timeFormat, s)
}
