package ui

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// runOnUI runs f where widgets may be touched. It is fyne.Do in the app;
// the package's tests swap it so that results are applied on the test's own
// goroutine, which keeps `go test -race` meaningful.
var runOnUI = fyne.Do

// running holds the work started by inBackground and by debounce timers
// and not yet finished, by the place that started it, so tests can wait for
// the screens to settle and a wait that runs out can say what it was
// waiting for. (Not a sync.WaitGroup: a wait that gives up would leave a
// Wait running while new work is added, which a WaitGroup forbids.)
var running struct {
	sync.Mutex
	next    uint64
	tasks   map[uint64]string
	started map[string]int // how often each place started work, for tests
}

// track records work started by the caller's caller and returns the
// function that marks it finished.
func track() func() {
	where := "unknown"
	if _, file, line, ok := runtime.Caller(2); ok {
		where = fmt.Sprintf("%s:%d", file[strings.LastIndexByte(file, '/')+1:], line)
	}
	running.Lock()
	if running.tasks == nil {
		running.tasks = map[uint64]string{}
	}
	if running.started == nil {
		running.started = map[string]int{}
	}
	running.next++
	id := running.next
	running.tasks[id] = where
	running.started[where]++
	running.Unlock()
	return func() {
		running.Lock()
		delete(running.tasks, id)
		running.Unlock()
	}
}

// inBackground runs work off the UI goroutine (a query, an export) and then
// applies what it returns on the UI goroutine. work may return nil.
func inBackground(work func() func()) {
	done := track()
	go func() {
		defer done()
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
	done  func() // marks the waiting call finished, nil when none waits
}

// call schedules f on the UI goroutine after the delay, cancelling any call
// still waiting.
func (d *debouncer) call(f func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil && d.timer.Stop() && d.done != nil {
		d.done()
	}
	done := track()
	d.done = done
	d.timer = time.AfterFunc(d.delay, func() {
		defer done()
		runOnUI(f)
	})
}
