package main

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// TestCopyRoundTrip copies a register file with a history of creates,
// updates and a delete to PostgreSQL and back into a new file: both
// copies verify, and the file that comes back holds the same bodies and
// the same history, entry for entry and hash for hash. The shared copy
// then takes a save that continues the chain.
func TestCopyRoundTrip(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Start(t)
	dir := t.TempDir()
	orig := filepath.Join(dir, "orig.ropa")
	db, err := store.Create(ctx, orig)
	if err != nil {
		t.Fatal(err)
	}
	db.SetUser("Dana DPO")
	ex := exchange.Example()
	if err := db.Apply(ctx, model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		t.Fatal(err)
	}
	r, _ := db.Register(ctx)
	a := r.Activities[0]
	a.Description = "Changed before the copy"
	if err := db.UpdateActivity(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteActivity(ctx, r.Activities[1].ID); err != nil {
		t.Fatal(err)
	}
	// A rotation setting is chained in the file's history, so the shared
	// copy's verify must find the setting the history leads to.
	if err := db.SetSetting(ctx, store.SettingKeepDaily, "21"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	shared := srv.Database(t)
	out := mustRun(t, "copy", orig, shared)
	if !strings.Contains(out.stdout, "Both verify") {
		t.Errorf("copy said: %s", out.stdout)
	}
	back := filepath.Join(dir, "back.ropa")
	mustRun(t, "copy", shared, back)
	mustRun(t, "verify", back)

	want, got := readCopy(t, orig), readCopy(t, back)
	if !reflect.DeepEqual(want.Organisations, got.Organisations) || !reflect.DeepEqual(want.Activities, got.Activities) {
		t.Errorf("bodies differ after the round trip")
	}
	if len(want.History) < len(ex.Activities) || !reflect.DeepEqual(want.History, got.History) {
		t.Errorf("history differs after the round trip: %d entries, back %d", len(want.History), len(got.History))
	}

	// Copying into a register that is not empty is refused.
	if res := ropactl(t, "copy", orig, shared); res.code != 1 || !strings.Contains(res.stderr, "not empty") {
		t.Errorf("a second copy into the same database: exit %d, %s", res.code, res.stderr)
	}

	pg, err := pgstore.Open(ctx, shared)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	pr, err := pg.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b := pr.Activities[0]
	b.Description = "Changed on the shared register"
	if err := pg.UpdateActivity(ctx, &b); err != nil {
		t.Fatalf("save on the copied register: %v", err)
	}
	if res, err := pg.VerifyHistory(ctx); err != nil || !res.OK() || res.Entries != len(want.History)+2 {
		t.Errorf("after a save on the copy: %d entries (want %d), problems %+v, %v", res.Entries, len(want.History)+2, res.Problems, err)
	}
}

// TestCopyRefusesWhatSharedCannotKeep: the example register has
// information assets and suppliers, which a shared register does not keep
// yet, so nothing is copied.
func TestCopyRefusesWhatSharedCannotKeep(t *testing.T) {
	srv := pgtest.Start(t)
	ex := filepath.Join(t.TempDir(), "example.ropa")
	mustRun(t, "example", ex)
	shared := srv.Database(t)
	res := ropactl(t, "copy", ex, shared)
	if res.code != 1 || !strings.Contains(res.stderr, "information assets") {
		t.Fatalf("copy of the example: exit %d, %s", res.code, res.stderr)
	}
	pg, err := pgstore.Open(context.Background(), shared)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	if head, _ := pg.HistoryHead(context.Background()); head != "" {
		t.Errorf("a refused copy wrote history (head %s)", head)
	}
}

func readCopy(t *testing.T, path string) *store.Copy {
	t.Helper()
	db, err := store.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.ReadCopy(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}
