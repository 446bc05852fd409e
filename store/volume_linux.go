//go:build linux

package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Linux file-system magic numbers (statfs f_type), from linux/magic.h and
// the file systems' own sources.
const (
	magicNFS     = 0x6969
	magicSMB     = 0x517B
	magicSMB2    = 0xFE534D42
	magicCIFS    = 0xFF534D42
	magicFUSE    = 0x65735546 // sshfs, rclone, s3fs, and also local FUSE mounts
	magicCoda    = 0x73757245
	magicAFS     = 0x5346414F
	magicV9FS    = 0x01021997
	magicCeph    = 0x00C36400
	magicOCFS2   = 0x7461636F
	magicGFS2    = 0x01161970
	magicLustre  = 0x0BD00BD0
	magicMSDOS   = 0x4D44 // FAT: USB sticks and SD cards
	magicExFAT   = 0x2011BAB0
	magicISO9660 = 0x9660
)

func volumeOf(path string) volumeKind {
	dir := filepath.Dir(path)
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return volumeUnknown
	}
	switch k := classifyMagic(uint32(st.Type)); k {
	case volumeLocal, volumeUnknown:
		var s syscall.Stat_t
		if syscall.Stat(dir, &s) == nil && blockDeviceRemovable(uint64(s.Dev)) {
			return volumeRemovable
		}
		return k
	default:
		return k
	}
}

// classifyMagic maps a statfs f_type to a volume kind. FUSE counts as
// network: most FUSE file systems people keep documents on (sshfs, rclone,
// cloud drives) are, and the rollback journal is safe on a local one too.
func classifyMagic(t uint32) volumeKind {
	switch t {
	case magicNFS, magicSMB, magicSMB2, magicCIFS, magicFUSE, magicCoda, magicAFS,
		magicV9FS, magicCeph, magicOCFS2, magicGFS2, magicLustre:
		return volumeNetwork
	case magicMSDOS, magicExFAT, magicISO9660:
		return volumeRemovable
	}
	return volumeLocal
}

// blockDeviceRemovable reads the kernel's removable flag of the disk that
// holds the device dev (a partition's flag is on its parent disk).
func blockDeviceRemovable(dev uint64) bool {
	major, minor := (dev>>8)&0xfff|(dev>>32)&^0xfff, dev&0xff|(dev>>12)&^0xff
	sys := fmt.Sprintf("/sys/dev/block/%d:%d", major, minor)
	for _, p := range []string{sys + "/removable", sys + "/../removable"} {
		if b, err := os.ReadFile(p); err == nil {
			return strings.TrimSpace(string(b)) == "1"
		}
	}
	return false
}
