// Package sqlitetest damages SQLite files on purpose, for the tests of the
// store and the GUI that check how a damaged register is handled.
package sqlitetest

import (
	"database/sql"
	"os"
	"testing"

	_ "modernc.org/sqlite" // the "sqlite" driver, to find the page to damage
)

// OverwriteTableRoot writes garbage over the second half of the page that
// holds the root of table, the way a failing disk or a stray write would.
func OverwriteTableRoot(tb testing.TB, path, table string) {
	tb.Helper()
	d, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	var root, size int64
	err = d.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = ?`, table).Scan(&root)
	if err == nil {
		err = d.QueryRow(`PRAGMA page_size`).Scan(&size)
	}
	d.Close()
	if err != nil {
		tb.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	junk := make([]byte, size/2)
	for i := range junk {
		junk[i] = byte(0xA5 ^ i)
	}
	if _, err := f.WriteAt(junk, (root-1)*size+size/2); err != nil {
		tb.Fatal(err)
	}
}
