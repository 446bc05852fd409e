package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/model"
)

func TestErrorMessageMissingPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "Moved folder", "Register.ropa")
	_, err := os.Open(missing)
	msg := errorMessage(fmt.Errorf("open register: %w", err))
	for _, want := range []string{"cannot find Register.ropa", filepath.Dir(missing), "moved or renamed"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
	if strings.Contains(msg, "internal error") || strings.Contains(msg, "no such file") {
		t.Errorf("message %q is not in plain words", msg)
	}
}

func TestErrorMessageRenameOntoMissingFolder(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "export.part")
	os.WriteFile(src, nil, 0o600)
	dst := filepath.Join(dir, "gone", "ICO template.xlsx")
	err := os.Rename(src, dst)
	if msg := errorMessage(err); !strings.Contains(msg, "cannot find ICO template.xlsx") {
		t.Errorf("message %q", msg)
	}
}

func TestErrorMessageKeepsModelMessages(t *testing.T) {
	err := model.Errorf(model.ECONFLICT, "The register is open by Alice.")
	if got := errorMessage(fmt.Errorf("wrapped: %w", err)); got != "The register is open by Alice." {
		t.Errorf("got %q", got)
	}
}
