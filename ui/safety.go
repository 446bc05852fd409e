package ui

import (
	"context"
	"fmt"
	"log"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// The interfaces below are optional: a Register that has them gets the
// matching data-safety features, one that lacks them (a test double) still
// works. They are checked with a type assertion, as SetUser is.

// dateTime is how the status bar and the restore offer name a backup.
const dateTime = "2 January 2006 15:04"

// checkRegister runs the data-safety work that follows opening reg: today's
// backup, the status bar's last good backup, and for a damaged register the
// offer to restore one. All of it runs in the background; a failure is shown
// in the status bar rather than in the DPO's way.
func (u *App) checkRegister(reg Register, m *MainWindow) {
	u.offerDraft(m) // safety_draft.go
	if h, ok := reg.(RegisterHealth); ok {
		m.status.SetVolumeNote(h.VolumeNote())
		if h.Damaged() {
			// Opening the first activity would most likely fail on the
			// damaged pages, and its error would hide the restore offer.
			m.autoSelected = true
			u.offerRestore(reg)
		}
	}
	db, ok := reg.(DailyBackups)
	if !ok || reg.ReadOnly() != "" {
		u.refreshLastBackup(m)
		return
	}
	u.backups = startDailyBackups(u, reg, db, m)
}

// lastGoodBackup is the newest backup of the register at path that passes
// its check; ok is false when there is none, or no way to list them.
func (u *App) lastGoodBackup(ctx context.Context, path string) (b BackupEntry, ok bool, err error) {
	list, err := u.opener.Backups(ctx, path)
	if err != nil {
		return BackupEntry{}, false, err
	}
	for _, b := range list {
		if b.OK {
			return b, true, nil
		}
	}
	return BackupEntry{}, false, nil
}

// refreshLastBackup shows the last good backup of m's register in the
// status bar.
func (u *App) refreshLastBackup(m *MainWindow) {
	path := m.reg.Path()
	if isSharedAddress(path) {
		m.status.SetLastBackup(lang.L("Backed up on its server"))
		return
	}
	inBackground(func() func() {
		b, ok, err := u.lastGoodBackup(context.Background(), path)
		return func() {
			switch {
			case err != nil:
				log.Printf("list backups of %s: %v", path, err)
				m.status.SetLastBackup(lang.L("Backups cannot be listed"))
			case ok:
				m.status.SetLastBackup(lang.L("Last good backup:") + " " + b.Time.Local().Format(dateTime))
			default:
				m.status.SetLastBackup(lang.L("No backup yet"))
			}
		}
	})
}

// offerRestore tells the DPO that reg is damaged and, when a good backup
// exists, offers to put it in its place.
func (u *App) offerRestore(reg Register) {
	path := reg.Path()
	inBackground(func() func() {
		b, ok, err := u.lastGoodBackup(context.Background(), path)
		if err != nil {
			log.Printf("list backups of damaged %s: %v", path, err)
		}
		return func() {
			if u.reg != reg {
				return // the DPO has moved on to another register
			}
			if !ok {
				dialog.ShowInformation(lang.L("This register is damaged"),
					lang.L("This register is damaged, so it is open read-only and nothing more is lost. There is no good backup of it to restore: keep a copy of the file as it is, and export what you can."),
					u.win)
				return
			}
			msg := fmt.Sprintf(lang.L("This register is damaged, so it is open read-only and nothing more is lost. A good backup from %s is available. Restore it? The damaged file is kept beside the backups."),
				b.Time.Local().Format(dateTime))
			d := dialog.NewConfirm(lang.L("This register is damaged"), msg, func(yes bool) {
				if yes {
					u.restoreDamaged(reg, b)
				}
			}, u.win)
			d.SetConfirmText(lang.L("Restore"))
			d.SetDismissText(lang.L("Keep it read-only"))
			d.SetConfirmImportance(widget.HighImportance)
			d.Show()
		}
	})
}

// restoreDamaged closes the damaged register, restores b in its place and
// opens the result, through the same steps as File → Backups….
func (u *App) restoreDamaged(reg Register, b BackupEntry) {
	if u.reg != reg {
		return
	}
	done := showBusy(u.win, lang.L("Restoring…"), b.Time.Local().Format(dateTime))
	src := &registerBackups{app: u, opener: u.opener, reg: reg, stopWatch: u.stopWatch}
	inBackground(func() func() {
		err := src.Restore(context.Background(), b.Path)
		return func() {
			done()
			if err != nil {
				u.showError(fmt.Errorf("restore %s: %w", reg.Path(), err))
			}
		}
	})
}
