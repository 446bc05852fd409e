package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report"
	"github.com/ropadesk/ropadesk/store"
)

func init() {
	register(&command{
		name:    "verify",
		args:    "REGISTER [--pdf FILE]",
		summary: "check the register's integrity and history; tell which state a PDF shows",
		usage: `
Runs SQLite's full integrity check on REGISTER and verifies its change
history: every entry's hash, the chain between entries, and that replaying
the history gives exactly what the register holds. A change made outside
ROPA Desk (an edited row, a removed entry) is reported with the activity or
organisation it concerns.

With --pdf, reads the fingerprint printed in an annual-review PDF and says
whether the PDF was made from the register's current state, from a review
cycle as frozen at its sign-off, or from an earlier state (and which: the
state after change N, on DATE, by USER).

Flags:
  --pdf FILE   an annual-review PDF made by ROPA Desk

Exit status:
  0  the register is sound and its history verifies; with --pdf, the PDF
     shows the current state or a signed-off cycle as frozen
  1  the register is damaged, its history does not verify, or the PDF
     matches no state of this register
  3  the register is sound, but the PDF was made from an earlier state:
     the register has changed since

Examples:
  ropactl verify clinic.ropa
  ropactl verify clinic.ropa --pdf review-2026.pdf
`,
		run: runVerify,
	})
}

// exitStatus makes run exit with a status other than 0, 1 and 2 after
// output that already says why.
type exitStatus int

func (s exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(s)) }

// exitEarlierState is verify's status for a PDF of an earlier state.
const exitEarlierState exitStatus = 3

func runVerify(e *env, args []string) error {
	fs := newFlags(e)
	pdf := fs.String("pdf", "", "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	var fingerprint string
	if *pdf != "" {
		b, err := os.ReadFile(*pdf)
		if err != nil {
			return fmt.Errorf("read %s: %w", *pdf, err)
		}
		var ok bool
		if fingerprint, ok = report.ExtractFingerprint(b); !ok {
			return model.Errorf(model.EINVALID, "%s has no ROPA Desk fingerprint: it is not an annual-review PDF made by ROPA Desk, or it was altered.", *pdf)
		}
	}
	db, err := openRegister(e, pos[0])
	if err != nil {
		return err
	}
	defer db.Close()
	if db.Damaged() {
		fmt.Fprintf(e.stdout, "FAIL integrity: %s\n", db.ReadOnly())
		return errFindings
	}

	failed := false
	if found, err := store.CheckSchema(e.ctx, pos[0]); err != nil {
		return err
	} else if len(found) > 0 {
		fmt.Fprintf(e.stdout, "FAIL schema: the file holds what ROPA Desk never puts in a register; none of it was run:\n")
		for _, f := range found {
			fmt.Fprintf(e.stdout, "     %s\n", f)
		}
		failed = true
	} else {
		fmt.Fprintln(e.stdout, "ok   schema: exactly the tables and indexes ROPA Desk makes; no triggers or views.")
	}
	if err := db.IntegrityCheck(e.ctx); err != nil {
		if model.ErrorCode(err) != model.EINVALID {
			return err
		}
		fmt.Fprintf(e.stdout, "FAIL integrity: %s\n", model.ErrorMessage(err))
		failed = true
	} else {
		fmt.Fprintln(e.stdout, "ok   integrity: SQLite's integrity check found no damage.")
	}
	res, err := db.VerifyHistory(e.ctx)
	if err != nil {
		return err
	}
	if res.OK() {
		fmt.Fprintf(e.stdout, "ok   history: %d entries verify; head %s\n", res.Entries, orNone(res.Head))
	} else {
		fmt.Fprintf(e.stdout, "FAIL history: %d problems in %d entries:\n", len(res.Problems), res.Entries)
		for _, p := range res.Problems {
			fmt.Fprintf(e.stdout, "     %s\n", p.Message)
		}
		failed = true
	}
	if *pdf != "" {
		verdict, status, err := matchPDF(e.ctx, db, fingerprint)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s pdf: %s %s\n", map[bool]string{true: "ok  ", false: "FAIL"}[status == 0], *pdf, verdict)
		if status == 1 {
			failed = true
		}
		if status == 3 && !failed {
			return exitEarlierState
		}
	}
	if failed {
		return errFindings
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// matchPDF finds the state of the register whose fingerprint is fp: the
// current one, a signed-off cycle's frozen copy, or one replayed from the
// history. It returns a sentence and the exit status it means.
func matchPDF(ctx context.Context, db *store.DB, fp string) (string, int, error) {
	cur, err := db.Register(ctx)
	if err != nil {
		return "", 0, err
	}
	head, err := db.HistoryHead(ctx)
	if err != nil {
		return "", 0, err
	}
	// The fingerprints as the export computes them (cmd/ropactl
	// writePDF): the current state with the history head, and a
	// signed-off cycle's snapshot with no head.
	if model.Fingerprint(cur, head) == fp {
		return "was made from the register's current state.", 0, nil
	}
	for _, c := range cur.ReviewCycles {
		if c.SignOff == nil {
			continue
		}
		snap, err := db.CycleSnapshot(ctx, c.ID)
		if err != nil {
			return "", 0, err
		}
		if model.Fingerprint(snap, "") == fp {
			return fmt.Sprintf("is the review cycle %q as frozen at its sign-off by %s on %s.", c.Name, c.SignOff.By, day(c.SignOff.Date)), 0, nil
		}
	}
	var found *store.HistoryEntry
	err = db.HistoryStates(ctx, func(e store.HistoryEntry, r *model.Register) bool {
		for _, cycles := range cyclesAt(cur.ReviewCycles, e.At) {
			r.ReviewCycles = cycles
			if model.Fingerprint(r, e.Hash) == fp {
				found = &e
				return false
			}
		}
		return true
	})
	if err != nil {
		return "", 0, err
	}
	if found == nil {
		return "matches no state of this register, current or earlier: it was made from another register, or the register or the PDF was altered.", 1, nil
	}
	who := found.User
	if who == "" {
		who = "an unnamed user"
	}
	return fmt.Sprintf("was made from an EARLIER state: the register as it stood after change %d, on %s by %s. The register has changed since.", found.Seq, found.At.Local().Format("2 January 2006 15:04:05"), who), 3, nil
}

// cyclesAt guesses the review cycles a register had at t, which its
// history does not record: those created by then (a cycle's id is a UUID
// v7, which carries its creation time), signed off only if signed by then;
// failing that, the cycles as they are now, and none at all.
func cyclesAt(now []model.ReviewCycle, t time.Time) [][]model.ReviewCycle {
	var then []model.ReviewCycle
	for _, c := range now {
		created := c.StartedAt
		if c.ID.Version() == 7 {
			sec, nsec := c.ID.Time().UnixTime()
			created = time.Unix(sec, nsec)
		}
		if created.After(t) {
			continue
		}
		if c.SignOff != nil && c.SignOff.Date.After(t) {
			c.SignOff = nil
		}
		then = append(then, c)
	}
	out := [][]model.ReviewCycle{then}
	if len(now) > 0 {
		out = append(out, now, nil)
	}
	return out
}

func day(t time.Time) string { return t.Format("2 January 2006") }
