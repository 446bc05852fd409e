package ui

import "time"

// SetClock makes now the time every screen takes as now, until the
// returned function puts the real clock back.
func SetClock(now func() time.Time) (restore func()) {
	old := clock
	clock = now
	return func() { clock = old }
}
