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

// TestCopyCarriesEverything: the example register, with its review
// cycles and sign-off, information assets, suppliers and recorded notices,
// goes to a shared register and back into a new file with every stored
// body and history entry as it was, and both ends verify.
func TestCopyCarriesEverything(t *testing.T) {
	srv := pgtest.Start(t)
	dir, ex := reviewedRegister(t)
	mustRun(t, signOffArgs(ex)...)
	shared := srv.Database(t)
	if res := ropactl(t, "copy", ex, shared); res.code != 0 {
		t.Fatalf("copy of the example to the server: exit %d, %s", res.code, res.stderr)
	}
	back := filepath.Join(dir, "back.ropa")
	if res := ropactl(t, "copy", shared, back); res.code != 0 {
		t.Fatalf("copy back: exit %d, %s", res.code, res.stderr)
	}
	for _, where := range []string{shared, back} {
		if res := ropactl(t, "verify", where); res.code != 0 {
			t.Errorf("verify %s: exit %d, %s %s", where, res.code, res.stdout, res.stderr)
		}
	}
	want, got := readCopy(t, ex), readCopy(t, back)
	if len(want.ReviewCycles) == 0 || len(want.InformationAssets) == 0 || len(want.Suppliers) == 0 {
		t.Fatalf("the example has %d cycles, %d assets, %d suppliers: nothing to carry",
			len(want.ReviewCycles), len(want.InformationAssets), len(want.Suppliers))
	}
	for _, c := range []struct {
		what      string
		want, got any
	}{
		{"review cycles", want.ReviewCycles, got.ReviewCycles},
		{"information assets", want.InformationAssets, got.InformationAssets},
		{"suppliers", want.Suppliers, got.Suppliers},
		{"recorded notices", want.PublishedNotices, got.PublishedNotices},
		{"activities", want.Activities, got.Activities},
		{"history", len(want.History), len(got.History)},
	} {
		if !reflect.DeepEqual(c.want, c.got) {
			t.Errorf("the %s came back changed", c.what)
		}
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
