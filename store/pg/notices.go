package pgstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// Recorded privacy notices, as the SQLite store keeps them (store's
// notices.go): only ever created, one history entry each; a newer one for
// the same organisation and audience replaces the old in the PDF, and the
// old stays as the record of what was published when. Only a DPO records
// them (see roles.go).

// RecordNotice records the checked notice n in one transaction with its
// history entry; replaces is the notice the DPO saw as current (uuid.Nil:
// none), refused as stale (ECONFLICT) when another has been recorded
// since. A notice with the current one's text and source is not recorded
// again: n is set to that one and recorded is false.
func (db *DB) RecordNotice(ctx context.Context, n *model.PublishedNotice, replaces uuid.UUID) (recorded bool, err error) {
	var id uuid.UUID
	if id, err = uuid.NewV7(); err != nil {
		return false, fmt.Errorf("record published notice: %w", err)
	}
	rec := *n
	rec.ID = id
	rec.Organisation = strings.TrimSpace(rec.Organisation)
	rec.Audience = strings.TrimSpace(rec.Audience)
	rec.SHA256 = model.TextDigest(rec.Text)
	rec.RecordedBy = db.currentUser()
	rec.RecordedAt, _ = time.Parse(store.HistoryTimeFormat, store.FormatHistoryTime(time.Now()))
	if err := rec.Validate(); err != nil {
		return false, err
	}
	err = db.write(ctx, "record published notice", func(w *writer) error {
		all, err := loadNotices(ctx, w.tx)
		if err != nil {
			return err
		}
		var cur *model.PublishedNotice
		for _, c := range model.CurrentNotices(all, time.Time{}) {
			if c.SameNotice(&rec) {
				cur = &c
				break
			}
		}
		switch {
		case cur != nil && cur.ID != replaces:
			return model.Errorf(model.ECONFLICT, "A published notice for %s (%s) was recorded by %s on %s, after this check was made, so this one was not recorded over it. Check the notice again to see the one now recorded, then record it again if it is still the one published.",
				cur.Organisation, audienceWords(cur.Audience), cur.RecordedBy, cur.RecordedAt.Local().Format("2 January 2006 at 15:04"))
		case cur == nil && replaces != uuid.Nil:
			return model.Errorf(model.ECONFLICT, "The published notice this check was compared with is no longer the one recorded for %s (%s). Check the notice again, then record it.", rec.Organisation, audienceWords(rec.Audience))
		case cur != nil && cur.SHA256 == rec.SHA256 && cur.Source == rec.Source:
			rec = *cur
			return nil
		}
		recorded = true
		if err := insertNotice(ctx, w, &rec); isPermissionDenied(err) {
			return model.Errorf(model.EREADONLY, "Only a DPO may record a published notice on the shared register %s; the server refused.", db.where)
		} else if err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	*n = rec
	return recorded, nil
}

func audienceWords(a string) string {
	if a == "" {
		return "everyone"
	}
	return strings.ToLower(model.AudienceLabel(model.AudienceCode(a)))
}

// PublishedNotices returns every recorded notice, oldest first.
func (db *DB) PublishedNotices(ctx context.Context) ([]model.PublishedNotice, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	out, err := loadNotices(ctx, tx)
	return out, db.readErr(err)
}

func insertNotice(ctx context.Context, w *writer, n *model.PublishedNotice) error {
	body, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("record published notice: %w", err)
	}
	if _, err := w.tx.Exec(ctx, `INSERT INTO published_notices (id, organisation, audience, recorded_at, body) VALUES ($1, $2, $3, $4, $5)`,
		n.ID, n.Organisation, n.Audience, store.FormatHistoryTime(n.RecordedAt), string(body)); err != nil {
		return fmt.Errorf("record published notice for %s: %w", n.Organisation, err)
	}
	return w.record(ctx, store.EntityNotice, n.ID, nil, body)
}

// importNotice records a notice an import brings, with its own id, time
// and recorder; one already held must be identical (a recorded notice is
// never changed).
func importNotice(ctx context.Context, w *writer, n *model.PublishedNotice) error {
	n.RecordedAt = n.RecordedAt.UTC()
	var old string
	err := w.tx.QueryRow(ctx, `SELECT body FROM published_notices WHERE id = $1`, n.ID).Scan(&old)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return insertNotice(ctx, w, n)
	case err != nil:
		return fmt.Errorf("import published notice %s: %w", n.ID, err)
	}
	body, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("import published notice %s: %w", n.ID, err)
	}
	if !bytes.Equal(body, []byte(old)) {
		return model.Errorf(model.EINVALID, "The published notice for %s recorded on %s differs from the one the register holds with the same id; a recorded notice is never changed, so nothing was imported.",
			n.Organisation, n.RecordedAt.Format("2 January 2006"))
	}
	return nil
}

// loadNotices reads every recorded notice by when recorded, then id, as
// the file orders them (the times are fixed-width text; ids compare as
// their text does).
func loadNotices(ctx context.Context, tx pgx.Tx) ([]model.PublishedNotice, error) {
	rows, err := tx.Query(ctx, `SELECT body FROM published_notices ORDER BY recorded_at COLLATE "C", id`)
	if err != nil {
		return nil, fmt.Errorf("read published notices: %w", err)
	}
	defer rows.Close()
	var out []model.PublishedNotice
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, fmt.Errorf("read published notices: %w", err)
		}
		var n model.PublishedNotice
		if err := json.Unmarshal([]byte(body), &n); err != nil {
			return nil, fmt.Errorf("read published notices: %w", err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read published notices: %w", err)
	}
	return out, nil
}
