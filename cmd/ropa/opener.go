package main

import (
	"context"
	"fmt"

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
	return db, nil
}

func (opener) Open(ctx context.Context, path string) (ui.Register, error) {
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return db, nil
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
	db, ok := reg.(*store.DB)
	if !ok {
		return "", fmt.Errorf("back up %s: not a register from the store", reg.Path())
	}
	return db.Backup(ctx, "")
}

func (opener) Restore(ctx context.Context, registerPath, backupPath string) error {
	return store.Restore(ctx, registerPath, backupPath)
}
