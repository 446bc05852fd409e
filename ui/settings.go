package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
)

// Preference keys and defaults, all in one place so that a key is never
// spelt two ways.
const (
	prefRecentFiles  = "recent_files"
	prefLastRegister = "last_register"
	prefUserName     = "user_name"
	prefLastReviewer = "last_reviewer"
	prefListColumns  = "list_columns"
	prefWindowWidth  = "window_width"
	prefWindowHeight = "window_height"
	// The window's top-left corner in screen pixels (Windows only).
	prefWindowX = "window_x"
	prefWindowY = "window_y"

	defaultWindowWidth  = 1280
	defaultWindowHeight = 800
	// maxRecentFiles keeps the Open recent menu short enough to scan.
	maxRecentFiles = 8
)

// Settings is a typed view of the app's preferences.
type Settings struct {
	prefs fyne.Preferences
}

// NewSettings wraps p.
func NewSettings(p fyne.Preferences) *Settings { return &Settings{prefs: p} }

// RecentFiles returns the registers opened most recently, newest first,
// leaving out files that no longer exist and second spellings of one file
// (C:/… and C:\…, which older versions stored both of).
func (s *Settings) RecentFiles() []string {
	var out []string
	for _, p := range dedupePaths(s.prefs.StringListWithFallback(prefRecentFiles, nil)) {
		if isSharedAddress(p) {
			out = append(out, p) // a server is tried when chosen
		} else if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// AddRecentFile puts path at the top of the recent files and remembers it
// as the register to open next time.
func (s *Settings) AddRecentFile(path string) {
	if !isSharedAddress(path) {
		path = filepath.Clean(path)
	}
	list := slices.DeleteFunc(s.prefs.StringListWithFallback(prefRecentFiles, nil), func(p string) bool {
		return samePath(p, path) || strings.TrimSpace(p) == ""
	})
	list = append([]string{path}, list...)
	if len(list) > maxRecentFiles {
		list = list[:maxRecentFiles]
	}
	s.prefs.SetStringList(prefRecentFiles, list)
	s.prefs.SetString(prefLastRegister, path)
}

// LastRegister is the register open when the app last closed, or "".
func (s *Settings) LastRegister() string { return s.prefs.StringWithFallback(prefLastRegister, "") }

// ForgetLastRegister stops the app reopening a register at start, after the
// DPO closed it on purpose.
func (s *Settings) ForgetLastRegister() { s.prefs.SetString(prefLastRegister, "") }

// UserName is who the change history records, usually the DPO.
func (s *Settings) UserName() string { return s.prefs.StringWithFallback(prefUserName, "") }

// SetUserName records who is using the app.
func (s *Settings) SetUserName(name string) { s.prefs.SetString(prefUserName, strings.TrimSpace(name)) }

// Reviewer is the name the review forms start from: whoever last marked a
// review, else the user's name, so that it is not retyped per activity.
func (s *Settings) Reviewer() string {
	if r := s.prefs.StringWithFallback(prefLastReviewer, ""); r != "" {
		return r
	}
	return s.UserName()
}

// SetReviewer remembers who last marked a review.
func (s *Settings) SetReviewer(name string) {
	if name = strings.TrimSpace(name); name != "" {
		s.prefs.SetString(prefLastReviewer, name)
	}
}

// ListColumns are the keys of the columns the activity list shows, nil
// until the DPO has chosen (the list then shows its defaults).
func (s *Settings) ListColumns() []string {
	return s.prefs.StringListWithFallback(prefListColumns, nil)
}

// SetListColumns remembers the columns the activity list shows.
func (s *Settings) SetListColumns(keys []string) { s.prefs.SetStringList(prefListColumns, keys) }

// WindowSize is the size the main window had when last closed.
func (s *Settings) WindowSize() fyne.Size {
	return fyne.NewSize(
		float32(s.prefs.FloatWithFallback(prefWindowWidth, defaultWindowWidth)),
		float32(s.prefs.FloatWithFallback(prefWindowHeight, defaultWindowHeight)),
	)
}

// SetWindowSize remembers the window size for next time.
func (s *Settings) SetWindowSize(sz fyne.Size) {
	if sz.Width < 200 || sz.Height < 200 {
		return
	}
	s.prefs.SetFloat(prefWindowWidth, float64(sz.Width))
	s.prefs.SetFloat(prefWindowHeight, float64(sz.Height))
}
