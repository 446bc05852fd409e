package ui

import (
	"context"
	"log"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/ropadesk/ropadesk/model"
)

// backupCheckInterval is how often an open register checks whether today's
// backup has been made.
var backupCheckInterval = time.Hour

// dailyBackups makes "once a day while the app is used" true for one open
// register: a backup when it opens, and a check every backupCheckInterval so
// that a register left open overnight gets the next day's backup too.
//
// At most one backup runs at a time. A check that finds the previous one
// still going (a slow or network disk, or the race detector) skips its turn
// instead of queueing another, so backups never pile up and background
// work always drains.
type dailyBackups struct {
	u   *App
	reg Register
	db  DailyBackups
	m   *MainWindow

	running atomic.Bool
	runs    sync.WaitGroup // the backup in progress, if any
	ctx     context.Context
	cancel  context.CancelFunc
	ticker  sync.WaitGroup
}

// claim reports whether no backup is running, and if so marks one as
// started; backup ends it.
func (d *dailyBackups) claim() bool {
	if !d.running.CompareAndSwap(false, true) {
		return false
	}
	d.runs.Add(1)
	return true
}

// startDailyBackups backs reg up now (in the background) and starts the
// periodic check; stop ends both.
func startDailyBackups(u *App, reg Register, db DailyBackups, m *MainWindow) *dailyBackups {
	d := &dailyBackups{u: u, reg: reg, db: db, m: m}
	d.ctx, d.cancel = context.WithCancel(context.Background())
	if d.claim() {
		m.status.SetBackupMessage(lang.L("Backing up…"), false)
		inBackground(func() func() {
			return d.backup(true)
		})
	}
	interval := backupCheckInterval
	d.ticker.Add(1)
	go func() {
		defer d.ticker.Done()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-d.ctx.Done():
				return
			case <-tick.C:
			}
			if !d.claim() {
				continue // the last one is still running
			}
			if show := d.backup(false); show != nil {
				runOnUI(show)
			}
		}
	}()
	return d
}

// backup runs one daily backup; the caller has set running. It returns what
// to show in the status bar. A periodic check (report false) returns nil
// when there is nothing new to say (today's backup already existed), so an
// idle register posts no work to the UI; the first run always reports, to
// replace "Backing up…".
func (d *dailyBackups) backup(report bool) func() {
	_, made, err := d.db.DailyBackup(d.ctx)
	d.running.Store(false)
	d.runs.Done()
	if d.ctx.Err() != nil {
		return nil // the register was closed meanwhile
	}
	if !made && err == nil && !report {
		return nil
	}
	return func() {
		if d.u.reg != d.reg {
			return
		}
		switch {
		case err != nil:
			log.Printf("daily backup of %s: %v", d.reg.Path(), err)
			d.m.status.SetBackupMessage(lang.L("Today's backup failed:")+" "+model.ErrorMessage(err), true)
		case made:
			d.m.status.SetBackupMessage(lang.L("Backed up today."), false)
		default:
			d.m.status.SetBackupMessage("", false)
		}
		d.u.refreshLastBackup(d.m)
	}
}

// stop ends the periodic check and waits for a backup in progress, so the
// register is never closed under a running backup.
func (d *dailyBackups) stop() {
	if d == nil {
		return
	}
	d.cancel()
	d.ticker.Wait()
	d.runs.Wait()
}
