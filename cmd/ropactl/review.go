package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

func init() {
	register(&command{
		name:    "review",
		args:    "start|mark|status|signoff|receipt|list REGISTER [flags]",
		summary: "run the annual review: start a cycle, mark activities, sign off",
		usage: `
Runs a review cycle of the whole register, so the annual review can be
scripted:

  review start   REGISTER --name NAME [--interval-months 12] [--date YYYY-MM-DD]
      Starts a review cycle, such as "Annual review 2026". The interval sets
      when each activity is next due for review.
  review mark    REGISTER --cycle NAME (--activity ID|NAME | --all)
                 --outcome no_change|changed|retired --reviewer NAME
                 [--date YYYY-MM-DD] [--notes TEXT] [--ndop-confirmed]
      Records that an activity (or every activity) was reviewed in the
      cycle. Marking an activity again replaces its earlier review in that
      cycle. The outcome "retired" also sets the activity's status to retired.
  review status  REGISTER --cycle NAME
      Shows how many activities have been reviewed and lists the rest.
  review signoff REGISTER --cycle NAME --by NAME --statement TEXT --role ROLE
                 [--date YYYY-MM-DD] [--approving-body BODY] [--reference MINUTE]
                 [--acknowledge TEXT]
      Signs the cycle off. The register is frozen as it stands: the PDF of a
      signed-off cycle always shows that frozen copy. The date cannot be in
      the future, nor before the cycle's latest review. With activities
      not reviewed in the cycle or errors open, --acknowledge is required:
      the signer's words accepting them, printed with the sign-off. The
      sign-off, and who entered it when, go into the change history; a
      receipt REGISTER.signoff-<cycle>.json is written beside the register.
  review receipt REGISTER --cycle NAME
      Writes a signed-off cycle's receipt again.
  review list    REGISTER
      Lists the review cycles, oldest first.

Dates default to today. The annual-review PDF of a cycle is made with
'ropactl export REGISTER --format pdf --cycle NAME --out FILE'.

Examples:
  ropactl review start demo.ropa --name "Annual review 2026"
  ropactl review mark demo.ropa --cycle "Annual review 2026" --all --outcome no_change --reviewer "Zoë Ní Bhriain"
  ropactl review status demo.ropa --cycle "Annual review 2026"
  ropactl review signoff demo.ropa --cycle "Annual review 2026" --by "Zoë Ní Bhriain" --role "Data Protection Officer" --approving-body "Board" --reference "Minute 2026/41" --statement "I confirm the record is complete and accurate."
`,
		run: runReview,
	})
}

func runReview(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("missing the review step: start, mark, status, signoff or list")
	}
	steps := map[string]func(*env, []string) error{
		"start": reviewStart, "mark": reviewMark, "status": reviewStatus,
		"signoff": reviewSignOff, "sign-off": reviewSignOff, "list": reviewList, "receipt": reviewReceipt,
	}
	if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		return flag.ErrHelp
	}
	step, ok := steps[args[0]]
	if !ok {
		return usagef("there is no review step %q; use start, mark, status, signoff or list", args[0])
	}
	return step(e, args[1:])
}

// parseDay reads a YYYY-MM-DD flag as midnight UTC; empty means today.
func parseDay(e *env, flagName, s string) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		y, m, d := e.now.UTC().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, usagef("--%s %q is not a date; write it as YYYY-MM-DD", flagName, s)
	}
	return t, nil
}

func reviewStart(e *env, args []string) error {
	fs := newFlags(e)
	name := fs.String("name", "", "name of the cycle")
	interval := fs.Int("interval-months", model.DefaultReviewInterval, "months until the next review is due")
	date := fs.String("date", "", "when the cycle started, YYYY-MM-DD (default today)")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	started := e.now.UTC()
	if *date != "" {
		if started, err = parseDay(e, "date", *date); err != nil {
			return err
		}
	}
	if strings.TrimSpace(*name) == "" {
		return usagef("--name is required, such as --name \"Annual review 2026\"")
	}
	db, err := openStore(e, pos[0], true)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := desk.StartReview(e.ctx, db, *name, *interval, started)
	if err != nil {
		return err
	}
	reg, err := db.Register(e.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Started review cycle %q: %d activities to review; next reviews due %d months after each.\n",
		c.Name, len(reg.Activities), c.IntervalMonths)
	return db.Close()
}

