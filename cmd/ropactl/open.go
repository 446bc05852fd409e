package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/google/uuid"
	"golang.org/x/term"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// registerStore is what list, check, export, verify, backup, import,
// review, asset, supplier and notice --record need of a register, whether a file (store.DB) or a shared register on
// PostgreSQL (pgstore.DB).
type registerStore interface {
	desk.Register
	Organisations(ctx context.Context) ([]model.Organisation, error)
	ListActivities(ctx context.Context, f model.ActivityFilter) ([]model.ActivitySummary, int, error)
	VerifyHistory(ctx context.Context) (store.VerifyResult, error)
	// Backup writes a checked backup into dir ("" for the usual folder).
	Backup(ctx context.Context, dir string) (string, error)
	// The records kept beside the activities (asset, supplier).
	Assets(ctx context.Context) ([]model.InformationAsset, error)
	Suppliers(ctx context.Context) ([]model.Supplier, error)
	SaveAsset(ctx context.Context, x *model.InformationAsset) error
	SaveSupplier(ctx context.Context, s *model.Supplier) error
	// SignedOffFingerprint is a signed-off cycle's PDF fingerprint and the
	// history head it was signed off at (review signoff).
	SignedOffFingerprint(ctx context.Context, cycleID uuid.UUID) (fp, head string, err error)
	Close() error
}

// openStore opens the register at path, a .ropa file or a postgres://
// connection string: for reading (as openRegister does for a file) or,
// with write, for changes (as openWriter does). It is the one place the
// commands choose between the two stores.
func openStore(e *env, path string, write bool) (registerStore, error) {
	if pgstore.IsConnString(path) {
		db, err := openShared(e, path)
		if err != nil {
			return nil, err
		}
		if why := db.ReadOnly(); write && why != "" {
			db.Close()
			return nil, model.Errorf(model.EREADONLY, "%s", why)
		}
		return db, nil
	}
	open := openRegister
	if write {
		open = openWriter
	}
	db, err := open(e, path)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// openShared connects to a shared register. The password comes from the
// connection string, PGPASSWORD or PGPASSFILE (~/.pgpass), as libpq reads
// them; failing those, from a prompt when ropactl runs at a terminal.
// History records the role the server authenticated unless $ROPA_USER
// names someone else (as for a file).
func openShared(e *env, conn string) (*pgstore.DB, error) {
	db, err := pgstore.OpenAsking(e.ctx, conn, askPassword)
	if err != nil {
		return nil, err
	}
	if u := strings.TrimSpace(os.Getenv("ROPA_USER")); u != "" {
		db.SetUser(u)
	}
	return db, nil
}

// sharedOnly refuses, in words, what a shared register cannot do yet
// (what it lacks, and the way round it).
func sharedOnly(what, lacks string) error {
	return model.Errorf(model.EINVALID, "%s cannot be done on a shared register yet: %s. Copy the register to a file with 'ropactl copy CONNECTION FILE.ropa' and use that file.", what, lacks)
}

// askPassword asks for the password of a shared register when none was
// found in the standard places; tests replace it. Only at a terminal,
// with nothing echoed: a script without a terminal gets the server's
// refusal in words instead of waiting for input that never comes.
var askPassword pgstore.AskPassword = func(where string) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", nil
	}
	fmt.Fprintf(os.Stderr, "Password for the shared register %s: ", where)
	pw, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", fmt.Errorf("read the password: %w", err)
	}
	return string(pw), nil
}
