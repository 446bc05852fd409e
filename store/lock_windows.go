//go:build windows

package store

import "os"

// processAlive reports whether pid is a running process on this host; on
// Windows FindProcess opens the process and fails when there is none.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
