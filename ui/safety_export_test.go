package ui

import "time"

// SettleScreens is Settle for screens that run without an App (the
// history view, the backups dialog).
func SettleScreens() {
	for {
		background.Wait()
		uiQueue.Lock()
		fns := uiQueue.fns
		uiQueue.fns = nil
		uiQueue.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

// SetBackupCheckInterval makes an open register check for today's backup
// more often, so a test need not wait an hour; it returns the old value.
func SetBackupCheckInterval(d time.Duration) time.Duration {
	old := backupCheckInterval
	backupCheckInterval = d
	return old
}
