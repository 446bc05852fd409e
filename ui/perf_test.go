package ui_test

import (
	"context"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/internal/uistore"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// TestPerfSyntheticTenThousand drives the real main window over a register
// of 10,000 synthetic activities with every field filled (internal/synth,
// as `ropactl seed` writes it): the list shows its first page, scrolls to
// the end, and a search finds one activity. What stays fast at any size is
// asserted: the list reads the store one page at a time, only the pages it
// shows, and nothing loads the whole register. Timings and heap are logged
// for a reader; the benchmarks (make bench) and scripts/gui-memory.sh own
// the time and memory targets, since a timed test on a shared 2-core
// machine would fail for reasons that are not ours.
func TestPerfSyntheticTenThousand(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("builds a register of 10,000 activities: not with -short or -race")
	}
	const n = 10_000
	reg := synth.Register(n, 1)
	path := filepath.Join(t.TempDir(), "big.ropa")
	ctx := context.Background()
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Apply(ctx, model.Changes{Organisations: reg.Organisations, Activities: reg.Activities}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// Activity names end in their number, which no other activity's text
	// holds, so searching for it finds exactly one.
	want := reg.Activities[4241].Name
	number := want[strings.LastIndexByte(want, ' ')+1:]
	reg = nil // not to count it in the app's memory below
	before := heap(t, "before opening")

	var reads *countingRegister
	u, _ := newWrappedApp(t, func(db *store.DB) ui.Register {
		reads = &countingRegister{storeRegister: uistore.Register{DB: db}}
		return reads
	})
	began := time.Now()
	m := start(t, u, path)
	// The first page, and the first activity to open in the editor.
	reads.expectPaged(t, "opening", 2, ui.ListPageSize+1)
	t.Logf("open until settled (first page, problems screen, suggestions, daily backup): %v", time.Since(began))
	list := m.List()
	if list.Total() != n {
		t.Fatalf("the list counts %d activities, want %d", list.Total(), n)
	}
	first, ok := list.Row(0)
	if !ok || !drawn(cellTexts(list.Table()), first.Name) {
		t.Fatalf("the first row (%q, fetched %v) is not drawn", first.Name, ok)
	}

	began = time.Now()
	list.Table().ScrollToBottom()
	ui.Settle(u)
	list.Table().Refresh()
	t.Logf("scroll to the end: %v", time.Since(began))
	// The table jumps to the end: the pages in between are never read.
	reads.expectPaged(t, "scrolling to the end", 2, 2*ui.ListPageSize)
	last, ok := list.Row(n - 1)
	if !ok {
		t.Fatal("the last row was not fetched after scrolling to the end")
	}
	texts := cellTexts(list.Table())
	if !drawn(texts, last.Name) {
		t.Fatalf("the last row %q is not drawn after scrolling: %q", last.Name, texts)
	}
	if slices.Contains(texts, "…") {
		t.Errorf("rows still wait for data after scrolling: %q", texts)
	}

	began = time.Now()
	test.Type(list.SearchEntry(), number)
	ui.Settle(u)
	t.Logf("search %q (after the 250 ms typing pause): %v", number, time.Since(began))
	// One query after the typing pause, not one a keystroke.
	reads.expectPaged(t, "searching", 1, 1)
	if got, ok := list.Row(0); list.Total() != 1 || !ok || got.Name != want {
		t.Fatalf("search for %q lists %d, first %q; want only %q", number, list.Total(), got.Name, want)
	}
	list.Table().Refresh()
	if !drawn(cellTexts(list.Table()), want) {
		t.Errorf("the activity found, %q, is not drawn", want)
	}

	after := heap(t, "with 10,000 activities listed")
	t.Logf("the open register added %.1f MB to the heap in use", float64(int64(after)-int64(before))/(1<<20))
}

// heap collects garbage, logs the heap in use and what the Go runtime has
// from the system, and returns the heap in use.
func heap(t *testing.T, when string) uint64 {
	t.Helper()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("memory %s: heap in use %.1f MB, from the system %.1f MB", when,
		float64(ms.HeapInuse)/(1<<20), float64(ms.Sys)/(1<<20))
	return ms.HeapInuse
}

// countingRegister is the real store, counting how the screens read the
// activity list and whether anything loads the whole register.
// storeRegister names the embedded adapter so that countingRegister can
// have a Register method of its own.
type storeRegister = uistore.Register

type countingRegister struct {
	storeRegister
	mu         sync.Mutex
	pages      int // ListActivities calls since the last expectPaged
	rows       int // rows they returned
	wholeLoads int
}

func (c *countingRegister) ListActivities(ctx context.Context, f model.ActivityFilter) ([]model.ActivitySummary, int, error) {
	rows, total, err := c.DB.ListActivities(ctx, f)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages++
	c.rows += len(rows)
	return rows, total, err
}

func (c *countingRegister) Register(ctx context.Context) (*model.Register, error) {
	c.mu.Lock()
	c.wholeLoads++
	c.mu.Unlock()
	return c.DB.Register(ctx)
}

// expectPaged fails t unless the list was read in 1 to maxQueries queries
// returning at most maxRows rows in all, and nothing loaded the whole
// register; it then starts counting afresh.
func (c *countingRegister) expectPaged(t *testing.T, what string, maxQueries, maxRows int) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	t.Logf("%s: %d list queries, %d rows", what, c.pages, c.rows)
	if c.pages == 0 || c.pages > maxQueries {
		t.Errorf("%s: the list was queried %d times, want 1 to %d", what, c.pages, maxQueries)
	}
	if c.rows > maxRows {
		t.Errorf("%s: %d rows were read for the list, want at most %d", what, c.rows, maxRows)
	}
	if c.wholeLoads != 0 {
		t.Errorf("%s: the whole register was loaded %d times", what, c.wholeLoads)
	}
	c.pages, c.rows, c.wholeLoads = 0, 0, 0
}
