package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// runOnUI runs f where widgets may be touched. It is fyne.Do in the app;
// the package's tests swap it so that results are applied on the test's own
// goroutine, which keeps `go test -race` meaningful.
var runOnUI = fyne.Do

// background counts work started by inBackground and by debounce timers,
// so tests can wait for the screens to settle.
var background sync.WaitGroup

// inBackground runs work off the UI goroutine (a query, an export) and then
// applies what it returns on the UI goroutine. work may return nil.
func inBackground(work func() func()) {
	background.Add(1)
	go func() {
		defer background.Done()
		if apply := work(); apply != nil {
			runOnUI(apply)
		}
	}()
}

// debouncer runs a function once typing has paused, so a search is not run
// for every keystroke.
type debouncer struct {
	mu    sync.Mutex
	delay time.Duration
	timer *time.Timer
}

// call schedules f on the UI goroutine after the delay, cancelling any call
// still waiting.
func (d *debouncer) call(f func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil && d.timer.Stop() {
		background.Done()
	}
	background.Add(1)
	d.timer = time.AfterFunc(d.delay, func() {
		defer background.Done()
		runOnUI(f)
	})
}
