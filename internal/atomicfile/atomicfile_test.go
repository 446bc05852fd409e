package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/internal/atomicfile"
)

func temps(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if atomicfile.IsTemp(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestSweepOnlyDeadTemporaries: while a write is in progress its
// temporary file survives Sweep and the write completes; a temporary file
// nobody holds (a killed write) goes; names that are not ours stay; a
// failed write leaves nothing; the next write of a file removes that
// file's own leftovers.
func TestSweepOnlyDeadTemporaries(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "register.pdf")
	dead := filepath.Join(dir, ".register.pdf.ropadesk.tmp-12345")
	otherDead := filepath.Join(dir, ".other.xlsx.ropadesk.tmp-999")
	notOurs := []string{".register.pdf.tmp-123", "register.pdf.ropadesk.tmp-1", ".x.ropadesk.tmp-abc"}
	for _, p := range append([]string{dead, otherDead}, notOurs...) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		if err := os.WriteFile(p, []byte("left"), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	inWrite, finish := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- atomicfile.WriteFile(out, func(w io.Writer) error {
			close(inWrite)
			<-finish
			_, err := io.WriteString(w, "whole")
			return err
		})
	}()
	<-inWrite
	// The write removed its own file's leftover before it began.
	if _, err := os.Stat(dead); err == nil {
		t.Error("the write of register.pdf left an earlier write's temporary file")
	}
	if _, err := os.Stat(otherDead); err != nil {
		t.Error("the write of register.pdf removed another file's leftover")
	}
	live := temps(t, dir)
	removed := atomicfile.Sweep(dir)
	if len(removed) != 1 || filepath.Base(removed[0]) != filepath.Base(otherDead) {
		t.Errorf("Sweep during a write removed %v, want only %s", removed, filepath.Base(otherDead))
	}
	if now := temps(t, dir); len(now) != len(live)-1 {
		t.Errorf("temporary files %v after the sweep, before %v", now, live)
	}
	close(finish)
	if err := <-done; err != nil {
		t.Fatalf("the write failed after a sweep: %v", err)
	}
	if b, err := os.ReadFile(out); err != nil || string(b) != "whole" {
		t.Fatalf("written %q, %v", b, err)
	}
	for _, n := range notOurs {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s is not ours but was removed", n)
		}
	}

	// A failed write leaves neither a file nor a temporary one.
	failed := filepath.Join(dir, "failed.csv")
	if err := atomicfile.WriteFile(failed, func(io.Writer) error { return errors.New("no") }); err == nil {
		t.Fatal("the failure was not reported")
	}
	if _, err := os.Stat(failed); err == nil {
		t.Error("a failed write left the file")
	}
	for _, n := range temps(t, dir) {
		if strings.HasPrefix(n, ".failed.csv") {
			t.Errorf("a failed write left %s", n)
		}
	}
}
