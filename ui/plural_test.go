package ui

import "testing"

func TestCountOf(t *testing.T) {
	for n, want := range map[int]string{0: "0 errors", 1: "1 error", 2: "2 errors", 4309: "4309 errors"} {
		if got := countOf(n, "1 error", "%d errors"); got != want {
			t.Errorf("countOf(%d) = %q, want %q", n, got, want)
		}
	}
}
