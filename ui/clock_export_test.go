package ui

import "time"

// SetClock makes now the time every screen takes as now, until the
// returned function puts the real clock back.
func SetClock(now func() time.Time) (restore func()) {
	old := clock
	clock = now
	return func() { clock = old }
}

// SetWatchInterval makes the change watch of registers opened from now on
// poll every d, until the returned function puts the default back.
func SetWatchInterval(d time.Duration) (restore func()) {
	old := watchInterval
	watchInterval = d
	return func() { watchInterval = old }
}

// GeneralError is the message above the editor's tabs ("" when none).
func (e *ActivityEditor) GeneralError() string {
	if e.general.Hidden {
		return ""
	}
	return e.general.Text
}
