package main

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report"
	"github.com/ropadesk/ropadesk/store"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

func init() {
	register(&command{
		name:    "verify",
		args:    "REGISTER [--pdf FILE] [--fingerprint TEXT] [--receipt FILE]",
		summary: "check the register's integrity and history; prove what a PDF, a paper copy or a receipt shows",
		usage: `
Runs SQLite's full integrity check on REGISTER and verifies its change
history: every entry's hash, the chain between entries, and that replaying
the history gives exactly what the register holds — activities,
organisations, review cycles, sign-offs and the copies frozen at sign-off.
It also recomputes the list columns and the search index from the records.
A change made outside ROPA Desk (an edited row or column, a removed entry)
is reported with the activity, organisation or cycle it concerns.

With --pdf, finds the state of the register the PDF's fingerprint names —
the current state, a review cycle as frozen at its sign-off, or an earlier
state — then makes the PDF of that state again and compares the two page
by page. A PDF whose text was altered is reported with the pages that
differ; a PDF only re-saved by another program (same page text, other
bytes) is accepted. Comparing page text needs pdftotext (poppler-utils).

With --fingerprint, checks a fingerprint copied from a paper copy: the
16 characters printed at the foot of every page, or the full 64.

With --receipt, compares the register with the receipt written beside it
at sign-off (REGISTER.signoff-<cycle>.json): a history rewritten from the
start, which verifies on its own, no longer matches the receipt.

Flags:
  --pdf FILE          an annual-review PDF made by ROPA Desk
  --fingerprint TEXT  a fingerprint from a printed PDF
  --receipt FILE      a sign-off receipt

Exit status:
  0  the register is sound and its history verifies; the PDF or
     fingerprint shows the current state, a signed-off cycle as frozen, or
     the draft read just before a sign-off; the receipt matches
  1  the register is damaged, its history does not verify, the PDF's pages
     were altered or it matches no state, or the receipt does not match
  3  the register is sound, but the PDF was made from an earlier state:
     the register has changed since

Examples:
  ropactl verify clinic.ropa
  ropactl verify clinic.ropa --pdf review-2026.pdf
  ropactl verify clinic.ropa --fingerprint 3f9a0c1d2e4b5a69
  ropactl verify clinic.ropa --receipt "clinic.ropa.signoff-annual-review-2026.json"
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

var hexOnly = regexp.MustCompile(`^[0-9a-f]+$`)

func runVerify(e *env, args []string) error {
	fs := newFlags(e)
	pdf := fs.String("pdf", "", "")
	fpFlag := fs.String("fingerprint", "", "")
	receipt := fs.String("receipt", "", "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	var pdfBytes []byte
	var fingerprint string
	if *pdf != "" {
		if pdfBytes, err = os.ReadFile(*pdf); err != nil {
			return fmt.Errorf("read %s: %w", *pdf, err)
		}
		var ok bool
		if fingerprint, ok = report.ExtractFingerprint(pdfBytes); !ok {
			// A program that re-saved the PDF may have compressed its
			// metadata; the cover prints the fingerprint in full too.
			if fingerprint, ok = printedFingerprint(e.ctx, *pdf); !ok {
				return model.Errorf(model.EINVALID, "%s has no ROPA Desk fingerprint: it is not an annual-review PDF made by ROPA Desk, or it was altered.", *pdf)
			}
		}
	}
	// A fingerprint copied by hand may carry spaces or capitals.
	typed := strings.ToLower(strings.Join(strings.Fields(*fpFlag), ""))
	if *fpFlag != "" && (!hexOnly.MatchString(typed) || (len(typed) != 16 && len(typed) != 64)) {
		return usagef("--fingerprint %q is not a fingerprint: give the 16 characters printed at the foot of each page, or all 64", *fpFlag)
	}
	if pgstore.IsConnString(pos[0]) {
		if *pdf != "" || typed != "" || *receipt != "" {
			return sharedOnly("Checking a PDF, a fingerprint or a receipt", "this check reads the frozen copies from a register file")
		}
		return verifyShared(e, pos[0])
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
		fmt.Fprintf(e.stdout, "ok   history: %d entries verify, and every list column and search entry matches its record; head %s\n", res.Entries, orNone(res.Head))
	} else {
		fmt.Fprintf(e.stdout, "FAIL history: %d problems in %d entries:\n", len(res.Problems), res.Entries)
		for _, p := range res.Problems {
			fmt.Fprintf(e.stdout, "     %s\n", p.Message)
		}
		failed = true
	}
	earlier := false
	say := func(what string, status int, verdict string) {
		fmt.Fprintf(e.stdout, "%s %s: %s\n", map[bool]string{true: "ok  ", false: "FAIL"}[status != 1], what, verdict)
		failed = failed || status == 1
		earlier = earlier || status == 3
	}
	if *receipt != "" {
		lines, err := checkReceipt(e.ctx, db, *receipt)
		if err != nil {
			return err
		}
		if len(lines) == 0 {
			say("receipt", 0, *receipt+" matches: the history up to the sign-off, the frozen copy and the sign-off are as they were when it was written.")
		} else {
			say("receipt", 1, *receipt+" does not match the register:\n     "+strings.Join(lines, "\n     "))
		}
	}
	if typed != "" {
		m, err := matchState(e.ctx, db, func(fp string) bool { return strings.HasPrefix(fp, typed) })
		if err != nil {
			return err
		}
		say("fingerprint", m.status, typed+" "+m.verdict)
	}
	if *pdf != "" {
		m, err := matchState(e.ctx, db, func(fp string) bool { return fp == fingerprint })
		if err != nil {
			return err
		}
		if m.status == 1 {
			say("pdf", 1, *pdf+" "+m.verdict)
		} else {
			content, ok, err := comparePDF(e.ctx, db, m, *pdf, pdfBytes)
			if err != nil {
				return err
			}
			if ok {
				say("pdf", m.status, *pdf+" "+m.verdict+" "+content)
			} else {
				say("pdf", 1, *pdf+" carries the fingerprint of a state of this register, but its content is not what ROPA Desk printed for that state: "+content)
			}
		}
	}
	if failed {
		return errFindings
	}
	if earlier {
		return exitEarlierState
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// stateMatch is the state of the register a fingerprint names, and what
// to say about it.
type stateMatch struct {
	verdict string
	status  int // 0, 1 or 3, as verify's exit status
	// reg and head are the state, for making its PDF again; signed is the
	// cycle (in reg) whose signed-off PDF the fingerprint is.
	reg    *model.Register
	head   string
	signed *model.ReviewCycle
}

// matchState finds the state of the register whose fingerprint matches:
// the current one, a signed-off cycle's frozen copy, or one replayed from
// the history.
func matchState(ctx context.Context, db *store.DB, match func(fp string) bool) (stateMatch, error) {
	cur, err := db.Register(ctx)
	if err != nil {
		return stateMatch{}, err
	}
	head, err := db.HistoryHead(ctx)
	if err != nil {
		return stateMatch{}, err
	}
	// A signed-off cycle first: when nothing changed since its sign-off,
	// the current state has the same fingerprint, and the sign-off is the
	// more telling answer.
	for _, c := range cur.ReviewCycles {
		if c.SignOff == nil {
			continue
		}
		fp, shead, err := db.SignedOffFingerprint(ctx, c.ID)
		if err != nil {
			return stateMatch{}, err
		}
		if match(fp) {
			snap, err := db.CycleSnapshot(ctx, c.ID)
			if err != nil {
				return stateMatch{}, err
			}
			m := stateMatch{verdict: fmt.Sprintf("is the review cycle %q as frozen at its sign-off by %s on %s.", c.Name, c.SignOff.By, day(c.SignOff.Date)), reg: snap, head: shead}
			for i := range snap.ReviewCycles {
				if snap.ReviewCycles[i].ID == c.ID {
					m.signed = &snap.ReviewCycles[i]
				}
			}
			return m, nil
		}
	}

	// The fingerprints as the export computes them (writePDF).
	if match(model.Fingerprint(cur, head)) {
		return stateMatch{verdict: "was made from the register's current state.", reg: cur, head: head}, nil
	}

	// Cycles made by versions that did not record them in the history
	// are guessed, as those versions' verify did.
	recorded := map[uuid.UUID]bool{}
	_ = db.HistoryStates(ctx, func(_ store.HistoryEntry, r *model.Register) bool {
		for _, c := range r.ReviewCycles {
			recorded[c.ID] = true
		}
		return true
	})
	var legacy []model.ReviewCycle
	for _, c := range cur.ReviewCycles {
		if !recorded[c.ID] {
			legacy = append(legacy, c)
		}
	}
	var (
		found     *store.HistoryEntry
		foundReg  *model.Register
		next      *store.HistoryEntry
		afterFind bool
	)
	err = db.HistoryStates(ctx, func(e store.HistoryEntry, r *model.Register) bool {
		if afterFind {
			next = &e
			return false
		}
		replayed := r.ReviewCycles
		variants := [][]model.ReviewCycle{nil}
		if len(legacy) > 0 {
			variants = cyclesAt(legacy, e.At)
		}
		for _, v := range variants {
			if len(legacy) > 0 {
				r.ReviewCycles = sortedCycles(append(append([]model.ReviewCycle{}, replayed...), v...))
			}
			if match(model.Fingerprint(r, e.Hash)) {
				// stateRegister builds a new register for every state,
				// so this one may be kept.
				found, foundReg, afterFind = &e, r, true
				return true
			}
		}
		return true
	})
	if err != nil {
		return stateMatch{}, err
	}
	if found == nil {
		return stateMatch{status: 1, verdict: "matches no state of this register, current or earlier: it was made from another register, or the register or the PDF was altered."}, nil
	}
	m := stateMatch{reg: foundReg, head: found.Hash, status: 3}
	// A draft read just before a sign-off, with nothing changed between,
	// shows what the sign-off froze: the change right after it is the
	// sign-off (its two entries, the sign-off and the frozen copy's digest).
	if next != nil && next.Entity == store.EntityCycle && next.Field == "snapshot_sha256" && next.Seq == found.Seq+2 {
		for _, c := range cur.ReviewCycles {
			if c.ID == next.EntityID && c.SignOff != nil {
				m.status = 0
				m.verdict = fmt.Sprintf("is the DRAFT of the state before the sign-off: the register as it stood just before the review cycle %q was signed off by %s on %s (change %d), with nothing changed between — the content the sign-off froze.",
					c.Name, c.SignOff.By, day(c.SignOff.Date), next.Seq-1)
				return m, nil
			}
		}
	}
	who := found.User
	if who == "" {
		who = "an unnamed user"
	}
	m.verdict = fmt.Sprintf("was made from an EARLIER state: the register as it stood after change %d, on %s by %s. The register has changed since.", found.Seq, found.At.Local().Format("2 January 2006 15:04:05"), who)
	return m, nil
}

// sortedCycles orders cycles as the store does: by start, then name.
func sortedCycles(cs []model.ReviewCycle) []model.ReviewCycle {
	sort.SliceStable(cs, func(i, j int) bool {
		if !cs[i].StartedAt.Equal(cs[j].StartedAt) {
			return cs[i].StartedAt.Before(cs[j].StartedAt)
		}
		return strings.ToLower(cs[i].Name) < strings.ToLower(cs[j].Name)
	})
	return cs
}

// cyclesAt guesses the review cycles a register had at t, for cycles its
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
