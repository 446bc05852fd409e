package pgstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/internal/registertest"
	"github.com/ropadesk/ropadesk/model"
)

// TestConcurrentWriters: 20 writers, each its own connection pool as 20
// apps on 20 desks would be, make 500 saves each on 10 shared activities,
// each save a read, a change and a save from what was read. Every save
// the store acknowledged must be in the history exactly once, each
// activity's changes must follow one another (each one's old value is
// the previous one's new value: no save written over one it did not see),
// every refused save a conflict and nothing else, the chain must verify,
// and all of it must finish (no deadlock) well within the deadline.
func TestConcurrentWriters(t *testing.T) {
	const writers, saves, activities = 20, 500, 10
	srv := pgtest.Start(t)
	conn := srv.Database(t) + "&pool_max_conns=2"
	setup := mustOpen(t, conn)
	org := registertest.Org(t, setup, "Community Living Well")
	ids := make([]uuid.UUID, activities)
	for i := range ids {
		ids[i] = registertest.Activity(t, setup, org.ID, fmt.Sprintf("Shared activity %02d", i)).ID
	}

	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	type ack struct {
		id   uuid.UUID
		text string
	}
	var (
		mu        sync.Mutex
		acked     []ack
		conflicts int
		wg        sync.WaitGroup
		failures  = make(chan error, writers)
	)
	start := time.Now()
	for w := 0; w < writers; w++ {
		db := mustOpen(t, conn)
		db.SetUser(fmt.Sprintf("writer %d", w))
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for s := 0; s < saves; s++ {
				id := ids[(w*7+s)%activities]
				a, err := db.Activity(ctx, id)
				if err != nil {
					failures <- fmt.Errorf("writer %d save %d: read: %w", w, s, err)
					return
				}
				a.Description = fmt.Sprintf("writer %d save %d", w, s)
				err = db.UpdateActivity(ctx, a)
				mu.Lock()
				switch model.ErrorCode(err) {
				case "":
					acked = append(acked, ack{id, a.Description})
				case model.ECONFLICT:
					conflicts++
				default:
					mu.Unlock()
					failures <- fmt.Errorf("writer %d save %d: %w", w, s, err)
					return
				}
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	close(failures)
	for err := range failures {
		t.Error(err)
	}
	t.Logf("%d writers × %d saves: %d saved, %d refused as conflicts, in %v", writers, saves, len(acked), conflicts, time.Since(start).Round(time.Millisecond))
	if t.Failed() {
		return
	}
	if len(acked)+conflicts != writers*saves || len(acked) == 0 || conflicts == 0 {
		t.Fatalf("%d saved + %d conflicts, want %d in all and some of each (overlapping saves must conflict)", len(acked), conflicts, writers*saves)
	}

	// Each activity's description entries, oldest first, form one line.
	want := map[string]bool{}
	for _, a := range acked {
		want[a.id.String()+"\x00"+a.text] = true
	}
	seen := 0
	for _, id := range ids {
		h, err := setup.History(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		prev := ""
		last := ""
		for _, e := range h {
			if e.Field != "description" {
				continue
			}
			var text string
			if err := json.Unmarshal([]byte(e.New), &text); err != nil {
				t.Fatalf("entry %d: %v", e.Seq, err)
			}
			if e.Old != prev {
				t.Errorf("entry %d of %s changed the description from %s, but the change before left %s: a save was written over one it had not seen", e.Seq, id, e.Old, prev)
			}
			if !want[id.String()+"\x00"+text] {
				t.Errorf("entry %d of %s (%q) is not a save any writer was told succeeded, or is there twice", e.Seq, id, text)
			}
			delete(want, id.String()+"\x00"+text)
			seen++
			prev, last = e.New, text
		}
		a, err := setup.Activity(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if last != "" && a.Description != last {
			t.Errorf("%s holds %q, but its last recorded change is %q", id, a.Description, last)
		}
	}
	if len(want) > 0 {
		t.Errorf("%d acknowledged saves are missing from the history (lost updates)", len(want))
	}
	if seen != len(acked) {
		t.Errorf("the history records %d saves, the writers were told of %d", seen, len(acked))
	}
	res, err := setup.VerifyHistory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Errorf("the chain does not verify after concurrent writing: %d problems, first %+v", len(res.Problems), res.Problems[0])
	}
}
