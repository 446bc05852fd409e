package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// Benchmarks of what the desktop app does against a register of 10,000
// activities made by internal/synth. The register is built once per run
// (a few seconds); `make bench` runs these with -cpu 1.

const benchActivities = 10_000

var (
	benchOnce sync.Once
	benchPath string
	// verifyPath is a copy of the register before any benchmark saved.
	verifyPath string
	benchIDs   []uuid.UUID
	benchErr   error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchPath != "" {
		os.RemoveAll(filepath.Dir(benchPath))
	}
	os.Exit(code)
}

// benchRegister builds, once per run, a register of 10,000 synthetic
// activities and returns its path and the activities' IDs.
func benchRegister(b *testing.B) (string, []uuid.UUID) {
	b.Helper()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ropa-bench")
		if err != nil {
			benchErr = err
			return
		}
		benchPath = filepath.Join(dir, "bench.ropa")
		benchIDs, benchErr = generate(benchPath, benchActivities, 1)
		if benchErr == nil {
			// The benchmarks that save change the register; verification
			// gets a copy as generated, so runs compare like with like.
			verifyPath = filepath.Join(dir, "verify.ropa")
			benchErr = copyFile(verifyPath, benchPath)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath, benchIDs
}

// generate writes synth.Register(n, seed) in one transaction, as `ropactl
// seed` does, so every activity has its history entry; then edits one
// activity in ten, in a second transaction, so the history holds updates
// too.
func generate(path string, n int, seed uint64) ([]uuid.UUID, error) {
	ctx := context.Background()
	db, err := store.CreateWith(ctx, path, store.Options{NoLock: true})
	if err != nil {
		return nil, err
	}
	r := synth.Register(n, seed)
	assets, suppliers := benchAssets(r)
	if err := db.Apply(ctx, model.Changes{Organisations: r.Organisations, Activities: r.Activities,
		InformationAssets: assets, Suppliers: suppliers}); err != nil {
		db.Close()
		return nil, err
	}
	var edits []model.Activity
	for i := 0; i < len(r.Activities); i += 10 {
		a := r.Activities[i]
		a.Retention = "Reviewed: " + a.Retention
		a.Recipients = append(slices.Clone(a.Recipients), "Auditors")
		a.UpdatedAt = a.UpdatedAt.Add(time.Hour)
		edits = append(edits, a)
	}
	if err := db.Apply(ctx, model.Changes{Activities: edits}); err != nil {
		db.Close()
		return nil, err
	}
	ids := make([]uuid.UUID, len(r.Activities))
	for i, a := range r.Activities {
		ids[i] = a.ID
	}
	return ids, db.Close()
}

func copyFile(dst, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o600)
}

