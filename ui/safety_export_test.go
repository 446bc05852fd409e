package ui

import "time"

// SetBackupCheckInterval makes an open register check for today's backup
// more often, so a test need not wait an hour; it returns the old value.
func SetBackupCheckInterval(d time.Duration) time.Duration {
	old := backupCheckInterval
	backupCheckInterval = d
	return old
}
