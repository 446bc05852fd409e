package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// Register returns the whole register in the SQLite store's order
// (organisations by name, activities by organisation then name), so that
// the same register gives the same exports and fingerprints on either.
// Review cycles, information assets, suppliers and recorded notices come
// in the file's order too.
func (db *DB) Register(ctx context.Context) (*model.Register, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	r, err := loadRegister(ctx, tx)
	return r, db.readErr(err)
}

// readErr puts a connection lost during a read into words.
func (db *DB) readErr(err error) error {
	if err != nil && lostConnection(err) {
		return connectError(db.where, err)
	}
	return err
}

// EachActivity calls fn with every activity and its organisation, in the
// order of Register, from one snapshot; an error from fn stops the walk.
func (db *DB) EachActivity(ctx context.Context, fn func(a *model.Activity, org *model.Organisation) error) error {
	r, err := db.Register(ctx)
	if err != nil {
		return err
	}
	for i := range r.Activities {
		a := &r.Activities[i]
		if err := fn(a, r.Organisation(a.OrganisationID)); err != nil {
			return err
		}
	}
	return nil
}

// revisions is every entity's revision, for reading many at once: one
// pass over the history, which the server hashes against the rows, rather
// than a look-up per row, whose plan depends on statistics a freshly
// filled database lacks.
const revisions = `(SELECT entity_id, max(seq) AS rev FROM history GROUP BY entity_id)`

