// Package ui holds ROPA Desk's Fyne screens. It talks to the register
// through the interfaces declared in this file — every one the screens
// use, none found later by type assertion — so it never imports the store
// and its tests can run against any implementation. The use cases both
// front ends offer (import, export, review, restore) are the desk package's; ui
// only asks for their input and shows their result.
package ui

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
)

// Register is what the screens need from an open register file. cmd/ropa
// hands over the store's *DB (with its change history in ui's terms) and
// asserts at compile time that it satisfies this.
type Register interface {
	// desk.Register: path, read-only reason, the whole register, Apply,
	// backup before import, history head, and the review cycles.
	desk.Register
	Close() error
	// SetUser names who the changes are recorded under.
	SetUser(name string)

	Organisations(ctx context.Context) ([]model.Organisation, error)
	Organisation(ctx context.Context, id uuid.UUID) (*model.Organisation, error)
	CreateOrganisation(ctx context.Context, o *model.Organisation) error
	UpdateOrganisation(ctx context.Context, o *model.Organisation) error
	DeleteOrganisation(ctx context.Context, id uuid.UUID) error

	ListActivities(ctx context.Context, f model.ActivityFilter) ([]model.ActivitySummary, int, error)
	Activity(ctx context.Context, id uuid.UUID) (*model.Activity, error)
	CreateActivity(ctx context.Context, a *model.Activity) error
	UpdateActivity(ctx context.Context, a *model.Activity) error
	DeleteActivity(ctx context.Context, id uuid.UUID) error
	Suggestions(ctx context.Context, field string) ([]string, error)
	EachActivity(ctx context.Context, fn func(a *model.Activity, org *model.Organisation) error) error

	// The information asset register and the supplier list (assets_screen.go).
	AssetRegister

	// History is the change history of the entity with id, oldest first.
	History(ctx context.Context, id uuid.UUID) ([]HistoryChange, error)

	// Backup writes a backup into dir ("" for the register's own backup
	// folder) and returns its path.
	Backup(ctx context.Context, dir string) (string, error)
	// WatchChanges calls changed whenever the register file is changed,
	// by this app or another process, until stop is called.
	WatchChanges(ctx context.Context, every time.Duration, changed func()) (stop func())

	DailyBackups
	RegisterHealth
}

// DailyBackups is how a register backs itself up once a day. DailyBackup
// reports the new backup's path and whether one was made (none is when
// today's exists, or the register is read-only).
type DailyBackups interface {
	DailyBackup(ctx context.Context) (path string, made bool, err error)
}

// RegisterHealth is what the open-time check found and how the file is
// kept.
type RegisterHealth interface {
	// Damaged reports whether the file failed its check on open; it is
	// then open read-only.
	Damaged() bool
	// VolumeNote says how a network or removable drive changes how the
	// register is kept, "" on a local disk.
	VolumeNote() string
}

// Opener creates and opens register files and keeps their backups;
// cmd/ropa wires it to the store.
type Opener interface {
	Create(ctx context.Context, path string) (Register, error)
	Open(ctx context.Context, path string) (Register, error)
	// Backups lists the backups of the register at registerPath, newest first.
	Backups(ctx context.Context, registerPath string) ([]BackupEntry, error)
	// The register files desk.Restore replaces a closed register's with
	// a backup through.
	desk.RegisterFiles
}

// BackupSource is what the backups dialog needs: the open register's
// backups, seen through the Opener.
type BackupSource interface {
	Backups(ctx context.Context) ([]BackupEntry, error)
	BackUpNow(ctx context.Context) (string, error)
	Restore(ctx context.Context, backupPath string) error
}
