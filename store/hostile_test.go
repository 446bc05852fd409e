package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// hostileRegister is a register as an attacker would send it: a trigger
// that re-signs a cycle, retires everything and shortens backup rotation;
// a view with a recursive query that never ends, and a trigger that reads
// it; and the meta row deleted so that opening would rewrite every
// activity and fire them.
func hostileRegister(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "from-partner.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	org := mustOrg(t, db, "Partner")
	for _, n := range []string{"Payroll", "Referrals", "Counselling"} {
		mustActivity(t, db, minimal(org.ID, n))
	}
	c := &model.ReviewCycle{Name: "Annual review 2026", IntervalMonths: 12}
	if err := db.CreateCycle(ctx, c); err != nil {
		t.Fatal(err)
	}
	db.Close()
	rawExec(t, path,
		`CREATE TRIGGER mallory AFTER UPDATE ON activities BEGIN
			UPDATE review_cycles SET signed_off_by = 'Mallory', signed_off_at = '2026-01-01T00:00:00.000000000Z';
			UPDATE activities SET status = 'retired';
			INSERT OR REPLACE INTO settings (key, value) VALUES ('backup_keep_daily', '1');
		END`,
		`CREATE VIEW forever AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n`,
		`CREATE TRIGGER hang AFTER INSERT ON history BEGIN SELECT count(*) FROM forever; END`,
		`DELETE FROM meta WHERE key = 'projection_version'`,
	)
	return path
}

func TestHostileRegisterIsData(t *testing.T) {
	ctx := context.Background()
	path := hostileRegister(t)
	before := fileSum(t, path)

	start := time.Now()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ro := db.ReadOnly()
	for _, want := range []string{`trigger "mallory" on activities`, `trigger "hang" on history`, `view "forever"`, "read-only"} {
		if !strings.Contains(ro, want) {
			t.Errorf("ReadOnly() lacks %q: %s", want, ro)
		}
	}
	if len(db.UnexpectedSchema()) != 3 {
		t.Errorf("UnexpectedSchema() = %q", db.UnexpectedSchema())
	}
	// Reading works and ends; writing is refused with the reason.
	list, _, err := db.ListActivities(ctx, model.ActivityFilter{})
	if err != nil || len(list) != 3 {
		t.Fatalf("list: %v %v", list, err)
	}
	if _, err := db.VerifyHistory(ctx); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.RefreshProjections(ctx), model.EREADONLY)
	cycles, err := db.Cycles(ctx)
	if err != nil || len(cycles) != 1 || cycles[0].SignOff != nil {
		t.Fatalf("cycles: %+v %v", cycles, err)
	}
	for _, a := range list {
		if a.Status == model.StatusRetired {
			t.Fatalf("%s retired by the file's trigger", a.Name)
		}
	}
	db.Close()
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("opening and reading took %v", d)
	}
	if fileSum(t, path) != before {
		t.Fatal("opening the file changed it")
	}

	// The same through OpenReadOnly and the exported check verify uses.
	found, err := store.CheckSchema(ctx, path)
	if err != nil || len(found) != 3 || !strings.Contains(strings.Join(found, ";"), `view "forever"`) {
		t.Fatalf("CheckSchema = %q, %v", found, err)
	}
	clean := mustOpen(t)
	if found, err := store.CheckSchema(ctx, clean.Path()); err != nil || len(found) != 0 {
		t.Fatalf("a clean register: CheckSchema = %q, %v", found, err)
	}
}

// TestMissingMetaRowRewritesNothing: a deleted projection_version row does
// not make opening rewrite every activity.
func TestMissingMetaRowRewritesNothing(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	mustActivity(t, db, minimal(org.ID, "Payroll"))
	path := db.Path()
	db.Close()
	rawExec(t, path, `UPDATE activities SET errors = 99`, `DELETE FROM meta WHERE key = 'projection_version'`)
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, _, err := db.ListActivities(ctx, model.ActivityFilter{})
	if err != nil || len(got) != 1 || got[0].Errors != 99 {
		t.Fatalf("opening rewrote the activities: %+v %v", got, err)
	}
}

// TestRotationSettingsBounded: rotation settings written into the
// register by something other than ROPA Desk (which refuses them) cannot
// make backups vanish.
func TestRotationSettingsBounded(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	rawExec(t, db.Path(), `INSERT INTO settings (key, value) VALUES ('backup_keep_daily', '1'), ('backup_keep_weekly', '-5')`)
	dir := store.DefaultBackupDir(db.Path())
	// Backups of the last five days, each made older than a day.
	for i := 1; i <= 5; i++ {
		p, err := db.Backup(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		old := time.Now().UTC().AddDate(0, 0, -i)
		name := strings.Replace(filepath.Base(p), p[strings.LastIndex(p, "-")+1:len(p)-len(".ropa")], old.Format("20060102T150405Z"), 1)
		if err := os.Rename(p, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.BackupBeforeImport(ctx); err != nil {
		t.Fatal(err)
	}
	list, _ := store.ListBackups(dir)
	// Today's, and at least three days kept despite "keep 1 day".
	if len(list) < 4 {
		t.Fatalf("%d backups kept with keep_daily=1: %v", len(list), list)
	}
}
