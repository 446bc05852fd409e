package ui_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
	"github.com/ropadesk/ropadesk/ui"
)

// passwordRegister is a shared register on a server that asks everyone but
// its superuser for a password, with dana (password "correct horse") a
// DPO; nothing in the environment gives the password.
func passwordRegister(t *testing.T) (address string) {
	t.Helper()
	ctx := context.Background()
	srv := pgtest.Start(t)
	admin := srv.Database(t)
	if err := pgstore.Init(ctx, admin, "ropa_owner"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Exec(`CREATE ROLE dana LOGIN PASSWORD 'correct horse'`); err != nil {
		t.Fatal(err)
	}
	if err := pgstore.Grant(ctx, admin, "dana", pgstore.RoleDPO, nil); err != nil {
		t.Fatal(err)
	}
	if err := srv.RequirePasswords(); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGPASSWORD", "")
	os.Unsetenv("PGPASSWORD")
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	return srv.ConnStringAs("dana", strings.TrimPrefix(u.Path, "/"))
}

// waitForDialog waits, without settling (the connection waits on the
// answer), for a dialog holding a password entry.
func waitForDialog(t *testing.T, w fyne.Window) *widget.Entry {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		ui.RunQueued()
		if top := w.Canvas().Overlays().Top(); top != nil {
			for _, o := range objects(top) {
				if e, ok := o.(*widget.Entry); ok && e.Password {
					return e
				}
			}
		}
	}
	t.Fatal("no password dialog appeared")
	return nil
}

// TestSharedPasswordAskedNotKept: a server that wants a password the
// standard places do not give gets it from a dialog; the app keeps the
// address and never the password, even one typed into the address; a
// wrong password is refused in words.
func TestSharedPasswordAskedNotKept(t *testing.T) {
	address := passwordRegister(t)

	t.Run("Asked", func(t *testing.T) {
		u, w := newApp(t)
		u.Start(address)
		pw := waitForDialog(t, w)
		test.Type(pw, "correct horse")
		overlayButton(t, w, "Connect")
		ui.Settle(u)
		if u.Register() == nil {
			t.Fatal("the register did not open with the password given")
		}
		if u.Register().ReadOnly() != "" {
			t.Errorf("dana, a DPO, got a read-only register: %s", u.Register().ReadOnly())
		}
		noPassword(t, u)
	})

	t.Run("InTheAddress", func(t *testing.T) {
		a, err := url.Parse(address)
		if err != nil {
			t.Fatal(err)
		}
		a.User = url.UserPassword("dana", "correct horse")
		u, _ := newApp(t)
		start(t, u, a.String())
		if got := u.Register().Path(); got != address {
			t.Errorf("the register is kept as %q, want %q (without the password)", got, address)
		}
		noPassword(t, u)
	})

	t.Run("Wrong", func(t *testing.T) {
		u, w := newApp(t)
		u.Start(address)
		pw := waitForDialog(t, w)
		test.Type(pw, "wrong horse")
		overlayButton(t, w, "Connect")
		ui.Settle(u)
		if u.Register() != nil {
			t.Fatal("a wrong password opened the register")
		}
		top := w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("a wrong password showed nothing")
		}
		if said := strings.Join(labelTexts(top), " "); !strings.Contains(said, "refused the sign-in") {
			t.Errorf("a wrong password said %q", said)
		}
	})
}

// noPassword fails if the password is in anything the app keeps.
func noPassword(t *testing.T, u *ui.App) {
	t.Helper()
	kept := strings.Join(u.Settings().RecentFiles(), "\n") + "\n" + u.Settings().LastRegister()
	if strings.Contains(kept, "horse") {
		t.Errorf("the password is kept in the app's preferences:\n%s", kept)
	}
	if !strings.Contains(kept, "dana@") {
		t.Errorf("the address is not among the recent registers:\n%s", kept)
	}
}
