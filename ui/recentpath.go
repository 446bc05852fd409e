package ui

import (
	"path/filepath"
	"runtime"
	"strings"
)

// samePath reports whether a and b name the same file as far as the recent
// files list is concerned: equal once cleaned (on Windows that also turns
// C:/Users/… into C:\Users\…, and drops "." and ".."), and on Windows and
// macOS, whose file systems ignore case by default, equal in any case.
func samePath(a, b string) bool {
	if isSharedAddress(a) || isSharedAddress(b) {
		return a == b // an address is not a path to clean
	}
	a, b = filepath.Clean(a), filepath.Clean(b)
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// dedupePaths keeps the first of each group of paths naming the same file,
// in order, and drops blank entries.
func dedupePaths(paths []string) []string {
	var out []string
	for _, p := range paths {
		if strings.TrimSpace(p) == "" {
			continue
		}
		dup := false
		for _, q := range out {
			if samePath(p, q) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, p)
		}
	}
	return out
}
