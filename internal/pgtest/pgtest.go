// Package pgtest gives tests a real, throw-away PostgreSQL server: a
// cluster made with initdb in the test's temporary folder, started with
// pg_ctl on a private Unix socket (no TCP port, so parallel runs never
// collide), and stopped when the test ends. Nothing is mocked.
//
// The server binaries are looked up on PATH and then where Debian puts
// them (/usr/lib/postgresql/NN/bin). Where they are missing the test is
// skipped on a developer's machine, but fails under CI (CI set to "true"),
// so a CI run can never pass by skipping the shared-register tests. The
// one exception is a Windows test binary (CI runs those under Wine, where
// no server can be started): it skips.
//
// PostgreSQL refuses to run as root. When the tests run as root (CI runs
// .ci/run in a root container) the cluster belongs to an unprivileged
// account — "postgres" where the Debian package made one, else "nobody" —
// and initdb and pg_ctl run as it through setpriv.
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Superuser is the role initdb makes; tests connect as it.
const Superuser = "ropa_test_admin"

// Server is a running throw-away cluster.
type Server struct {
	// SocketDir is the folder holding the server's Unix socket.
	SocketDir string
	dataDir   string
	bin       string
	runAs     *account
	dbs       atomic.Int64
}

type account struct {
	name     string
	uid, gid int
}

// Start makes and starts a cluster for tb; tb.Cleanup stops it (fast
// shutdown) before its folder is removed.
func Start(tb testing.TB) *Server {
	tb.Helper()
	bin, err := findBin()
	if err != nil {
		// CI's Windows run (test binaries under Wine) cannot start a Linux
		// server; CI's Linux run must.
		if os.Getenv("CI") == "true" && runtime.GOOS != "windows" {
			tb.Fatalf("PostgreSQL is required under CI: %v (install the Debian package postgresql)", err)
		}
		tb.Skipf("PostgreSQL server binaries not found (%v); install the Debian package postgresql", err)
	}
	root := tb.TempDir()
	s := &Server{bin: bin, dataDir: filepath.Join(root, "data"), SocketDir: filepath.Join(root, "sock")}
	// A Unix socket path is limited to about 107 bytes; a long test name
	// makes a long temporary folder, so the socket may need a shorter one.
	if len(s.SocketDir)+len("/.s.PGSQL.5432") > 100 {
		short, err := os.MkdirTemp("", "pg")
		if err != nil {
			tb.Fatalf("make socket folder: %v", err)
		}
		tb.Cleanup(func() { os.RemoveAll(short) })
		s.SocketDir = short
	}
	if os.Geteuid() == 0 {
		s.runAs, err = unprivileged()
		if err != nil {
			tb.Fatalf("PostgreSQL will not run as root and %v", err)
		}
		// The account must reach its folders through the test's own.
		for d := root; d != filepath.Dir(d) && strings.HasPrefix(d, os.TempDir()) && d != filepath.Clean(os.TempDir()); d = filepath.Dir(d) {
			if err := os.Chmod(d, 0o711); err != nil {
				tb.Fatalf("open %s to the server's account: %v", d, err)
			}
		}
	}
	for _, d := range []string{s.dataDir, s.SocketDir} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			tb.Fatalf("make %s: %v", d, err)
		}
		if s.runAs != nil {
			if err := os.Chown(d, s.runAs.uid, s.runAs.gid); err != nil {
				tb.Fatalf("give %s to %s: %v", d, s.runAs.name, err)
			}
		}
	}
	if out, err := s.run("initdb", "-D", s.dataDir, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		tb.Fatalf("initdb: %v\n%s", err, out)
	}
	// fsync off and a small shared memory: a test cluster need survive no
	// crash, and several run at once on a small machine.
	opts := fmt.Sprintf("-c listen_addresses='' -c unix_socket_directories='%s' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=60", s.SocketDir)
	logFile := filepath.Join(s.dataDir, "server.log")
	if out, err := s.run("pg_ctl", "-D", s.dataDir, "-l", logFile, "-o", opts, "-w", "-t", "120", "start"); err != nil {
		log, _ := os.ReadFile(logFile)
		tb.Fatalf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	tb.Cleanup(func() {
		if out, err := s.run("pg_ctl", "-D", s.dataDir, "-m", "fast", "-w", "-t", "60", "stop"); err != nil {
			tb.Errorf("pg_ctl stop: %v\n%s", err, out)
		}
	})
	return s
}

// ConnString is the connection string of database name as the superuser.
func (s *Server) ConnString(name string) string {
	q := url.Values{"host": {s.SocketDir}, "sslmode": {"disable"}}
	return (&url.URL{Scheme: "postgres", User: url.User(Superuser), Path: "/" + name, RawQuery: q.Encode()}).String()
}

// ConnStringAs is the connection string of database name as role.
func (s *Server) ConnStringAs(role, name string) string {
	q := url.Values{"host": {s.SocketDir}, "sslmode": {"disable"}}
	return (&url.URL{Scheme: "postgres", User: url.User(role), Path: "/" + name, RawQuery: q.Encode()}).String()
}

// Database creates a fresh, empty database for tb and returns its
// connection string; it is dropped when tb ends.
func (s *Server) Database(tb testing.TB) string {
	tb.Helper()
	name := fmt.Sprintf("t%d", s.dbs.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		tb.Fatalf("connect to the test server: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("create database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
		if err != nil {
			tb.Errorf("connect to drop %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			tb.Errorf("drop database %s: %v", name, err)
		}
	})
	return s.ConnString(name)
}

// run runs one of the server's programs, as the unprivileged account
// when there is one.
func (s *Server) run(prog string, args ...string) ([]byte, error) {
	cmd := exec.Command(filepath.Join(s.bin, prog), args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	if s.runAs != nil {
		runAs(cmd, s.runAs)
		// The account may not read root's working folder.
		cmd.Dir = s.dataDir
	}
	return cmd.CombinedOutput()
}

// findBin is the folder holding initdb and pg_ctl: PATH first, then the
// newest /usr/lib/postgresql/NN/bin.
func findBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "pg_ctl")); err == nil {
			return dir, nil
		}
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(found, func(i, j int) bool { return version(found[i]) > version(found[j]) })
	for _, p := range found {
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "pg_ctl")); err == nil {
			return dir, nil
		}
	}
	return "", fmt.Errorf("initdb and pg_ctl are neither on PATH nor in /usr/lib/postgresql/*/bin")
}

func version(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

func unprivileged() (*account, error) {
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.Atoi(u.Uid)
		gid, err2 := strconv.Atoi(u.Gid)
		if err1 != nil || err2 != nil || uid == 0 {
			continue
		}
		return &account{name: name, uid: uid, gid: gid}, nil
	}
	return nil, fmt.Errorf("there is neither a postgres nor a nobody account to run it as")
}
