package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/store"
)

// asProcessEnv makes the test binary act as a process of its own: "ropactl"
// runs the command line after it, "hold" holds a register open like the
// desktop app does until killed.
const asProcessEnv = "ROPACTL_TEST_AS"

func TestMain(m *testing.M) {
	switch os.Getenv(asProcessEnv) {
	case "ropactl":
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	case "hold":
		db, err := store.OpenWritable(context.Background(), os.Args[1])
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("held")
		time.Sleep(2 * time.Minute)
		db.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// ropactlProcess is ropactl run as a separate process.
func ropactlProcess(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), asProcessEnv+"=ropactl")
	return cmd
}

// holdRegister starts a process that holds the register as the desktop
// app would, and returns once it has it.
func holdRegister(t *testing.T, path string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], path)
	cmd.Env = append(os.Environ(), asProcessEnv+"=hold")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(out)
	if !sc.Scan() || sc.Text() != "held" {
		t.Fatalf("the holder did not get the register: %s", sc.Text())
	}
	return cmd
}

// TestWritersRefusedWhileHeld: while another process holds the register,
// every writing command fails (exit 1) naming who has it and writes
// nothing, and every reading command works without waiting.
func TestWritersRefusedWhileHeld(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	mustRun(t, "example", reg)
	mustRun(t, "review", "start", reg, "--name", "Annual review 2026", "--date", "2026-06-01")
	csv := filepath.Join(dir, "demo.csv")
	mustRun(t, "export", reg, "--out", csv)
	before := mustRun(t, "export", reg, "--format", "json", "--out", "-").stdout
	holder := holdRegister(t, reg)
	host, _ := os.Hostname()

	for _, args := range [][]string{
		{"import", reg, csv},
		{"review", "start", reg, "--name", "Another"},
		{"review", "mark", reg, "--cycle", "Annual review 2026", "--all", "--outcome", "no_change", "--reviewer", "X"},
		{"review", "signoff", reg, "--cycle", "Annual review 2026", "--by", "X", "--statement", "Complete."},
	} {
		r := ropactl(t, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "is open by") || !strings.Contains(r.stderr, host) {
			t.Errorf("ropactl %s while held: exit %d, stderr %q", strings.Join(args[:2], " "), r.code, r.stderr)
		}
	}
	for _, args := range [][]string{{"list", reg}, {"check", reg}, {"verify", reg}, {"import", reg, csv, "--dry-run"}} {
		start := time.Now()
		if r := ropactl(t, args...); r.code != 0 && !(args[0] == "check" && r.code == 1) {
			t.Errorf("ropactl %s while held: exit %d, stderr %q", args[0], r.code, r.stderr)
		}
		if d := time.Since(start); d > 4*time.Second {
			t.Errorf("ropactl %s waited %v", args[0], d)
		}
	}
	if after := mustRun(t, "export", reg, "--format", "json", "--out", "-").stdout; after != before {
		t.Error("a refused command changed the register")
	}

	// As a separate process too, the way a script runs it.
	out, err := ropactlProcess("import", reg, csv).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "is open by") {
		t.Fatalf("ropactl import process while held: %v\n%s", err, out)
	}
	holder.Process.Kill()
	holder.Wait()
	if out, err := ropactlProcess("import", reg, csv).CombinedOutput(); err != nil {
		t.Fatalf("ropactl import after the holder ended: %v\n%s", err, out)
	}
}

// TestVerifyNamesStoredCode: verify names a trigger and a view it finds in
// a register, runs neither, and fails; list still works, read-only.
func TestVerifyNamesStoredCode(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "partner.ropa")
	mustRun(t, "example", reg)
	raw, err := sql.Open("sqlite", reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		`CREATE TRIGGER mallory AFTER UPDATE ON activities BEGIN UPDATE activities SET status = 'retired'; END`,
		`CREATE VIEW forever AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n`,
	} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	r := ropactl(t, "verify", reg)
	if r.code != 1 || !strings.Contains(r.stdout, `trigger "mallory" on activities`) || !strings.Contains(r.stdout, `view "forever"`) {
		t.Fatalf("verify: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if l := mustRun(t, "list", reg); strings.Contains(l.stdout, "retired") {
		t.Fatalf("list:\n%s", l.stdout)
	}
	w := ropactl(t, "review", "start", reg, "--name", "X")
	if w.code != 1 || !strings.Contains(w.stderr, "never has") {
		t.Fatalf("review start on a foreign register: exit %d, %s", w.code, w.stderr)
	}
}
