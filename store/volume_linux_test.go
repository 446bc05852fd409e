//go:build linux

package store

import (
	"path/filepath"
	"testing"
)

func TestClassifyMagic(t *testing.T) {
	tests := []struct {
		name  string
		magic uint32
		want  volumeKind
	}{
		{"NFS", magicNFS, volumeNetwork},
		{"SMB2", magicSMB2, volumeNetwork},
		{"CIFS", magicCIFS, volumeNetwork},
		{"SSHFS", magicFUSE, volumeNetwork},
		{"USBStickFAT", magicMSDOS, volumeRemovable},
		{"ExFAT", magicExFAT, volumeRemovable},
		{"Ext4", 0xEF53, volumeLocal},
		{"Tmpfs", 0x01021994, volumeLocal},
		{"Overlay", 0x794C7630, volumeLocal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := classifyMagic(tt.magic); got != tt.want {
				t.Fatalf("classifyMagic(%#x) = %d, want %d", tt.magic, got, tt.want)
			}
		})
	}
	t.Run("TempDirIsNotNetwork", func(t *testing.T) {
		if k := volumeOf(filepath.Join(t.TempDir(), "x.ropa")); k == volumeNetwork {
			t.Fatalf("the test's temporary folder reads as a network drive")
		}
	})
}
