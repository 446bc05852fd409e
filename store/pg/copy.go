package pgstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// ReadCopy reads the register's content as stored, from one snapshot, in
// the form the SQLite store reads and writes (store.Copy).
func (db *DB) ReadCopy(ctx context.Context) (*store.Copy, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	c := &store.Copy{Settings: map[string]string{}}
	for _, t := range []struct {
		table string
		into  *[]store.StoredBody
	}{{"organisations", &c.Organisations}, {"activities", &c.Activities},
		{assetTable.table, &c.InformationAssets}, {supplierTable.table, &c.Suppliers}, {"published_notices", &c.PublishedNotices}} {
		rows, err := tx.Query(ctx, `SELECT id, body FROM `+t.table+` ORDER BY id`)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", t.table, err)
		}
		for rows.Next() {
			var b store.StoredBody
			var body string
			if err := rows.Scan(&b.ID, &body); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read %s: %w", t.table, err)
			}
			b.Body = []byte(body)
			*t.into = append(*t.into, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read %s: %w", t.table, err)
		}
	}
	if c.ReviewCycles, err = readStoredCycles(ctx, tx); err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read settings: %w", err)
		}
		c.Settings[k] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	err = eachEntryTx(ctx, tx, "", nil, func(e store.HistoryEntry, at string) error {
		c.History = append(c.History, store.StoredEntry{HistoryEntry: e, AtText: at})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// WriteCopy writes c into this register, which must be empty (ECONFLICT
// otherwise), in one transaction holding the chain's head: bodies and
// entries as they are, the head set to the copy's last entry. A copy
// naming something it could not carry (Left) is refused whole.
func (db *DB) WriteCopy(ctx context.Context, c *store.Copy) error {
	if len(c.Left) > 0 {
		return model.Errorf(model.EINVALID, "Nothing was copied: the register holds %s, which this copy does not carry.", joinWords(c.Left))
	}
	return db.write(ctx, "copy into "+db.where, func(w *writer) error {
		var n int
		if err := w.tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM history) + (SELECT count(*) FROM organisations) + (SELECT count(*) FROM activities)`).Scan(&n); err != nil {
			return fmt.Errorf("copy into %s: %w", db.where, err)
		}
		if n > 0 || w.seq != 0 {
			return model.Errorf(model.ECONFLICT, "The shared register %s is not empty: a register is copied only into a new one, so that nothing in it is mixed with the copy.", db.where)
		}
		for _, b := range c.Organisations {
			var o model.Organisation
			if err := json.Unmarshal(b.Body, &o); err != nil {
				return fmt.Errorf("copy organisation %s: %w", b.ID, err)
			}
			_, err := w.tx.Exec(ctx, `INSERT INTO organisations (id, name, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)`,
				b.ID, o.Name, string(b.Body), store.FormatHistoryTime(o.CreatedAt), store.FormatHistoryTime(o.UpdatedAt))
			if err != nil {
				return fmt.Errorf("copy organisation %q: %w", o.Name, err)
			}
		}
		for _, b := range c.Activities {
			var a model.Activity
			if err := json.Unmarshal(b.Body, &a); err != nil {
				return fmt.Errorf("copy activity %s: %w", b.ID, err)
			}
			_, err := w.tx.Exec(ctx, `
				INSERT INTO activities (id, organisation_id, name, status, created_at, updated_at, body)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				b.ID, a.OrganisationID, a.Name, string(a.Status),
				store.FormatHistoryTime(a.CreatedAt), store.FormatHistoryTime(a.UpdatedAt), string(b.Body))
			if err != nil {
				return fmt.Errorf("copy activity %q: %w", a.Name, err)
			}
		}
		if err := writeCopyRest(ctx, w, c); err != nil {
			return err
		}
		for i := range c.History {
			if err := w.insert(ctx, &c.History[i].HistoryEntry, c.History[i].AtText); err != nil {
				return fmt.Errorf("copy history entry %d: %w", c.History[i].Seq, err)
			}
		}
		for k, v := range c.Settings {
			if _, err := w.tx.Exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)`, k, v); err != nil {
				return fmt.Errorf("copy setting %s: %w", k, err)
			}
		}
		return nil
	})
}

func joinWords(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	out := items[0]
	for _, s := range items[1 : len(items)-1] {
		out += ", " + s
	}
	return out + " and " + items[len(items)-1]
}

// readStoredCycles reads the review cycles as stored, for a copy.
func readStoredCycles(ctx context.Context, tx pgx.Tx) ([]store.StoredCycle, error) {
	rows, err := tx.Query(ctx, `SELECT id, name, started_at, interval_months, signed_off_by, signed_off_at, statement,
		coalesce(sign_off, ''), snapshot FROM review_cycles ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read review cycles: %w", err)
	}
	defer rows.Close()
	var out []store.StoredCycle
	for rows.Next() {
		var c store.StoredCycle
		if err := rows.Scan(&c.ID, &c.Name, &c.StartedAt, &c.IntervalMonths, &c.SignedOffBy, &c.SignedOffAt, &c.Statement, &c.SignOff, &c.Snapshot); err != nil {
			return nil, fmt.Errorf("read review cycles: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// writeCopyRest writes the assets, suppliers, recorded notices and review
// cycles of c as they are, their other columns taken from their bodies.
func writeCopyRest(ctx context.Context, w *writer, c *store.Copy) error {
	for _, t := range []struct {
		table  string
		bodies []store.StoredBody
	}{{assetTable.table, c.InformationAssets}, {supplierTable.table, c.Suppliers}} {
		for _, b := range t.bodies {
			v, err := b.RecordColumns(t.table)
			if err != nil {
				return err
			}
			if _, err := w.tx.Exec(ctx, `INSERT INTO `+t.table+` (id, name, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)`,
				b.ID, v.Name, string(b.Body), v.CreatedAt, v.UpdatedAt); err != nil {
				return fmt.Errorf("copy %s %q: %w", t.table, v.Name, err)
			}
		}
	}
	for _, b := range c.PublishedNotices {
		n, err := b.Notice()
		if err != nil {
			return err
		}
		if _, err := w.tx.Exec(ctx, `INSERT INTO published_notices (id, organisation, audience, recorded_at, body) VALUES ($1, $2, $3, $4, $5)`,
			b.ID, n.Organisation, n.Audience, store.FormatHistoryTime(n.RecordedAt), string(b.Body)); err != nil {
			return fmt.Errorf("copy published notice for %s: %w", n.Organisation, err)
		}
	}
	for _, cy := range c.ReviewCycles {
		if _, err := w.tx.Exec(ctx, `
			INSERT INTO review_cycles (id, name, started_at, interval_months, signed_off_by, signed_off_at, statement, sign_off, snapshot)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			cy.ID, cy.Name, cy.StartedAt, cy.IntervalMonths, cy.SignedOffBy, cy.SignedOffAt, cy.Statement, nullable(cy.SignOff), cy.Snapshot); err != nil {
			return fmt.Errorf("copy review cycle %q: %w", cy.Name, err)
		}
	}
	return nil
}
