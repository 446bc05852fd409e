package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// maxSeedActivities keeps a typo ("--activities 1000000") from filling a disk.
const maxSeedActivities = 200_000

func init() {
	register(&command{
		name:    "seed",
		args:    "REGISTER --activities N [--seed S]",
		summary: "create a register filled with synthetic activities, for testing at scale",
		usage: `
Creates REGISTER holding N synthetic activities over several invented
organisations: every field filled in, special categories, several lawful
bases, national data opt-out assessments reaching every verdict, reviews in
two review cycles (one signed off) and the change history of it all. The same
N and seed always give the same register. It is for trying ROPA Desk at the
size of a large trust and for measuring it; it is not anyone's real record.
It refuses to overwrite an existing file.

Flags:
  --activities N   how many activities (1 to 200000; required)
  --seed S         the random seed (default 1)

Examples:
  ropactl seed big.ropa --activities 10000
  ropactl seed other.ropa --activities 500 --seed 7
`,
		run: runSeed,
	})
}

func runSeed(e *env, args []string) error {
	fs := newFlags(e)
	n := fs.Int("activities", 0, "")
	seed := fs.Uint64("seed", 1, "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if *n < 1 || *n > maxSeedActivities {
		return usagef("--activities N is required, from 1 to %d (got %d)", maxSeedActivities, *n)
	}
	path := pos[0]
	if _, err := os.Stat(path); err == nil {
		return model.Errorf(model.ECONFLICT, "%s already exists; synthetic activities are only written to a new file.", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	r := synth.Register(*n, *seed)
	db, err := store.Create(e.ctx, path)
	if err != nil {
		return err
	}
	db.SetUser(userName())
	if err := seedRegister(e, db, r); err != nil {
		db.Close()
		removeRegister(path)
		return fmt.Errorf("seed %s: %w", path, err)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	fmt.Fprintf(e.stdout, "Wrote %d synthetic activities over %d organisations to %s (seed %d).\n",
		len(r.Activities), len(r.Organisations), path, *seed)
	return nil
}

// seedRegister writes r: its cycles first, because reviews name them, then
// every organisation and activity in one transaction, then the sign-off of
// the cycles r has signed, whose snapshots are then the seeded register.
func seedRegister(e *env, db *store.DB, r *model.Register) error {
	for i := range r.ReviewCycles {
		c := r.ReviewCycles[i]
		c.SignOff = nil
		if err := db.CreateCycle(e.ctx, &c); err != nil {
			return fmt.Errorf("create review cycle %q: %w", c.Name, err)
		}
	}
	if err := db.Apply(e.ctx, model.Changes{Organisations: r.Organisations, Activities: r.Activities}); err != nil {
		return err
	}
	for _, c := range r.ReviewCycles {
		if c.SignOff != nil {
			s := *c.SignOff
			// A synthetic register is signed off whatever its gaps, and
			// says so, as the sign-off rules require.
			if s.Role == "" {
				s.Role = "Data Protection Officer"
			}
			if s.Acknowledgement == "" {
				s.Acknowledgement = "Synthetic register made by ropactl seed for testing; its gaps are not real."
			}
			if err := db.SignOff(e.ctx, c.ID, s); err != nil {
				return fmt.Errorf("sign off %q: %w", c.Name, err)
			}
		}
	}
	return nil
}
