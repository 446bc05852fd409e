//go:build linux

package main

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// TestRealAppOnSharedRegister runs the real binary as `ropa postgres://…`
// under Xvfb on a throw-away server: the window's title names the
// database once it has connected; Ctrl+N, typing and Ctrl+S put a new
// activity on the server, recorded in its history under the role the
// server signed in.
func TestRealAppOnSharedRegister(t *testing.T) {
	x := newXApp(t)
	ctx := context.Background()
	srv := pgtest.Start(t)
	address := srv.Database(t)
	db, err := pgstore.Open(ctx, address)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ex := exchange.Example()
	if err := db.Apply(ctx, model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(address)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")

	app, win := x.run(func(s string) bool { return strings.HasPrefix(s, name+" — ROPA Desk") }, address)
	const typed = "Typed in the real window"
	x.xdo("key", "--window", win, "ctrl+n")
	time.Sleep(500 * time.Millisecond)
	x.xdo("type", "--window", win, "--delay", "30", typed)
	x.waitTitle(win, "the unsaved mark •", func(s string) bool { return strings.HasPrefix(s, "•") })
	time.Sleep(2 * time.Second) // let it read every key (see TestSIGTERMKeepsUnsavedEdits)
	x.xdo("key", "--window", win, "ctrl+s")
	x.waitTitle(win, "the save (no unsaved mark)", func(s string) bool { return strings.HasPrefix(s, name+" — ROPA Desk") })

	var found *model.ActivitySummary
	for deadline := time.Now().Add(10 * time.Second); found == nil && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		rows, _, err := db.ListActivities(ctx, model.ActivityFilter{Query: "real window"})
		if err != nil {
			t.Fatal(err)
		}
		for i := range rows {
			if rows[i].Name == typed {
				found = &rows[i]
			}
		}
	}
	if found == nil {
		t.Fatalf("the activity typed in the real window is not on the server\nropa's log:\n%s", x.log())
	}
	h, err := db.History(ctx, found.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) == 0 || h[0].Action != "create" || h[0].User != pgtest.Superuser {
		t.Errorf("history of the new activity %+v, want its creation by the role signed in, %s", h, pgtest.Superuser)
	}
	app.Process.Kill()
}
