package pgstore_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report"
	"github.com/ropadesk/ropadesk/store"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// TestSameAppOnBothStores: a register file and its copy on PostgreSQL
// give the same JSON export byte for byte and PDFs with the same
// fingerprint, through the one application layer (desk); and an ICO
// spreadsheet exported from the file imports into an empty shared
// register, backed up first, giving the same register.
func TestSameAppOnBothStores(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Start(t)
	dir := t.TempDir()
	file, shared, ex := exampleOnBoth(t, srv, dir)

	now := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
	export := func(reg desk.Register, f desk.Format) []byte {
		t.Helper()
		var b bytes.Buffer
		if err := desk.Export(ctx, reg, f, &b, desk.ExportOptions{Now: now}); err != nil {
			t.Fatalf("export %s from %s: %v", f, reg.Path(), err)
		}
		return b.Bytes()
	}
	if a, b := export(file, desk.JSON), export(shared, desk.JSON); !bytes.Equal(a, b) {
		t.Errorf("the JSON exports differ (%d and %d bytes)", len(a), len(b))
	}
	fpFile, ok1 := report.ExtractFingerprint(export(file, desk.PDF))
	fpShared, ok2 := report.ExtractFingerprint(export(shared, desk.PDF))
	if !ok1 || !ok2 || fpFile != fpShared {
		t.Errorf("the PDFs' fingerprints: %q (%v) from the file, %q (%v) from the shared register", fpFile, ok1, fpShared, ok2)
	}

	xlsx := filepath.Join(dir, "ropa.xlsx")
	if err := desk.ExportFile(ctx, file, desk.XLSX, xlsx, desk.ExportOptions{Now: now}); err != nil {
		t.Fatal(err)
	}
	empty := mustOpen(t, srv.Database(t))
	empty.BackupDir = filepath.Join(dir, "backups")
	imp, err := desk.PreviewImport(ctx, empty, xlsx, exchange.PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	done, err := desk.ApplyImport(ctx, empty, imp)
	if err != nil {
		t.Fatalf("import into the shared register: %v", err)
	}
	if done.Backup == "" {
		t.Errorf("the import made no backup first")
	}
	got, err := empty.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Organisations) != len(ex.Organisations) || len(got.Activities) != len(ex.Activities) {
		t.Errorf("the import gave %d organisations and %d activities, want %d and %d",
			len(got.Organisations), len(got.Activities), len(ex.Organisations), len(ex.Activities))
	}
	if res, err := empty.VerifyHistory(ctx); err != nil || !res.OK() {
		t.Errorf("after the import: %+v, %v", res.Problems, err)
	}
	if _, err := desk.StartReview(ctx, shared, "Annual review 2026", 12, now); err != nil {
		t.Errorf("starting a review on a shared register: %v", err)
	}
}

// exampleOnBoth is the example register's organisations and activities in
// a register file in dir and, copied from it, on a new database of srv.
func exampleOnBoth(t *testing.T, srv *pgtest.Server, dir string) (*store.DB, *pgstore.DB, *model.Register) {
	t.Helper()
	ctx := context.Background()
	file, err := store.Create(ctx, filepath.Join(dir, "file.ropa"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { file.Close() })
	ex := exchange.Example()
	if err := file.Apply(ctx, model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		t.Fatal(err)
	}
	c, err := file.ReadCopy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	shared := mustOpen(t, srv.Database(t))
	if err := shared.WriteCopy(ctx, c); err != nil {
		t.Fatal(err)
	}
	return file, shared, ex
}
