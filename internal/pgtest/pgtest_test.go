package pgtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestServer starts a cluster, makes two databases that do not see each
// other's tables, and finds the server gone once the cleanup has run.
func TestServer(t *testing.T) {
	var pid int
	t.Run("Start", func(t *testing.T) {
		s := Start(t)
		pidFile, err := os.ReadFile(filepath.Join(s.dataDir, "postmaster.pid"))
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(string(pidFile), "\n")
		if pid, err = strconv.Atoi(first); err != nil {
			t.Fatalf("postmaster.pid: %q", pidFile)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		a, b := s.Database(t), s.Database(t)
		ca, err := pgx.Connect(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		defer ca.Close(ctx)
		if _, err := ca.Exec(ctx, `CREATE TABLE only_in_a (x int)`); err != nil {
			t.Fatal(err)
		}
		cb, err := pgx.Connect(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		defer cb.Close(ctx)
		var n int
		if err := cb.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("a table made in one test database is visible in another")
		}
		var v string
		if err := ca.QueryRow(ctx, `SHOW server_version`).Scan(&v); err != nil || v == "" {
			t.Fatalf("server version %q: %v", v, err)
		}
		t.Logf("PostgreSQL %s on %s", v, s.SocketDir)
	})
	// pg_ctl stop -w returns once the server has exited; its process may
	// linger as a zombie until whoever adopted it reaps it.
	if stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
		if _, rest, _ := strings.Cut(string(stat), ") "); !strings.HasPrefix(rest, "Z") {
			t.Errorf("the server (process %d) is still running after its test ended: %s", pid, stat)
		}
	}
}

// TestTLS: a TLS server takes verify-full connections by both names its
// certificate is issued for, and they are encrypted; a client trusting
// another authority is turned away. Restart brings a stopped server back
// on the same port and socket.
func TestTLS(t *testing.T) {
	s := StartWith(t, Options{TLS: true})
	if s.Port == 0 || s.CAFile == "" {
		t.Fatalf("a TLS server with port %d and CA file %q", s.Port, s.CAFile)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	encrypted := func(conn string) error {
		c, err := pgx.Connect(ctx, conn)
		if err != nil {
			return err
		}
		defer c.Close(ctx)
		var ssl bool
		if err := c.QueryRow(ctx, `SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`).Scan(&ssl); err != nil {
			return err
		}
		if !ssl {
			return fmt.Errorf("the connection is not encrypted")
		}
		return nil
	}
	for _, host := range DefaultTLSNames {
		if err := encrypted(s.TLSConnStringAs(Superuser, host, "postgres", s.CAFile)); err != nil {
			t.Errorf("verify-full to %s: %v", host, err)
		}
	}
	other, err := WriteCA(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := encrypted(s.TLSConnStringAs(Superuser, "localhost", "postgres", other)); err == nil || !strings.Contains(err.Error(), "unknown authority") {
		t.Errorf("a client trusting another authority: %v", err)
	}
	// The socket, whose name carries the port, still serves the admin.
	if err := s.Exec(`SELECT 1`); err != nil {
		t.Errorf("the socket of a TLS server: %v", err)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	if err := encrypted(s.TLSConnStringAs(Superuser, "127.0.0.1", "postgres", s.CAFile)); err != nil {
		t.Errorf("after a restart: %v", err)
	}
}
