package store_test

import (
	"context"
	"testing"

	"github.com/ropadesk/ropadesk/model"
)

// BenchmarkListFilterOwner is choosing an owner in the list's filter, or
// "No owner recorded", at 10,000 activities: the owner is read from each
// activity's body, which has no list column of its own.
func BenchmarkListFilterOwner(b *testing.B) {
	db, _ := benchOpen(b)
	ctx := context.Background()
	filters := []model.ActivityFilter{{NoOwner: true}, {Owner: "Information governance lead"}}
	i := 0
	for b.Loop() {
		f := filters[i%len(filters)]
		f.Limit = 50
		i++
		if _, _, err := db.ListActivities(ctx, f); err != nil {
			b.Fatal(f, err)
		}
	}
}
