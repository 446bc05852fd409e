//go:build unix

package store_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/internal/atomicfile"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// leftoverEnv tells TestLeftoverChild what to do: "hold DIR" makes a
// temporary file as a backup in progress does and waits; "backup PATH"
// and "restore PATH BACKUP" loop until killed.
const leftoverEnv = "ROPADESK_LEFTOVER_CHILD"

func TestLeftoverChild(t *testing.T) {
	job := strings.Split(os.Getenv(leftoverEnv), "\n")
	if job[0] == "" {
		t.Skip("only run as a leftover test's child process")
	}
	ctx := context.Background()
	switch job[0] {
	case "hold":
		p, _, err := store.HoldTempFile(job[1], ".held-20261202T010203Z-*.part")
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("ready", p)
		time.Sleep(time.Minute)
	case "backup":
		db, err := store.OpenReadOnly(ctx, job[1])
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("ready")
		for {
			if _, err := db.Backup(ctx, ""); err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
		}
	case "export":
		db, err := store.OpenReadOnly(ctx, job[1])
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("ready")
		for {
			if err := desk.ExportFile(ctx, db, desk.Format(job[3]), job[2], desk.ExportOptions{Now: time.Now()}); err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
		}
	case "restore":
		fmt.Println("ready")
		for {
			if err := store.Restore(ctx, job[1], job[2]); err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
		}
	}
	os.Exit(0)
}

