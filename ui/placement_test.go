package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestWindowPositionRemembered(t *testing.T) {
	s := NewSettings(test.NewTempApp(t).Preferences())
	if _, _, ok := s.WindowPosition(); ok {
		t.Fatal("a position before any was saved")
	}
	// A monitor left of or above the main one has negative coordinates.
	s.SetWindowPosition(-1600, -20)
	if x, y, ok := s.WindowPosition(); !ok || x != -1600 || y != -20 {
		t.Errorf("WindowPosition() = %d, %d, %v", x, y, ok)
	}
}
