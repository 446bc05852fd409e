package store_test

import (
	"context"
	"testing"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

func TestHistoryStates(t *testing.T) {
	ctx := context.Background()
	db, care := editedRegister(t)
	// Each state must fingerprint as the register did at that moment:
	// record the fingerprint before and after one more save, then find
	// both in the replay.
	fp := func() string {
		r, err := db.Register(ctx)
		if err != nil {
			t.Fatal(err)
		}
		head, _ := db.HistoryHead(ctx)
		return model.Fingerprint(r, head)
	}
	before := fp()
	care.Retention = "Replayed"
	if err := db.UpdateActivity(ctx, care); err != nil {
		t.Fatal(err)
	}
	after := fp()
	var seen []string
	var beforeSeq int64
	err := db.HistoryStates(ctx, func(e store.HistoryEntry, r *model.Register) bool {
		f := model.Fingerprint(r, e.Hash)
		seen = append(seen, f)
		if f == before {
			beforeSeq = e.Seq
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 30 || seen[len(seen)-1] != after {
		t.Fatalf("%d states; the last is not the current register", len(seen))
	}
	if beforeSeq == 0 || seen[len(seen)-2] != before {
		t.Fatalf("the state before the last save was not found (seq %d)", beforeSeq)
	}
}
