package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// EntityNotice is a published privacy notice in the change history. A
// recorded notice is only ever created: a newer one for the same
// organisation and audience replaces it in the PDF, and the old one stays
// as the record of what was published when.
const EntityNotice = "published_notice"

const noticeTable = "published_notices"

// RecordNotice records the published notice n, checked against the
// register, in one transaction with its history entry. The store sets its
// id, when it was recorded and by whom, and the SHA-256 of its text.
//
// replaces is the notice the DPO saw as the current one for n's
// organisation and audience when they checked (uuid.Nil: none). If another
// has been recorded since, nothing is written and the error (ECONFLICT)
// says who recorded it and when, as a stale save of an activity is
// refused. When the current notice has exactly n's text and source
// already, nothing is written, n is set to that notice and recorded is
// false.
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
	// The time as the store keeps it, so the body and the column agree.
	rec.RecordedAt, _ = parseTime(formatTime(now()))
	if err := rec.Validate(); err != nil {
		return false, err
	}
	err = db.inWrite(ctx, "record published notice", func(w *writer) error {
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
		return insertNotice(ctx, w, &rec)
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
	defer tx.Rollback()
	return loadNotices(ctx, tx)
}

func insertNotice(ctx context.Context, w *writer, n *model.PublishedNotice) error {
	body, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("record published notice: %w", err)
	}
	if _, err := w.tx.ExecContext(ctx, `INSERT INTO `+noticeTable+` (id, organisation, audience, recorded_at, body) VALUES (?, ?, ?, ?, ?)`,
		n.ID.String(), n.Organisation, n.Audience, formatTime(n.RecordedAt), string(body)); err != nil {
		return fmt.Errorf("record published notice for %s: %w", n.Organisation, err)
	}
	return w.hist.record(ctx, EntityNotice, n.ID, nil, body)
}

// importNotice records a notice brought by an import, keeping its own id,
// time and recorder. One the register already holds must be identical: a
// recorded notice is evidence of what was published, and is never changed.
func importNotice(ctx context.Context, w *writer, n *model.PublishedNotice) error {
	n.RecordedAt = n.RecordedAt.UTC()
	var old []byte
	err := w.tx.QueryRowContext(ctx, `SELECT body FROM `+noticeTable+` WHERE id = ?`, n.ID.String()).Scan(&old)
	switch {
	case err == sql.ErrNoRows:
		return insertNotice(ctx, w, n)
	case err != nil:
		return fmt.Errorf("import published notice %s: %w", n.ID, err)
	}
	body, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("import published notice %s: %w", n.ID, err)
	}
	if !bytes.Equal(body, old) {
		return model.Errorf(model.EINVALID, "The published notice for %s recorded on %s differs from the one the register holds with the same id; a recorded notice is never changed, so nothing was imported.",
			n.Organisation, n.RecordedAt.Format("2 January 2006"))
	}
	return nil
}

// loadNotices reads every recorded notice, by when recorded, then id (the
// order stateRegister gives after a replay).
func loadNotices(ctx context.Context, tx *sql.Tx) ([]model.PublishedNotice, error) {
	// A register of schema 1 or 2 opened read-only is not migrated: it
	// has no such table, and so no notices.
	if ok, err := hasTable(ctx, tx, noticeTable); err != nil || !ok {
		if err != nil {
			return nil, fmt.Errorf("read published notices: %w", err)
		}
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT body FROM `+noticeTable+` ORDER BY recorded_at, id`)
	if err != nil {
		return nil, fmt.Errorf("read published notices: %w", err)
	}
	defer rows.Close()
	var out []model.PublishedNotice
	for rows.Next() {
		var body []byte
		if err := rows.Scan(&body); err != nil {
			return nil, fmt.Errorf("read published notices: %w", err)
		}
		var n model.PublishedNotice
		if err := json.Unmarshal(body, &n); err != nil {
			return nil, fmt.Errorf("read published notices: %w", err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read published notices: %w", err)
	}
	return out, nil
}

// checkNoticeColumns reports a notice whose columns beside the body (which
// order the notices and pick the latest) no longer say what its body says:
// edited outside ROPA Desk, they would change which notice a PDF shows
// while the body, and so the history, still matched.
func checkNoticeColumns(ctx context.Context, tx *sql.Tx, bad func(k entityKey, format string, args ...any)) error {
	if ok, err := hasTable(ctx, tx, noticeTable); err != nil || !ok {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, organisation, audience, recorded_at, body FROM `+noticeTable)
	if err != nil {
		return fmt.Errorf("verify published notices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, org, audience, at string
		var body []byte
		if err := rows.Scan(&id, &org, &audience, &at, &body); err != nil {
			return fmt.Errorf("verify published notices: %w", err)
		}
		var n model.PublishedNotice
		if json.Unmarshal(body, &n) != nil {
			continue // the body itself is reported as changed
		}
		uid, _ := uuid.Parse(id)
		var differ []string
		if org != n.Organisation {
			differ = append(differ, "organisation")
		}
		if audience != n.Audience {
			differ = append(differ, "audience")
		}
		if at != formatTime(n.RecordedAt) {
			differ = append(differ, "when it was recorded")
		}
		if uid != n.ID {
			differ = append(differ, "id")
		}
		if len(differ) > 0 {
			bad(entityKey{EntityNotice, uid}, "The published privacy notice for %s recorded on %s was changed outside ROPA Desk: its list columns (%s) no longer match its record.",
				n.Organisation, n.RecordedAt.Format("2 January 2006"), strings.Join(differ, ", "))
		}
	}
	return rows.Err()
}
