package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

func init() {
	register(&command{
		name:    "new",
		args:    "REGISTER --org NAME",
		summary: "create an empty register with one organisation",
		usage: `
Creates REGISTER, a new register file, holding one organisation (a
controller) and no activities. It refuses to overwrite an existing file.

Flags:
  --org NAME   the organisation's name (required)

Examples:
  ropactl new clinic.ropa --org "Mental Health and Well Being Services Ltd"
  ROPA_USER="Zoë Ní Bhriain" ropactl new ~/registers/2026.ropa --org "Example Ltd"
`,
		run: runNew,
	})
}

func runNew(e *env, args []string) error {
	fs := newFlags(e)
	org := fs.String("org", "", "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*org) == "" {
		return usagef("--org NAME is required: the register needs the organisation whose activities it records")
	}
	path := pos[0]
	if _, err := os.Stat(path); err == nil {
		return model.Errorf(model.ECONFLICT, "%s already exists; choose another file name.", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	db, err := store.Create(e.ctx, path)
	if err != nil {
		return err
	}
	db.SetUser(userName())
	o := &model.Organisation{Name: strings.TrimSpace(*org), Roles: []model.Role{model.RoleController}}
	if err := db.CreateOrganisation(e.ctx, o); err != nil {
		db.Close()
		removeRegister(path)
		return fmt.Errorf("add organisation %q: %w", o.Name, err)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	fmt.Fprintf(e.stdout, "Created %s with the organisation %q.\n", path, o.Name)
	return nil
}

// removeRegister deletes a register this command created but could not
// finish, with its SQLite side files, so a failure leaves nothing behind.
func removeRegister(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal", path + ".lock"} {
		os.Remove(p)
	}
}
