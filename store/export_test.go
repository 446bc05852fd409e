package store

import "database/sql"

// SQL exposes the connection pool to tests that check pragmas or tamper
// with the file the way a user with an SQLite shell could.
func SQL(db *DB) *sql.DB { return db.db }
