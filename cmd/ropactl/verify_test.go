package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// editActivity changes the first activity's retention through the store,
// as the desktop app would.
func editActivity(t *testing.T, reg, retention string) string {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, reg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetUser("Dana Scully")
	r, err := db.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a := r.Activities[0]
	a.Retention = retention
	if err := db.UpdateActivity(ctx, &a); err != nil {
		t.Fatal(err)
	}
	return a.Name
}

func TestVerify(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	mustRun(t, "example", reg)

	t.Run("OK", func(t *testing.T) {
		r := mustRun(t, "verify", reg)
		if !strings.Contains(r.stdout, "ok   integrity") || !strings.Contains(r.stdout, "ok   history") {
			t.Fatalf("stdout:\n%s", r.stdout)
		}
	})

	before := filepath.Join(dir, "before.pdf")
	mustRun(t, "export", reg, "--format", "pdf", "--out", before)
	t.Run("PDFCurrent", func(t *testing.T) {
		r := mustRun(t, "verify", reg, "--pdf", before)
		if !strings.Contains(r.stdout, "current state") {
			t.Fatalf("stdout:\n%s", r.stdout)
		}
	})

	editActivity(t, reg, "Seven years")
	t.Run("PDFEarlierState", func(t *testing.T) {
		r := ropactl(t, "verify", reg, "--pdf", before)
		if r.code != 3 {
			t.Fatalf("exit %d, want 3\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
		}
		if !strings.Contains(r.stdout, "EARLIER state") || !strings.Contains(r.stdout, "after change ") || strings.Contains(r.stdout, "Dana Scully") {
			t.Fatalf("stdout:\n%s", r.stdout)
		}
	})
	after := filepath.Join(dir, "after.pdf")
	mustRun(t, "export", reg, "--format", "pdf", "--out", after)
	mustRun(t, "verify", reg, "--pdf", after)

	t.Run("PDFSignedOffCycle", func(t *testing.T) {
		const cycle = "Annual review 2026"
		mustRun(t, "review", "start", reg, "--name", cycle, "--date", "2026-06-01")
		mustRun(t, "review", "mark", reg, "--cycle", cycle, "--all", "--outcome", "no_change", "--reviewer", "Zoë Ní Bhriain", "--date", "2026-06-20")
		mustRun(t, "review", "signoff", reg, "--cycle", cycle, "--by", "Zoë Ní Bhriain", "--role", "Data Protection Officer", "--statement", "Complete and accurate.", "--date", "2026-06-30",
			"--acknowledge", "The open findings are on the action plan.")
		signed := filepath.Join(dir, "signed.pdf")
		mustRun(t, "export", reg, "--format", "pdf", "--cycle", cycle, "--out", signed)
		editActivity(t, reg, "Ten years")
		r := mustRun(t, "verify", reg, "--pdf", signed)
		if !strings.Contains(r.stdout, "as frozen at its sign-off") {
			t.Fatalf("stdout:\n%s", r.stdout)
		}
		// The PDF of the state before the cycle began is still found.
		if r := ropactl(t, "verify", reg, "--pdf", after); r.code != 3 {
			t.Fatalf("exit %d, want 3\n%s", r.code, r.stdout)
		}
	})

	t.Run("ErrPDFOfAnotherRegister", func(t *testing.T) {
		other := filepath.Join(dir, "other.ropa")
		mustRun(t, "new", other, "--org", "Other Ltd")
		pdf := filepath.Join(dir, "other.pdf")
		mustRun(t, "export", other, "--format", "pdf", "--out", pdf)
		r := ropactl(t, "verify", reg, "--pdf", pdf)
		if r.code != 1 || !strings.Contains(r.stdout, "matches no state") {
			t.Fatalf("exit %d\n%s", r.code, r.stdout)
		}
	})

	t.Run("ErrNotAPDF", func(t *testing.T) {
		junk := filepath.Join(dir, "junk.pdf")
		os.WriteFile(junk, []byte("%PDF-1.4 nothing"), 0o600)
		r := ropactl(t, "verify", reg, "--pdf", junk)
		if r.code != 1 || !strings.Contains(r.stderr, "no ROPA Desk fingerprint") {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
	})

	t.Run("ErrTampered", func(t *testing.T) {
		name := editActivity(t, reg, "Twelve years")
		d, err := sql.Open("sqlite", reg)
		if err != nil {
			t.Fatal(err)
		}
		_, err = d.Exec(`UPDATE activities SET body = json_set(body, '$.retention', 'Forever') WHERE name = ?`, name)
		d.Close()
		if err != nil {
			t.Fatal(err)
		}
		r := ropactl(t, "verify", reg)
		if r.code != 1 {
			t.Fatalf("exit %d, want 1\n%s", r.code, r.stdout)
		}
		if !strings.Contains(r.stdout, "FAIL history") || !strings.Contains(r.stdout, `"`+name+`"`) || !strings.Contains(r.stdout, "retention") {
			t.Fatalf("stdout does not name the activity %q:\n%s", name, r.stdout)
		}
	})
}

func TestBackupCommands(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	mustRun(t, "example", reg)
	r := mustRun(t, "backup", reg)
	backup := strings.TrimSpace(r.stdout)
	if filepath.Dir(backup) != filepath.Join(dir, "demo backups") {
		t.Fatalf("backup at %q", backup)
	}
	r = mustRun(t, "backup", "list", reg)
	if !strings.Contains(r.stdout, "\tok\t"+backup) {
		t.Fatalf("list:\n%s", r.stdout)
	}
	other := t.TempDir()
	r = mustRun(t, "backup", reg, "--dir", other)
	if filepath.Dir(strings.TrimSpace(r.stdout)) != other {
		t.Fatalf("--dir ignored: %s", r.stdout)
	}

	name := editActivity(t, reg, "Changed after the backup")
	mustRun(t, "restore", reg, backup)
	db, err := store.OpenWith(context.Background(), reg, store.Options{NoLock: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, _, _ := db.ListActivities(context.Background(), model.ActivityFilter{Query: name})
	if len(list) == 0 {
		t.Fatalf("activity %q missing after restore", name)
	}
	a, _ := db.Activity(context.Background(), list[0].ID)
	if a.Retention == "Changed after the backup" {
		t.Fatal("restore did not bring the backup back")
	}
	if r := ropactl(t, "restore", reg); r.code != 2 {
		t.Fatalf("restore without a backup: exit %d", r.code)
	}
}
