package ui

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"
)

// The log a DPO can send to support: what Fyne and the app log (through
// the standard logger) goes to ropa.log in the app's own folder, which
// Help › About names. It is kept small: past logMaxBytes it is renamed
// ropa.log.1 (the older ones shift up to logKeep) and a new one begun.
const (
	logName     = "ropa.log"
	logMaxBytes = 1 << 20
	logKeep     = 3
)

// logPath is the log file in use ("" before StartLog), for Help › About.
var (
	logMu   sync.Mutex
	logPath string
)

// StartLog sends the standard logger to ropa.log in a's storage folder
// (on Windows %APPDATA%\fyne\uk.org.ropadesk.app) as well as to standard
// error, and returns the log's path. A log that cannot be opened leaves
// logging as it was: the app works without one.
func StartLog(a fyne.App) string {
	dir := a.Storage().RootURI().Path()
	l, err := openRotatingLog(filepath.Join(dir, logName), logMaxBytes, logKeep)
	if err != nil {
		log.Printf("no log file in %s: %v", dir, err)
		return ""
	}
	log.SetOutput(teeWriter{l})
	logMu.Lock()
	logPath = l.path
	logMu.Unlock()
	return l.path
}

func currentLogPath() string {
	logMu.Lock()
	defer logMu.Unlock()
	return logPath
}

// teeWriter writes to the log file and, when there is one, the console. A
// Windows GUI app has no console, so standard error's failures are ignored.
type teeWriter struct{ log *rotatingLog }

func (t teeWriter) Write(p []byte) (int, error) {
	n, err := t.log.Write(p)
	os.Stderr.Write(p)
	return n, err
}

type rotatingLog struct {
	mu   sync.Mutex
	path string
	max  int64
	keep int
	f    *os.File
	size int64
}

func openRotatingLog(path string, max int64, keep int) (*rotatingLog, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	l := &rotatingLog{path: path, max: max, keep: keep}
	if err := l.open(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *rotatingLog) open() error {
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	l.f, l.size = f, st.Size()
	return nil
}

func (l *rotatingLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.size > 0 && l.size+int64(len(p)) > l.max {
		if err := l.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := l.f.Write(p)
	l.size += int64(n)
	return n, err
}

// rotate closes the log first: Windows cannot rename a file that is open.
func (l *rotatingLog) rotate() error {
	l.f.Close()
	os.Remove(fmt.Sprintf("%s.%d", l.path, l.keep))
	for i := l.keep - 1; i >= 1; i-- {
		os.Rename(fmt.Sprintf("%s.%d", l.path, i), fmt.Sprintf("%s.%d", l.path, i+1))
	}
	if err := os.Rename(l.path, l.path+".1"); err != nil {
		// Kept writing to the same file rather than losing the log.
		return l.open()
	}
	return l.open()
}

// Close closes the log file.
func (l *rotatingLog) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.f.Close()
}
