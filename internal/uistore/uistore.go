// Package uistore hands the user interface registers from the store, which
// ui may not import: cmd/ropa wires it in, and ui's tests use it, so the
// app and its tests see the store the same way. The assertions below fail
// the build when the store stops satisfying what ui declares it needs.
package uistore

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

var (
	_ ui.Opener         = Opener{}
	_ ui.TakeOverOpener = Opener{}
	_ ui.Register       = Register{}
	_ ui.HeldElsewhere  = Register{}
)

// Opener creates and opens register files with the store, and keeps their
// backups beside them.
type Opener struct{}

// Create makes a new, empty register at path.
func (Opener) Create(ctx context.Context, path string) (ui.Register, error) {
	db, err := store.Create(ctx, path)
	if err != nil {
		return nil, err
	}
	return Register{db}, nil
}

// Open opens the register at path.
func (o Opener) Open(ctx context.Context, path string) (ui.Register, error) {
	if o.IsShared(path) {
		return o.Connect(ctx, path, nil)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return Register{db}, nil
}

// TakeOver opens the register at path for writing although another
// machine holds its lock (store.TakeOver).
func (Opener) TakeOver(ctx context.Context, path string) (ui.Register, error) {
	db, err := store.TakeOver(ctx, path)
	if err != nil {
		return nil, err
	}
	return Register{db}, nil
}

// Backups lists the backups of the register at registerPath, newest first.
func (o Opener) Backups(ctx context.Context, registerPath string) ([]ui.BackupEntry, error) {
	if o.IsShared(registerPath) {
		return nil, sharedBackups(registerPath)
	}
	list, err := store.ListBackups(store.DefaultBackupDir(registerPath))
	if err != nil {
		return nil, err
	}
	out := make([]ui.BackupEntry, len(list))
	for i, b := range list {
		out[i] = ui.BackupEntry{Path: b.Path, Time: b.Time, Size: b.Size, Reason: b.Reason, OK: b.OK, Problem: b.Problem}
	}
	return out, nil
}

// ReplaceWithBackup replaces the closed register at registerPath with the
// backup, after the store's checks; desk.Restore calls it.
func (o Opener) ReplaceWithBackup(ctx context.Context, registerPath, backupPath string, anotherRegister bool) error {
	if o.IsShared(registerPath) {
		return sharedBackups(registerPath)
	}
	return store.RestoreWith(ctx, registerPath, backupPath, store.RestoreOptions{AnotherRegister: anotherRegister})
}

// BackupDir is the folder of the register's backups.
func (Opener) BackupDir(registerPath string) string { return store.DefaultBackupDir(registerPath) }

// Register is a *store.DB as the user interface sees it: the store's
// methods as they are, and its change history in ui's terms, because ui
// cannot name store.HistoryEntry.
type Register struct{ *store.DB }

// History is the change history of the activity with id, for the editor.
func (r Register) History(ctx context.Context, id uuid.UUID) ([]ui.HistoryChange, error) {
	return historyChanges(r.DB.History(ctx, id))
}

// historyChanges is a store's history in ui's terms, for both stores.
func historyChanges(entries []store.HistoryEntry, err error) ([]ui.HistoryChange, error) {
	if err != nil {
		return nil, err
	}
	out := make([]ui.HistoryChange, len(entries))
	for i, e := range entries {
		out[i] = ui.HistoryChange{Seq: e.Seq, At: e.At, User: e.User, Action: e.Action, Field: e.Field, Old: e.Old, New: e.New}
	}
	return out, nil
}

// HeldElsewhere says who holds the register on another machine, when that
// is why it opened read-only.
func (r Register) HeldElsewhere() (user, host string, since time.Time, ok bool) {
	h := r.DB.LockHolder()
	if h == nil || !h.OtherMachine {
		return "", "", time.Time{}, false
	}
	return h.User, h.Host, h.Since, true
}
