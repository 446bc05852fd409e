package store_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

func openNoLock(path string) (*store.DB, error) {
	return store.OpenWith(context.Background(), path, store.Options{NoLock: true})
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// rawExec runs SQL on a file with no help from the store, as another
// program would.
func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestOpenRefusesNonRegister(t *testing.T) {
	random := make([]byte, 8192)
	rand.Read(random)
	tests := []struct {
		name  string
		make  func(t *testing.T, path string)
		words string
	}{
		{"ErrRandomBytes", func(t *testing.T, p string) { os.WriteFile(p, random, 0o644) }, "not an SQLite database"},
		{"ErrEmptyFile", func(t *testing.T, p string) { os.WriteFile(p, nil, 0o644) }, "empty"},
		{"ErrTruncatedHeader", func(t *testing.T, p string) { os.WriteFile(p, []byte("SQLite format 3\x00"), 0o644) }, "not an SQLite database"},
		{"ErrOtherApplication", func(t *testing.T, p string) {
			rawExec(t, p, `CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)`, `INSERT INTO notes (text) VALUES ('hello')`)
		}, "another application"},
		{"ErrOtherApplicationWAL", func(t *testing.T, p string) {
			rawExec(t, p, `PRAGMA journal_mode = WAL`, `PRAGMA application_id = 1234`, `CREATE TABLE notes (text TEXT)`)
		}, "another application"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "x.ropa")
			tt.make(t, path)
			before := fileSum(t, path)
			names := dirNames(t, dir)
			db, err := store.Open(context.Background(), path)
			if err == nil {
				db.Close()
				t.Fatal("Open accepted a file that is not a register")
			}
			wantCode(t, err, model.EINVALID)
			msg := model.ErrorMessage(err)
			if !strings.Contains(msg, path) || !strings.Contains(msg, "not a ROPA Desk register") || !strings.Contains(msg, tt.words) {
				t.Errorf("message %q does not say what is wrong", msg)
			}
			if fileSum(t, path) != before {
				t.Error("the file was modified")
			}
			if got := dirNames(t, dir); !slices.Equal(got, names) {
				t.Errorf("files beside it changed: %v, was %v", got, names)
			}
		})
	}
	t.Run("ErrMissing", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "none.ropa")
		_, err := store.Open(context.Background(), path)
		wantCode(t, err, model.ENOTFOUND)
		if _, err := os.Stat(path); err == nil {
			t.Fatal("Open created the missing file")
		}
	})
	t.Run("ErrCreateExisting", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "x.ropa")
		os.WriteFile(path, []byte("mine"), 0o644)
		_, err := store.Create(context.Background(), path)
		wantCode(t, err, model.ECONFLICT)
		if b, _ := os.ReadFile(path); string(b) != "mine" {
			t.Fatal("Create overwrote an existing file")
		}
	})
}

