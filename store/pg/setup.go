package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/ropadesk/ropadesk/model"
)

// SetupResult says what SetUp found and did.
type SetupResult struct {
	// From is the schema the database had (0 for none), To the one it
	// has now: the newest this build knows.
	From, To int
	// Changed is false when SetUp changed nothing: the schema was current
	// and the roles, grants and policies were already as they should be.
	Changed bool
}

// Init is SetUp for a caller that needs only to know it worked.
func Init(ctx context.Context, adminConn, owner string) error {
	_, err := SetUp(ctx, adminConn, owner)
	return err
}

// SetUp sets up a shared register in the database adminConn names, as the
// server's administrator (a superuser, or the database's owner with
// CREATEROLE): it creates the group roles, the role owner that owns the
// register's tables (NOLOGIN; nobody works as it), the schema, the grants
// and the row-level security policies. Run again on a register set up by
// an older version, it brings the schema up to date in one transaction
// (the data stays as it is: the migrations only add) and then the grants
// and policies; on a current one it changes nothing, and says so. A
// register set up by a newer version is left alone and refused.
func SetUp(ctx context.Context, adminConn, owner string) (SetupResult, error) {
	var res SetupResult
	if !validRole(owner) {
		return res, model.Errorf(model.EINVALID, "%q cannot be the owner's role name: use lower-case letters, digits and underscores, starting with a letter.", owner)
	}
	conn, err := pgx.Connect(ctx, adminConn)
	if err != nil {
		return res, connectError(adminWhere(adminConn), err)
	}
	defer conn.Close(ctx)
	where := describe(conn.Config())
	ms := loadMigrations()
	res.To = ms[len(ms)-1].Version
	if res.From, err = schemaVersion(ctx, conn); err != nil {
		return res, adminError("read the register's schema", err)
	}
	if res.From > res.To {
		return res, model.Errorf(model.EREADONLY, "The shared register %s was set up by a newer version of ROPA Desk (schema %d; this ropactl knows up to %d). Nothing was changed: run 'ropactl db init' of that version, or a newer one.", where, res.From, res.To)
	}
	before, err := permissionState(ctx, conn, owner)
	if err != nil {
		return res, err
	}
	if err := setUp(ctx, conn, adminConn, owner); err != nil {
		return res, err
	}
	after, err := permissionState(ctx, conn, owner)
	if err != nil {
		return res, err
	}
	now, err := schemaVersion(ctx, conn)
	if err != nil {
		return res, adminError("read the register's schema", err)
	}
	res.Changed = now != res.From || after != before
	res.To = now
	return res, nil
}

func setUp(ctx context.Context, conn *pgx.Conn, adminConn, owner string) error {
	for _, r := range []string{RoleDPO, RoleEditor, RoleAuditor, owner} {
		var exists bool
		if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, r).Scan(&exists); err != nil {
			return fmt.Errorf("look up role %s: %w", r, err)
		}
		if !exists {
			if _, err := conn.Exec(ctx, `CREATE ROLE `+r+` NOLOGIN`); err != nil {
				return adminError(fmt.Sprintf("create the role %s", r), err)
			}
		}
	}
	// The administrator acts as the owner to create what it owns.
	for _, q := range []string{
		`GRANT ` + owner + ` TO current_user`,
		`GRANT USAGE, CREATE ON SCHEMA public TO ` + owner,
		`GRANT USAGE ON SCHEMA public TO ropa_dpo, ropa_editor, ropa_auditor`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return adminError("prepare the owner "+owner, err)
		}
	}
	cfg, err := pgxpool.ParseConfig(adminConn)
	if err != nil {
		return err
	}
	cfg.MaxConns = 1
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		_, err := c.Exec(ctx, `SET ROLE `+owner)
		return err
	}
	// Opening migrates, as the owner.
	db, err := openConfig(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	ms := loadMigrations()
	for _, q := range policiesFor(ms[len(ms)-1].Version) {
		if _, err := tx.Exec(ctx, q); err != nil {
			return adminError("set up the permissions", fmt.Errorf("%s: %w", strings.Fields(q)[0], err))
		}
	}
	return tx.Commit(ctx)
}

// adminWhere names the server an administrator's command connects to,
// as describe does for a register.
func adminWhere(adminConn string) string {
	c, err := pgx.ParseConfig(adminConn)
	if err != nil {
		return "at the address given"
	}
	return describe(c)
}

// schemaVersion is the register's schema version, 0 where there is none.
func schemaVersion(ctx context.Context, conn *pgx.Conn) (int, error) {
	var v int
	err := conn.QueryRow(ctx, `SELECT version FROM ropa_schema`).Scan(&v)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42P01" { // no such table
		return 0, nil
	}
	return v, err
}

// permissionState is everything SetUp sets besides the schema, as text to
// compare before and after: the roles, who is a member of the owner, the
// tables' owners, row-level security and grants, the policies, and the
// schema's grants.
func permissionState(ctx context.Context, conn *pgx.Conn, owner string) (string, error) {
	var s string
	err := conn.QueryRow(ctx, `
		SELECT coalesce(string_agg(x, E'\n' ORDER BY x), '') FROM (
			SELECT 'role ' || rolname FROM pg_roles WHERE rolname = ANY ($1)
			UNION ALL
			SELECT 'member ' || pg_get_userbyid(member) || ' of ' || pg_get_userbyid(roleid) FROM pg_auth_members WHERE pg_get_userbyid(roleid) = ANY ($1)
			UNION ALL
			SELECT 'table ' || c.relname || ' owned by ' || pg_get_userbyid(c.relowner) || ' rls ' || c.relrowsecurity || ' grants ' || coalesce(c.relacl::text, '')
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
			UNION ALL
			SELECT 'policy ' || tablename || ' ' || policyname || ' ' || cmd || ' ' || roles::text || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '')
			FROM pg_policies WHERE schemaname = 'public'
			UNION ALL
			SELECT 'schema public ' || coalesce(nspacl::text, '') FROM pg_namespace WHERE nspname = 'public'
		) s (x)`, []string{RoleDPO, RoleEditor, RoleAuditor, owner}).Scan(&s)
	if err != nil {
		return "", fmt.Errorf("read the register's permissions: %w", err)
	}
	return s, nil
}
