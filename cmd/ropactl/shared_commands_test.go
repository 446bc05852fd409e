package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSharedReviewRecordsNotice: review start, mark, status, list and
// signoff, asset add and list, supplier add and list and notice check
// --record take a connection string and print what they print for the
// register file the server's register was copied from; the register
// copied back to a file then verifies, holds the same cycles, assets and
// suppliers, and accepts the fingerprint the server's sign-off printed.
// What a shared register cannot do (a receipt file, a backup rotation,
// a restore over it) is refused saying what to use instead.
func TestSharedReviewRecordsNotice(t *testing.T) {
	file, shared, _ := sharedPair(t)
	both := func(args ...string) result {
		t.Helper()
		on := func(reg string) []string {
			out := append([]string{}, args...)
			for i, a := range out {
				if a == "REG" {
					out[i] = reg
				}
			}
			return out
		}
		want, got := mustRun(t, on(file)...), mustRun(t, on(shared)...)
		if got.stdout != want.stdout || got.stderr != want.stderr {
			t.Errorf("%s: the file printed\n%s%s\nthe shared register\n%s%s", strings.Join(args, " "), want.stdout, want.stderr, got.stdout, got.stderr)
		}
		return got
	}
	if r := both("review", "start", "REG", "--name", testCycle, "--date", "2026-06-01"); !strings.Contains(r.stdout, "Started review cycle") {
		t.Errorf("review start: %s", r.stdout)
	}
	if r := both("review", "mark", "REG", "--cycle", testCycle, "--activity", "Referrals from GPs", "--outcome", "changed", "--reviewer", testDPO, "--date", "2026-06-10"); !strings.Contains(r.stdout, `Marked "Referrals from GPs" reviewed`) {
		t.Errorf("review mark one: %s", r.stdout)
	}
	both("review", "status", "REG", "--cycle", testCycle)
	both("review", "mark", "REG", "--cycle", testCycle, "--all", "--outcome", "no_change", "--reviewer", testDPO, "--date", "2026-06-20")
	if r := both("review", "status", "REG", "--cycle", testCycle); !strings.Contains(r.stdout, "Not signed off.") || strings.Contains(r.stdout, "Not yet reviewed") {
		t.Errorf("review status: %s", r.stdout)
	}
	both("review", "list", "REG")
	if r := ropactl(t, "review", "status", shared, "--cycle", "No such cycle"); r.code != 1 || !strings.Contains(r.stderr, `There is no review cycle called "No such cycle"; 'ropactl review list 'postgres://`) {
		t.Errorf("an unknown cycle on the server: exit %d, %s", r.code, r.stderr)
	}

	if r := both("asset", "list", "REG"); !strings.Contains(r.stdout, "0 information assets.") {
		t.Errorf("asset list: %s", r.stdout)
	}
	assetArgs := []string{"asset", "add", "REG", "--name", "Clinical record system", "--owner", "Clinical Director", "--criticality", "critical", "--confidentiality", "high", "--activity", "Referrals from GPs"}
	supplierArgs := []string{"supplier", "add", "REG", "--name", "Example Payroll Bureau Ltd", "--role", "processor", "--agreement", "contract", "--ends", "2028-01-31", "--activity", "Referrals from GPs"}
	for _, args := range [][]string{assetArgs, supplierArgs} {
		args[2] = shared
		if r := mustRun(t, args...); !strings.Contains(r.stdout, "linked to 1 activity") {
			t.Errorf("%s: %s", args[0], r.stdout)
		}
	}
	if r := mustRun(t, "asset", "list", shared); !strings.Contains(r.stdout, "Clinical record system") || !strings.Contains(r.stdout, "1 information asset.") {
		t.Errorf("asset list of the server: %s", r.stdout)
	}
	if r := mustRun(t, "supplier", "list", shared); !strings.Contains(r.stdout, "Example Payroll Bureau Ltd") || !strings.Contains(r.stdout, "1 supplier.") {
		t.Errorf("supplier list of the server: %s", r.stdout)
	}

	// The same notice recorded on both: the same check, the same words.
	for _, reg := range []string{file, shared} {
		r := ropactl(t, recordArgs(reg, mhwsName, mhwsSeed, "--source", "https://www.mhws.example/privacy")...)
		if r.code != 1 || !strings.Contains(r.stderr, "Recorded https://www.mhws.example/privacy as the published notice for "+mhwsName) {
			t.Errorf("notice --record on %s: exit %d\n%s", reg, r.code, r.stderr)
		}
	}

	r := mustRun(t, signOffArgs(shared)...)
	fp := regexp.MustCompile(`Fingerprint of the signed-off PDF: ([0-9a-f]+)`).FindStringSubmatch(r.stdout)
	if !strings.Contains(r.stdout, "Signed off \""+testCycle+"\"") || fp == nil || !strings.Contains(r.stdout, "ropactl review receipt FILE.ropa") {
		t.Fatalf("review signoff on the server: %s", r.stdout)
	}
	if r := ropactl(t, "review", "mark", shared, "--cycle", testCycle, "--all", "--outcome", "no_change", "--reviewer", testDPO); r.code != 1 || !strings.Contains(r.stderr, "signed off") {
		t.Errorf("a mark in the signed-off cycle on the server: exit %d, %s", r.code, r.stderr)
	}

	back := filepath.Join(t.TempDir(), "back.ropa")
	mustRun(t, "copy", shared, back)
	mustRun(t, "verify", back)
	mustRun(t, "verify", back, "--fingerprint", fp[1])
	for _, args := range [][]string{{"review", "list"}, {"asset", "list", "--json"}, {"supplier", "list", "--json"}} {
		on := func(reg string) []string { return append([]string{args[0], args[1], reg}, args[2:]...) }
		if want, got := mustRun(t, on(back)...).stdout, mustRun(t, on(shared)...).stdout; got != want {
			t.Errorf("%s: the server printed\n%s\nits copy\n%s", strings.Join(args, " "), got, want)
		}
	}
	mustRun(t, "review", "receipt", back, "--cycle", testCycle)
	mustRun(t, "verify", back, "--receipt", back+".signoff-annual-review-2026.json")

	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"review", "receipt", shared, "--cycle", testCycle}, "Writing a receipt cannot be done on a shared register yet"},
		{[]string{"backup", "keep", shared}, "no backup rotation of its own"},
		{[]string{"backup", "keep", shared, "--daily", "3"}, "pg_dump"},
		{[]string{"restore", shared, back}, "ropactl copy BACKUP CONNECTION"},
	} {
		r := ropactl(t, c.args...)
		if r.code != 1 || !strings.Contains(r.stderr, c.says) || strings.Contains(r.stderr, "SQLSTATE") {
			t.Errorf("%s: exit %d, %s", strings.Join(c.args, " "), r.code, r.stderr)
		}
	}
}
