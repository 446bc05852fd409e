package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// CreateActivity validates a and adds it, setting its ID (UUID v7) if zero
// and its timestamps.
func (db *DB) CreateActivity(ctx context.Context, a *model.Activity) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := newWriter(tx, db.currentUser())
	if err := w.createActivity(ctx, a, false); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create activity %q: %w", a.Name, err)
	}
	return nil
}

// Activity returns the activity with id (ENOTFOUND if there is none).
func (db *DB) Activity(ctx context.Context, id uuid.UUID) (*model.Activity, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	a, _, err := findActivity(ctx, tx, id)
	return a, err
}

// UpdateActivity validates a and saves it over the stored activity with the
// same ID. Saving an unchanged activity writes nothing.
func (db *DB) UpdateActivity(ctx context.Context, a *model.Activity) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := newWriter(tx, db.currentUser())
	if err := w.updateActivity(ctx, a, false); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("update activity %q: %w", a.Name, err)
	}
	return nil
}

// DeleteActivity removes the activity with id; its history stays.
func (db *DB) DeleteActivity(ctx context.Context, id uuid.UUID) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := newWriter(tx, db.currentUser())
	if err := w.deleteActivity(ctx, id); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("delete activity %s: %w", id, err)
	}
	return nil
}

// writer carries what the writes of one transaction share: the
// transaction, its history chain, and the organisations it has looked up.
type writer struct {
	tx   *sql.Tx
	hist *historyWriter
	orgs map[uuid.UUID]*model.Organisation
}

func newWriter(tx *sql.Tx, user string) *writer {
	return &writer{tx: tx, hist: newHistory(tx, user), orgs: map[uuid.UUID]*model.Organisation{}}
}

func (w *writer) organisation(ctx context.Context, id uuid.UUID) (*model.Organisation, error) {
	if o, ok := w.orgs[id]; ok {
		return o, nil
	}
	o, err := findOrganisation(ctx, w.tx, id)
	if err != nil {
		return nil, err
	}
	w.orgs[id] = o
	return o, nil
}

// activityOrganisation finds a's organisation, turning "not found" into
// a message about the activity.
func (w *writer) activityOrganisation(ctx context.Context, a *model.Activity) (*model.Organisation, error) {
	org, err := w.organisation(ctx, a.OrganisationID)
	if model.ErrorCode(err) == model.ENOTFOUND {
		return nil, model.Errorf(model.EINVALID, "The organisation chosen for the activity %q is not in this register; choose one that is.", a.Name)
	}
	return org, err
}

