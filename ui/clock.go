package ui

import "time"

// clock is the time every screen takes as now: what is overdue in the
// list, the Problems screen and the Review screen, and the date of an
// export. Tests move it (SetClock in clock_export_test.go) to see every
// screen agree on a given day.
var clock = time.Now