func TestPragmas(t *testing.T) {
	db := mustOpen(t)
	conn, err := store.SQL(db).Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, p := range []struct{ pragma, want string }{
		{"foreign_keys", "1"}, {"busy_timeout", "5000"}, {"journal_mode", "wal"},
		{"synchronous", "2"}, {"application_id", "1380929601"}, {"user_version", "3"},
	} {
		var got string
		if err := conn.QueryRowContext(context.Background(), "PRAGMA "+p.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != p.want {
			t.Errorf("PRAGMA %s = %s, want %s", p.pragma, got, p.want)
		}
	}
}

func TestNewerSchemaOpensReadOnly(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	path := db.Path()
	db.Close()
	rawExec(t, path, `PRAGMA user_version = 7000`)
	before := fileSum(t, path)

	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ro := db.ReadOnly()
	if !strings.Contains(ro, "newer version of ROPA Desk") || !strings.Contains(ro, "schema 7000") || !strings.Contains(ro, "up to 3") {
		t.Errorf("ReadOnly() = %q", ro)
	}
	if _, err := db.Organisation(ctx, org.ID); err != nil {
		t.Errorf("reading a newer register: %v", err)
	}
	writes := map[string]error{
		"CreateOrganisation": db.CreateOrganisation(ctx, &model.Organisation{Name: "New"}),
		"UpdateOrganisation": db.UpdateOrganisation(ctx, org),
		"CreateActivity":     db.CreateActivity(ctx, minimal(org.ID, "Payroll")),
		"SetSetting":         db.SetSetting(ctx, "k", "v"),
		"CreateCycle":        db.CreateCycle(ctx, &model.ReviewCycle{Name: "Annual review 2026"}),
		"Apply":              db.Apply(ctx, model.Changes{Organisations: []model.Organisation{{Name: "X"}}}),
	}
	for name, err := range writes {
		if model.ErrorCode(err) != model.EREADONLY || model.ErrorMessage(err) != ro {
			t.Errorf("%s: error %v, want EREADONLY with the reason", name, err)
		}
	}
	db.Close()
	if fileSum(t, path) != before {
		t.Error("the newer register was modified")
	}
}

func TestLock(t *testing.T) {
	ctx := context.Background()
	first := mustOpen(t)
	path := first.Path()

	t.Run("SecondOpenReadOnly", func(t *testing.T) {
		second, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer second.Close()
		host, _ := os.Hostname()
		if ro := second.ReadOnly(); !strings.Contains(ro, "is open by") || !strings.Contains(ro, host) {
			t.Fatalf("ReadOnly() = %q", ro)
		}
		if h := second.LockHolder(); h == nil || h.Host != host || h.OtherMachine {
			t.Fatalf("LockHolder() = %+v", h)
		}
		wantCode(t, second.SetSetting(ctx, "k", "v"), model.EREADONLY)
	})
	t.Run("SecondWriterRefused", func(t *testing.T) {
		_, err := store.OpenWritable(ctx, path)
		wantCode(t, err, model.ECONFLICT)
		host, _ := os.Hostname()
		if msg := model.ErrorMessage(err); !strings.Contains(msg, host) {
			t.Fatalf("message does not say who: %q", msg)
		}
	})
	t.Run("LockFileHoldsOnlyUserAndHost", func(t *testing.T) {
		var note map[string]any
		b, err := os.ReadFile(path + ".lock")
		if err != nil || json.Unmarshal(b, &note) != nil {
			t.Fatalf("lock note %s: %v", b, err)
		}
		if len(note) != 2 || note["user"] == nil || note["host"] == nil {
			t.Fatalf("lock note = %s", b)
		}
	})
	t.Run("TakeOverRefusedOnThisMachine", func(t *testing.T) {
		db, err := store.TakeOver(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if db.ReadOnly() == "" || db.TakenOver() {
			t.Fatal("a live holder on this machine was taken over")
		}
	})
	first.Close()
	if _, err := os.Stat(path + ".lock"); err == nil {
		t.Fatal("Close left the lock file")
	}

	t.Run("LeftoverNoteIgnored", func(t *testing.T) {
		// A note left by a crashed process, even naming a live PID (ours),
		// does not lock anyone out: only the OS lock counts.
		host, _ := os.Hostname()
		stale, _ := json.Marshal(map[string]any{"user": "Crashed", "host": host, "pid": os.Getpid(), "started": time.Now()})
		os.WriteFile(path+".lock", stale, 0o644)
		db, err := store.OpenWritable(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		b, _ := os.ReadFile(path + ".lock")
		if strings.Contains(string(b), "Crashed") {
			t.Fatalf("lock file = %s", b)
		}
	})
}

func TestStaleProjectionsRefreshedOnOpen(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	a := mustActivity(t, db, minimal(org.ID, "Payroll"))
	path := db.Path()
	db.Close()
	// As if an older build, with older rules, had computed the columns.
	rawExec(t, path, `UPDATE activities SET ndop_verdict = 'stale', errors = 99`,
		`UPDATE meta SET value = '0' WHERE key = 'projection_version'`)
	db, err := openNoLock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, _, err := db.ListActivities(ctx, model.ActivityFilter{})
	if err != nil || len(got) != 1 {
		t.Fatal(got, err)
	}
	want := model.AssessNDOP(a, org).Verdict
	if got[0].NDOPVerdict != want || got[0].Errors == 99 {
		t.Fatalf("projections not refreshed: %+v (want verdict %s)", got[0], want)
	}
}