// createActivity adds a. With keepTimes (imports), timestamps already set
// are kept.
func (w *writer) createActivity(ctx context.Context, a *model.Activity, keepTimes bool) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if a.ID == uuid.Nil {
		id, err := uuid.NewV7()
		if err != nil {
			return fmt.Errorf("create activity: %w", err)
		}
		a.ID = id
	} else {
		var n int
		if err := w.tx.QueryRowContext(ctx, `SELECT count(*) FROM activities WHERE id = ?`, a.ID.String()).Scan(&n); err != nil {
			return fmt.Errorf("create activity %q: %w", a.Name, err)
		}
		if n > 0 {
			return model.Errorf(model.ECONFLICT, "An activity with the id %s is already in the register.", a.ID)
		}
	}
	t := now()
	setTimes(&a.CreatedAt, &a.UpdatedAt, t, keepTimes)
	org, err := w.activityOrganisation(ctx, a)
	if err != nil {
		return err
	}
	body, err := activityBody(a)
	if err != nil {
		return fmt.Errorf("create activity %q: %w", a.Name, err)
	}
	p := project(a, org)
	res, err := w.tx.ExecContext(ctx, `
		INSERT INTO activities (id, organisation_id, name, business_function, role, status,
			has_special, special_categories, lawful_bases, ndop_verdict, last_review,
			errors, warnings, created_at, updated_at, body)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID.String(), a.OrganisationID.String(), a.Name, a.BusinessFunction, string(a.Role), string(a.Status),
		p.hasSpecial, p.special, p.bases, p.verdict, p.lastReview,
		p.errors, p.warnings, formatTime(a.CreatedAt), formatTime(a.UpdatedAt), string(body))
	if err != nil {
		return fmt.Errorf("create activity %q: %w", a.Name, err)
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("create activity %q: %w", a.Name, err)
	}
	if err := indexActivity(ctx, w.tx, seq, a, org.Name, false); err != nil {
		return err
	}
	if err := w.hist.record(ctx, EntityActivity, a.ID, nil, body); err != nil {
		return err
	}
	a.Revision = w.hist.seq
	return nil
}

// setTimes sets created and updated to t, unless keepTimes and they are set.
func setTimes(created, updated *time.Time, t time.Time, keepTimes bool) {
	if !keepTimes || created.IsZero() {
		*created = t
	}
	if !keepTimes || updated.IsZero() {
		*updated = t
	}
	*created, *updated = created.UTC(), updated.UTC()
}

func (w *writer) updateActivity(ctx context.Context, a *model.Activity, keepTimes bool) error {
	if err := a.Validate(); err != nil {
		return err
	}
	old, seq, oldBody, err := findActivityRow(ctx, w.tx, a.ID)
	if err != nil {
		return err
	}
	if err := checkRevision(ctx, w.tx, fmt.Sprintf("the activity %q", old.Name), a.Revision, old.Revision); err != nil {
		return err
	}
	// The creation time is the store's to keep, whatever the caller sends.
	if !keepTimes || a.CreatedAt.IsZero() {
		a.CreatedAt = old.CreatedAt
	}
	a.CreatedAt = a.CreatedAt.UTC()
	// Compare with the old update time first, so an unchanged save is a no-op.
	newUpdated := a.UpdatedAt
	a.UpdatedAt = old.UpdatedAt
	same, err := activityBody(a)
	if err != nil {
		return fmt.Errorf("update activity %q: %w", a.Name, err)
	}
	if bytes.Equal(same, oldBody) {
		return nil
	}
	a.UpdatedAt = now()
	if keepTimes && !newUpdated.IsZero() {
		a.UpdatedAt = newUpdated.UTC()
	}
	org, err := w.activityOrganisation(ctx, a)
	if err != nil {
		return err
	}
	body, err := activityBody(a)
	if err != nil {
		return fmt.Errorf("update activity %q: %w", a.Name, err)
	}
	p := project(a, org)
	_, err = w.tx.ExecContext(ctx, `
		UPDATE activities SET organisation_id = ?, name = ?, business_function = ?, role = ?, status = ?,
			has_special = ?, special_categories = ?, lawful_bases = ?, ndop_verdict = ?, last_review = ?,
			errors = ?, warnings = ?, created_at = ?, updated_at = ?, body = ?
		WHERE seq = ?`,
		a.OrganisationID.String(), a.Name, a.BusinessFunction, string(a.Role), string(a.Status),
		p.hasSpecial, p.special, p.bases, p.verdict, p.lastReview,
		p.errors, p.warnings, formatTime(a.CreatedAt), formatTime(a.UpdatedAt), string(body), seq)
	if err != nil {
		return fmt.Errorf("update activity %q: %w", a.Name, err)
	}
	if err := indexActivity(ctx, w.tx, seq, a, org.Name, true); err != nil {
		return err
	}
	if err := w.hist.record(ctx, EntityActivity, a.ID, oldBody, body); err != nil {
		return err
	}
	a.Revision = w.hist.seq
	return nil
}

func (w *writer) deleteActivity(ctx context.Context, id uuid.UUID) error {
	_, seq, body, err := findActivityRow(ctx, w.tx, id)
	if err != nil {
		return err
	}
	if _, err := w.tx.ExecContext(ctx, `DELETE FROM activities_fts WHERE rowid = ?`, seq); err != nil {
		return fmt.Errorf("delete activity %s: %w", id, err)
	}
	if _, err := w.tx.ExecContext(ctx, `DELETE FROM activities WHERE seq = ?`, seq); err != nil {
		return fmt.Errorf("delete activity %s: %w", id, err)
	}
	if err := w.hist.record(ctx, EntityActivity, id, body, nil); err != nil {
		return err
	}
	return w.unlinkActivity(ctx, id)
}

func findActivity(ctx context.Context, tx *sql.Tx, id uuid.UUID) (*model.Activity, int64, error) {
	a, seq, _, err := findActivityRow(ctx, tx, id)
	return a, seq, err
}

func findActivityRow(ctx context.Context, tx *sql.Tx, id uuid.UUID) (*model.Activity, int64, []byte, error) {
	var (
		seq  int64
		body []byte
	)
	var rev int64
	err := tx.QueryRowContext(ctx, `SELECT seq, body, `+revisionExpr("id")+` FROM activities WHERE id = ?`, id.String()).Scan(&seq, &body, &rev)
	if err == sql.ErrNoRows {
		return nil, 0, nil, model.Errorf(model.ENOTFOUND, "The activity is not in the register (it may have been deleted).")
	}
	if err != nil {
		return nil, 0, nil, fmt.Errorf("read activity %s: %w", id, err)
	}
	var a model.Activity
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, 0, nil, fmt.Errorf("read activity %s: %w", id, err)
	}
	a.Revision = rev
	return &a, seq, body, nil
}

// indexActivity writes a's row of the search index.
func indexActivity(ctx context.Context, tx *sql.Tx, seq int64, a *model.Activity, orgName string, replace bool) error {
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM activities_fts WHERE rowid = ?`, seq); err != nil {
			return fmt.Errorf("index activity %q: %w", a.Name, err)
		}
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO activities_fts (rowid, name, business_function, description, purposes,
			data_subjects, personal_data, recipients, organisation)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		seq, a.Name, a.BusinessFunction, a.Description, strings.Join(a.Purposes, "\n"),
		strings.Join(a.DataSubjects, "\n"), strings.Join(a.PersonalData, "\n"),
		strings.Join(a.Recipients, "\n"), orgName)
	if err != nil {
		return fmt.Errorf("index activity %q: %w", a.Name, err)
	}
	return nil
}

