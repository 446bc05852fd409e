package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRotatingLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app", "ropa.log")
	l, err := openRotatingLog(path, 100, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for i := range 10 {
		fmt.Fprintf(l, "line %02d of the log, 30 bytes\n", i)
	}
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	cur, one, two := read(path), read(path+".1"), read(path+".2")
	if !strings.HasSuffix(cur, "line 09 of the log, 30 bytes\n") || !strings.HasPrefix(cur, "line 09") {
		t.Errorf("current log = %q", cur)
	}
	if !strings.HasPrefix(one, "line 06") || !strings.HasPrefix(two, "line 03") {
		t.Errorf("rotated logs = %q, %q", one, two)
	}
	if _, err := os.Stat(path + ".3"); err == nil {
		t.Error("more than 2 old logs kept")
	}
	for _, p := range []string{path, path + ".1", path + ".2"} {
		if st, _ := os.Stat(p); st.Size() > 100 {
			t.Errorf("%s is %d bytes, over the 100-byte limit", p, st.Size())
		}
	}
	// Reopened, it appends rather than truncating.
	l.Close()
	l2, err := openRotatingLog(path, 100, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	fmt.Fprint(l2, "x\n")
	if got := read(path); got != cur+"x\n" {
		t.Errorf("after reopening: %q", got)
	}
}
