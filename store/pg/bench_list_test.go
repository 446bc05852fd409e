package pgstore_test

import (
	"context"
	"testing"

	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// BenchmarkPGListFirstPage is starting the app on a shared register:
// connect (pool, sign-in, schema check) and fetch the first page of the
// list, as the SQLite store's BenchmarkListFirstPage opens its file.
func BenchmarkPGListFirstPage(b *testing.B) {
	conn, _ := benchRegister(b)
	ctx := context.Background()
	for b.Loop() {
		db, err := pgstore.Open(ctx, conn)
		if err != nil {
			b.Fatal(err)
		}
		page, total, err := db.ListActivities(ctx, model.ActivityFilter{Limit: 50})
		if err != nil || len(page) != 50 || total != benchActivities {
			b.Fatal(len(page), total, err)
		}
		db.Close()
	}
}

// BenchmarkPGSearchKeystroke is one keystroke in the search box: the query
// grows a letter at a time, as typed.
func BenchmarkPGSearchKeystroke(b *testing.B) {
	db, _ := benchOpen(b)
	ctx := context.Background()
	typed := "care rec"
	i := 0
	for b.Loop() {
		q := typed[:1+i%len(typed)]
		i++
		if _, _, err := db.ListActivities(ctx, model.ActivityFilter{Query: q, Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPGCheckRegister10k is "run all consistency checks" on the
// shared register: read it from the server, then the checks.
func BenchmarkPGCheckRegister10k(b *testing.B) {
	db, _ := benchOpen(b)
	ctx := context.Background()
	for b.Loop() {
		r, err := db.Register(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if f := model.CheckRegister(r, synth.Epoch); len(f) == 0 {
			b.Fatal("no findings in a synthetic register that has gaps")
		}
	}
}
