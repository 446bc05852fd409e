//go:build linux

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// xapp drives the real ropa binary in a private X server with xdotool:
// what the tests of the real window share.
type xapp struct {
	t    *testing.T
	work string
	bin  string
	env  []string
}

// newXApp builds ropa and starts Xvfb for t, with a home folder of its own
// (so preferences and drafts are the test's). Skipped without Xvfb and
// xdotool (scripts/install-deps.sh --test installs them; CI has them).
func newXApp(t *testing.T) *xapp {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed: the real app cannot be driven here", tool)
		}
	}
	work := t.TempDir()
	x := &xapp{t: t, work: work, bin: filepath.Join(work, "ropa")}
	if out, err := exec.Command("go", "build", "-o", x.bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build ropa: %v\n%s", err, out)
	}
	display := startXvfb(t, work)
	home := filepath.Join(work, "home")
	x.env = append(os.Environ(), "DISPLAY="+display, "HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_DATA_HOME="+filepath.Join(home, ".local/share"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"))
	return x
}

// xdo runs xdotool, bounded: "search --sync" waits for ever for a window
// that never appears.
func (x *xapp) xdo(args ...string) string {
	x.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = x.env
	out, err := cmd.Output()
	if err != nil {
		x.t.Fatalf("xdotool %v: %v\nropa's log:\n%s", args, err, x.log())
	}
	return strings.TrimSpace(string(out))
}

func (x *xapp) title(win string) string {
	cmd := exec.Command("xdotool", "getwindowname", win)
	cmd.Env = x.env
	out, _ := cmd.Output()
	return strings.TrimSpace(string(out))
}

// waitTitle waits up to 30 s for the window's title to satisfy ok.
func (x *xapp) waitTitle(win, what string, ok func(string) bool) {
	x.t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if ok(x.title(win)) {
			return
		}
	}
	x.t.Fatalf("the window title is %q; waited 30 s for %s\nropa's log:\n%s", x.title(win), what, x.log())
}

// run starts ropa with args, waits for its window and for the title to
// satisfy opened, focuses it and lets the list load.
func (x *xapp) run(opened func(string) bool, args ...string) (*exec.Cmd, string) {
	x.t.Helper()
	cmd := exec.Command(x.bin, args...)
	cmd.Env = x.env
	log, _ := os.Create(filepath.Join(x.work, "ropa.log"))
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		x.t.Fatal(err)
	}
	x.t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	win := strings.Fields(x.xdo("search", "--sync", "--name", "ROPA Desk"))[0]
	x.waitTitle(win, "the register to open", opened)
	x.xdo("windowfocus", "--sync", win)
	time.Sleep(2 * time.Second) // the organisations and the list load in the background
	return cmd, win
}

func (x *xapp) log() string {
	b, _ := os.ReadFile(filepath.Join(x.work, "ropa.log"))
	return string(b)
}
