//go:build unix

package store_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// holdEnv names the register TestLockHolderChild holds open.
const holdEnv = "ROPADESK_HOLD_CHILD"

// TestLockHolderChild is the child process of the lock tests: it opens the
// register writable, says "held", and waits to be killed.
func TestLockHolderChild(t *testing.T) {
	path := os.Getenv(holdEnv)
	if path == "" {
		t.Skip("only run as a lock test's child process")
	}
	db, err := store.OpenWritable(context.Background(), path)
	if err != nil {
		fmt.Printf("error %v\n", err)
		os.Exit(1)
	}
	fmt.Println("held")
	time.Sleep(time.Minute)
	db.Close()
	os.Exit(0)
}

// holdInChild starts a child process holding the register at path and
// waits until it has it.
func holdInChild(t *testing.T, path string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHolderChild$", "-test.v")
	cmd.Env = append(os.Environ(), holdEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if sc.Text() == "held" {
			go func() {
				for sc.Scan() {
				}
			}()
			return cmd
		}
		if strings.HasPrefix(sc.Text(), "error") {
			t.Fatalf("child: %s", sc.Text())
		}
	}
	t.Fatal("the child never held the register")
	return nil
}

func newRegister(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "held.ropa")
	db, err := store.Create(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	mustOrg(t, db, "MHWS")
	db.Close()
	return path
}

// TestLockAcrossProcesses: a register held by another process is refused
// to a second writer, readable meanwhile, and free the moment the holder
// is killed (the OS drops the lock; nothing is judged stale).
func TestLockAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	path := newRegister(t)
	child := holdInChild(t, path)

	_, err := store.OpenWritable(ctx, path)
	wantCode(t, err, model.ECONFLICT)
	user := ""
	if b, err := os.ReadFile(path + ".lock"); err == nil {
		var n map[string]string
		json.Unmarshal(b, &n)
		user = n["user"]
	}
	if msg := model.ErrorMessage(err); !strings.Contains(msg, "is open by "+user) {
		t.Fatalf("message = %q", msg)
	}

	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if orgs, err := ro.Organisations(ctx); err != nil || len(orgs) != 1 {
		t.Fatalf("read while held: %v %v", orgs, err)
	}
	ro.Close()

	child.Process.Signal(syscall.SIGKILL)
	child.Wait()
	start := time.Now()
	db, err := store.OpenWritable(ctx, path)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	defer db.Close()
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %v to get the register after the kill", d)
	}
	if err := db.SetSetting(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
}

// TestLockFollowsTheFile: a symlink and a hard link to a held register
// reach the same lock.
func TestLockFollowsTheFile(t *testing.T) {
	ctx := context.Background()
	path := newRegister(t)
	other := t.TempDir()
	sym := filepath.Join(other, "via-symlink.ropa")
	hard := filepath.Join(other, "via-hardlink.ropa")
	if err := os.Symlink(path, sym); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(path, hard); err != nil {
		t.Fatal(err)
	}
	for _, held := range []string{path, sym, hard} {
		db, err := store.OpenWritable(ctx, held)
		if err != nil {
			t.Fatalf("open %s: %v", held, err)
		}
		for _, p := range []string{path, sym, hard} {
			if _, err := store.OpenWritable(ctx, p); model.ErrorCode(err) != model.ECONFLICT {
				t.Errorf("held through %s, a second writer through %s got %v", filepath.Base(held), filepath.Base(p), err)
			}
		}
		db.Close()
	}
	if _, err := os.Stat(sym + ".lock"); err == nil {
		t.Error("a lock file was made beside the symlink")
	}
	if store.DefaultBackupDir(sym) != store.DefaultBackupDir(path) {
		t.Errorf("backups through the symlink go to %s, not %s", store.DefaultBackupDir(sym), store.DefaultBackupDir(path))
	}
}

// TestTakeOver: a lock held on another machine (a child holding it, its
// note rewritten to name another machine) can be taken over; the one who
// takes over is told, and the holder's message offers it.
func TestTakeOver(t *testing.T) {
	ctx := context.Background()
	path := newRegister(t)
	holdInChild(t, path)
	note, _ := json.Marshal(map[string]string{"user": "Dana", "host": "laptop-17"})
	if err := os.WriteFile(path+".lock", note, 0o600); err != nil {
		t.Fatal(err)
	}
	ro, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	h := ro.LockHolder()
	ro.Close()
	if h == nil || !h.OtherMachine || h.User != "Dana" || h.Host != "laptop-17" {
		t.Fatalf("LockHolder() = %+v", h)
	}
	if msg := h.Message(path); !strings.Contains(msg, "take the register over") || !strings.Contains(msg, "Dana on laptop-17") {
		t.Fatalf("message = %q", msg)
	}
	db, err := store.TakeOver(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if db.ReadOnly() != "" || !db.TakenOver() {
		t.Fatalf("not taken over: %q", db.ReadOnly())
	}
	if err := db.SetSetting(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	db.Close()
}
