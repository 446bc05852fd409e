package ui

// WindowPosition is where the window's top-left corner was when last
// closed, in screen pixels; ok is false when none was saved.
func (s *Settings) WindowPosition() (x, y int, ok bool) {
	x = s.prefs.IntWithFallback(prefWindowX, -1<<30)
	y = s.prefs.IntWithFallback(prefWindowY, -1<<30)
	return x, y, x != -1<<30 && y != -1<<30
}

// SetWindowPosition remembers where the window was.
func (s *Settings) SetWindowPosition(x, y int) {
	s.prefs.SetInt(prefWindowX, x)
	s.prefs.SetInt(prefWindowY, y)
}

// PlaceWindow fits the main window to the screen it opens on and puts it
// back where it was last closed; call it once the window is shown (the
// app's OnStarted). Only Windows lets the app do this (see
// placement_windows.go); elsewhere the window manager places the window.
func (u *App) PlaceWindow() { placeWindow(u.win, u.settings) }

func (u *App) rememberPlacement() { rememberPlacement(u.win, u.settings) }
