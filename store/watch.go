package store

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"strings"
	"time"
)

// WatchChanges calls changed whenever the register file has been changed
// by another connection — this process's own writes (which go through
// other pooled connections) or another process's, such as ropactl — so
// that every screen can show the register as it is now. It polls SQLite's
// PRAGMA data_version every interval on a connection of its own (the
// number only means anything compared with earlier answers on the same
// connection). stop ends the polling and releases the connection; call it
// before Close.
func (db *DB) WatchChanges(ctx context.Context, every time.Duration, changed func()) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	conn, err := db.db.Conn(ctx)
	if err != nil {
		log.Printf("watch %s for changes: %v", db.path, err)
		cancel()
		return func() {}
	}
	version := func() (int64, error) {
		var v int64
		err := conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v)
		return v, err
	}
	last, err := version()
	if err != nil {
		log.Printf("watch %s for changes: %v", db.path, err)
	}
	go func() {
		defer close(done)
		defer conn.Close()
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			v, err := version()
			if err != nil {
				if ctx.Err() != nil || closed(err) {
					return // the register was closed without stop
				}
				log.Printf("watch %s for changes: %v", db.path, err)
				continue
			}
			if v != last {
				last = v
				changed()
			}
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// closed reports whether err says the register's connections are gone.
func closed(err error) bool {
	return errors.Is(err, sql.ErrConnDone) || strings.Contains(err.Error(), "database is closed")
}
