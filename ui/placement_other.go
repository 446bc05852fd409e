//go:build !windows

package ui

import "fyne.io/fyne/v2"

func placeWindow(fyne.Window, *Settings) {}

func rememberPlacement(fyne.Window, *Settings) {}
