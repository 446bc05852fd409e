package ui

import (
	"context"
	"fmt"
	"log"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/ropadesk/ropadesk/desk"
)

// ShowBackups opens the backups dialog for the open register, after asking
// about unsaved changes (a restore replaces what the editor shows). It
// returns the dialog, or nil when the Opener keeps no backups.
func (u *App) ShowBackups() *BackupsDialog {
	if u.reg == nil {
		return nil
	}
	if isSharedAddress(u.reg.Path()) {
		dialog.ShowInformation(lang.L("Backups"), lang.L("A shared register is backed up on its server by its administrator (pg_dump), and restored there. For a copy as a file, run: ropactl backup ADDRESS, or ropactl copy ADDRESS copy.ropa."), u.win)
		return nil
	}
	d := NewBackupsDialog(&registerBackups{app: u, opener: u.opener, reg: u.reg, stopWatch: u.stopWatch}, u.win)
	u.confirmLeave(d.Show)
	return d
}

// registerBackups is the backups dialog's view of the open register.
// Restore runs off the UI goroutine: it closes the register, restores the
// file, opens it again and hands the new register to the UI.
type registerBackups struct {
	app    *App
	opener Opener
	reg    Register
	// stopWatch ends the change watch of reg before it closes.
	stopWatch func()
}

func (b *registerBackups) Backups(ctx context.Context) ([]BackupEntry, error) {
	return b.opener.Backups(ctx, b.reg.Path())
}

func (b *registerBackups) BackUpNow(ctx context.Context) (string, error) {
	path, err := b.reg.Backup(ctx, "")
	if err == nil {
		runOnUI(func() {
			if m := b.app.main; m != nil && m.reg == b.reg {
				b.app.refreshLastBackup(m)
			}
		})
	}
	return path, err
}

func (b *registerBackups) Restore(ctx context.Context, backupPath string) error {
	path := b.reg.Path()
	if b.stopWatch != nil {
		b.stopWatch()
	}
	if err := b.reg.Close(); err != nil {
		log.Printf("close register %s before restore: %v", path, err)
	}
	_, restoreErr := desk.Restore(ctx, b.opener, path, backupPath, desk.RestoreOptions{})
	// Open it again whether or not the restore worked: a failed restore
	// leaves the register as it was, and the DPO should still have it.
	reg, err := b.opener.Open(ctx, path)
	if err != nil {
		return fmt.Errorf("reopen register %s after restore: %w", path, err)
	}
	b.reg = reg
	runOnUI(func() {
		// The old register is closed already; setRegister must not close it again.
		b.app.reg, b.app.main = nil, nil
		b.app.setRegister(reg)
	})
	return restoreErr
}
