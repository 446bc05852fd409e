package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/model"
)

// The group roles people are given. Each person signs in as their own
// role, a member of one of these; the server, not the app, enforces what
// each may do.
const (
	// RoleDPO reads and changes everything.
	RoleDPO = "ropa_dpo"
	// RoleEditor reads and changes only the organisations listed for the
	// person in editor_organisations, and their activities (row-level
	// security).
	RoleEditor = "ropa_editor"
	// RoleAuditor reads everything and changes nothing.
	RoleAuditor = "ropa_auditor"
)

// The policies: the DPO and the auditor see every row (the auditor's
// grants are SELECT only); an editor sees and writes the rows of their
// organisations; an editor sees the history of what they can see. Every
// role may add history entries only in its own name (db_role). These are
// schema 1 and 2's tables; policySQL3 follows.
var policySQL = []string{
	`ALTER TABLE organisations ENABLE ROW LEVEL SECURITY`,
	`ALTER TABLE activities ENABLE ROW LEVEL SECURITY`,
	`ALTER TABLE history ENABLE ROW LEVEL SECURITY`,
	`ALTER TABLE editor_organisations ENABLE ROW LEVEL SECURITY`,

	`DROP POLICY IF EXISTS everything ON organisations`,
	`CREATE POLICY everything ON organisations TO ropa_dpo, ropa_auditor USING (true) WITH CHECK (true)`,
	`DROP POLICY IF EXISTS own ON organisations`,
	`CREATE POLICY own ON organisations TO ropa_editor
		USING (id IN (SELECT organisation_id FROM editor_organisations WHERE role_name = session_user))
		WITH CHECK (id IN (SELECT organisation_id FROM editor_organisations WHERE role_name = session_user))`,

	`DROP POLICY IF EXISTS everything ON activities`,
	`CREATE POLICY everything ON activities TO ropa_dpo, ropa_auditor USING (true) WITH CHECK (true)`,
	`DROP POLICY IF EXISTS own ON activities`,
	`CREATE POLICY own ON activities TO ropa_editor
		USING (organisation_id IN (SELECT organisation_id FROM editor_organisations WHERE role_name = session_user))
		WITH CHECK (organisation_id IN (SELECT organisation_id FROM editor_organisations WHERE role_name = session_user))`,

	`DROP POLICY IF EXISTS everything ON history`,
	`CREATE POLICY everything ON history FOR SELECT TO ropa_dpo, ropa_auditor USING (true)`,
	`DROP POLICY IF EXISTS own ON history`,
	// The subqueries run under the editor's own policies: the history of
	// the organisations and activities the editor can see.
	`CREATE POLICY own ON history FOR SELECT TO ropa_editor
		USING (entity_id IN (SELECT id FROM activities) OR entity_id IN (SELECT id FROM organisations))`,
	`DROP POLICY IF EXISTS as_oneself ON history`,
	`CREATE POLICY as_oneself ON history FOR INSERT TO ropa_dpo, ropa_editor WITH CHECK (db_role = session_user)`,

	`DROP POLICY IF EXISTS everything ON editor_organisations`,
	`CREATE POLICY everything ON editor_organisations FOR SELECT TO ropa_dpo, ropa_auditor USING (true)`,
	`DROP POLICY IF EXISTS own ON editor_organisations`,
	`CREATE POLICY own ON editor_organisations FOR SELECT TO ropa_editor USING (role_name = session_user)`,

	`REVOKE ALL ON organisations, activities, history, chain_head, settings, ropa_schema, editor_organisations FROM PUBLIC`,
	`GRANT SELECT ON organisations, activities, history, chain_head, settings, ropa_schema, editor_organisations TO ropa_dpo, ropa_editor, ropa_auditor`,
	`GRANT INSERT, UPDATE, DELETE ON organisations, activities, settings TO ropa_dpo`,
	`GRANT INSERT, UPDATE, DELETE ON activities TO ropa_editor`,
	`GRANT UPDATE ON organisations TO ropa_editor`,
	`GRANT INSERT ON history TO ropa_dpo, ropa_editor`,
	// FOR UPDATE on the head needs UPDATE: the auditor never takes it.
	`GRANT UPDATE ON chain_head TO ropa_dpo, ropa_editor`,
}

// policySQL3 is what schema 3 adds to policySQL, applied once its tables
// are there (see policiesFor).
var policySQL3 = []string{
	// Schema 3. Review cycles and their sign-off are the DPO's: a
	// sign-off speaks for the whole register. An information asset or a
	// supplier usually serves several organisations (one record system,
	// one payroll bureau), so no editor's organisation owns it: every role
	// reads them and only the DPO changes them, links to activities
	// included. Recorded notices are published text: read by all, recorded
	// by the DPO. Each person's marks in a review are on their activities,
	// which the activity policies already govern.
	`GRANT SELECT ON review_cycles, information_assets, suppliers, published_notices TO ropa_dpo, ropa_editor, ropa_auditor`,
	`GRANT INSERT, UPDATE, DELETE ON review_cycles, information_assets, suppliers TO ropa_dpo`,
	`GRANT INSERT ON published_notices TO ropa_dpo`,
}

