//go:build linux

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// onReadOnlyMount runs ropactl (this test binary as ropactl) with args in
// a mount namespace of its own in which dir is bind-mounted read-only at
// mnt: a read-only disk as the kernel reports it (EROFS), even for root,
// and gone when the command ends. ok is false when this machine cannot
// make one (not root, or no unshare/mount).
func onReadOnlyMount(t *testing.T, dir, mnt string, args ...string) (r result, ok bool) {
	t.Helper()
	script := `mount --bind -o ro "$1" "$2" || exit 97; shift 2; exec "$@"`
	cmd := exec.Command("unshare", append([]string{"--mount", "--propagation", "private", "sh", "-c", script, "sh", dir, mnt, os.Args[0]}, args...)...)
	cmd.Env = append(os.Environ(), asProcessEnv+"=ropactl")
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee) && ee.ExitCode() == 97:
		return result{}, false
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		return result{}, false // no unshare here
	}
	r.stdout, r.stderr = out.String(), errb.String()
	return r, true
}

// TestReadOnlyMedia: a register on a read-only disk (a real read-only
// mount, not a folder without write permission, which root ignores) is
// listed, checked, verified and exported; a command that would change it
// fails saying the disk is read-only, in plain words, not SQLite's
// "unable to open database file (14)".
func TestReadOnlyMedia(t *testing.T) {
	dir := t.TempDir()
	mnt := t.TempDir()
	out := t.TempDir()
	mustRun(t, "example", filepath.Join(dir, "demo.ropa"))
	reg := filepath.Join(mnt, "demo.ropa")
	if _, ok := onReadOnlyMount(t, dir, mnt, "list", reg); !ok {
		t.Skip("this machine cannot make a read-only mount (needs root, unshare and mount): read-only media untested here")
	}
	for _, args := range [][]string{
		{"list", reg},
		{"verify", reg},
		{"export", reg, "--format", "pdf", "--out", filepath.Join(out, "demo.pdf")},
		{"export", reg, "--format", "xlsx", "--out", filepath.Join(out, "demo.xlsx")},
		{"backup", reg, "--dir", out},
	} {
		r, _ := onReadOnlyMount(t, dir, mnt, args...)
		if r.code != 0 {
			t.Errorf("ropactl %s on a read-only disk: exit %d\n%s%s", strings.Join(args[:1], " "), r.code, r.stdout, r.stderr)
		}
	}
	if r, _ := onReadOnlyMount(t, dir, mnt, "check", reg); r.code > 1 {
		t.Errorf("ropactl check on a read-only disk: exit %d\n%s", r.code, r.stderr)
	}
	for _, f := range []string{"demo.pdf", "demo.xlsx"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("export %s from a read-only disk: %v", f, err)
		}
	}
	r, _ := onReadOnlyMount(t, dir, mnt, "review", "start", reg, "--name", "Annual review 2026")
	if r.code != 1 || !strings.Contains(r.stderr, "read-only disk") || strings.Contains(r.stderr, "(14)") || strings.Contains(r.stderr, "unable to open") {
		t.Errorf("review start on a read-only disk: exit %d, stderr %q", r.code, r.stderr)
	}
	// Nothing was written beside the register, on the disk it sat on.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "demo.ropa" {
			t.Errorf("%s appeared beside the register", e.Name())
		}
	}
}
