package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	mhwsSeed = "../../report/notice/testdata/mhws-privacy-notice.txt"
	clwSeed  = "../../report/notice/testdata/community-living-well-privacy-notice.txt"
)

func recordArgs(reg, org, file string, extra ...string) []string {
	return append([]string{"notice", "check", reg, "--org", org, "--audience", "service_users", "--record", file}, extra...)
}

// TestNoticeRecordInPDF: a notice recorded with --record is part of the
// register's state. The annual-review PDF then has the "Privacy notice
// coverage" section (read back with pdftotext), two exports are the same
// bytes, `verify --pdf` makes it again byte for byte, and recording a newer
// notice makes that PDF one of an earlier state.
func TestNoticeRecordInPDF(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	mustRun(t, "example", reg)
	before := filepath.Join(dir, "before.pdf")
	mustRun(t, "export", reg, "--format", "pdf", "--out", before)
	if strings.Contains(pdfToText(t, before), "Privacy notice coverage") {
		t.Fatal("the PDF has the section with no notice recorded")
	}

	r := ropactl(t, recordArgs(reg, mhwsName, mhwsSeed, "--source", "https://www.mhws.example/privacy")...)
	if r.code != 1 || !strings.Contains(r.stderr, "Recorded https://www.mhws.example/privacy as the published notice for "+mhwsName+" (service users)") ||
		!strings.Contains(r.stdout, "REQUIRED gaps") {
		t.Fatalf("exit %d\nstdout %.300s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	// The store records the notice at the real time, while the tests'
	// clock says 1 September 2026: the PDF is made as at today, since
	// one as at an earlier day leaves out notices recorded after it.
	today := time.Now().UTC().Format("2006-01-02")
	mustRun(t, "export", reg, "--format", "pdf", "--as-at", today, "--out", a)
	mustRun(t, "export", reg, "--format", "pdf", "--as-at", today, "--out", b)
	early := filepath.Join(dir, "early.pdf")
	mustRun(t, "export", reg, "--format", "pdf", "--as-at", "2026-06-30", "--out", early)
	if strings.Contains(pdfToText(t, early), "Privacy notice coverage") {
		t.Error("the PDF as at 30 June 2026 shows a notice recorded later")
	}
	if !bytes.Equal(mustRead(t, a), mustRead(t, b)) {
		t.Fatal("two exports of the same register differ")
	}
	text := strings.Join(strings.Fields(pdfToText(t, a)), " ")
	for _, want := range []string{"Privacy notice coverage", "Notice for service users, from https://www.mhws.example/privacy, recorded by",
		"Genetic data", "REQUIRED gap", "ADVISABLE gap"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if r := mustRun(t, "verify", reg, "--pdf", a); !strings.Contains(r.stdout, "bytes are identical") {
		t.Fatalf("verify --pdf:\n%s", r.stdout)
	}
	mustRun(t, "verify", reg)

	t.Run("SameNoticeAgainChangesNothing", func(t *testing.T) {
		r := ropactl(t, recordArgs(reg, mhwsName, mhwsSeed, "--source", "https://www.mhws.example/privacy")...)
		if !strings.Contains(r.stderr, "already the one recorded") {
			t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
		}
		if r := mustRun(t, "verify", reg, "--pdf", a); !strings.Contains(r.stdout, "bytes are identical") {
			t.Fatalf("the PDF no longer shows the current state:\n%s", r.stdout)
		}
	})
	t.Run("NewerNoticeMakesThePDFEarlier", func(t *testing.T) {
		newer := filepath.Join(dir, "newer.txt")
		os.WriteFile(newer, append(mustRead(t, mhwsSeed), "\nWe keep care records for 20 years after your last contact.\n"...), 0o600)
		ropactl(t, recordArgs(reg, mhwsName, newer)...)
		r := ropactl(t, "verify", reg, "--pdf", a)
		if r.code != 3 || !strings.Contains(r.stdout, "EARLIER state") {
			t.Fatalf("exit %d\n%s", r.code, r.stdout)
		}
		c := filepath.Join(dir, "c.pdf")
		mustRun(t, "export", reg, "--format", "pdf", "--as-at", today, "--out", c)
		if r := mustRun(t, "verify", reg, "--pdf", c); !strings.Contains(r.stdout, "bytes are identical") {
			t.Fatalf("verify --pdf of the newer state:\n%s", r.stdout)
		}
		if !strings.Contains(pdfToText(t, c), "newer.txt") {
			t.Error("the PDF does not show the newer notice")
		}
	})
}

// TestNoticeRecordFrozenAtSignOff: sign-off freezes the notices recorded by
// then; the cycle's PDF shows them, verifies, and keeps its bytes when a
// notice is recorded afterwards.
func TestNoticeRecordFrozenAtSignOff(t *testing.T) {
	dir, reg := reviewedRegister(t)
	ropactl(t, append(recordArgs(reg, "Community Living Well", clwSeed), "--audience", "service_users")...)
	mustRun(t, signOffArgs(reg, "--acknowledge", "Known findings.")...)
	signed := filepath.Join(dir, "signed.pdf")
	mustRun(t, "export", reg, "--format", "pdf", "--cycle", testCycle, "--out", signed)
	text := strings.Join(strings.Fields(pdfToText(t, signed)), " ")
	if !strings.Contains(text, "Privacy notice coverage") || !strings.Contains(text, "community-living-well-privacy-notice.txt") {
		t.Fatal("the signed-off PDF lacks the recorded notice's coverage")
	}
	if r := mustRun(t, "verify", reg, "--pdf", signed); !strings.Contains(r.stdout, "bytes are identical") {
		t.Fatalf("verify --pdf:\n%s", r.stdout)
	}
	later := filepath.Join(dir, "later.txt")
	os.WriteFile(later, append(mustRead(t, clwSeed), "\nUpdated in December.\n"...), 0o600)
	ropactl(t, recordArgs(reg, "Community Living Well", later)...)
	again := filepath.Join(dir, "again.pdf")
	mustRun(t, "export", reg, "--format", "pdf", "--cycle", testCycle, "--out", again)
	if !bytes.Equal(mustRead(t, signed), mustRead(t, again)) {
		t.Error("a notice recorded after sign-off changed the signed-off PDF")
	}
}

// TestNoticeRecordBadFile: with --record, a notice file that is empty,
// binary, UTF-16, enormous or has more text than a register records is
// refused with a message saying so, and the register (one of schema 1,
// which opening for writing would upgrade) is not touched.
func TestNoticeRecordBadFile(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "old.ropa")
	os.WriteFile(reg, mustRead(t, "../../store/testdata/schema1.ropa"), 0o600)
	before := fileHash(t, reg)
	files := map[string][]byte{
		"empty.txt":  nil,
		"binary.txt": {0x7f, 'E', 'L', 'F', 0, 0, 0, 1, 2, 3},
		"utf16.txt":  {0xFF, 0xFE, 'W', 0, 'e', 0},
		"huge.txt":   bytes.Repeat([]byte("We keep your data safe. "), 6<<20/24),
		"long.txt":   bytes.Repeat([]byte("We keep your data safe. "), 2<<20/24),
	}
	wants := map[string]string{
		"empty.txt": "is empty", "binary.txt": "not text", "utf16.txt": "UTF-16",
		"huge.txt": "larger than 5 MB", "long.txt": "more than the 1024 KB a recorded notice may have",
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		os.WriteFile(path, data, 0o600)
		r := ropactl(t, recordArgs(reg, mhwsName, path)...)
		if r.code != 1 || !strings.Contains(r.stderr, wants[name]) {
			t.Errorf("%s: exit %d, stderr %q", name, r.code, r.stderr)
		}
	}
	if fileHash(t, reg) != before {
		t.Error("a refused notice changed the register file")
	}
	if _, err := os.Stat(reg + "-wal"); err == nil {
		t.Error("a refused notice opened the register for writing")
	}
}
