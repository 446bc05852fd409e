package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

func init() {
	register(&command{
		name:    "example",
		args:    "REGISTER",
		summary: "create a register holding the example activities",
		usage: `
Creates REGISTER holding the example register: the processing described by
two real privacy notices — Mental Health and Well Being Services Ltd (care
records, online account, payments, communications, research, sharing with
healthcare professionals, legal disclosures, safeguarding, notifiable
diseases, website analytics) and the six-partner Community Living Well
partnership. Contact details are invented. It refuses to overwrite an
existing file.

Examples:
  ropactl example demo.ropa
  ropactl example demo.ropa && ropactl check demo.ropa
`,
		run: runExample,
	})
}

func runExample(e *env, args []string) error {
	fs := newFlags(e)
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	path := pos[0]
	if _, err := os.Stat(path); err == nil {
		return model.Errorf(model.ECONFLICT, "%s already exists; the example is only written to a new file.", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	db, err := store.Create(e.ctx, path)
	if err != nil {
		return err
	}
	db.SetUser(userName())
	r := exchange.Example()
	if err := db.Apply(e.ctx, model.Changes{Organisations: r.Organisations, Activities: r.Activities,
		InformationAssets: r.InformationAssets, Suppliers: r.Suppliers}); err != nil {
		db.Close()
		removeRegister(path)
		return fmt.Errorf("write the example register: %w", err)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	fmt.Fprintf(e.stdout, "Wrote the example register to %s: %d organisations, %d activities, %d information assets, %d suppliers.\n",
		path, len(r.Organisations), len(r.Activities), len(r.InformationAssets), len(r.Suppliers))
	return nil
}
