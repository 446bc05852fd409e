package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackupKeep: the rotation settings are shown, changed within their
// range through the change history (verify passes, and fails once a value
// is changed outside ROPA Desk), refused out of range in plain words, and
// refused while another process holds the register.
func TestBackupKeep(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "demo.ropa")
	mustRun(t, "example", reg)
	if r := mustRun(t, "backup", "keep", reg); r.stdout != "daily\t7\nweekly\t4\n" {
		t.Fatalf("defaults: %q", r.stdout)
	}
	for _, args := range [][]string{{"--daily", "1"}, {"--weekly", "600"}, {"--daily", "a fortnight"}} {
		r := ropactl(t, append([]string{"backup", "keep", reg}, args...)...)
		if r.code != 1 || !strings.Contains(r.stderr, "must be a whole number from") || strings.Contains(r.stderr, "backup_keep") {
			t.Errorf("backup keep %v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if r := mustRun(t, "backup", "keep", reg); r.stdout != "daily\t7\nweekly\t4\n" {
		t.Fatalf("a refused value changed the settings: %q", r.stdout)
	}
	mustRun(t, "backup", "keep", reg, "--daily", "14", "--weekly", "8")
	if r := mustRun(t, "backup", "keep", reg); r.stdout != "daily\t14\nweekly\t8\n" {
		t.Fatalf("after setting 14 and 8: %q", r.stdout)
	}
	mustRun(t, "verify", reg)

	holder := holdRegister(t, reg)
	if r := ropactl(t, "backup", "keep", reg, "--daily", "30"); r.code != 1 || !strings.Contains(r.stderr, "is open by") {
		t.Errorf("backup keep while held: exit %d, %q", r.code, r.stderr)
	}
	holder.Process.Kill()
	holder.Wait()

	raw, err := sql.Open("sqlite", reg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE settings SET value = '3' WHERE key = 'backup_keep_daily'`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if r := ropactl(t, "verify", reg); r.code != 1 || !strings.Contains(r.stdout, "backup settings was changed outside ROPA Desk") {
		t.Fatalf("verify after a setting was changed outside ROPA Desk: exit %d\n%s", r.code, r.stdout)
	}
}
