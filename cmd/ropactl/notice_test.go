package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const mhwsName = "Mental Health and Well Being Services Ltd"

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestNotice(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	mustRun(t, "example", reg)

	t.Run("GenerateHTMLDeterministic", func(t *testing.T) {
		a, b := filepath.Join(dir, "a.html"), filepath.Join(dir, "b.html")
		mustRun(t, "notice", reg, "--org", mhwsName, "--audience", "service_users", "--out", a)
		mustRun(t, "notice", reg, "--org", mhwsName, "--audience", "Service users", "--format", "html", "--out", b)
		if fileHash(t, a) != fileHash(t, b) {
			t.Error("two runs give different bytes")
		}
		h, _ := os.ReadFile(a)
		if !bytes.HasPrefix(h, []byte("<!DOCTYPE html>")) || !bytes.Contains(h, []byte("<h2>The national data opt-out</h2>")) {
			t.Errorf("html:\n%.400s", h)
		}
	})
	t.Run("GenerateMarkdownStdout", func(t *testing.T) {
		r := mustRun(t, "notice", reg, "--org", "Community Living Well", "--audience", "newsletter_subscribers")
		if !strings.HasPrefix(r.stdout, "# Privacy notice for newsletter subscribers") {
			t.Errorf("stdout:\n%.300s", r.stdout)
		}
	})
	t.Run("RoundTripExit0", func(t *testing.T) {
		gen := filepath.Join(dir, "gen.html")
		mustRun(t, "notice", reg, "--org", mhwsName, "--audience", "service_users", "--out", gen)
		r := mustRun(t, "notice", "check", reg, "--org", mhwsName, "--audience", "service_users", gen)
		if !strings.Contains(r.stdout, "0 REQUIRED gaps") {
			t.Errorf("stdout:\n%s", r.stdout)
		}
	})
	t.Run("SeedExit1AndRegisterUnchanged", func(t *testing.T) {
		before := fileHash(t, reg)
		r := ropactl(t, "notice", "check", reg, "--org", mhwsName, "--audience", "service_users", "../../report/notice/testdata/mhws-privacy-notice.txt")
		if r.code != 1 {
			t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
		}
		for _, want := range []string{"Genetic data", "ADVISABLE gap", "as long as necessary", "National data opt-out", "REQUIRED gaps"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("table lacks %q", want)
			}
		}
		if fileHash(t, reg) != before {
			t.Error("checking a notice changed the register file")
		}
	})
	t.Run("JSON", func(t *testing.T) {
		r := ropactl(t, "notice", "check", reg, "--org", "Community Living Well", "--json", "../../report/notice/testdata/community-living-well-privacy-notice.txt")
		var cov struct {
			Required int `json:"required_gaps"`
			Findings []struct {
				Item   int    `json:"item"`
				Result string `json:"result"`
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &cov); err != nil {
			t.Fatalf("%v\n%s", err, r.stdout)
		}
		if r.code != 1 || cov.Required == 0 || len(cov.Findings) == 0 {
			t.Errorf("exit %d, %d required, %d findings", r.code, cov.Required, len(cov.Findings))
		}
	})
	t.Run("Usage", func(t *testing.T) {
		for _, args := range [][]string{
			{"notice", reg, "--audience", "staff"},
			{"notice", reg, "--org", mhwsName},
			{"notice", reg, "--org", mhwsName, "--audience", "staff", "--format", "pdf"},
			{"notice", "check", reg, "--org", mhwsName},
		} {
			if r := ropactl(t, args...); r.code != 2 {
				t.Errorf("%v: exit %d, want 2\n%s", args, r.code, r.stderr)
			}
		}
	})
	t.Run("BadNotice", func(t *testing.T) {
		empty := filepath.Join(dir, "empty.txt")
		os.WriteFile(empty, nil, 0o600)
		r := ropactl(t, "notice", "check", reg, "--org", mhwsName, empty)
		if r.code != 1 || !strings.Contains(r.stderr, "is empty") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
	t.Run("UnknownAudience", func(t *testing.T) {
		r := ropactl(t, "notice", reg, "--org", mhwsName, "--audience", "staff")
		if r.code != 1 || !strings.Contains(r.stderr, "Audiences recorded: Service users") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
}
