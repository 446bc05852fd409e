package store

import "database/sql"

// SQL exposes the connection pool to tests that check pragmas or tamper
// with the file the way a user with an SQLite shell could.
func SQL(db *DB) *sql.DB { return db.db }

// SetBackupBounds changes the backup folder's bounds for one test.
func SetBackupBounds(cleanup func(func()), recent int, bytes int64) {
	r, b := maxRecentBackups, maxBackupBytes
	maxRecentBackups, maxBackupBytes = recent, bytes
	cleanup(func() { maxRecentBackups, maxBackupBytes = r, b })
}

// HoldTempFile makes a temporary file as a backup in progress does, locked
// until release is called.
func HoldTempFile(dir, pattern string) (path string, release func(), err error) {
	t, err := newTempFile(dir, pattern)
	if err != nil {
		return "", nil, err
	}
	return t.path, t.done, nil
}
