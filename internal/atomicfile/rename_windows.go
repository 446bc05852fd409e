//go:build windows

package atomicfile

import (
	"os"
	"syscall"
	"unsafe"
)

// Windows has no directory fsync. Go opens a folder read-only, and
// FlushFileBuffers on a read-only handle always fails with "Access denied";
// flushing a folder handle opened for writing (FILE_FLAG_BACKUP_SEMANTICS)
// is not documented to make a rename durable either. What Windows does
// document is MoveFileEx with MOVEFILE_WRITE_THROUGH: it "does not return
// until the file is actually moved on the disk". So on Windows the rename
// itself is written through and SyncDir has nothing left to do.

const (
	moveFileReplaceExisting = 0x1
	moveFileWriteThrough    = 0x8
)

var moveFileEx = syscall.NewLazyDLL("kernel32.dll").NewProc("MoveFileExW")

// RenameDurably renames from to to, replacing to, and returns once the
// rename is on the disk.
func RenameDurably(from, to string) error {
	f, err := syscall.UTF16PtrFromString(from)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	t, err := syscall.UTF16PtrFromString(to)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	if err := moveFileEx.Find(); err != nil {
		return os.Rename(from, to)
	}
	r, _, e := moveFileEx.Call(uintptr(unsafe.Pointer(f)), uintptr(unsafe.Pointer(t)),
		moveFileReplaceExisting|moveFileWriteThrough)
	if r == 0 {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: e}
	}
	return nil
}

// SyncDir does nothing on Windows: RenameDurably has already written the
// rename through (see above).
func SyncDir(string) error { return nil }
