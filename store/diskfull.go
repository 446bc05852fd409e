package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"modernc.org/sqlite"

	"github.com/ropadesk/ropadesk/model"
)

// driverName is the database/sql driver the store opens registers with:
// modernc's SQLite, with errors that mean "the disk is full" turned into a
// message for the DPO. Wrapping the driver catches them wherever they
// happen (a statement, the commit, a checkpoint) without every write
// method having to look for them.
const driverName = "ropadesk-sqlite"

// sqliteDriver is the driver instance behind driverName; the SQL
// functions the store defines (list.go) are registered on it.
var sqliteDriver = &sqlite.Driver{}

func init() {
	sqliteDriver.RegisterConnectionHook(installAuthorizer) // see schema.go
	sql.Register(driverName, fullDriver{sqliteDriver})
}

// SQLite result codes the store recognises (the low byte of an extended
// code).
const (
	sqliteCorrupt = 11
	sqliteFull    = 13
	sqliteIOErr   = 10
	sqliteNotADB  = 26
)

// sqliteCode is the primary SQLite result code in err's chain, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// mapFull turns SQLITE_FULL into a *model.Error saying what happened and
// that nothing was lost; SQLite rolls the transaction back, so the last
// saved state is intact. The SQLite error stays in the chain for logs.
//
// A write refused by the file-size limit (ulimit -f, EFBIG; Go ignores
// SIGXFSZ, so the write just fails) reaches SQLite as a failed write,
// SQLITE_IOERR_WRITE: it gets the same kind of message, naming both
// causes, since SQLite does not say which.
func mapFull(err error) error {
	if err == nil {
		return err
	}
	full := sqliteCode(err) == sqliteFull
	if !full && sqliteExtended(err) != sqliteIOErrWrite {
		return err
	}
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	if !full {
		return fmt.Errorf("%w (%w)", model.Errorf(model.EINTERNAL,
			"The change was not saved, because the register file could not grow: the disk is full, or the file has reached the largest file size allowed for your account on this computer. Everything saved before it is safe. Free some space (or ask your IT team to lift the file-size limit) and save again."), err)
	}
	return fmt.Errorf("%w (%w)", model.Errorf(model.EINTERNAL,
		"The disk is full, so the change was not saved. Everything saved before it is safe. Free some space on the disk (or move the register to a disk with room) and save again."), err)
}

// sqliteIOErrWrite is SQLITE_IOERR_WRITE, the extended code of a write
// the operating system refused.
const sqliteIOErrWrite = sqliteIOErr | 3<<8

// sqliteExtended is the extended SQLite result code in err's chain, or 0.
func sqliteExtended(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

type fullDriver struct{ d *sqlite.Driver }

func (f fullDriver) Open(name string) (driver.Conn, error) {
	c, err := f.d.Open(name)
	if err != nil {
		return nil, mapFull(err)
	}
	return &fullConn{c}, nil
}

// fullConn forwards to modernc's connection, which implements all of
// these interfaces; only the errors change.
type fullConn struct{ c driver.Conn }

func (c *fullConn) Prepare(query string) (driver.Stmt, error) {
	s, err := c.c.Prepare(query)
	if err != nil {
		return nil, mapFull(err)
	}
	return &fullStmt{s}, nil
}

func (c *fullConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.c.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, mapFull(err)
	}
	return &fullStmt{s}, nil
}

func (c *fullConn) Close() error { return c.c.Close() }

// Begin is required of every driver.Conn; database/sql calls BeginTx.
func (c *fullConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *fullConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	t, err := c.c.(driver.ConnBeginTx).BeginTx(ctx, opts)
	if err != nil {
		return nil, mapFull(err)
	}
	return fullTx{t}, nil
}

func (c *fullConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	r, err := c.c.(driver.ExecerContext).ExecContext(ctx, query, args)
	return r, mapFull(err)
}

func (c *fullConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	r, err := c.c.(driver.QueryerContext).QueryContext(ctx, query, args)
	return r, mapFull(err)
}

func (c *fullConn) Ping(ctx context.Context) error { return c.c.(driver.Pinger).Ping(ctx) }

func (c *fullConn) ResetSession(ctx context.Context) error {
	return c.c.(driver.SessionResetter).ResetSession(ctx)
}

func (c *fullConn) IsValid() bool { return c.c.(driver.Validator).IsValid() }

type fullTx struct{ t driver.Tx }

func (t fullTx) Commit() error   { return mapFull(t.t.Commit()) }
func (t fullTx) Rollback() error { return t.t.Rollback() }

type fullStmt struct{ s driver.Stmt }

func (s *fullStmt) Close() error  { return s.s.Close() }
func (s *fullStmt) NumInput() int { return s.s.NumInput() }

// Exec is required of every driver.Stmt; database/sql calls ExecContext.
func (s *fullStmt) Exec(args []driver.Value) (driver.Result, error) {
	r, err := s.s.Exec(args) //lint:ignore SA1019 forwarding the required method
	return r, mapFull(err)
}

// Query is required of every driver.Stmt; database/sql calls QueryContext.
func (s *fullStmt) Query(args []driver.Value) (driver.Rows, error) {
	r, err := s.s.Query(args) //lint:ignore SA1019 forwarding the required method
	return r, mapFull(err)
}

func (s *fullStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	r, err := s.s.(driver.StmtExecContext).ExecContext(ctx, args)
	return r, mapFull(err)
}

func (s *fullStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	r, err := s.s.(driver.StmtQueryContext).QueryContext(ctx, args)
	return r, mapFull(err)
}
