package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

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
	// InformationAssets, Suppliers and PublishedNotices are bodies as
	// stored; each row's other columns are what its body says.
	InformationAssets []StoredBody
	Suppliers         []StoredBody
	PublishedNotices  []StoredBody
	ReviewCycles      []StoredCycle
	History           []StoredEntry
	Settings          map[string]string
	// Left lists, in words, what the register holds that a Copy does not
	// carry, so a copy that would lose it can be refused. Every part of
	// a register is now carried, so it stays empty; a store that cannot
	// keep a part fills it.
	Left []string
}

// StoredCycle is a review cycle as stored: its columns as text, its full
// sign-off (the JSON the history recorded, "" while open) and the frozen
// copy of the register made at sign-off (nil while open).
type StoredCycle struct {
	ID             uuid.UUID
	Name           string
	StartedAt      string
	IntervalMonths int
	SignedOffBy    string
	SignedOffAt    string
	Statement      string
	SignOff        string
	Snapshot       *string
}

// StoredBody is one entity's JSON body as stored.
type StoredBody struct {
	ID   uuid.UUID
	Body []byte
}

// RecordColumns are the list columns an asset's or a supplier's row
// keeps beside its body, times as the store writes them.
type RecordColumns struct{ Name, CreatedAt, UpdatedAt string }

// RecordColumns reads b's list columns, b being a row of table (an asset
// or a supplier), so that either store writes a copied row's columns
// from its body the same way.
func (b StoredBody) RecordColumns(table string) (RecordColumns, error) {
	var v struct {
		Name      string    `json:"name"`
		CreatedAt time.Time `json:"created_at"`
		UpdatedAt time.Time `json:"updated_at"`
	}
	if err := json.Unmarshal(b.Body, &v); err != nil {
		return RecordColumns{}, fmt.Errorf("copy %s %s: %w", table, b.ID, err)
	}
	return RecordColumns{v.Name, formatTime(v.CreatedAt), formatTime(v.UpdatedAt)}, nil
}

// Notice reads the recorded notice b, for its row's columns.
func (b StoredBody) Notice() (*model.PublishedNotice, error) {
	var n model.PublishedNotice
	if err := json.Unmarshal(b.Body, &n); err != nil {
		return nil, fmt.Errorf("copy published notice %s: %w", b.ID, err)
	}
	return &n, nil
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
	for _, t := range []struct {
		table string
		into  *[]StoredBody
	}{{assetTable.table, &c.InformationAssets}, {supplierTable.table, &c.Suppliers}, {noticeTable, &c.PublishedNotices}} {
		if err := readBodies(ctx, tx, t.table, t.into); err != nil {
			return nil, err
		}
	}
	if c.ReviewCycles, err = readStoredCycles(ctx, tx); err != nil {
		return nil, err
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
	if err := writeCopyRest(ctx, tx, c); err != nil {
		return err
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

// readBodies reads the id and body of every row of table (one of ours),
// none when an older schema opened read-only lacks the table.
func readBodies(ctx context.Context, tx *sql.Tx, table string, into *[]StoredBody) error {
	if ok, err := hasTable(ctx, tx, table); err != nil || !ok {
		if err != nil {
			return fmt.Errorf("read %s: %w", table, err)
		}
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, body FROM `+table+` ORDER BY id`)
	if err != nil {
		return fmt.Errorf("read %s: %w", table, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var b StoredBody
		if err := rows.Scan(&id, &b.Body); err != nil {
			return fmt.Errorf("read %s: %w", table, err)
		}
		if b.ID, err = uuid.Parse(id); err != nil {
			return fmt.Errorf("read %s: id %q: %w", table, id, err)
		}
		*into = append(*into, b)
	}
	return rows.Err()
}

func readStoredCycles(ctx context.Context, tx *sql.Tx) ([]StoredCycle, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT c.id, c.name, c.started_at, c.interval_months, c.signed_off_by, c.signed_off_at, c.statement,
			coalesce(m.value, ''), c.snapshot
		FROM review_cycles c LEFT JOIN meta m ON m.key = 'sign_off:' || c.id ORDER BY c.id`)
	if err != nil {
		return nil, fmt.Errorf("read review cycles: %w", err)
	}
	defer rows.Close()
	var out []StoredCycle
	for rows.Next() {
		var c StoredCycle
		var id string
		var snap sql.NullString
		if err := rows.Scan(&id, &c.Name, &c.StartedAt, &c.IntervalMonths, &c.SignedOffBy, &c.SignedOffAt, &c.Statement, &c.SignOff, &snap); err != nil {
			return nil, fmt.Errorf("read review cycles: %w", err)
		}
		if c.ID, err = uuid.Parse(id); err != nil {
			return nil, fmt.Errorf("read review cycles: id %q: %w", id, err)
		}
		if snap.Valid {
			c.Snapshot = &snap.String
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// writeCopyRest writes the asset and supplier registers, the recorded
// notices and the review cycles of c, their list columns taken from
// their bodies.
func writeCopyRest(ctx context.Context, tx *sql.Tx, c *Copy) error {
	for _, t := range []struct {
		table  string
		bodies []StoredBody
	}{{assetTable.table, c.InformationAssets}, {supplierTable.table, c.Suppliers}} {
		for _, b := range t.bodies {
			v, err := b.RecordColumns(t.table)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+t.table+` (id, name, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
				b.ID.String(), v.Name, string(b.Body), v.CreatedAt, v.UpdatedAt); err != nil {
				return fmt.Errorf("copy %s %q: %w", t.table, v.Name, err)
			}
		}
	}
	for _, b := range c.PublishedNotices {
		n, err := b.Notice()
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+noticeTable+` (id, organisation, audience, recorded_at, body) VALUES (?, ?, ?, ?, ?)`,
			b.ID.String(), n.Organisation, n.Audience, formatTime(n.RecordedAt), string(b.Body)); err != nil {
			return fmt.Errorf("copy published notice for %s: %w", n.Organisation, err)
		}
	}
	for _, cy := range c.ReviewCycles {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO review_cycles (id, name, started_at, interval_months, signed_off_by, signed_off_at, statement, snapshot)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			cy.ID.String(), cy.Name, cy.StartedAt, cy.IntervalMonths, cy.SignedOffBy, cy.SignedOffAt, cy.Statement, cy.Snapshot); err != nil {
			return fmt.Errorf("copy review cycle %q: %w", cy.Name, err)
		}
		if cy.SignOff != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)`, signOffKey(cy.ID), cy.SignOff); err != nil {
				return fmt.Errorf("copy review cycle %q: %w", cy.Name, err)
			}
		}
	}
	return nil
}
