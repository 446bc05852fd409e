package pgstore

import (
	"context"
	"crypto/sha256"
	"fmt"
	"log"
	"time"
)

// changeChannel is the channel every committed change is announced on
// (NOTIFY, delivered at commit, never for a rolled-back change) with the
// history's new head seq as payload: no content, so an editor learns only
// that the register changed, not what in another organisation did.
const changeChannel = "ropa_register_changed"

// notifyChange announces the write w is about to commit.
func (w *writer) notifyChange(ctx context.Context) error {
	if _, err := w.tx.Exec(ctx, `SELECT pg_notify($1, $2)`, changeChannel, fmt.Sprint(w.seq)); err != nil {
		return fmt.Errorf("announce the change: %w", err)
	}
	return nil
}

// WatchChanges calls changed whenever anyone's change to the register has
// been committed — this app's or another person's — within moments, by
// LISTEN on a connection of its own, as the SQLite store's WatchChanges
// does by polling. If that connection is lost it connects again every
// interval, and calls changed once it is back, since changes made
// meanwhile went unannounced to it. stop ends the watching and releases
// the connection; call it before Close.
func (db *DB) WatchChanges(ctx context.Context, every time.Duration, changed func()) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	ready := make(chan struct{})
	go func() {
		defer close(done)
		first := true
		for ctx.Err() == nil {
			err := db.listen(ctx, func() {
				if first {
					close(ready)
				} else {
					changed() // back after a loss: catch up
				}
				first = false
			}, changed)
			if ctx.Err() != nil || db.closed.Load() {
				break // stopped, or the register closed before its watch
			}
			log.Printf("watch %s for changes: %v", db.where, err)
			select {
			case <-ctx.Done():
			case <-time.After(every):
			}
		}
		if first {
			close(ready)
		}
	}()
	// Changes committed after WatchChanges returns are seen.
	<-ready
	return func() {
		cancel()
		<-done
	}
}

// listen holds one connection listening until ctx ends or it fails.
func (db *DB) listen(ctx context.Context, listening, changed func()) error {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	// A connection that has listened is not handed back to the pool,
	// where it would keep collecting notifications nobody reads.
	pc := conn.Hijack()
	defer pc.Close(context.WithoutCancel(ctx))
	if _, err := pc.Exec(ctx, `LISTEN `+changeChannel); err != nil {
		return err
	}
	listening()
	for {
		if _, err := pc.WaitForNotification(ctx); err != nil {
			return err
		}
		changed()
	}
}

// DataVersion is a token that changes whenever the register's content
// changes, whoever changed it: the history head and the settings.
func (db *DB) DataVersion(ctx context.Context) (string, error) {
	var seq int64
	var settings string
	err := db.pool.QueryRow(ctx, `SELECT (SELECT seq FROM chain_head),
		coalesce((SELECT string_agg(key || '=' || value, E'\n' ORDER BY key) FROM settings), '')`).Scan(&seq, &settings)
	if err != nil {
		return "", fmt.Errorf("read data version: %w", err)
	}
	sum := sha256.Sum256([]byte(settings))
	return fmt.Sprintf("%d.%x", seq, sum[:6]), nil
}
