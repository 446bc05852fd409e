package uistore

import (
	"context"
	"net/url"
	"strings"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
	"github.com/ropadesk/ropadesk/ui"
)

var (
	_ ui.SharedOpener   = Opener{}
	_ ui.Register       = SharedRegister{}
	_ ui.SharedLocation = SharedRegister{}
)

// IsShared reports whether path is the address of a shared register
// (postgres://…) rather than a file's path.
func (Opener) IsShared(path string) bool { return pgstore.IsConnString(path) }

// Connect opens the shared register at address. The password comes from
// the address, PGPASSWORD or PGPASSFILE (~/.pgpass) as libpq reads them;
// failing those, ask is called for it once. It is used for this connection
// only: the register's Path, which the app keeps among the recent
// registers, is the address without it.
func (Opener) Connect(ctx context.Context, address string, ask func(where string) (string, error)) (ui.Register, error) {
	db, err := pgstore.OpenAsking(ctx, address, ask)
	if err != nil {
		return nil, err
	}
	return SharedRegister{DB: db, address: WithoutPassword(address)}, nil
}

// WithoutPassword is address with any password taken out (from the user
// part or a password= parameter), so that it can be kept and shown.
func WithoutPassword(address string) string {
	u, err := url.Parse(address)
	if err != nil || u.Scheme == "" {
		return address
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.User(u.User.Username())
		}
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// SharedRegister is a *pgstore.DB as the user interface sees it.
type SharedRegister struct {
	*pgstore.DB
	address string
}

// Path is the address the register was opened with, without a password:
// what the recent registers and drafts are kept under.
func (r SharedRegister) Path() string { return r.address }

// SharedWhere names the register for a person: database, server and role.
func (r SharedRegister) SharedWhere() string { return r.DB.Path() }

// History is the change history of the entity with id, for the editor.
func (r SharedRegister) History(ctx context.Context, id uuid.UUID) ([]ui.HistoryChange, error) {
	return historyChanges(r.DB.History(ctx, id))
}

// DailyBackup makes none: a shared register is backed up on its server
// (pg_dump, by its administrator) and with `ropactl backup`, not by every
// app that connects to it, each with only what its role may read.
func (SharedRegister) DailyBackup(context.Context) (string, bool, error) { return "", false, nil }

// Damaged is false: the server keeps its own integrity; there is no file
// to check.
func (SharedRegister) Damaged() bool { return false }

// VolumeNote says, in the status bar, that the register is shared and
// where it is.
func (r SharedRegister) VolumeNote() string {
	return "Shared register " + r.DB.Path() + ": others' changes appear here as they save them."
}

// sharedBackups answers the backups dialog for a shared register: it has
// no backup folder beside it, and is restored on the server.
func sharedBackups(address string) error {
	return model.Errorf(model.EINVALID, "The shared register %s is backed up and restored on its server by its administrator (pg_dump and pg_restore). Use File → Back up now for a copy of it as a file.", strings.TrimSpace(address))
}
