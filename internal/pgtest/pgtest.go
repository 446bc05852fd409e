// Package pgtest gives tests a real, throw-away PostgreSQL server: a
// cluster made with initdb in the test's temporary folder, started with
// pg_ctl on a private Unix socket (no TCP port, so parallel runs never
// collide), and stopped when the test ends. Nothing is mocked. A test of
// encrypted connections asks for TLS as well (Options.TLS): the server
// then also listens on a loopback TCP port with a certificate signed by a
// certificate authority made for that test.
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
	"errors"
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
	// ownSocketDir: SocketDir was made apart from root and Stop removes it.
	ownSocketDir bool
	stopped      atomic.Bool

	// startOpts are the settings the server was started with, for Restart.
	startOpts string

	// Port is the loopback TCP port of a server started with TLS (0
	// without: it listens on its Unix socket only).
	Port int
	// CAFile is the certificate of the authority that signed a TLS
	// server's certificate: the sslrootcert a client trusts.
	CAFile string
}

type account struct {
	name     string
	uid, gid int
}

// ErrNoServer says the server's binaries are not installed.
var ErrNoServer = errors.New("PostgreSQL server binaries (initdb, pg_ctl) are neither on PATH nor in /usr/lib/postgresql/*/bin; install the Debian package postgresql")

// Options change how a cluster runs.
type Options struct {
	// Durable keeps fsync and synchronous commit on, as a real server
	// runs, for benchmarks; tests turn them off, needing no crash safety.
	Durable bool
	// TLS also listens on 127.0.0.1 (Port) with ssl=on and a certificate
	// issued for TLSNames by a certificate authority made for the test
	// (CAFile), for clients that connect with sslmode=verify-full.
	TLS bool
	// TLSNames are the names the server's certificate is issued for;
	// empty for DefaultTLSNames.
	TLSNames []string
}

// Start makes and starts a cluster for tb; tb.Cleanup stops it (fast
// shutdown) before its folder is removed.
func Start(tb testing.TB) *Server {
	tb.Helper()
	return StartWith(tb, Options{})
}