// projection is what the list shows and filters on, derived from an
// activity when it is saved so that listing never decodes bodies.
type projection struct {
	hasSpecial       bool
	special, bases   string
	verdict          string
	lastReview       string
	errors, warnings int
}

func project(a *model.Activity, org *model.Organisation) projection {
	p := projectWithout(a, org)
	for _, f := range model.CheckActivity(a, org, now()) {
		if model.DateDependent(f.Code) {
			// Depends on the day: the list works it out when asked, from
			// the dates it reads (last_review, the NDOP assessment's
			// date; list.go), so a count stored today cannot go stale.
			continue
		}
		switch f.Severity {
		case model.SeverityError:
			p.errors++
		case model.SeverityWarning:
			p.warnings++
		}
	}
	return p
}

// projectWithout is project without the counts of findings, which depend
// on the date.
func projectWithout(a *model.Activity, org *model.Organisation) projection {
	p := projection{hasSpecial: a.HasSpecialCategoryData()}
	sc := make([]string, len(a.SpecialCategories))
	for i, c := range a.SpecialCategories {
		sc[i] = string(c)
	}
	p.special = strings.Join(sc, ",")
	lb := make([]string, len(a.LawfulBases))
	for i, b := range a.LawfulBases {
		lb[i] = string(b.Basis)
	}
	p.bases = strings.Join(lb, ",")
	p.verdict = string(model.AssessNDOP(a, org).Verdict)
	if p.verdict == "" {
		p.verdict = string(model.VerdictNotAssessed)
	}
	if r := a.LastReview(); r != nil {
		p.lastReview = formatTime(r.Date)
	}
	return p
}

// projectionVersion names the rules that computed the stored projections.
// Bump it when model.AssessNDOP or model.CheckActivity change what they
// say, so that registers refresh their projections on next open.
// 3: the counts of findings leave out every date-dependent one (the NDOP
// reassessment as well as the review), which the list works out when asked.
const projectionVersion = "3"

// refreshIfStale recomputes every activity's projections and search row
// when the rules or the schema changed since they were computed.
func (db *DB) refreshIfStale(ctx context.Context, force bool) error {
	var v string
	err := db.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'projection_version'`).Scan(&v)
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("read projection version: %w", err)
	}
	// Only a known older version refreshes: a missing or odd value (a row
	// deleted or altered outside ROPA Desk) must not make opening the file
	// rewrite every activity.
	stored, err1 := strconv.Atoi(v)
	current, _ := strconv.Atoi(projectionVersion)
	if !force && (err1 != nil || stored < 0 || stored >= current) {
		return nil
	}
	return db.RefreshProjections(ctx)
}

// RefreshProjections recomputes the list columns (NDOP verdict, findings,
// last review) and the search index of every activity from its body.
func (db *DB) RefreshProjections(ctx context.Context) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := refreshProjections(ctx, tx, ""); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO meta (key, value) VALUES ('projection_version', ?)`, projectionVersion); err != nil {
		return fmt.Errorf("refresh projections: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("refresh projections: %w", err)
	}
	return nil
}

// refreshProjections recomputes the projections of every activity, or of
// one organisation's when orgID is not "".
func refreshProjections(ctx context.Context, tx *sql.Tx, orgID string) error {
	orgs, err := loadOrganisations(ctx, tx)
	if err != nil {
		return fmt.Errorf("refresh projections: %w", err)
	}
	byID := map[uuid.UUID]*model.Organisation{}
	for i := range orgs {
		byID[orgs[i].ID] = &orgs[i]
	}
	q := `SELECT seq, body FROM activities`
	var args []any
	if orgID != "" {
		q += ` WHERE organisation_id = ?`
		args = append(args, orgID)
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("refresh projections: %w", err)
	}
	type item struct {
		seq int64
		a   model.Activity
	}
	var items []item
	for rows.Next() {
		var it item
		var body []byte
		if err := rows.Scan(&it.seq, &body); err != nil {
			rows.Close()
			return fmt.Errorf("refresh projections: %w", err)
		}
		if err := json.Unmarshal(body, &it.a); err != nil {
			rows.Close()
			return fmt.Errorf("refresh projections: activity %d: %w", it.seq, err)
		}
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("refresh projections: %w", err)
	}
	for _, it := range items {
		org := byID[it.a.OrganisationID]
		orgName := ""
		if org != nil {
			orgName = org.Name
		}
		p := project(&it.a, org)
		_, err := tx.ExecContext(ctx, `
			UPDATE activities SET has_special = ?, special_categories = ?, lawful_bases = ?,
				ndop_verdict = ?, last_review = ?, errors = ?, warnings = ?
			WHERE seq = ?`,
			p.hasSpecial, p.special, p.bases, p.verdict, p.lastReview, p.errors, p.warnings, it.seq)
		if err != nil {
			return fmt.Errorf("refresh projections: %w", err)
		}
		if err := indexActivity(ctx, tx, it.seq, &it.a, orgName, true); err != nil {
			return err
		}
	}
	return nil
}
