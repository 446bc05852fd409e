// Command pdfbridge stands in for poppler's pdftotext and pdfinfo (and qpdf and
// fix-qdf, which the evidence tests use to re-save and edit PDFs) inside
// Wine, so the report and ropactl tests that read their PDFs back run in
// the Windows test binaries too instead of being left out.
//
// There is no poppler for Windows on the CI machine, and Wine starts a Linux
// program but gives the Windows caller no process handle and no pipes: the
// Linux pdftotext runs, its output goes to Wine's own terminal, and Go's
// exec reports "Invalid handle". So scripts/windows/test-wine.sh builds this
// for Windows as pdftotext.exe and pdfinfo.exe on the test binaries' PATH.
// Run as either name, it writes its arguments to a new folder, starts the
// Linux /bin/sh on scripts/windows/pdfbridge/bridge.sh with that folder
// (through a symlink the harness names in PDFBRIDGE_SH), waits for the
// script's exit-status file, and then replays the tool's output and exit
// status as its own. Paths like C:\users\…\report.pdf are translated by the
// script through the Wine prefix's dosdevices.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	code, err := run()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pdfbridge:", err)
		os.Exit(2)
	}
	os.Exit(code)
}

func run() (int, error) {
	tool := strings.TrimSuffix(strings.ToLower(filepath.Base(os.Args[0])), ".exe")
	switch tool {
	case "pdftotext", "pdfinfo", "qpdf", "fix-qdf":
	default:
		return 0, fmt.Errorf("run me as pdftotext.exe, pdfinfo.exe, qpdf.exe or fix-qdf.exe, not %s", tool)
	}
	sh, script := os.Getenv("PDFBRIDGE_SH"), os.Getenv("PDFBRIDGE_SCRIPT")
	if sh == "" || script == "" {
		return 0, errors.New("PDFBRIDGE_SH and PDFBRIDGE_SCRIPT are not set (scripts/windows/test-wine.sh sets them)")
	}
	dir, err := os.MkdirTemp("", "pdfbridge-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	args := append([]string{tool}, os.Args[1:]...)
	if err := os.WriteFile(filepath.Join(dir, "args"), []byte(strings.Join(args, "\x00")), 0o600); err != nil {
		return 0, err
	}
	// Wait is not possible (no process handle), so Start and poll.
	cmd := exec.Command(sh, script, dir)
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("start %s: %w", sh, err)
	}
	status := filepath.Join(dir, "status")
	deadline := time.Now().Add(2 * time.Minute)
	for {
		b, err := os.ReadFile(status)
		if err == nil {
			code, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err != nil {
				return 0, fmt.Errorf("bad exit status %q", b)
			}
			out, _ := os.ReadFile(filepath.Join(dir, "stdout"))
			errOut, _ := os.ReadFile(filepath.Join(dir, "stderr"))
			os.Stdout.Write(out)
			os.Stderr.Write(errOut)
			return code, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return 0, err
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("%s gave no answer within 2 minutes", tool)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
