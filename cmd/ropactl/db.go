package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

func init() {
	register(&command{
		name:    "db",
		args:    "init SERVER --owner ROLE | db grant SERVER PERSON (--dpo | --auditor | --editor ORGANISATION[,…])",
		summary: "set up a shared register on PostgreSQL and give people access",
		usage: `
For the server's administrator. SERVER is a connection string such as
"postgres://admin@db.trust.nhs.uk/ropa?sslmode=verify-full" for an
existing, empty database; connect as a superuser or as the database's
owner with CREATEROLE. The password comes from PGPASSWORD or PGPASSFILE.

"db init" creates the group roles ropa_dpo (reads and changes everything),
ropa_editor (reads and changes only the organisations they are given) and
ropa_auditor (reads everything, changes nothing); the role ROLE, which owns
the register's tables and never signs in; the register's tables; and the
grants and row-level security policies by which the server enforces those
roles, whatever program a person connects with. Run it again after
upgrading ROPA Desk: it upgrades the schema in one transaction, keeping
everything in the register, and brings the grants and policies up to
date; it says so when nothing needed changing. A register set up by a
newer version of ROPA Desk is refused and left as it is.

"db grant" gives PERSON, an existing login role (CREATE ROLE alice LOGIN
PASSWORD '…'), one of the three: --editor with the organisations (names or
ids, comma-separated) they may edit.

Examples:
  ropactl db init "postgres://admin@db/ropa?sslmode=verify-full" --owner ropa_owner
  ropactl db grant "postgres://admin@db/ropa" dana --dpo
  ropactl db grant "postgres://admin@db/ropa" alice --editor "Jobs in Mind"
  ropactl db grant "postgres://admin@db/ropa" audrey --auditor
`,
		run: runDB,
	})
}

func runDB(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("say init or grant")
	}
	switch args[0] {
	case "init":
		return runDBInit(e, args[1:])
	case "grant":
		return runDBGrant(e, args[1:])
	case "-h", "-help", "--help":
		return flag.ErrHelp
	}
	return usagef("there is no db command %q: use init or grant", args[0])
}

func runDBInit(e *env, args []string) error {
	fs := newFlags(e)
	owner := fs.String("owner", "", "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if !pgstore.IsConnString(pos[0]) {
		return usagef("%q is not a PostgreSQL connection string (postgres://…)", pos[0])
	}
	if *owner == "" {
		return usagef("--owner ROLE is required: the role that will own the register's tables")
	}
	res, err := pgstore.SetUp(e.ctx, pos[0], *owner)
	if err != nil {
		return err
	}
	where := pgstore.Redact(pos[0])
	switch {
	case res.From == 0:
		fmt.Fprintf(e.stdout, "Set up the shared register at %s (schema %d), owned by %s, with the roles %s, %s and %s.\nGive people access with 'ropactl db grant'.\n",
			where, res.To, *owner, pgstore.RoleDPO, pgstore.RoleEditor, pgstore.RoleAuditor)
	case res.From < res.To:
		fmt.Fprintf(e.stdout, "Upgraded the shared register at %s from schema %d to schema %d, keeping everything in it; its roles, grants and policies are up to date.\n", where, res.From, res.To)
	case res.Changed:
		fmt.Fprintf(e.stdout, "The shared register at %s was already at schema %d; its roles, grants and policies have been brought up to date.\n", where, res.To)
	default:
		fmt.Fprintf(e.stdout, "The shared register at %s is already at schema %d, the newest this ropactl knows, and its roles, grants and policies are as they should be: nothing was changed.\n", where, res.To)
	}
	return nil
}

func runDBGrant(e *env, args []string) error {
	fs := newFlags(e)
	dpo := fs.Bool("dpo", false, "")
	auditor := fs.Bool("auditor", false, "")
	editor := fs.String("editor", "", "")
	pos, err := parse(fs, args, 2)
	if err != nil {
		return err
	}
	server, person := pos[0], pos[1]
	if !pgstore.IsConnString(server) {
		return usagef("%q is not a PostgreSQL connection string (postgres://…)", server)
	}
	n := 0
	for _, set := range []bool{*dpo, *auditor, *editor != ""} {
		if set {
			n++
		}
	}
	if n != 1 {
		return usagef("give exactly one of --dpo, --auditor or --editor ORGANISATION")
	}
	group := pgstore.RoleDPO
	var orgs []uuid.UUID
	switch {
	case *auditor:
		group = pgstore.RoleAuditor
	case *editor != "":
		group = pgstore.RoleEditor
		if orgs, err = findOrganisations(e, server, *editor); err != nil {
			return err
		}
	}
	if err := pgstore.Grant(e.ctx, server, person, group, orgs); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s is now in %s.\n", person, group)
	return nil
}

// findOrganisations resolves comma-separated names or ids.
func findOrganisations(e *env, server, list string) ([]uuid.UUID, error) {
	db, err := pgstore.Open(e.ctx, server)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	all, err := db.Organisations(e.ctx)
	if err != nil {
		return nil, err
	}
	var out []uuid.UUID
	for _, want := range strings.Split(list, ",") {
		want = strings.TrimSpace(want)
		found := false
		for _, o := range all {
			if o.Name == want || o.ID.String() == want {
				out = append(out, o.ID)
				found = true
				break
			}
		}
		if !found {
			return nil, model.Errorf(model.ENOTFOUND, "There is no organisation %q in the shared register: give its name exactly as the register has it, or its id.", want)
		}
	}
	return out, nil
}
