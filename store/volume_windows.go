//go:build windows

package store

import (
	"path/filepath"
	"strings"
	"syscall"
	"unsafe"
)

// Drive types returned by GetDriveTypeW.
const (
	driveRemovable = 2
	driveRemote    = 4
)

var getDriveType = syscall.NewLazyDLL("kernel32.dll").NewProc("GetDriveTypeW")

func volumeOf(path string) volumeKind {
	abs, err := filepath.Abs(path)
	if err != nil {
		return volumeUnknown
	}
	root := filepath.VolumeName(abs)
	if strings.HasPrefix(root, `\\`) {
		return volumeNetwork // a UNC share
	}
	if root == "" || getDriveType.Find() != nil {
		return volumeUnknown
	}
	p, err := syscall.UTF16PtrFromString(root + `\`)
	if err != nil {
		return volumeUnknown
	}
	r, _, _ := getDriveType.Call(uintptr(unsafe.Pointer(p)))
	switch r {
	case driveRemote:
		return volumeNetwork
	case driveRemovable:
		return volumeRemovable
	}
	return volumeLocal
}
