package ui

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// uiQueue holds work that background goroutines hand back to the UI. In
// tests it is run by Settle on the test's goroutine, as the app's event
// loop would, so the race detector sees the same ordering as the real app.
var uiQueue struct {
	sync.Mutex
	fns []func()
}

func init() {
	runOnUI = func(f func()) {
		uiQueue.Lock()
		uiQueue.fns = append(uiQueue.fns, f)
		uiQueue.Unlock()
	}
}

// SettleTimeout bounds Settle: background work that has not drained by
// then is a hang (work that keeps queueing more work, or a wait that never
// ends), and Settle panics naming it rather than waiting for ever. It is
// generous because the race detector on a 2-core machine is slow.
var SettleTimeout = 60 * time.Second

// Settle waits for background work (queries, debounced searches, the
// editor's suggestions) and applies its results, until nothing is left.
func Settle(u *App) {
	settle(func() {
		if u.main != nil {
			u.main.editor.bg.Wait()
		}
	})
}

// SettleScreens is Settle for screens that run without an App (the
// history view, the backups dialog).
func SettleScreens() { settle(nil) }

func settle(waitMore func()) {
	deadline := time.Now().Add(SettleTimeout)
	running.Lock()
	running.started = nil
	running.Unlock()
	for round := 1; ; round++ {
		if !waitIdle(deadline) {
			panic(fmt.Sprintf("Settle: background work still running after %v (round %d): %s; started while settling: %s",
				SettleTimeout, round, stillRunning(), startedWhileSettling()))
		}
		if waitMore != nil && !waitFor(waitMore, deadline) {
			panic(fmt.Sprintf("Settle: the editor's background loads still running after %v (round %d)",
				SettleTimeout, round))
		}
		uiQueue.Lock()
		fns := uiQueue.fns
		uiQueue.fns = nil
		uiQueue.Unlock()
		if len(fns) == 0 {
			return
		}
		if time.Now().After(deadline) {
			panic(fmt.Sprintf("Settle: the UI queue was still being refilled after %v (round %d, %d results waiting): background work keeps starting more; started while settling: %s",
				SettleTimeout, round, len(fns), startedWhileSettling()))
		}
		for _, f := range fns {
			f()
		}
	}
}

// waitFor runs wait and reports whether it returned before deadline.
func waitFor(wait func(), deadline time.Time) bool {
	done := make(chan struct{})
	go func() {
		wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(time.Until(deadline)):
		return false
	}
}

// stillRunning lists the background work not yet finished, e.g.
// "editor.go:270 ×2, safety.go:98".
func stillRunning() string {
	running.Lock()
	defer running.Unlock()
	count := map[string]int{}
	for _, w := range running.tasks {
		count[w]++
	}
	names := make([]string, 0, len(count))
	for w, n := range count {
		if n > 1 {
			w = fmt.Sprintf("%s ×%d", w, n)
		}
		names = append(names, w)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "nothing"
	}
	return strings.Join(names, ", ")
}

// ListPageSize is how many rows the activity list reads at a time.
const ListPageSize = listPageSize

// startedWhileSettling lists where the work started since Settle began came
// from, most often first, e.g. "activitylist.go:252 ×40".
func startedWhileSettling() string {
	running.Lock()
	defer running.Unlock()
	type place struct {
		where string
		n     int
	}
	var places []place
	for w, n := range running.started {
		places = append(places, place{w, n})
	}
	sort.Slice(places, func(i, j int) bool {
		if places[i].n != places[j].n {
			return places[i].n > places[j].n
		}
		return places[i].where < places[j].where
	})
	names := make([]string, 0, len(places))
	for _, p := range places {
		names = append(names, fmt.Sprintf("%s ×%d", p.where, p.n))
	}
	if len(names) == 0 {
		return "nothing"
	}
	return strings.Join(names, ", ")
}

// waitIdle waits until no background work is running, or until deadline;
// it reports whether the work finished.
func waitIdle(deadline time.Time) bool {
	for {
		running.Lock()
		n := len(running.tasks)
		running.Unlock()
		if n == 0 {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(time.Millisecond)
	}
}

// RunQueued runs what background work has handed to the UI so far,
// without waiting for work still running: for a connection that waits on
// the person (the shared register's password dialog), which Settle would
// wait for and never see answered.
func RunQueued() {
	uiQueue.Lock()
	fns := uiQueue.fns
	uiQueue.fns = nil
	uiQueue.Unlock()
	for _, f := range fns {
		f()
	}
}
