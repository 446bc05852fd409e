//go:build !windows

package ui

// inUseByAnotherProgram: Unix lets any number of programs open a file, so
// no error says another one has it.
func inUseByAnotherProgram(error) bool { return false }
