//go:build race

package ui_test

// raceDetector: the perf test is skipped under -race, where building and
// opening 10,000 activities takes a minute and measures nothing useful.
const raceDetector = true
