//go:build windows

package ui

import (
	"syscall"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// The saved size (1280×800 by default) overflows a 1366×768 laptop, and a
// 1080p screen at 125–150 % scaling, so on Windows the window is shrunk to
// the work area (the screen less the taskbar) of the monitor it opens on,
// and put back where it was if that spot is still on a screen (a laptop
// undocked from its second monitor gets it centred instead).

var (
	user32              = syscall.NewLazyDLL("user32.dll")
	procGetWindowRect   = user32.NewProc("GetWindowRect")
	procSetWindowPos    = user32.NewProc("SetWindowPos")
	procMonitorFromRect = user32.NewProc("MonitorFromRect")
	procMonitorFromWin  = user32.NewProc("MonitorFromWindow")
	procGetMonitorInfo  = user32.NewProc("GetMonitorInfoW")
)

const (
	monitorDefaultToNull    = 0
	monitorDefaultToNearest = 2
	swpNoZOrder             = 0x0004
	swpNoActivate           = 0x0010
)

type rect struct{ Left, Top, Right, Bottom int32 }

type monitorInfo struct {
	Size    uint32
	Monitor rect
	Work    rect
	Flags   uint32
}

func hwndOf(w fyne.Window) uintptr {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return 0
	}
	var h uintptr
	nw.RunNative(func(ctx any) {
		if wc, ok := ctx.(driver.WindowsWindowContext); ok {
			h = wc.HWND
		}
	})
	return h
}

func windowRect(h uintptr) (rect, bool) {
	var r rect
	ok, _, _ := procGetWindowRect.Call(h, uintptr(unsafe.Pointer(&r)))
	return r, ok != 0
}

func workArea(monitor uintptr) (rect, bool) {
	mi := monitorInfo{Size: uint32(unsafe.Sizeof(monitorInfo{}))}
	ok, _, _ := procGetMonitorInfo.Call(monitor, uintptr(unsafe.Pointer(&mi)))
	return mi.Work, ok != 0 && monitor != 0
}

func placeWindow(w fyne.Window, s *Settings) {
	h := hwndOf(w)
	if h == 0 || user32.Load() != nil {
		return
	}
	cur, ok := windowRect(h)
	if !ok {
		return
	}
	width, height := cur.Right-cur.Left, cur.Bottom-cur.Top
	// The saved spot, if a monitor still shows it; else the nearest monitor.
	var work rect
	x, y, saved := s.WindowPosition()
	if saved {
		want := rect{int32(x), int32(y), int32(x) + width, int32(y) + height}
		m, _, _ := procMonitorFromRect.Call(uintptr(unsafe.Pointer(&want)), monitorDefaultToNull)
		if work, ok = workArea(m); !ok {
			saved = false
		}
	}
	if !saved {
		m, _, _ := procMonitorFromWin.Call(h, monitorDefaultToNearest)
		if work, ok = workArea(m); !ok {
			return
		}
	}
	ww, wh := work.Right-work.Left, work.Bottom-work.Top
	width, height = min(width, ww), min(height, wh)
	if !saved {
		x, y = int(work.Left+(ww-width)/2), int(work.Top+(wh-height)/2)
	}
	// Keep the whole window, title bar included, inside the work area.
	x = int(max(work.Left, min(int32(x), work.Right-width)))
	y = int(max(work.Top, min(int32(y), work.Bottom-height)))
	procSetWindowPos.Call(h, 0, uintptr(x), uintptr(y), uintptr(width), uintptr(height), swpNoZOrder|swpNoActivate)
}

func rememberPlacement(w fyne.Window, s *Settings) {
	h := hwndOf(w)
	if h == 0 || user32.Load() != nil {
		return
	}
	if r, ok := windowRect(h); ok {
		s.SetWindowPosition(int(r.Left), int(r.Top))
	}
}
