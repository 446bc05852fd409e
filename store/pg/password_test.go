package pgstore_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// passwordServer is a server that asks every person for a password, with
// a register set up and dana, a DPO whose password is "correct horse",
// and newcomer, who may sign in but was never granted a role.
func passwordServer(t *testing.T) (conn, newcomer string) {
	t.Helper()
	ctx := context.Background()
	srv := pgtest.Start(t)
	admin := srv.Database(t)
	if err := pgstore.Init(ctx, admin, "ropa_owner"); err != nil {
		t.Fatal(err)
	}
	for _, sql := range []string{`CREATE ROLE dana LOGIN PASSWORD 'correct horse'`, `CREATE ROLE newcomer LOGIN PASSWORD 'pw'`} {
		if err := srv.Exec(sql); err != nil {
			t.Fatal(err)
		}
	}
	if err := pgstore.Grant(ctx, admin, "dana", pgstore.RoleDPO, nil); err != nil {
		t.Fatal(err)
	}
	if err := srv.RequirePasswords(); err != nil {
		t.Fatal(err)
	}
	name := admin[strings.LastIndex(admin, "/")+1 : strings.Index(admin, "?")]
	// No password from the person's own environment.
	t.Setenv("PGPASSWORD", "")
	os.Unsetenv("PGPASSWORD")
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	return srv.ConnStringAs("dana", name), srv.ConnStringAs("newcomer", name)
}

// TestPasswordFromStandardPlaces: the password comes from PGPASSWORD or
// PGPASSFILE without a question; failing those, the person is asked once
// (and the answer is used, not kept); a wrong or missing one is refused
// in words.
func TestPasswordFromStandardPlaces(t *testing.T) {
	ctx := context.Background()
	conn, newcomer := passwordServer(t)
	never := func(string) (string, error) {
		t.Error("asked for a password found in a standard place")
		return "", nil
	}

	t.Run("Asked", func(t *testing.T) {
		var asked []string
		db, err := pgstore.OpenAsking(ctx, conn, func(where string) (string, error) {
			asked = append(asked, where)
			return "correct horse", nil
		})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if len(asked) != 1 || !strings.Contains(asked[0], "dana") {
			t.Errorf("asked %q", asked)
		}
		if _, err := db.Register(ctx); err != nil {
			t.Errorf("a pool connection made after the question: %v", err)
		}
	})
	t.Run("WrongAnswer", func(t *testing.T) {
		_, err := pgstore.OpenAsking(ctx, conn, func(string) (string, error) { return "wrong", nil })
		if err == nil || !strings.Contains(model.ErrorMessage(err), "refused the sign-in") {
			t.Errorf("a wrong password: %v", err)
		}
		plainWords(t, "a wrong password", err)
	})
	t.Run("NoAnswer", func(t *testing.T) {
		for _, ask := range []pgstore.AskPassword{nil, func(string) (string, error) { return "", nil }} {
			_, err := pgstore.OpenAsking(ctx, conn, ask)
			if err == nil || !strings.Contains(model.ErrorMessage(err), "refused the sign-in") {
				t.Errorf("no password: %v", err)
			}
			plainWords(t, "no password", err)
		}
	})
	t.Run("PGPASSFILE", func(t *testing.T) {
		pass := filepath.Join(t.TempDir(), "pgpass")
		if err := os.WriteFile(pass, []byte("*:*:*:dana:correct horse\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Setenv("PGPASSFILE", pass)
		db, err := pgstore.OpenAsking(ctx, conn, never)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	})
	t.Run("PGPASSWORD", func(t *testing.T) {
		t.Setenv("PGPASSWORD", "correct horse")
		db, err := pgstore.OpenAsking(ctx, conn, never)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	})
	t.Run("PermissionDenied", func(t *testing.T) {
		t.Setenv("PGPASSWORD", "pw")
		db, err := pgstore.OpenAsking(ctx, newcomer, never)
		if err == nil {
			_, err = db.Register(ctx)
			db.Close()
		}
		if err == nil || !strings.Contains(model.ErrorMessage(err), "may not") {
			t.Errorf("a role granted nothing: %v", err)
		}
		plainWords(t, "a role granted nothing", err)
	})
}