func loadRegister(ctx context.Context, tx pgx.Tx) (*model.Register, error) {
	orgs, err := loadOrganisations(ctx, tx)
	if err != nil {
		return nil, err
	}
	r := &model.Register{Organisations: orgs, Activities: []model.Activity{}}
	rows, err := tx.Query(ctx, `SELECT a.body, coalesce(r.rev, 0) FROM activities a LEFT JOIN `+revisions+` r ON r.entity_id = a.id`)
	if err != nil {
		return nil, fmt.Errorf("read register: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var body string
		var rev int64
		if err := rows.Scan(&body, &rev); err != nil {
			return nil, fmt.Errorf("read register: %w", err)
		}
		var a model.Activity
		if err := json.Unmarshal([]byte(body), &a); err != nil {
			return nil, fmt.Errorf("read register: %w", err)
		}
		a.Revision = rev
		r.Activities = append(r.Activities, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read register: %w", err)
	}
	// Ordered here, not by the server, whose collation depends on how the
	// database was made: SQLite's NOCASE folds ASCII letters only.
	place := map[uuid.UUID]int{}
	for i, o := range orgs {
		place[o.ID] = i
	}
	sort.Slice(r.Activities, func(i, j int) bool {
		a, b := &r.Activities[i], &r.Activities[j]
		if pa, pb := place[a.OrganisationID], place[b.OrganisationID]; pa != pb {
			return pa < pb
		}
		return nocaseLess(a.Name, a.ID.String(), b.Name, b.ID.String())
	})
	if r.ReviewCycles, err = loadCycles(ctx, tx, "", nil); err != nil {
		return nil, err
	}
	if r.InformationAssets, err = loadBodies[model.InformationAsset](ctx, tx, assetTable); err != nil {
		return nil, err
	}
	if r.Suppliers, err = loadBodies[model.Supplier](ctx, tx, supplierTable); err != nil {
		return nil, err
	}
	if r.PublishedNotices, err = loadNotices(ctx, tx); err != nil {
		return nil, err
	}
	return r, nil
}

func loadOrganisations(ctx context.Context, tx pgx.Tx) ([]model.Organisation, error) {
	rows, err := tx.Query(ctx, `SELECT o.body, coalesce(r.rev, 0) FROM organisations o LEFT JOIN `+revisions+` r ON r.entity_id = o.id`)
	if err != nil {
		return nil, fmt.Errorf("read organisations: %w", err)
	}
	defer rows.Close()
	out := []model.Organisation{}
	for rows.Next() {
		var body string
		var rev int64
		if err := rows.Scan(&body, &rev); err != nil {
			return nil, fmt.Errorf("read organisations: %w", err)
		}
		var o model.Organisation
		if err := json.Unmarshal([]byte(body), &o); err != nil {
			return nil, fmt.Errorf("read organisations: %w", err)
		}
		o.Revision = rev
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read organisations: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		return nocaseLess(out[i].Name, out[i].ID.String(), out[j].Name, out[j].ID.String())
	})
	return out, nil
}

// nocaseLess orders (name, id) pairs as SQLite's ORDER BY name COLLATE
// NOCASE, id does: bytes compared with ASCII letters folded.
func nocaseLess(an, aid, bn, bid string) bool {
	if c := strings.Compare(foldASCII(an), foldASCII(bn)); c != 0 {
		return c < 0
	}
	return aid < bid
}

func foldASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

// Apply upserts organisations and activities (by id) and deletes
// activities, all in one transaction, as the SQLite store's Apply does:
// everything validated first, an update refused (ECONFLICT) unless made
// from the stored revision, timestamps given kept.
func (db *DB) Apply(ctx context.Context, ch model.Changes) error {
	if err := validateChanges(&ch); err != nil {
		return err
	}
	return db.write(ctx, "apply changes", func(w *writer) error { return w.apply(ctx, ch) })
}

// ApplyPlanned calls plan with the register as it is inside one write
// transaction (holding the chain's head, so no one else writes meanwhile)
// and applies what it returns there.
func (db *DB) ApplyPlanned(ctx context.Context, plan func(cur *model.Register) (model.Changes, error)) error {
	return db.write(ctx, "apply changes", func(w *writer) error {
		cur, err := loadRegister(ctx, w.tx)
		if err != nil {
			return err
		}
		ch, err := plan(cur)
		if err != nil {
			return err
		}
		if err := validateChanges(&ch); err != nil {
			return err
		}
		return w.apply(ctx, ch)
	})
}

// validateChanges checks every entry of ch before anything is written,
// as the file's store does.
func validateChanges(ch *model.Changes) error {
	var problems []string
	for i := range ch.Organisations {
		o := &ch.Organisations[i]
		if err := o.Validate(); err != nil {
			problems = append(problems, fmt.Sprintf("organisation %d (%q): %s", i+1, o.Name, model.ErrorMessage(err)))
		}
	}
	for i := range ch.Activities {
		a := &ch.Activities[i]
		if err := a.Validate(); err != nil {
			problems = append(problems, fmt.Sprintf("activity %d (%q): %s", i+1, a.Name, model.ErrorMessage(err)))
		}
	}
	for i := range ch.InformationAssets {
		x := &ch.InformationAssets[i]
		if err := x.Validate(); err != nil {
			problems = append(problems, fmt.Sprintf("information asset %d (%q): %s", i+1, x.Name, model.ErrorMessage(err)))
		}
	}
	for i := range ch.Suppliers {
		sp := &ch.Suppliers[i]
		if err := sp.Validate(); err != nil {
			problems = append(problems, fmt.Sprintf("supplier %d (%q): %s", i+1, sp.Name, model.ErrorMessage(err)))
		}
	}
	for i := range ch.PublishedNotices {
		n := &ch.PublishedNotices[i]
		if err := n.Validate(); err != nil {
			problems = append(problems, fmt.Sprintf("published notice %d (for %q): %s", i+1, n.Organisation, model.ErrorMessage(err)))
		}
	}
	for i := range ch.ReviewCycles {
		c := &ch.ReviewCycles[i]
		if err := prepareCycle(c); err != nil {
			problems = append(problems, fmt.Sprintf("review cycle %d (%q): %s", i+1, c.Name, model.ErrorMessage(err)))
		}
	}
	if len(problems) > 0 {
		const most = 10
		more := ""
		if len(problems) > most {
			more = fmt.Sprintf("; and %d more", len(problems)-most)
			problems = problems[:most]
		}
		return model.Errorf(model.EINVALID, "Nothing was saved, because %s%s.", strings.Join(problems, "; "), more)
	}
	return nil
}

func (w *writer) apply(ctx context.Context, ch model.Changes) error {
	for i := range ch.Organisations {
		o := &ch.Organisations[i]
		exists, err := rowExists(ctx, w.tx, "organisations", o.ID)
		if err != nil {
			return err
		}
		if exists {
			err = w.updateOrganisation(ctx, o, true)
		} else {
			err = w.createOrganisation(ctx, o, true)
		}
		if err != nil {
			return fmt.Errorf("organisation %q: %w", o.Name, err)
		}
	}
	for i := range ch.Activities {
		a := &ch.Activities[i]
		exists, err := rowExists(ctx, w.tx, "activities", a.ID)
		if err != nil {
			return err
		}
		if exists {
			err = w.updateActivity(ctx, a, true)
		} else {
			err = w.createActivity(ctx, a, true)
		}
		if err != nil {
			return fmt.Errorf("activity %q: %w", a.Name, err)
		}
	}
	// In the file's order: the records, then deletions (which unlink),
	// then new cycles.
	for i := range ch.InformationAssets {
		if err := dpoOnly(assetTable, saveBody(ctx, w, assetTable, &ch.InformationAssets[i], assetStamp, true)); err != nil {
			return err
		}
	}
	for i := range ch.Suppliers {
		if err := dpoOnly(supplierTable, saveBody(ctx, w, supplierTable, &ch.Suppliers[i], supplierStamp, true)); err != nil {
			return err
		}
	}
	for i := range ch.PublishedNotices {
		if err := importNotice(ctx, w, &ch.PublishedNotices[i]); err != nil {
			return err
		}
	}
	for _, id := range ch.DeleteActivities {
		if err := w.deleteActivity(ctx, id); err != nil {
			return err
		}
	}
	for i := range ch.ReviewCycles {
		if err := w.createCycle(ctx, &ch.ReviewCycles[i]); err != nil {
			return err
		}
	}
	return nil
}

// Setting returns the value of a setting, "" if unset.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.pool.QueryRow(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores a setting in the register. The backup rotation
// settings are chained in a register file's history; a shared register is
// backed up by its server (pg_dump) and snapshots, so it refuses them
// rather than keep a setting its verify would find unrecorded.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	if store.IsChainedSetting(key) {
		return model.Errorf(model.EINVALID, "A shared register has no backup rotation of its own: its server's administrator keeps its backups (pg_dump), and ropactl backup writes a snapshot when asked.")
	}
	return db.write(ctx, "save setting "+key, func(w *writer) error {
		_, err := w.tx.Exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		w.changedSettings = true
		return err
	})
}
