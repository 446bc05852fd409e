package uistore

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
)

func TestOpenerRegister(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.ropa")
	reg, err := Opener{}.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { reg.Close() }()
	reg.SetUser("Dana Scully")
	org := &model.Organisation{Name: "MHWS", Roles: []model.Role{model.RoleController}}
	if err := reg.CreateOrganisation(ctx, org); err != nil {
		t.Fatal(err)
	}
	a := &model.Activity{OrganisationID: org.ID, Name: "Payroll", Role: model.RoleController, Status: model.StatusActive, Retention: "Six years"}
	if err := reg.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	a.Retention = "Seven years"
	if err := reg.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}

	t.Run("History", func(t *testing.T) {
		h, err := reg.History(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, c := range h {
			if c.Action == "update" && c.Field == "retention" {
				found = c.Old == `"Six years"` && c.New == `"Seven years"` && c.User == "Dana Scully" && c.Seq > 0 && !c.At.IsZero()
			}
		}
		if !found {
			t.Fatalf("no retention change converted: %+v", h)
		}
	})
	t.Run("Backups", func(t *testing.T) {
		p, made, err := reg.DailyBackup(ctx)
		if err != nil || !made || p == "" {
			t.Fatalf("DailyBackup = %q, %v, %v", p, made, err)
		}
		if _, err := reg.Backup(ctx, ""); err != nil {
			t.Fatal(err)
		}
		list, err := Opener{}.Backups(ctx, path)
		if err != nil || len(list) != 2 || !list[0].OK {
			t.Fatalf("Backups = %+v, %v", list, err)
		}
	})
	t.Run("Restore", func(t *testing.T) {
		list, _ := Opener{}.Backups(ctx, path)
		reg.Close()
		if _, err := desk.Restore(ctx, Opener{}, path, list[len(list)-1].Path, desk.RestoreOptions{}); err != nil {
			t.Fatal(err)
		}
		reg, err = Opener{}.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if reg.Damaged() || reg.ReadOnly() != "" {
			t.Fatalf("reopened: damaged %v, read-only %q", reg.Damaged(), reg.ReadOnly())
		}
		if got, err := reg.Activity(ctx, a.ID); err != nil || got.Retention != "Seven years" {
			t.Fatalf("after restore: %+v, %v", got, err)
		}
	})
}
