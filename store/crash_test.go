//go:build unix

package store_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// crashEnv names the register the crash child saves into; without it
// TestCrashChild does nothing.
const crashEnv = "ROPADESK_CRASH_CHILD"

// saveVersion is the version number a save writes into an activity's
// description, so the parent can tell which save it holds.
func saveVersion(a *model.Activity) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(a.Description, "version "))
	return n
}

// TestCrashChild is the child process of TestCrash: it saves until it is
// killed, printing "saved ID VERSION" after each save has returned.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("only run as TestCrash's child process")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil || db.ReadOnly() != "" {
		fmt.Printf("error open: %v %s\n", err, db.ReadOnly())
		os.Exit(1)
	}
	db.SetUser("Crash child")
	orgs, err := db.Organisations(ctx)
	if err != nil || len(orgs) == 0 {
		fmt.Printf("error organisations: %v\n", err)
		os.Exit(1)
	}
	list, _, err := db.ListActivities(ctx, model.ActivityFilter{})
	if err != nil {
		fmt.Printf("error list: %v\n", err)
		os.Exit(1)
	}
	var ids []uuid.UUID
	for _, s := range list {
		ids = append(ids, s.ID)
	}
	for i := 0; i < 100000; i++ {
		var a *model.Activity
		if len(ids) < 5 || i%10 == 0 {
			a = minimal(orgs[0].ID, fmt.Sprintf("Activity %d-%d", os.Getpid(), i))
			a.Description = "version 1"
			err = db.CreateActivity(ctx, a)
			if err == nil {
				ids = append(ids, a.ID)
			}
		} else {
			a, err = db.Activity(ctx, ids[rand.IntN(len(ids))])
			if err == nil {
				a.Description = fmt.Sprintf("version %d", saveVersion(a)+1)
				a.Purposes = append(a.Purposes[:0:0], fmt.Sprintf("Purpose %d", i))
				err = db.UpdateActivity(ctx, a)
			}
		}
		if err != nil {
			fmt.Printf("error save: %v\n", err)
			os.Exit(1)
		}
		fmt.Printf("saved %s %d\n", a.ID, saveVersion(a))
	}
	db.Close()
}

// TestCrash kills a child process that is saving, many times at random
// moments, and checks after each kill that the register opens, is sound,
// its history verifies, and every save the child saw succeed is there.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test takes about ten seconds")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	mustOrg(t, db, "MHWS")
	db.Close()

	const rounds = 20
	reported := map[uuid.UUID]int{}
	total := 0
	start := time.Now()
	for round := range rounds {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			defer close(lines)
			r := bufio.NewReader(out)
			for {
				// Only whole lines count: a line cut by the kill was
				// being printed, and its save had returned, but the
				// test cannot read which it was.
				s, err := r.ReadString('\n')
				if err != nil {
					return
				}
				lines <- strings.TrimSuffix(s, "\n")
			}
		}()
		// Wait for the first save, then let it run a random while.
		first, ok := <-lines
		if !ok {
			cmd.Wait()
			t.Fatalf("round %d: the child saved nothing", round)
		}
		time.Sleep(time.Duration(20+rand.IntN(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		got := []string{first}
		for s := range lines {
			got = append(got, s)
		}
		io.Copy(io.Discard, out)
		cmd.Wait()

		for _, s := range got {
			f := strings.Fields(s)
			if len(f) != 3 || f[0] != "saved" {
				if strings.HasPrefix(s, "error") {
					t.Fatalf("round %d: child: %s", round, s)
				}
				continue
			}
			id, err1 := uuid.Parse(f[1])
			v, err2 := strconv.Atoi(f[2])
			if err1 != nil || err2 != nil {
				t.Fatalf("round %d: bad line %q", round, s)
			}
			reported[id] = max(reported[id], v)
			total++
		}

		db, err := store.Open(ctx, path)
		if err != nil {
			t.Fatalf("round %d: open after kill: %v", round, err)
		}
		if ro := db.ReadOnly(); ro != "" {
			db.Close()
			t.Fatalf("round %d: read-only after kill (stale lock not taken over?): %s", round, ro)
		}
		if err := db.IntegrityCheck(ctx); err != nil {
			db.Close()
			t.Fatalf("round %d: %v", round, err)
		}
		res, err := db.VerifyHistory(ctx)
		if err != nil || !res.OK() {
			db.Close()
			t.Fatalf("round %d: history: %+v, %v", round, res, err)
		}
		for id, v := range reported {
			a, err := db.Activity(ctx, id)
			if err != nil {
				db.Close()
				t.Fatalf("round %d: activity %s the child saved (version %d) is missing: %v", round, id, v, err)
			}
			if got := saveVersion(a); got < v {
				db.Close()
				t.Fatalf("round %d: activity %s is at version %d; the child saved version %d", round, id, got, v)
			}
		}
		db.Close()
	}
	t.Logf("%d rounds, %d saves reported and found after kills, %d activities, in %v", rounds, total, len(reported), time.Since(start).Round(time.Millisecond))
	if total < rounds*10 {
		t.Errorf("only %d saves in %d rounds: the child hardly ran", total, rounds)
	}
}
