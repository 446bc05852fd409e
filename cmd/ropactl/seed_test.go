package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

func TestSeed(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		reg := filepath.Join(t.TempDir(), "big.ropa")
		r := mustRun(t, "seed", reg, "--activities", "250", "--seed", "3")
		if !strings.Contains(r.stdout, "250 synthetic activities") {
			t.Errorf("stdout %q does not say what was written", r.stdout)
		}
		ctx := context.Background()
		db, err := store.OpenWith(ctx, reg, store.Options{NoLock: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		_, total, err := db.ListActivities(ctx, model.ActivityFilter{Limit: 1})
		if err != nil || total != 250 {
			t.Fatalf("the register lists %d activities (%v), want 250", total, err)
		}
		cycles, err := db.Cycles(ctx)
		if err != nil || len(cycles) != 2 {
			t.Fatalf("cycles %v, %v: want two", cycles, err)
		}
		signed := 0
		for _, c := range cycles {
			if c.SignOff != nil {
				signed++
				if _, err := db.CycleSnapshot(ctx, c.ID); err != nil {
					t.Errorf("snapshot of %q: %v", c.Name, err)
				}
			}
		}
		if signed != 1 {
			t.Errorf("%d cycles signed off, want 1", signed)
		}
		res, err := db.VerifyHistory(ctx)
		if err != nil || !res.OK() || res.Entries < 250 {
			t.Errorf("history: %d entries, problems %v, err %v", res.Entries, res.Problems, err)
		}
		// Same seed, same register: compare through the JSON of the lists.
		reg2 := filepath.Join(t.TempDir(), "again.ropa")
		mustRun(t, "seed", reg2, "--activities", "250", "--seed", "3")
		db2, err := store.OpenWith(ctx, reg2, store.Options{NoLock: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db2.Close()
		a, _ := db.Register(ctx)
		b, _ := db2.Register(ctx)
		if len(a.Activities) != len(b.Activities) || a.Activities[17].Name != b.Activities[17].Name ||
			a.Activities[17].ID != b.Activities[17].ID {
			t.Error("the same seed gave different registers")
		}
	})
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"ErrActivitiesRequired", []string{"--seed", "2"}, 2, "--activities N is required"},
		{"ErrActivitiesTooMany", []string{"--activities", "999999999"}, 2, "from 1 to"},
		{"ErrBadFlag", []string{"--activities", "ten"}, 2, "invalid value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg := filepath.Join(t.TempDir(), "x.ropa")
			r := ropactl(t, append([]string{"seed", reg}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tc.code, tc.want)
			}
			if _, err := os.Stat(reg); !os.IsNotExist(err) {
				t.Errorf("%s was created: %v", reg, err)
			}
		})
	}
	t.Run("ErrExists", func(t *testing.T) {
		reg := filepath.Join(t.TempDir(), "x.ropa")
		if err := os.WriteFile(reg, []byte("precious"), 0o600); err != nil {
			t.Fatal(err)
		}
		r := ropactl(t, "seed", reg, "--activities", "5")
		if r.code != 1 || !strings.Contains(r.stderr, "already exists") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
		if b, _ := os.ReadFile(reg); string(b) != "precious" {
			t.Errorf("the existing file was changed to %q", b)
		}
	})
}
