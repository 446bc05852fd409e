package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// Copy is a register's organisations, activities and change history as
// stored — bodies and entries byte for byte, with the history's own
// times, users and hashes — so that another store (a shared register on
// PostgreSQL, or another file) can hold the same register and verify it
// with the same chain. `ropactl copy` moves one with ReadCopy and
// WriteCopy.
type Copy struct {
	Organisations []StoredBody
	Activities    []StoredBody
	History       []StoredEntry
	Settings      map[string]string
	// Left lists, in words, what the register holds that a Copy does not
	// carry (review cycles, information assets, suppliers), so a
	// copy that would lose them can be refused.
	Left []string
}

// StoredBody is one entity's JSON body as stored.
type StoredBody struct {
	ID   uuid.UUID
	Body []byte
}

// StoredEntry is a history entry with its time as stored (the hash covers
// that text).
type StoredEntry struct {
	HistoryEntry
	AtText string
}

// ReadCopy reads the register's content from one snapshot.
func (db *DB) ReadCopy(ctx context.Context) (*Copy, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c := &Copy{}
	for _, t := range []struct {
		table string
		into  *[]StoredBody
	}{{"organisations", &c.Organisations}, {"activities", &c.Activities}} {
		rows, err := tx.QueryContext(ctx, `SELECT id, body FROM `+t.table+` ORDER BY id`)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", t.table, err)
		}
		for rows.Next() {
			var id string
			var b StoredBody
			if err := rows.Scan(&id, &b.Body); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read %s: %w", t.table, err)
			}
			if b.ID, err = uuid.Parse(id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read %s: id %q: %w", t.table, id, err)
			}
			*t.into = append(*t.into, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read %s: %w", t.table, err)
		}
	}
	for _, t := range []struct{ table, what string }{
		{"review_cycles", "review cycles"}, {assetTable.table, "information assets"},
		{supplierTable.table, "suppliers"}, {"published_notices", "recorded privacy notices"},
	} {
		if ok, err := hasTable(ctx, tx, t.table); err != nil || !ok {
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", t.table, err)
			}
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+t.table).Scan(&n); err != nil {
			return nil, fmt.Errorf("read %s: %w", t.table, err)
		}
		if n > 0 {
			c.Left = append(c.Left, fmt.Sprintf("%d %s", n, t.what))
		}
	}
	c.Settings = map[string]string{}
	srows, err := tx.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	for srows.Next() {
		var k, v string
		if err := srows.Scan(&k, &v); err != nil {
			srows.Close()
			return nil, fmt.Errorf("read settings: %w", err)
		}
		c.Settings[k] = v
	}
	srows.Close()
	if err := srows.Err(); err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT seq, at, user, entity, entity_id, action, field, old, new, prev_hash, hash
		FROM history ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, at, err := scanEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("read history: %w", err)
		}
		c.History = append(c.History, StoredEntry{e, at})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	return c, nil
}

// WriteCopy writes c into this register, which must be empty (ECONFLICT
// otherwise), in one transaction: bodies and entries as they are, and the
// list's projections and search index computed from the bodies.
func (db *DB) WriteCopy(ctx context.Context, c *Copy) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM history) + (SELECT count(*) FROM organisations) + (SELECT count(*) FROM activities)`).Scan(&n); err != nil {
		return fmt.Errorf("copy into %s: %w", db.path, err)
	}
	if n > 0 {
		return model.Errorf(model.ECONFLICT, "%s is not empty: a register is copied only into a new one, so that nothing in it is mixed with the copy.", db.path)
	}
	orgs := map[uuid.UUID]*model.Organisation{}
	for _, b := range c.Organisations {
		var o model.Organisation
		if err := json.Unmarshal(b.Body, &o); err != nil {
			return fmt.Errorf("copy organisation %s: %w", b.ID, err)
		}
		orgs[b.ID] = &o
		_, err := tx.ExecContext(ctx, `INSERT INTO organisations (id, name, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
			b.ID.String(), o.Name, string(b.Body), formatTime(o.CreatedAt), formatTime(o.UpdatedAt))
		if err != nil {
			return fmt.Errorf("copy organisation %q: %w", o.Name, err)
		}
	}
	for _, b := range c.Activities {
		var a model.Activity
		if err := json.Unmarshal(b.Body, &a); err != nil {
			return fmt.Errorf("copy activity %s: %w", b.ID, err)
		}
		org := orgs[a.OrganisationID]
		if org == nil {
			return model.Errorf(model.EINVALID, "The activity %q names an organisation the copy does not hold.", a.Name)
		}
		p := project(&a, org)
		res, err := tx.ExecContext(ctx, `
			INSERT INTO activities (id, organisation_id, name, business_function, role, status,
				has_special, special_categories, lawful_bases, ndop_verdict, last_review,
				errors, warnings, created_at, updated_at, body)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			b.ID.String(), a.OrganisationID.String(), a.Name, a.BusinessFunction, string(a.Role), string(a.Status),
			p.hasSpecial, p.special, p.bases, p.verdict, p.lastReview,
			p.errors, p.warnings, formatTime(a.CreatedAt), formatTime(a.UpdatedAt), string(b.Body))
		if err != nil {
			return fmt.Errorf("copy activity %q: %w", a.Name, err)
		}
		seq, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("copy activity %q: %w", a.Name, err)
		}
		if err := indexActivity(ctx, tx, seq, &a, org.Name, false); err != nil {
			return err
		}
	}
	for _, e := range c.History {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO history (seq, at, user, entity, entity_id, action, field, old, new, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Seq, e.AtText, e.User, e.Entity, e.EntityID.String(), e.Action, e.Field,
			nullable(e.Old), nullable(e.New), e.PrevHash, e.Hash)
		if err != nil {
			return fmt.Errorf("copy history entry %d: %w", e.Seq, err)
		}
	}
	for k, v := range c.Settings {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, k, v); err != nil {
			return fmt.Errorf("copy setting %s: %w", k, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("copy into %s: %w", db.path, err)
	}
	return nil
}
