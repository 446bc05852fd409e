package ui

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
