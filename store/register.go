package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// Register returns the whole register: organisations by name, activities
// by organisation then name, review cycles by start.
func (db *DB) Register(ctx context.Context) (*model.Register, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return loadRegister(ctx, tx)
}

func loadRegister(ctx context.Context, tx *sql.Tx) (*model.Register, error) {
	orgs, err := loadOrganisations(ctx, tx)
	if err != nil {
		return nil, err
	}
	r := &model.Register{Organisations: orgs, Activities: []model.Activity{}}
	err = eachActivity(ctx, tx, func(a *model.Activity) error {
		r.Activities = append(r.Activities, *a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if r.ReviewCycles, err = loadCycles(ctx, tx, ""); err != nil {
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

// EachActivity calls fn with every activity and its organisation, in the
// order of Register, one at a time from a single read transaction: the
// checks of a register of thousands of activities need not hold it all in
// memory. fn must not keep a; an error from fn stops the walk and is
// returned.
func (db *DB) EachActivity(ctx context.Context, fn func(a *model.Activity, org *model.Organisation) error) error {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	orgs, err := loadOrganisations(ctx, tx)
	if err != nil {
		return err
	}
	r := model.Register{Organisations: orgs}
	return eachActivity(ctx, tx, func(a *model.Activity) error {
		return fn(a, r.Organisation(a.OrganisationID))
	})
}

// eachActivity decodes the activities in register order (organisation name,
// then activity name), handing each to fn as it is read.
func eachActivity(ctx context.Context, tx *sql.Tx, fn func(a *model.Activity) error) error {
	rows, err := tx.QueryContext(ctx, `
		SELECT a.body, `+revisionExpr("a.id")+` FROM activities a JOIN organisations o ON o.id = a.organisation_id
		ORDER BY o.name COLLATE NOCASE, o.id, a.name COLLATE NOCASE, a.id`)
	if err != nil {
		return fmt.Errorf("read register: %w", err)
	}
	defer rows.Close()
	// One buffer for every body: json.Unmarshal copies what it keeps, and
	// a register of 10,000 activities would otherwise allocate some 40 MB
	// of bodies only to drop them.
	var body sql.RawBytes
	var rev int64
	for rows.Next() {
		if err := rows.Scan(&body, &rev); err != nil {
			return fmt.Errorf("read register: %w", err)
		}
		var a model.Activity
		if err := json.Unmarshal(body, &a); err != nil {
			return fmt.Errorf("read register: %w", err)
		}
		a.Revision = rev
		if err := fn(&a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read register: %w", err)
	}
	return nil
}

// Apply upserts organisations and activities (by id: created when the id is
// new, updated otherwise) and deletes activities, all in one transaction.
// Everything is validated before anything is written, and one failure
// leaves the register as it was. An update must carry the revision it was
// made from (ECONFLICT otherwise). Timestamps given in ch are kept, so an
// export imported again keeps its dates. IDs and revisions assigned are
// set in ch's slices.
func (db *DB) Apply(ctx context.Context, ch model.Changes) error {
	if err := validateChanges(&ch); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := db.applyTx(ctx, tx, ch); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("apply changes: %w", err)
	}
	return nil
}

// ApplyPlanned reads the register and calls plan with it inside one write
// transaction, then applies the changes plan returns in the same
// transaction. Nobody can change the register between the reading and the
// writing, so an import planned this way never writes a stale copy of what
// it did not mean to change. An error from plan writes nothing and is
// returned as it is.
func (db *DB) ApplyPlanned(ctx context.Context, plan func(cur *model.Register) (model.Changes, error)) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cur, err := loadRegister(ctx, tx)
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
	if err := db.applyTx(ctx, tx, ch); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("apply changes: %w", err)
	}
	return nil
}

// validateChanges checks every entry of ch before anything is written.
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

func (db *DB) applyTx(ctx context.Context, tx *sql.Tx, ch model.Changes) error {
	w := newWriter(tx, db.currentUser())
	for i := range ch.Organisations {
		o := &ch.Organisations[i]
		exists, err := rowExists(ctx, tx, "organisations", o.ID)
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
		exists, err := rowExists(ctx, tx, "activities", a.ID)
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
	for i := range ch.InformationAssets {
		if err := saveBody(ctx, w, assetTable, &ch.InformationAssets[i], assetStamp, true); err != nil {
			return err
		}
	}
	for i := range ch.Suppliers {
		if err := saveBody(ctx, w, supplierTable, &ch.Suppliers[i], supplierStamp, true); err != nil {
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

// rowExists reports whether table has a row with id. table is one of ours,
// never user text.
func rowExists(ctx context.Context, tx *sql.Tx, table string, id uuid.UUID) (bool, error) {
	if id == uuid.Nil {
		return false, nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE id = ?`, id.String()).Scan(&n); err != nil {
		return false, fmt.Errorf("look up %s %s: %w", table, id, err)
	}
	return n > 0, nil
}

// Setting returns the value of a setting, "" if unset.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, nil
}
