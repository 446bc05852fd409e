package main

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// opener hands the user interface registers from the store, which ui may
// not import.
type opener struct{}

func (opener) Create(ctx context.Context, path string) (ui.Register, error) {
	db, err := store.Create(ctx, path)
	if err != nil {
		return nil, err
	}
	return register{db}, nil
}

func (opener) Open(ctx context.Context, path string) (ui.Register, error) {
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return register{db}, nil
}

func (opener) Backups(ctx context.Context, registerPath string) ([]ui.BackupEntry, error) {
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

func (opener) BackUp(ctx context.Context, reg ui.Register) (string, error) {
	r, ok := reg.(register)
	if !ok {
		return "", fmt.Errorf("back up %s: not a register from the store", reg.Path())
	}
	return r.Backup(ctx, "")
}

func (opener) Restore(ctx context.Context, registerPath, backupPath string) error {
	return store.Restore(ctx, registerPath, backupPath)
}

// register is a *store.DB as the user interface sees it: the store's
// methods as they are (ui.Register, ui.DailyBackups, ui.RegisterHealth,
// SetUser), and its change history in ui's terms, because ui cannot name
// store.HistoryEntry.
type register struct{ *store.DB }

// History is the change history of the activity with id, for the editor.
func (r register) History(ctx context.Context, id uuid.UUID) ([]ui.HistoryChange, error) {
	entries, err := r.DB.History(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]ui.HistoryChange, len(entries))
	for i, e := range entries {
		out[i] = ui.HistoryChange{Seq: e.Seq, At: e.At, User: e.User, Action: e.Action, Field: e.Field, Old: e.Old, New: e.New}
	}
	return out, nil
}