// policiesFor is the permissions SQL for a register at schema version:
// the grants on a schema's tables only once they exist.
func policiesFor(version int) []string {
	out := append([]string{}, policySQL...)
	if version >= 3 {
		out = append(out, policySQL3...)
	}
	return out
}

// Grant gives person (an existing login role) one of the group roles;
// an editor is also given the organisations orgs. Run by the server's
// administrator or the owner.
func Grant(ctx context.Context, adminConn, person, group string, orgs []uuid.UUID) error {
	if !validRole(person) {
		return model.Errorf(model.EINVALID, "%q is not a role name ROPA Desk can grant to: use lower-case letters, digits and underscores, starting with a letter.", person)
	}
	switch group {
	case RoleDPO, RoleAuditor, RoleEditor:
	default:
		return model.Errorf(model.EINVALID, "There is no group %q: choose %s, %s or %s.", group, RoleDPO, RoleEditor, RoleAuditor)
	}
	if group == RoleEditor && len(orgs) == 0 {
		return model.Errorf(model.EINVALID, "Name the organisations the editor %s may edit.", person)
	}
	conn, err := pgx.Connect(ctx, adminConn)
	if err != nil {
		return connectError(adminWhere(adminConn), err)
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `GRANT `+group+` TO `+person); err != nil {
		return adminError("grant "+group+" to "+person, err)
	}
	for _, id := range orgs {
		if _, err := tx.Exec(ctx, `INSERT INTO editor_organisations (role_name, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, person, id); err != nil {
			return adminError("give "+person+" the organisation "+id.String(), err)
		}
	}
	return tx.Commit(ctx)
}

// validRole accepts plain role names only, which need no quoting: they
// are written into GRANT and CREATE ROLE statements.
func validRole(s string) bool {
	if s == "" || len(s) > 63 || !('a' <= s[0] && s[0] <= 'z') {
		return false
	}
	for _, c := range s {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func adminError(what string, err error) error {
	var pe interface{ SQLState() string }
	if errors.As(err, &pe) && pe.SQLState() == "42501" {
		return model.Errorf(model.EREADONLY, "Could not %s: the server refused. Run this as a superuser or as the database's owner with the CREATEROLE attribute.", what)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// refused turns the server's "permission denied" into words: for an
// editor, which organisations they may edit. What row-level security
// hides from an editor (outOfSight) is said the same way.
func (db *DB) refused(ctx context.Context, err error) error {
	if lostConnection(err) {
		return saveError(db.where, err)
	}
	var hidden *outOfSight
	if errors.As(err, &hidden) {
		if names := db.editableOrganisations(ctx); len(names) > 0 {
			return model.Errorf(hidden.err.Code, "You can edit only %s activities: %s.", joinWords(names), hidden.why)
		}
		return hidden.err
	}
	var pe interface{ SQLState() string }
	if !errors.As(err, &pe) || pe.SQLState() != "42501" {
		return err
	}
	if names := db.editableOrganisations(ctx); len(names) > 0 {
		return model.Errorf(model.EREADONLY, "You can edit only %s activities; the server refused this change.", joinWords(names))
	}
	return permissionError(db.where, err)
}

// editableOrganisations names, as possessives ("Jobs in Mind's"), the
// organisations the signed-in editor is given; none for a DPO, an
// auditor, or when they cannot be read.
func (db *DB) editableOrganisations(ctx context.Context) []string {
	rows, err := db.pool.Query(ctx, `
		SELECT o.name FROM editor_organisations e JOIN organisations o ON o.id = e.organisation_id
		WHERE e.role_name = session_user ORDER BY o.name`)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if rows.Scan(&n) == nil {
			names = append(names, n+"'s")
		}
	}
	return names
}

// outOfSight is a refusal for a row the writer could not find, which for
// an editor is most likely a row of another organisation that row-level
// security hides: refused then says which organisations they may edit,
// and why (after "You can edit only …'s activities: "). For anyone else
// the refusal stands as it is.
type outOfSight struct {
	err *model.Error
	why string
}

func (o *outOfSight) Error() string { return o.err.Error() }
func (o *outOfSight) Unwrap() error { return o.err }

// hiddenFromEditor marks err, when it says a row is not there (code), as
// possibly out of an editor's sight.
func hiddenFromEditor(err error, code, why string) error {
	var me *model.Error
	if errors.As(err, &me) && me.Code == code {
		return &outOfSight{err: me, why: why}
	}
	return err
}
