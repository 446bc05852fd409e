package exchange

// SetSkipCarried turns the skip of carried ICO columns (carried.go) on or
// off and returns what puts it back, so a test can read a file both ways.
func SetSkipCarried(on bool) (restore func()) {
	old := skipCarried
	skipCarried = on
	return func() { skipCarried = old }
}
