package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// TestImportVersusMarkRace is the race as two processes: a loop of
// partial-CSV imports (only the retention column) against a loop of
// "review mark" on the same activity. A command refused because the other
// holds the register is retried until acknowledged; afterwards the last
// acknowledged review and the last acknowledged import are both there, so
// no acknowledged write was reverted.
func TestImportVersusMarkRace(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "demo.ropa")
	mustRun(t, "example", reg)
	const cycle = "Annual review 2026"
	mustRun(t, "review", "start", reg, "--name", cycle, "--date", "2026-06-01")
	db, err := store.OpenReadOnly(context.Background(), reg)
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.Register(context.Background())
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	target := r.Activities[0]
	csvFor := func(i int) string {
		p := filepath.Join(dir, fmt.Sprintf("retention-%d.csv", i))
		body := fmt.Sprintf("ROPA Desk: activity id,ROPA Desk: organisation id,Retention schedule (if possible)\n%s,%s,Kept for %d years\n", target.ID, target.OrganisationID, i)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}

	const rounds = 12
	var wg sync.WaitGroup
	var lastImport, lastMark, imported, marked, refused, starts int
	var mu sync.Mutex
	// run retries a command the other side's lock refused, as a script
	// would, until it is acknowledged.
	run := func(args []string, ok func()) {
		for attempt := 0; attempt < 100; attempt++ {
			out, err := ropactlProcess(args...).CombinedOutput()
			mu.Lock()
			switch {
			case err == nil:
				ok()
				mu.Unlock()
				return
			case !errors.As(err, new(*exec.ExitError)) && starts < 5:
				// The child never ran (Wine's CreateProcess fails now and
				// then on a loaded machine: "fork/exec …: Internal error"),
				// so it cannot have touched the register: start it again.
				starts++
				t.Logf("ropactl %s did not start (%v); starting it again", args[0], err)
				mu.Unlock()
				time.Sleep(50 * time.Millisecond)
				continue
			case strings.Contains(string(out), "is open by"):
				refused++
				mu.Unlock()
				time.Sleep(time.Duration(5+attempt) * time.Millisecond)
				continue
			default:
				t.Errorf("ropactl %s: %v\n%s", args[0], err, out)
				mu.Unlock()
				return
			}
		}
		t.Errorf("ropactl %s never got the register", args[0])
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 1; i <= rounds; i++ {
			run([]string{"import", reg, csvFor(i)}, func() { lastImport = i; imported++ })
		}
	}()
	go func() {
		defer wg.Done()
		for i := 1; i <= rounds; i++ {
			run([]string{"review", "mark", reg, "--cycle", cycle, "--activity", target.ID.String(),
				"--outcome", "no_change", "--reviewer", "Zoë", "--notes", fmt.Sprintf("mark %d", i)}, func() { lastMark = i; marked++ })
		}
	}()
	wg.Wait()
	t.Logf("%d imports and %d marks acknowledged, %d refused while the other wrote", imported, marked, refused)
	if imported != rounds || marked != rounds {
		t.Fatalf("acknowledged %d imports and %d marks of %d each", imported, marked, rounds)
	}

	db, err = store.OpenReadOnly(context.Background(), reg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Activity(context.Background(), target.ID)
	if err != nil {
		t.Fatal(err)
	}
	var notes string
	for _, rv := range got.Reviews {
		notes = rv.Notes
	}
	if want := fmt.Sprintf("mark %d", lastMark); notes != want {
		t.Errorf("review notes %q, want %q: an acknowledged review was reverted", notes, want)
	}
	if want := fmt.Sprintf("Kept for %d years", lastImport); !strings.Contains(retention(got), want) {
		t.Errorf("retention %q, want %q: an acknowledged import was reverted", retention(got), want)
	}
	res, err := db.VerifyHistory(context.Background())
	if err != nil || !res.OK() {
		t.Fatalf("history: %+v %v", res, err)
	}
}

func retention(a *model.Activity) string { return a.Retention }
