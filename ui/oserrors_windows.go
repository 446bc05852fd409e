//go:build windows

package ui

import (
	"errors"
	"syscall"
)

// inUseByAnotherProgram: Windows refuses a file another program holds open
// with a sharing or lock violation.
func inUseByAnotherProgram(err error) bool {
	const errorSharingViolation, errorLockViolation = syscall.Errno(32), syscall.Errno(33)
	return errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation)
}
