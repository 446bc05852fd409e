package ui

import (
	"strings"
	"testing"
	"time"
)

// Settle must end: background work that keeps queueing more work is a hang,
// and Settle says where it was started instead of waiting for ever.
func TestSettleFailsOnEndlessWork(t *testing.T) {
	old := SettleTimeout
	SettleTimeout = 300 * time.Millisecond
	t.Cleanup(func() { SettleTimeout = old })
	stop := make(chan struct{})
	var again func() func()
	again = func() func() {
		return func() {
			select {
			case <-stop:
			default:
				inBackground(again) // each result starts more work
			}
		}
	}
	inBackground(again)
	defer func() {
		close(stop)
		SettleScreens() // drain what is left before the next test
		msg, _ := recover().(string)
		if !strings.Contains(msg, "Settle:") || !strings.Contains(msg, "async_internal_test.go") {
			t.Fatalf("Settle did not fail naming the endless work; it said %q", msg)
		}
	}()
	SettleScreens()
	t.Fatal("Settle returned although work kept arriving")
}

// Work that never finishes makes Settle fail with where it was started.
func TestSettleFailsOnStuckWork(t *testing.T) {
	old := SettleTimeout
	SettleTimeout = 300 * time.Millisecond
	t.Cleanup(func() { SettleTimeout = old })
	release := make(chan struct{})
	inBackground(func() func() { <-release; return nil })
	defer func() {
		close(release)
		SettleScreens()
		msg, _ := recover().(string)
		if !strings.Contains(msg, "still running") || !strings.Contains(msg, "async_internal_test.go") {
			t.Fatalf("Settle did not name the stuck work; it said %q", msg)
		}
	}()
	SettleScreens()
	t.Fatal("Settle returned while work was still running")
}
