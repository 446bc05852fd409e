//go:build linux

package ui_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/ui"
)

// mediaEnv names, for TestReadOnlyMediaChild, the register on a read-only
// mount and the folder to export into.
const mediaEnv = "ROPADESK_READ_ONLY_MEDIA"

// TestReadOnlyMedia opens a register on a read-only disk in the app: a
// real read-only bind mount, in a mount namespace of the child test
// process's own (so it goes when the child ends), because we run as root
// and root ignores a folder's permissions. The child checks the rest.
func TestReadOnlyMedia(t *testing.T) {
	path, _ := seed(t, 3)
	mnt, out := t.TempDir(), t.TempDir()
	script := `mount --bind -o ro "$1" "$2" || exit 97; shift 2; exec "$@"`
	cmd := exec.Command("unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh",
		filepath.Dir(path), mnt, os.Args[0], "-test.run=^TestReadOnlyMediaChild$", "-test.v", "-test.timeout=5m")
	cmd.Env = append(os.Environ(), mediaEnv+"="+filepath.Join(mnt, filepath.Base(path))+"\n"+out)
	b, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee) && ee.ExitCode() == 97, errors.Is(err, exec.ErrNotFound):
		t.Skipf("this machine cannot make a read-only mount (needs root, unshare and mount): %s", b)
	case err != nil:
		t.Fatalf("the app on a read-only disk: %v\n%s", err, b)
	case !strings.Contains(string(b), "--- PASS: TestReadOnlyMediaChild"):
		t.Fatalf("the child did not run its checks:\n%s", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if e.Name() != filepath.Base(path) {
			t.Errorf("%s appeared beside the register on the read-only disk", e.Name())
		}
	}
}

// TestReadOnlyMediaChild is TestReadOnlyMedia's child: it runs inside the
// mount namespace where the register's folder is read-only.
func TestReadOnlyMediaChild(t *testing.T) {
	job := strings.Split(os.Getenv(mediaEnv), "\n")
	if len(job) != 2 {
		t.Skip("only run as TestReadOnlyMedia's child process")
	}
	path, out := job[0], job[1]
	if f, err := os.OpenFile(filepath.Join(filepath.Dir(path), "probe"), os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
		f.Close()
		t.Fatal("the register's folder is writable: the mount is not read-only")
	}
	u, w := newApp(t)
	m := start(t, u, path)
	ro := u.Register().ReadOnly()
	if !strings.Contains(ro, "read-only disk") || strings.Contains(ro, "(14)") {
		t.Fatalf("read-only reason %q", ro)
	}
	banner := strings.Join(labelTexts(w.Content()), " ")
	if !strings.Contains(banner, "This register is read-only:") || !strings.Contains(banner, "copy it to a folder you can write to") {
		t.Errorf("the banner does not say why or what to do: %q", banner)
	}
	if m.Current() == uuid.Nil {
		t.Error("no activity is shown from a register on a read-only disk")
	}
	for _, f := range []desk.Format{desk.PDF, desk.XLSX} {
		dst := filepath.Join(out, "export"+f.Ext())
		u.ExportAs(f, dst)
		ui.Settle(u)
		overlayButton(t, w, "OK") // "Export finished"
		if st, err := os.Stat(dst); err != nil || st.Size() == 0 {
			t.Errorf("%s export from a read-only disk: %v", f, err)
		}
	}
}