func startLeftoverChild(t *testing.T, job ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLeftoverChild$")
	cmd.Env = append(os.Environ(), leftoverEnv+"="+strings.Join(job, "\n"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(out)
	if !sc.Scan() || !strings.HasPrefix(sc.Text(), "ready") {
		t.Fatalf("child: %s", sc.Text())
	}
	go func() {
		for sc.Scan() {
		}
	}()
	return cmd, strings.TrimSpace(strings.TrimPrefix(sc.Text(), "ready"))
}

// slowRegister has enough in it that a backup or restore takes a while.
func slowRegister(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "big.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	org := mustOrg(t, db, "MHWS")
	var acts []model.Activity
	for i := 0; i < 1500; i++ {
		a := minimal(org.ID, fmt.Sprintf("Activity %d", i))
		a.Description = strings.Repeat("Long description of the processing. ", 60)
		acts = append(acts, *a)
	}
	if err := db.Apply(ctx, model.Changes{Activities: acts}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return path
}

func leftovers(t *testing.T, path string) []string {
	t.Helper()
	var out []string
	for _, dir := range []string{filepath.Dir(path), store.DefaultBackupDir(path)} {
		es, _ := os.ReadDir(dir)
		for _, e := range es {
			if strings.HasSuffix(e.Name(), ".part") || atomicfile.IsTemp(e.Name()) {
				out = append(out, e.Name())
			}
		}
	}
	return out
}

// TestLeftoversSweptOnlyWhenDead: a temporary file a live process holds
// survives an open; once that process is killed, the next open removes it.
func TestLeftoversSweptOnlyWhenDead(t *testing.T) {
	ctx := context.Background()
	path := newRegister(t)
	dir := store.DefaultBackupDir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	child, held := startLeftoverChild(t, "hold", dir)
	db, err := store.OpenWritable(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := os.Stat(held); err != nil {
		t.Fatalf("a live process's temporary file was swept: %v", err)
	}
	child.Process.Signal(syscall.SIGKILL)
	child.Wait()
	db, err = store.OpenWritable(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := os.Stat(held); err == nil {
		t.Fatal("a dead process's temporary file was left")
	}
	// A file that only looks like ours, and is not a temporary name, stays.
	other := filepath.Join(dir, "notes.txt")
	os.WriteFile(other, []byte("x"), 0o600)
	db, _ = store.OpenWritable(ctx, path)
	db.Close()
	if _, err := os.Stat(other); err != nil {
		t.Fatal("the sweep removed a file that is not ours")
	}
}

// TestKillDuringBackupAndRestore kills backups and restores at random
// moments; after the next open nothing of theirs is left, and the register
// is sound.
func TestKillDuringBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	path := slowRegister(t)
	db, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	good, err := db.Backup(ctx, t.TempDir())
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for round := 0; round < 6; round++ {
		job := []string{"backup", path}
		if round%2 == 1 {
			job = []string{"restore", path, good}
		}
		child, _ := startLeftoverChild(t, job...)
		time.Sleep(time.Duration(30+rand.IntN(300)) * time.Millisecond)
		child.Process.Signal(syscall.SIGKILL)
		child.Wait()
		seen += len(leftovers(t, path))
		db, err := store.OpenWritable(ctx, path)
		if err != nil {
			t.Fatalf("round %d (%s): open after kill: %v", round, job[0], err)
		}
		if err := db.IntegrityCheck(ctx); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		db.Close()
		if left := leftovers(t, path); len(left) > 0 {
			t.Fatalf("round %d (%s): left after the next open: %v", round, job[0], left)
		}
	}
	t.Logf("%d temporary files left by kills, all swept", seen)
}

// TestKillDuringExport kills exports (a real child process writing the
// file through atomicfile) at random moments. An export beside the
// register leaves its temporary file to the next open of the register,
// which removes it; one in a folder of its own to the next export of the
// same file. A finished export is never touched.
func TestKillDuringExport(t *testing.T) {
	ctx := context.Background()
	path := slowRegister(t)
	elsewhere := t.TempDir()
	seen := 0
	for round := 0; round < 6; round++ {
		format := []string{"json", "xlsx"}[round%2]
		out := filepath.Join(filepath.Dir(path), "big."+format)
		if round >= 4 {
			out = filepath.Join(elsewhere, "big."+format)
		}
		child, _ := startLeftoverChild(t, "export", path, out, format)
		// The first export finishes (so there is a whole file to keep),
		// then the kill lands while a later one is being written.
		for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
			if _, err := os.Stat(out); err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("round %d: no export after a minute", round)
			}
		}
		time.Sleep(time.Duration(rand.IntN(200)) * time.Millisecond)
		child.Process.Signal(syscall.SIGKILL)
		child.Wait()
		left := exportTemps(t, filepath.Dir(out))
		seen += len(left)
		if round < 4 {
			db, err := store.OpenWritable(ctx, path)
			if err != nil {
				t.Fatalf("round %d: open after kill: %v", round, err)
			}
			db.Close()
		} else {
			db, err := store.OpenReadOnly(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			err = desk.ExportFile(ctx, db, desk.Format(format), out, desk.ExportOptions{Now: time.Now()})
			db.Close()
			if err != nil {
				t.Fatalf("round %d: export after kill: %v", round, err)
			}
		}
		if left := exportTemps(t, filepath.Dir(out)); len(left) > 0 {
			t.Fatalf("round %d (%s): left after the next open or export: %v", round, format, left)
		}
		if st, err := os.Stat(out); err != nil || st.Size() == 0 {
			t.Fatalf("round %d: the finished export is gone or empty: %v", round, err)
		}
	}
	if seen == 0 {
		t.Fatal("no kill landed while an export was being written: the test proved nothing")
	}
	t.Logf("%d temporary export files left by kills, all removed", seen)
}

// exportTemps is atomicfile's temporary files in dir.
func exportTemps(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if atomicfile.IsTemp(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestExportTempHeldIsKept: a temporary file a live export holds survives
// an open of the register; a file merely named like one is never ours
// unless its name is exactly what atomicfile makes.
func TestExportTempHeldIsKept(t *testing.T) {
	ctx := context.Background()
	path := newRegister(t)
	out := filepath.Join(filepath.Dir(path), "register.pdf")
	inWrite := make(chan struct{})
	finish := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- atomicfile.WriteFile(out, func(w io.Writer) error {
			close(inWrite)
			<-finish
			_, err := w.Write([]byte("whole"))
			return err
		})
	}()
	<-inWrite
	held := exportTemps(t, filepath.Dir(out))
	if len(held) != 1 {
		t.Fatalf("temporary files while writing: %v", held)
	}
	notOurs := filepath.Join(filepath.Dir(path), ".register.pdf.tmp-123")
	os.WriteFile(notOurs, []byte("x"), 0o600)
	db, err := store.OpenWritable(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if left := exportTemps(t, filepath.Dir(out)); len(left) != 1 {
		t.Fatalf("an export still being written lost its temporary file: %v", left)
	}
	close(finish)
	if err := <-done; err != nil {
		t.Fatalf("the export failed after the open: %v", err)
	}
	if b, err := os.ReadFile(out); err != nil || string(b) != "whole" {
		t.Fatalf("export %q, %v", b, err)
	}
	if _, err := os.Stat(notOurs); err != nil {
		t.Fatal("the sweep removed a file that is not one of ours")
	}
}

// TestTempDirBeside: the folder is private, beside the register, removed
// when done, and swept after a kill.
func TestTempDirBeside(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	path := newRegister(t)
	dir, done, err := store.TempDirBeside(path)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 || filepath.Dir(dir) != filepath.Dir(path) {
		t.Fatalf("temp folder %s: %v %v", dir, st.Mode(), err)
	}
	db, err := store.OpenWritable(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := os.Stat(dir); err != nil {
		t.Fatal("a folder in use was swept")
	}
	done()
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("done left the folder")
	}
	// Left by a process that is gone: no owner holds it.
	dead := filepath.Join(filepath.Dir(path), ".ropa-import-123")
	os.MkdirAll(dead, 0o700)
	os.WriteFile(filepath.Join(dead, ".owner-1.part"), nil, 0o600)
	os.WriteFile(filepath.Join(dead, "sheet1.xml"), []byte("<x/>"), 0o600)
	db, _ = store.OpenWritable(context.Background(), path)
	db.Close()
	if _, err := os.Stat(dead); err == nil {
		t.Fatal("a dead process's temp folder was left")
	}
}
