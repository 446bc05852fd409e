// Command ropactl works with ROPA Desk register files (.ropa) from the
// command line: create one, write the example register, list and check
// activities, and export the register. It is pure Go (it builds with
// CGO_ENABLED=0), so it runs on servers and in CI where the desktop app
// cannot.
//
// Exit status: 0 on success, 1 when the command failed (or "check" found an
// error), 2 when the command line itself is wrong, 3 when "verify --pdf"
// finds the PDF was made from an earlier state of the register.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"sort"
	"strings"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one sub-command. usage is the text after the synopsis line:
// what it does, its flags and examples.
type command struct {
	name    string
	args    string
	summary string
	usage   string
	run     func(e *env, args []string) error
}

// commands lists every sub-command; later work adds import and review.
var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// env is what a sub-command runs with: where to write, and the time it
// takes as "now" for anything overdue.
type env struct {
	ctx            context.Context
	stdout, stderr io.Writer
	now            time.Time
	cmd            *command
}

// usageError is a mistake on the command line: exit status 2, with the
// sub-command's synopsis.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// errFindings makes the exit status 1 after output that already says why
// (check found an error), so nothing more is printed.
var errFindings = errors.New("findings with severity error")

// clock is the time commands take as now; tests fix it so that what is
// overdue does not depend on the day they run.
var clock = time.Now

// run is main without the process: tests call it directly.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printHelp(stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				printUsage(stdout, c)
				return 0
			}
			fmt.Fprintf(stderr, "ropactl: there is no command %q.\n\n", args[1])
			printHelp(stderr)
			return 2
		}
		printHelp(stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "ropactl: there is no command %q.\n\n", name)
		printHelp(stderr)
		return 2
	}
	e := &env{ctx: context.Background(), stdout: stdout, stderr: stderr, now: clock(), cmd: c}
	err := c.run(e, args[1:])
	var uerr *usageError
	var status exitStatus
	switch {
	case err == nil:
		return 0
	case errors.As(err, &status):
		return int(status)
	case errors.Is(err, flag.ErrHelp):
		printUsage(stdout, c)
		return 0
	case errors.Is(err, errFindings):
		return 1
	case errors.As(err, &uerr):
		fmt.Fprintf(stderr, "ropactl %s: %s\n", c.name, uerr.msg)
		fmt.Fprintf(stderr, "usage: ropactl %s %s\nRun 'ropactl help %s' for details.\n", c.name, c.args, c.name)
		return 2
	default:
		fmt.Fprintf(stderr, "ropactl %s: %s\n", c.name, err)
		return 1
	}
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, `ropactl works with ROPA Desk register files (.ropa) from the command line.

Usage:
  ropactl COMMAND [arguments]

Commands:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, `
Run 'ropactl help COMMAND' or 'ropactl COMMAND --help' for a command's flags and examples.

Exit status: 0 success, 1 failure (or errors found by check or verify),
2 wrong usage, 3 verify --pdf: the PDF shows an earlier state.
Changes are recorded in the register's history under $ROPA_USER, or your
login name if it is not set.

list, check, export, verify, backup, import, copy, review (all but
receipt), asset, supplier and notice check --record also take a shared
register's connection string (postgres://USER@HOST/DATABASE, with
?sslmode=verify-full&sslrootcert=CA.crt for TLS) where they take a file;
the password comes from PGPASSWORD or PGPASSFILE (~/.pgpass), or is asked
for at a terminal, and is never stored. What works on files only (review
receipt, backup keep, backup list, restore, verify --pdf/--fingerprint/
--receipt) says so and what to use instead.
`)
}

func printUsage(w io.Writer, c *command) {
	text := strings.TrimLeft(c.usage, "\n")
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	fmt.Fprintf(w, "usage: ropactl %s %s\n\n%s", c.name, c.args, text)
}

// parse parses flags that may come before or after the positional
// arguments ("list r.ropa --json" as well as "list --json r.ropa"), and
// checks the number of positionals.
func parse(fs *flag.FlagSet, args []string, positionals int) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%s", err.Error())
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != positionals {
		if len(pos) < positionals {
			return nil, usagef("missing the register file")
		}
		return nil, usagef("unexpected argument %q", pos[positionals])
	}
	return pos, nil
}

func newFlags(e *env) *flag.FlagSet {
	return flag.NewFlagSet(e.cmd.name, flag.ContinueOnError)
}

// userName is who the register's change history records.
func userName() string {
	if u := strings.TrimSpace(os.Getenv("ROPA_USER")); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}

// openRegister opens an existing register for a command that only reads
// it (list, check, export, verify, backup). It takes no lock and never
// waits for a writer, so it works while the desktop app has the register
// open: SQLite's WAL lets a reader see the last committed state.
func openRegister(e *env, path string) (*store.DB, error) {
	if err := registerExists(path); err != nil {
		return nil, err
	}
	db, err := store.OpenReadOnly(e.ctx, path)
	if err != nil {
		return nil, err
	}
	db.SetUser(userName())
	return db, nil
}

// openWriter opens an existing register for a command that changes it. It
// takes the register's lock, so it fails (exit status 1, naming who has
// it) while the desktop app or another command is writing it, instead of
// writing behind their back.
func openWriter(e *env, path string) (*store.DB, error) {
	if err := registerExists(path); err != nil {
		return nil, err
	}
	db, err := store.OpenWritable(e.ctx, path)
	if err != nil {
		return nil, err
	}
	db.SetUser(userName())
	return db, nil
}

func registerExists(path string) error {
	if pgstore.IsConnString(path) {
		// Commands that take a shared register open it through openStore
		// or refuse it with their own reason first; this is the net under
		// them.
		return model.Errorf(model.EINVALID, "This command works on register files only. Copy the shared register to a file with 'ropactl copy CONNECTION FILE.ropa' to use it there.")
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return model.Errorf(model.ENOTFOUND, "%s does not exist; create it with 'ropactl new %s --org NAME' or 'ropactl example %s'.", path, path, path)
		}
		return err
	}
	return nil
}
