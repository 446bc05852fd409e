package store_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// TestWatchChanges sees a change made by another connection to the same
// file (as ropactl would make it) and none while nothing changes.
func TestWatchChanges(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "watched.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n atomic.Int32
	stop := db.WatchChanges(ctx, 10*time.Millisecond, func() { n.Add(1) })
	defer stop()
	time.Sleep(50 * time.Millisecond)
	if got := n.Load(); got != 0 {
		t.Fatalf("%d changes reported while nothing changed", got)
	}
	other, err := store.OpenWith(ctx, path, store.Options{NoLock: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := other.CreateOrganisation(ctx, &model.Organisation{Name: "Clinic", Roles: []model.Role{model.RoleController}}); err != nil {
		t.Fatal(err)
	}
	other.Close()
	deadline := time.Now().Add(5 * time.Second)
	for n.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n.Load() == 0 {
		t.Fatal("a change by another connection was not reported")
	}
	stop()
}