// StartWith is Start with options: a TLS server, say.
func StartWith(tb testing.TB, opt Options) *Server {
	tb.Helper()
	s, err := Launch(tb.TempDir(), opt)
	if err != nil {
		Unavailable(tb, err)
	}
	tb.Cleanup(func() {
		if err := s.Stop(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// Unavailable ends tb for a server that could not be started: skipped
// where the binaries are missing on a developer's machine, failed under
// CI and for any other reason.
func Unavailable(tb testing.TB, err error) {
	tb.Helper()
	// CI's Windows run (test binaries under Wine) cannot start a Linux
	// server; CI's Linux run must.
	if errors.Is(err, ErrNoServer) && (os.Getenv("CI") != "true" || runtime.GOOS == "windows") {
		tb.Skip(err)
	}
	tb.Fatal(err)
}

// Launch makes a cluster in root (an empty folder) and starts it; the
// caller stops it with Stop. Start is Launch for one test; a TestMain
// that shares one server among benchmarks calls Launch.
func Launch(root string, opt Options) (*Server, error) {
	// A Windows test binary runs under Wine in CI, where the Linux
	// server's binaries are visible through Wine's Z: drive but cannot be
	// run; the throw-away cluster (Unix socket, runuser) is for Linux and
	// macOS only.
	if runtime.GOOS == "windows" {
		return nil, ErrNoServer
	}
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	s := &Server{bin: bin, dataDir: filepath.Join(root, "data"), SocketDir: filepath.Join(root, "sock")}
	// A Unix socket path is limited to about 107 bytes; a long test name
	// makes a long temporary folder, so the socket may need a shorter one.
	if len(s.SocketDir)+len("/.s.PGSQL.5432") > 100 {
		short, err := os.MkdirTemp("", "pg")
		if err != nil {
			return nil, fmt.Errorf("make socket folder: %w", err)
		}
		s.SocketDir, s.ownSocketDir = short, true
	}
	if os.Geteuid() == 0 {
		s.runAs, err = unprivileged()
		if err != nil {
			return nil, fmt.Errorf("PostgreSQL will not run as root and %w", err)
		}
		// The account must reach its folders through the test's own.
		// (A socket folder made apart is the account's own, below.)
		for d := root; d != filepath.Dir(d) && strings.HasPrefix(d, os.TempDir()) && d != filepath.Clean(os.TempDir()); d = filepath.Dir(d) {
			if err := os.Chmod(d, 0o711); err != nil {
				return nil, fmt.Errorf("open %s to the server's account: %w", d, err)
			}
		}
	}
	for _, d := range []string{s.dataDir, s.SocketDir} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("make %s: %w", d, err)
		}
		if s.runAs != nil {
			if err := os.Chown(d, s.runAs.uid, s.runAs.gid); err != nil {
				return nil, fmt.Errorf("give %s to %s: %w", d, s.runAs.name, err)
			}
		}
	}
	if out, err := s.run("initdb", "-D", s.dataDir, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		return nil, fmt.Errorf("initdb: %w\n%s", err, out)
	}
	// A small shared memory, as several clusters run at once on a small
	// machine; for tests, no fsync, as a test cluster need survive no crash.
	opts := fmt.Sprintf("-c unix_socket_directories='%s' -c shared_buffers=16MB -c max_connections=60", s.SocketDir)
	if !opt.Durable {
		opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	}
	if !opt.TLS {
		if err := s.start(opts + " -c listen_addresses=''"); err != nil {
			return nil, err
		}
		return s, nil
	}
	tlsOpts, err := s.setUpTLS(root, opt.TLSNames)
	if err != nil {
		return nil, err
	}
	// The port is free when chosen but another program may bind it before
	// the server does: then choose again.
	for try := 0; ; try++ {
		if s.Port, err = freePort(); err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		err = s.start(opts + tlsOpts + fmt.Sprintf(" -c listen_addresses='127.0.0.1' -c port=%d", s.Port))
		if err == nil {
			return s, nil
		}
		if try == 2 || !strings.Contains(err.Error(), "already in use") {
			return nil, err
		}
	}
}

// start starts the cluster with the server settings opts.
func (s *Server) start(opts string) error {
	s.startOpts = opts
	logFile := filepath.Join(s.dataDir, "server.log")
	if out, err := s.run("pg_ctl", "-D", s.dataDir, "-l", logFile, "-o", opts, "-w", "-t", "120", "start"); err != nil {
		log, _ := os.ReadFile(logFile)
		return fmt.Errorf("pg_ctl start: %w\n%s\n%s", err, out, log)
	}
	return nil
}

// Stop shuts the server down (fast: sessions are ended) and waits for it.
// A test may stop its server early, to see what a lost server does; the
// cleanup's Stop then finds it stopped.
func (s *Server) Stop() error {
	if s.stopped.Swap(true) {
		return nil
	}
	out, err := s.run("pg_ctl", "-D", s.dataDir, "-m", "fast", "-w", "-t", "60", "stop")
	if s.ownSocketDir {
		os.RemoveAll(s.SocketDir)
	}
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %w\n%s", err, out)
	}
	return nil
}

// Restart starts a server that a test stopped (with Stop) again, with
// the same settings, socket and port: what a client sees when its
// server comes back after a restart.
func (s *Server) Restart() error {
	if !s.stopped.Load() {
		return errors.New("restart: the server is running")
	}
	if err := os.MkdirAll(s.SocketDir, 0o700); err != nil {
		return fmt.Errorf("restart: %w", err)
	}
	if s.runAs != nil {
		if err := os.Chown(s.SocketDir, s.runAs.uid, s.runAs.gid); err != nil {
			return fmt.Errorf("restart: %w", err)
		}
	}
	if err := s.start(s.startOpts); err != nil {
		return fmt.Errorf("restart: %w", err)
	}
	s.stopped.Store(false)
	return nil
}

// ConnString is the connection string of database name as the superuser.
func (s *Server) ConnString(name string) string {
	return s.ConnStringAs(Superuser, name)
}

// socket is the query of a connection through the server's Unix socket
// (whose name carries the port a TLS server listens on).
func (s *Server) socket() url.Values {
	q := url.Values{"host": {s.SocketDir}, "sslmode": {"disable"}}
	if s.Port != 0 {
		q.Set("port", strconv.Itoa(s.Port))
	}
	return q
}

// ConnStringAs is the connection string of database name as role.
func (s *Server) ConnStringAs(role, name string) string {
	q := s.socket()
	return (&url.URL{Scheme: "postgres", User: url.User(role), Path: "/" + name, RawQuery: q.Encode()}).String()
}

// Database creates a fresh, empty database for tb and returns its
// connection string; it is dropped when tb ends.
func (s *Server) Database(tb testing.TB) string {
	tb.Helper()
	name := fmt.Sprintf("t%d", s.dbs.Add(1))
	conn, err := s.CreateDatabase(name)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if s.stopped.Load() {
			return // a test that stopped the server early
		}
		if err := s.admin("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			tb.Errorf("drop database %s: %v", name, err)
		}
	})
	return conn
}

// CreateDatabase creates the database name (plain letters and digits)
// and returns its connection string.
func (s *Server) CreateDatabase(name string) (string, error) {
	if err := s.admin("CREATE DATABASE " + name); err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	return s.ConnString(name), nil
}

func (s *Server) admin(sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		return fmt.Errorf("connect to the test server: %w", err)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
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
	return "", ErrNoServer
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

// Exec runs sql as the superuser on the database postgres: creating the
// login roles a test signs in as, say.
func (s *Server) Exec(sql string) error { return s.admin(sql) }

// RequirePasswords makes every role but the superuser sign in with a
// password (SCRAM), as a real server does, so that tests see what a
// person without the right password sees; the superuser the tests set
// up with still signs in as before.
func (s *Server) RequirePasswords() error {
	// The same over TCP, for a TLS server.
	hba := "local all " + Superuser + " trust\nlocal all all scram-sha-256\n" +
		"host all " + Superuser + " 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
	if err := os.WriteFile(filepath.Join(s.dataDir, "pg_hba.conf"), []byte(hba), 0o600); err != nil {
		return fmt.Errorf("require passwords: %w", err)
	}
	if out, err := s.run("pg_ctl", "-D", s.dataDir, "reload"); err != nil {
		return fmt.Errorf("require passwords: pg_ctl reload: %w\n%s", err, out)
	}
	// The server reads the file again at its own pace: wait until a
	// sign-in without a password is refused.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := s.admin("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pgtest_probe') THEN CREATE ROLE pgtest_probe LOGIN; END IF; END $$"); err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		conn, err := pgx.Connect(ctx, s.ConnStringAs("pgtest_probe", "postgres"))
		cancel()
		if err != nil {
			return nil
		}
		conn.Close(context.Background())
		if time.Now().After(deadline) {
			return errors.New("require passwords: the server still lets a role in without one")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
