//go:build darwin

package store

import (
	"path/filepath"
	"syscall"
)

// mntLocal is MNT_LOCAL from <sys/mount.h>: set on file systems stored
// on this machine.
const mntLocal = 0x00001000

func volumeOf(path string) volumeKind {
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(path), &st); err != nil {
		return volumeUnknown
	}
	if st.Flags&mntLocal == 0 {
		return volumeNetwork
	}
	var name []byte
	for _, c := range st.Fstypename {
		if c == 0 {
			break
		}
		name = append(name, byte(c))
	}
	switch string(name) {
	case "msdos", "exfat":
		return volumeRemovable
	}
	return volumeLocal
}
