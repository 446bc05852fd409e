package ui

import "sync"

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

// Settle waits for background work (queries, debounced searches, the
// editor's suggestions) and applies its results, until nothing is left.
func Settle(u *App) {
	for {
		background.Wait()
		if u.main != nil {
			u.main.editor.bg.Wait()
		}
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
