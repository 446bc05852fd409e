//go:build windows

package ui

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A file another program holds open without sharing (as Excel holds a
// workbook) cannot be replaced: the message says so in plain words.
func TestErrorMessageFileOpenElsewhere(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ICO template.xlsx")
	os.WriteFile(path, []byte("x"), 0o600)
	p, _ := syscall.UTF16PtrFromString(path)
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ, 0, nil, syscall.OPEN_EXISTING, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.CloseHandle(h)
	_, err = os.OpenFile(path, os.O_WRONLY, 0)
	if err == nil {
		t.Fatal("opened a file held without sharing")
	}
	if msg := errorMessage(err); !strings.Contains(msg, "open in another program") {
		t.Errorf("message %q, from %v", msg, err)
	}
}
