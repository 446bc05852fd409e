//go:build !unix

package pgtest

import "os/exec"

// runAs does nothing where there is no root to step down from (Windows:
// Geteuid is -1, so Start never asks).
func runAs(*exec.Cmd, *account) {}
