package desk_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

var _ desk.Register = (*store.DB)(nil)

func example(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Create(ctx, filepath.Join(t.TempDir(), "r.ropa"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ex := exchange.Example()
	if err := db.Apply(ctx, model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestExportFileIsWholeOrAbsent: a failed export leaves the earlier file
// as it was and no temporary file beside it.
func TestExportFileIsWholeOrAbsent(t *testing.T) {
	ctx := context.Background()
	db := example(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "register.json")
	if err := desk.ExportFile(ctx, db, desk.JSON, out, desk.ExportOptions{Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(out)
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("export mode %v, %v; want readable by its owner only", info.Mode().Perm(), err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := desk.ExportFile(cancelled, db, desk.PDF, out, desk.ExportOptions{Now: time.Now()}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled export: %v", err)
	}
	after, _ := os.ReadFile(out)
	if string(after) != string(before) {
		t.Error("a failed export changed the earlier file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder after a failed export, want 1", len(entries))
	}
}

// TestPDFInputComparesWithLastSignedOffCycle: the current state's PDF and
// a later cycle's compare with the signed-off cycle before them; a
// signed-off cycle is printed from its frozen copy, as at its sign-off.
func TestPDFInputComparesWithLastSignedOffCycle(t *testing.T) {
	ctx := context.Background()
	db := example(t)
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	first, err := desk.StartReview(ctx, db, "Annual review 2025", 12, day)
	if err != nil {
		t.Fatal(err)
	}
	if err := desk.SignOff(ctx, db, first, model.SignOff{By: "Dana Scully", Role: "Data Protection Officer", Date: day.AddDate(0, 0, 3), Statement: "Done.", Acknowledgement: "The first cycle: the rest are reviewed in the next."}); err != nil {
		t.Fatal(err)
	}
	second, err := desk.StartReview(ctx, db, "Annual review 2026", 12, day.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 5, 6, 15, 4, 5, 0, time.UTC)
	for name, c := range map[string]*model.ReviewCycle{"CurrentState": nil, "OpenCycle": second} {
		in, err := desk.PDFInput(ctx, db, c, time.Time{}, now)
		if err != nil {
			t.Fatal(err)
		}
		if in.Previous == nil || in.HistoryHead == "" || !in.AsAt.Equal(desk.Day(now)) {
			t.Errorf("%s: previous %v, history head %q, as at %v", name, in.Previous != nil, in.HistoryHead, in.AsAt)
		}
	}
	in, err := desk.PDFInput(ctx, db, first, time.Time{}, now)
	if err != nil {
		t.Fatal(err)
	}
	// A signed-off cycle is fingerprinted with the chain head at its
	// sign-off, so its PDF never changes however the register does.
	_, head, err := db.SignedOffFingerprint(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if in.Previous != nil || head == "" || in.HistoryHead != head || !in.AsAt.Equal(first.SignOff.Date) {
		t.Errorf("signed-off cycle: previous %v, history head %q (want the sign-off's %q), as at %v", in.Previous != nil, in.HistoryHead, head, in.AsAt)
	}
}

// TestApplyImportWithErrorsWritesNothing: a plan with an error writes
// nothing and makes no backup.
func TestApplyImportWithErrorsWritesNothing(t *testing.T) {
	ctx := context.Background()
	db := example(t)
	orgs, _ := db.Organisations(ctx)
	add := model.Activity{OrganisationID: orgs[0].ID, Name: "From the file", Role: model.RoleController, Status: model.StatusDraft}
	imp := &desk.Import{Path: "bad.xlsx", Plan: &exchange.ImportPlan{File: "bad.xlsx",
		Added:    []exchange.PlannedActivity{{Activity: add}},
		Problems: []exchange.Problem{{Severity: model.SeverityError, Message: "Row 3: the status is not one ROPA Desk knows."}}}}
	before, _ := db.Register(ctx)
	if _, err := desk.ApplyImport(ctx, db, imp); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("ApplyImport = %v, want EINVALID", err)
	}
	after, _ := db.Register(ctx)
	if len(after.Activities) != len(before.Activities) {
		t.Errorf("activities %d → %d after a refused import", len(before.Activities), len(after.Activities))
	}
	backups, _ := store.ListBackups(store.DefaultBackupDir(db.Path()))
	if len(backups) != 0 {
		t.Errorf("%d backups made for an import that wrote nothing", len(backups))
	}
}