func benchOpen(b *testing.B) (*store.DB, []uuid.UUID) {
	path, ids := benchRegister(b)
	db, err := store.OpenWith(context.Background(), path, store.Options{NoLock: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, ids
}

// BenchmarkListFirstPage is starting the app: open the register (with its
// lock and checks) and fetch the first page of the list.
func BenchmarkListFirstPage(b *testing.B) {
	path, _ := benchRegister(b)
	ctx := context.Background()
	for b.Loop() {
		db, err := store.Open(ctx, path)
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

// BenchmarkSearchKeystroke is one keystroke in the search box: the query
// grows a letter at a time, as typed.
func BenchmarkSearchKeystroke(b *testing.B) {
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

// BenchmarkListSort is clicking a column heading: the first page in
// another order, cycling through every sort key both ways.
func BenchmarkListSort(b *testing.B) {
	db, _ := benchOpen(b)
	ctx := context.Background()
	keys := []model.SortKey{model.SortOrganisation, model.SortBusinessFunction, model.SortStatus,
		model.SortLastReview, model.SortUpdated, model.SortName}
	i := 0
	for b.Loop() {
		f := model.ActivityFilter{Sort: keys[i%len(keys)], Desc: i%2 == 1, Limit: 50}
		i++
		if page, _, err := db.ListActivities(ctx, f); err != nil || len(page) != 50 {
			b.Fatal(len(page), err)
		}
	}
}

// BenchmarkListFilter is ticking a filter: each of the list's filters in
// turn, one combined with a search.
func BenchmarkListFilter(b *testing.B) {
	db, _ := benchOpen(b)
	ctx := context.Background()
	filters := []model.ActivityFilter{
		{HasSpecial: true}, {NDOPApplies: true}, {ReviewOverdue: true}, {HasProblems: true},
		{Status: model.StatusDraft}, {Role: model.RoleProcessor},
		{HasSpecial: true, ReviewOverdue: true, Query: "care"},
	}
	i := 0
	for b.Loop() {
		f := filters[i%len(filters)]
		f.Limit = 50
		i++
		if _, total, err := db.ListActivities(ctx, f); err != nil || total == 0 {
			b.Fatal(f, total, err)
		}
	}
}

func BenchmarkOpenActivity(b *testing.B) {
	db, ids := benchOpen(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := db.Activity(ctx, ids[i*7919%len(ids)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSaveActivity is one edit saved: a durable commit of the row, its
// projections, search index and history entry.
func BenchmarkSaveActivity(b *testing.B) {
	db, ids := benchOpen(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		a, err := db.Activity(ctx, ids[i*7919%len(ids)])
		if err != nil {
			b.Fatal(err)
		}
		a.Retention = fmt.Sprintf("%d years", i)
		if err := db.UpdateActivity(ctx, a); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkRegister10k loads the whole register, as export, the checks and
// the PDF start by doing.
func BenchmarkRegister10k(b *testing.B) {
	db, _ := benchOpen(b)
	ctx := context.Background()
	for b.Loop() {
		r, err := db.Register(ctx)
		if err != nil || len(r.Activities) != benchActivities {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyHistory recomputes the hash chain of 13,500 entries
// (10,000 activity, 2,000 asset and 500 supplier creations, 1,000 edits)
// and replays it against the register.
func BenchmarkVerifyHistory(b *testing.B) {
	benchRegister(b)
	ctx := context.Background()
	db, err := store.OpenWith(ctx, verifyPath, store.Options{NoLock: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for b.Loop() {
		res, err := db.VerifyHistory(ctx)
		if err != nil || !res.OK() {
			b.Fatal(res, err)
		}
	}
}

// suggestionKeys are the fields the activity editor asks suggestions for
// each time it shows an activity.
var suggestionKeys = []string{"purposes", "controllers_served", "data_subjects", "personal_data",
	"recipients", "joint_controllers", "sources", "locations", "business_function"}

// BenchmarkEditorSuggestions is what the editor asks, in the background,
// each time the DPO opens an activity: the values already used in nine
// list fields.
func BenchmarkEditorSuggestions(b *testing.B) {
	db, _ := benchOpen(b)
	ctx := context.Background()
	for b.Loop() {
		for _, k := range suggestionKeys {
			if s, err := db.Suggestions(ctx, k); err != nil || (k == "purposes" && len(s) == 0) {
				b.Fatal(k, len(s), err)
			}
		}
	}
}

// BenchmarkEditorSuggestionsAfterSave is the same after each saved edit,
// which makes the register's suggestions be read afresh.
func BenchmarkEditorSuggestionsAfterSave(b *testing.B) {
	db, ids := benchOpen(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		a, err := db.Activity(ctx, ids[i*7919%len(ids)])
		if err != nil {
			b.Fatal(err)
		}
		a.Purposes = append(a.Purposes, fmt.Sprintf("Purpose %d", i))
		if err := db.UpdateActivity(ctx, a); err != nil {
			b.Fatal(err)
		}
		i++
		for _, k := range suggestionKeys {
			if _, err := db.Suggestions(ctx, k); err != nil {
				b.Fatal(k, err)
			}
		}
	}
}