// cycleNamed finds a cycle of the register at path by name, with a
// message that says what to do.
func cycleNamed(ctx context.Context, reg desk.Register, path, name string) (*model.ReviewCycle, error) {
	if strings.TrimSpace(name) == "" {
		return nil, usagef("--cycle is required: the name of the review cycle")
	}
	var c *model.ReviewCycle
	var err error
	if db, isFile := reg.(*store.DB); isFile {
		c, err = db.CycleByName(ctx, name)
	} else {
		c, err = cycleAmong(ctx, reg, name)
	}
	if model.ErrorCode(err) == model.ENOTFOUND {
		return nil, model.Errorf(model.ENOTFOUND, "There is no review cycle called %q; 'ropactl review list %s' shows the cycles.", name, shellWord(pgstore.Redact(path)))
	}
	return c, err
}

// shellWord is s as one word for a shell command shown to a person:
// quoted when it holds what a shell would split or expand (a connection
// string's ? and &).
func shellWord(s string) string {
	if strings.ContainsAny(s, " ?&*'\"$;|<>()") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

// cycleAmong finds a cycle of a shared register by name, as the file's
// CycleByName does (ignoring case and the spaces around it).
func cycleAmong(ctx context.Context, reg desk.Register, name string) (*model.ReviewCycle, error) {
	cycles, err := reg.Cycles(ctx)
	if err != nil {
		return nil, err
	}
	for i := range cycles {
		if strings.EqualFold(strings.TrimSpace(cycles[i].Name), strings.TrimSpace(name)) {
			return &cycles[i], nil
		}
	}
	return nil, model.Errorf(model.ENOTFOUND, "There is no review cycle called %q in %s.", name, reg.Path())
}

// openCycle opens the register (to write it when write is set), finds the named cycle and reads the
// register, as every sub-command that works on one cycle starts. The caller
// closes db; on error nothing is left open.
func openCycle(e *env, path, cycleName string, write bool) (registerStore, *model.ReviewCycle, *model.Register, error) {
	db, err := openStore(e, path, write)
	if err != nil {
		return nil, nil, nil, err
	}
	c, err := cycleNamed(e.ctx, db, path, cycleName)
	if err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	reg, err := db.Register(e.ctx)
	if err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	return db, c, reg, nil
}

// findActivities resolves --activity (an id, or a name matched exactly
// ignoring case) or --all against the register.
func findActivities(reg *model.Register, ref string, all bool) ([]*model.Activity, error) {
	if all {
		out := make([]*model.Activity, len(reg.Activities))
		for i := range reg.Activities {
			out[i] = &reg.Activities[i]
		}
		return out, nil
	}
	if id, err := uuid.Parse(strings.TrimSpace(ref)); err == nil {
		for i := range reg.Activities {
			if reg.Activities[i].ID == id {
				return []*model.Activity{&reg.Activities[i]}, nil
			}
		}
		return nil, model.Errorf(model.ENOTFOUND, "There is no activity with id %s.", id)
	}
	var found []*model.Activity
	for i := range reg.Activities {
		if strings.EqualFold(strings.TrimSpace(reg.Activities[i].Name), strings.TrimSpace(ref)) {
			found = append(found, &reg.Activities[i])
		}
	}
	switch len(found) {
	case 0:
		return nil, model.Errorf(model.ENOTFOUND, "There is no activity called %q; 'ropactl list' shows their names and ids.", ref)
	case 1:
		return found, nil
	}
	var ids []string
	for _, a := range found {
		ids = append(ids, fmt.Sprintf("%s (%s)", a.ID, orgLabel(reg, a)))
	}
	return nil, model.Errorf(model.EINVALID, "%d activities are called %q; name one by its id: %s.", len(found), ref, strings.Join(ids, ", "))
}

func orgLabel(reg *model.Register, a *model.Activity) string {
	if o := reg.Organisation(a.OrganisationID); o != nil {
		return o.Name
	}
	return "no organisation"
}

func reviewMark(e *env, args []string) error {
	fs := newFlags(e)
	cycleName := fs.String("cycle", "", "name of the review cycle")
	ref := fs.String("activity", "", "id or name of the activity")
	all := fs.Bool("all", false, "mark every activity")
	outcome := fs.String("outcome", "", "no_change, changed or retired")
	reviewer := fs.String("reviewer", "", "who reviewed it")
	date := fs.String("date", "", "date of the review, YYYY-MM-DD (default today)")
	notes := fs.String("notes", "", "what the review found")
	ndop := fs.Bool("ndop-confirmed", false, "the national data opt-out assessment was confirmed")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if (*ref == "") == !*all {
		return usagef("name one activity with --activity ID|NAME, or use --all")
	}
	if !model.Known(model.ReviewOutcomes, model.ReviewOutcome(*outcome)) {
		return usagef("--outcome must be no_change, changed or retired, not %q", *outcome)
	}
	if strings.TrimSpace(*reviewer) == "" {
		return usagef("--reviewer is required: who reviewed the activity")
	}
	day, err := parseDay(e, "date", *date)
	if err != nil {
		return err
	}
	db, c, reg, err := openCycle(e, pos[0], *cycleName, true)
	if err != nil {
		return err
	}
	defer db.Close()
	acts, err := findActivities(reg, *ref, *all)
	if err != nil {
		return err
	}
	r := model.Review{Date: day, Reviewer: *reviewer, Outcome: model.ReviewOutcome(*outcome), Notes: *notes, NDOPConfirmed: *ndop}
	if err := desk.MarkReviewed(e.ctx, db, c, acts, r); err != nil {
		return err
	}
	if len(acts) == 1 {
		fmt.Fprintf(e.stdout, "Marked %q reviewed in %q: %s.\n", acts[0].Name, c.Name, model.LabelOf(model.ReviewOutcomes, model.ReviewOutcome(*outcome)))
	} else {
		fmt.Fprintf(e.stdout, "Marked %d activities reviewed in %q: %s.\n", len(acts), c.Name, model.LabelOf(model.ReviewOutcomes, model.ReviewOutcome(*outcome)))
	}
	return db.Close()
}

func reviewStatus(e *env, args []string) error {
	fs := newFlags(e)
	cycleName := fs.String("cycle", "", "name of the review cycle")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	db, c, reg, err := openCycle(e, pos[0], *cycleName, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if c.SignOff != nil {
		// A signed-off cycle is reported as it was frozen.
		if reg, err = db.CycleSnapshot(e.ctx, c.ID); err != nil {
			return err
		}
	}
	reviewed, unreviewed := desk.CycleProgress(reg, c)
	w := e.stdout
	fmt.Fprintf(w, "%s: %d of %d activities reviewed.\n", c.Name, reviewed, len(reg.Activities))
	if c.SignOff != nil {
		fmt.Fprintf(w, "Signed off by %s on %s.\n", c.SignOff.By, c.SignOff.Date.Format("2 January 2006"))
	} else {
		fmt.Fprintln(w, "Not signed off.")
	}
	overdue := 0
	for i := range reg.Activities {
		if model.ReviewOverdue(&reg.Activities[i], c.IntervalMonths, e.now) {
			overdue++
		}
	}
	if overdue > 0 {
		fmt.Fprintf(w, "%d %s overdue for review.\n", overdue, pluralWord(overdue, "activity is", "activities are"))
	}
	if len(unreviewed) > 0 {
		fmt.Fprintln(w, "Not yet reviewed:")
		for _, a := range unreviewed {
			fmt.Fprintf(w, "  %s  %s (%s)\n", a.ID, a.Name, orgLabel(reg, a))
		}
	}
	return nil
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func reviewSignOff(e *env, args []string) error {
	fs := newFlags(e)
	cycleName := fs.String("cycle", "", "name of the review cycle")
	by := fs.String("by", "", "who signs off")
	statement := fs.String("statement", "", "the sign-off statement")
	date := fs.String("date", "", "date of sign-off, YYYY-MM-DD (default today)")
	role := fs.String("role", "", "the role of the person signing off")
	body := fs.String("approving-body", "", "the board or committee that approved the record")
	reference := fs.String("reference", "", "the minute or other reference of the approval")
	ack := fs.String("acknowledge", "", "why the cycle is signed off with activities unreviewed or errors open")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*by) == "" || strings.TrimSpace(*statement) == "" {
		return usagef("--by and --statement are required to sign off")
	}
	day, err := parseDay(e, "date", *date)
	if err != nil {
		return err
	}
	db, c, reg, err := openCycle(e, pos[0], *cycleName, true)
	if err != nil {
		return err
	}
	defer db.Close()
	so := model.SignOff{By: *by, Date: day, Statement: *statement,
		Role: strings.TrimSpace(*role), ApprovingBody: strings.TrimSpace(*body), Reference: strings.TrimSpace(*reference),
		Acknowledgement: strings.TrimSpace(*ack)}
	if err := desk.SignOff(e.ctx, db, c, so); err != nil {
		return signOffRefused(err)
	}
	s := *c.SignOff
	reviewed, unreviewed := desk.CycleProgress(reg, c)
	fmt.Fprintf(e.stdout, "Signed off %q by %s on %s (%d of %d activities reviewed).\n",
		c.Name, s.By, s.Date.Format("2 January 2006"), reviewed, len(reg.Activities))
	if len(unreviewed) > 0 {
		fmt.Fprintf(e.stderr, "Warning: %d %s not reviewed in this cycle; the PDF shows them as NOT REVIEWED.\n",
			len(unreviewed), pluralWord(len(unreviewed), "activity was", "activities were"))
	}
	file, isFile := db.(*store.DB)
	if !isFile {
		// A shared register has no folder of its own to write a receipt
		// beside; a copy to a file keeps the sign-off as it was chained.
		fp, head, err := db.SignedOffFingerprint(e.ctx, c.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "History head at sign-off: %s\nFingerprint of the signed-off PDF: %s\n", head, fp)
		fmt.Fprintln(e.stdout, "Keep these lines outside the register. For a receipt file, copy the register to a file ('ropactl copy CONNECTION FILE.ropa') and run 'ropactl review receipt FILE.ropa --cycle NAME'.")
		return db.Close()
	}
	rc, err := file.SignOffReceipt(e.ctx, c.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Receipt: %s\nHistory head at sign-off: %s (change %d)\nFingerprint of the signed-off PDF: %s\n",
		store.ReceiptPath(file.Path(), c.Name), rc.HistoryHead, rc.HistorySeq, rc.Fingerprint)
	fmt.Fprintln(e.stdout, "Keep the receipt, or these lines, outside the register: 'ropactl verify --receipt' compares the register with them.")
	return db.Close()
}

// signOffRefused turns the sign-off rules' field errors into one sentence
// for the person at the command line, naming each problem in words.
func signOffRefused(err error) error {
	var v model.ValidationErrors
	if !errors.As(err, &v) {
		return err
	}
	msgs := make([]string, len(v))
	for i, fe := range v {
		msgs[i] = fe.Message
		if fe.Field == "sign_off.role" {
			msgs[i] += " (--role)"
		}
		if fe.Field == "sign_off.acknowledgement" {
			msgs[i] += " (--acknowledge TEXT)"
		}
	}
	return model.Errorf(model.EINVALID, "The cycle was not signed off. %s", strings.Join(msgs, " "))
}

// reviewReceipt writes a signed-off cycle's receipt again, for when it was
// lost or could not be written at sign-off.
func reviewReceipt(e *env, args []string) error {
	fs := newFlags(e)
	cycleName := fs.String("cycle", "", "name of the review cycle")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if pgstore.IsConnString(pos[0]) {
		return sharedOnly("Writing a receipt", "a receipt is written beside a register file and read with it by 'ropactl verify --receipt'")
	}
	db, c, _, err := openCycle(e, pos[0], *cycleName, false)
	if err != nil {
		return err
	}
	defer db.Close()
	path, err := db.(*store.DB).WriteReceipt(e.ctx, c.ID)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, path)
	return db.Close()
}

func reviewList(e *env, args []string) error {
	fs := newFlags(e)
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	db, err := openStore(e, pos[0], false)
	if err != nil {
		return err
	}
	defer db.Close()
	cycles, err := db.Cycles(e.ctx)
	if err != nil {
		return err
	}
	if len(cycles) == 0 {
		fmt.Fprintf(e.stdout, "No review cycles yet; start one with 'ropactl review start %s --name NAME'.\n", shellWord(pgstore.Redact(pos[0])))
		return nil
	}
	reg, err := db.Register(e.ctx)
	if err != nil {
		return err
	}
	for i := range cycles {
		c := &cycles[i]
		r := reg
		if c.SignOff != nil {
			if r, err = db.CycleSnapshot(e.ctx, c.ID); err != nil {
				return err
			}
		}
		reviewed, _ := desk.CycleProgress(r, c)
		state := "open"
		if c.SignOff != nil {
			state = fmt.Sprintf("signed off by %s on %s", c.SignOff.By, c.SignOff.Date.Format("2006-01-02"))
		}
		fmt.Fprintf(e.stdout, "%s\tstarted %s\t%d of %d reviewed\t%s\n",
			c.Name, c.StartedAt.Format("2006-01-02"), reviewed, len(r.Activities), state)
	}
	return nil
}

// exportOptions are the export flags that only some formats use.
type exportOptions struct {
	cycle string // --cycle: the review cycle the PDF reports on
	asAt  string // --as-at YYYY-MM-DD
	path  string // the register's path or connection string, for messages
}

// resolve turns the export flags into desk's options: the cycle named,
// the as-at date, and ropactl's clock as now.
func (opt exportOptions) resolve(e *env, reg desk.Register) (desk.ExportOptions, error) {
	o := desk.ExportOptions{Now: e.now}
	if opt.cycle != "" {
		c, err := cycleNamed(e.ctx, reg, opt.path, opt.cycle)
		if err != nil {
			return o, err
		}
		o.Cycle = c
	}
	if opt.asAt != "" {
		day, err := parseDay(e, "as-at", opt.asAt)
		if err != nil {
			return o, err
		}
		o.AsAt = day
	}
	return o, nil
}
