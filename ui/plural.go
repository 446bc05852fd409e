package ui

import "fmt"

// countOf is "1 error" or "3 errors": one is the text for exactly one, many
// a format with %d for every other number, both already translated.
func countOf(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
}
