package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/exchange"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

func init() {
	register(&command{
		name:    "import",
		args:    "REGISTER FILE [--dry-run] [--organisation NAME] [--retire-missing]",
		summary: "import the ICO template (XLSX), CSV or JSON into a register",
		usage: `
Reads FILE (.xlsx in the ICO controller template's layout or as ROPA Desk
exports it, .csv with the same headings, or .json) and shows what importing
it would do: the activities added, changed (field by field) and left alone,
and every value that could not be mapped, with its sheet, row, column and
cell text. Then it applies the changes in one transaction, unless --dry-run.

An activity in FILE is matched to one in the register by the "ROPA Desk:
activity id" column when the file has it, otherwise by organisation,
business function and purpose; importing the same file twice changes
nothing the second time. Text that could not be mapped is kept in extra
columns named "<heading> (original text)".

A visible cell edited in Excel wins over ROPA Desk's hidden column for the
same data; the preview names the cell each change came from.

Activities of the file's organisations that the file does not have (rows
deleted in the spreadsheet) are listed; they are retired only with
--retire-missing, never deleted. Rows that name no organisation, when the
register has several, are an error until --organisation says whose they are.

Nothing is written if any problem is an error (exit status 1).

Flags:
  --dry-run            show the preview only; write nothing
  --organisation NAME  the organisation (name or id) of rows that name none
  --retire-missing     retire the activities the file leaves out

Examples:
  ropactl import demo.ropa ropa-2024.xlsx --dry-run
  ropactl import demo.ropa ropa-2024.xlsx
  ropactl import demo.ropa activities.csv
`,
		run: runImport,
	})
}

func runImport(e *env, args []string) error {
	fs := newFlags(e)
	dryRun := fs.Bool("dry-run", false, "")
	org := fs.String("organisation", "", "")
	retire := fs.Bool("retire-missing", false, "")
	pos, err := parse(fs, args, 2)
	var uerr *usageError
	if errors.As(err, &uerr) && strings.HasPrefix(uerr.msg, "missing") {
		return usagef("needs the register file and the file to import")
	}
	if err != nil {
		return err
	}
	regPath, file := pos[0], pos[1]

	db, err := openStore(e, regPath, !*dryRun)
	if err != nil {
		return err
	}
	defer db.Close()
	imp, err := desk.PreviewImport(e.ctx, db, file, exchange.PlanOptions{Organisation: *org, RetireMissing: *retire})
	if err != nil {
		return err
	}
	plan := imp.Plan
	if *dryRun || plan.Blocking() {
		printPlan(e.stdout, plan)
		if !plan.Blocking() {
			fmt.Fprintln(e.stdout, "Dry run: nothing was written.")
		}
		return desk.BlockingError(plan, file)
	}
	done, err := desk.ApplyImport(e.ctx, db, imp)
	// The plan printed is the one written: made again inside the write,
	// on the register as it then was.
	printPlan(e.stdout, imp.Plan)
	if err != nil {
		return err
	}
	plan = imp.Plan
	fmt.Fprintf(e.stdout, "Imported %s into %s: %d added, %d changed, %d retired.\n", file, pgstore.Redact(regPath), len(plan.Added), len(plan.Changed), len(plan.Retired))
	if done.SkippedCycles > 0 {
		fmt.Fprintf(e.stdout, "%d signed-off review cycle(s) in the file were not recreated.\n", done.SkippedCycles)
	}
	if n, m := len(plan.Assets), len(plan.Suppliers); n+m > 0 {
		fmt.Fprintf(e.stdout, "%s and %s added or updated.\n", plural(n, "information asset", "information assets"), plural(m, "supplier", "suppliers"))
	}
	return nil
}

func printPlan(w io.Writer, p *exchange.ImportPlan) {
	fmt.Fprintf(w, "Import of %s: %d added, %d changed, %d unchanged; %d organisation(s) added, %d changed; %d problem(s).\n",
		p.File, len(p.Added), len(p.Changed), len(p.Unchanged), len(p.AddedOrganisations), len(p.ChangedOrganisations), len(p.Problems))
	for _, o := range p.AddedOrganisations {
		fmt.Fprintf(w, "  + organisation %q\n", o.Organisation.Name)
	}
	for _, o := range p.ChangedOrganisations {
		fmt.Fprintf(w, "  ~ organisation %q (matched by %s)\n", o.Organisation.Name, o.MatchedBy)
		printFieldChanges(w, o.Changes)
	}
	for _, a := range p.Added {
		fmt.Fprintf(w, "  + %q%s\n", a.Activity.Name, where(a))
	}
	for _, a := range p.Changed {
		fmt.Fprintf(w, "  ~ %q%s, matched by %s\n", a.Activity.Name, where(a), a.MatchedBy)
		printFieldChanges(w, a.Changes)
	}
	if len(p.Missing) > 0 {
		if len(p.Retired) > 0 {
			fmt.Fprintf(w, "Not in the file, and retired (--retire-missing): %d activity(ies)\n", len(p.Retired))
		} else {
			fmt.Fprintf(w, "Not in the file, left as they are (--retire-missing retires them): %d activity(ies)\n", len(p.Missing))
		}
		for _, a := range p.Missing {
			fmt.Fprintf(w, "  - %q\n", a.Activity.Name)
		}
	}
	if len(p.Unassigned) > 0 {
		fmt.Fprintf(w, "%d row(s) name no organisation; say whose they are with --organisation, one of:\n", len(p.Unassigned))
		for _, o := range p.Organisations {
			fmt.Fprintf(w, "  %q\n", o.Name)
		}
	}
	if len(p.Problems) > 0 {
		fmt.Fprintln(w, "Problems:")
		for _, q := range p.Problems {
			fmt.Fprintf(w, "  %s\n", q)
		}
	}
}

func where(a exchange.PlannedActivity) string {
	switch {
	case a.Row > 0 && a.Sheet != "":
		return fmt.Sprintf(" (sheet %q, row %d)", a.Sheet, a.Row)
	case a.Row > 0:
		return fmt.Sprintf(" (row %d)", a.Row)
	}
	return ""
}

func printFieldChanges(w io.Writer, changes []exchange.FieldChange) {
	for _, c := range changes {
		from := ""
		if c.Cell != nil {
			from = " (from " + c.Cell.String() + ")"
		}
		fmt.Fprintf(w, "      %s: %s → %s%s\n", c.Field, shorten(c.Old), shorten(c.New), from)
	}
}

func shorten(s string) string {
	if s == "" {
		return "(none)"
	}
	if r := []rune(s); len(r) > 100 {
		return string(r[:100]) + "…"
	}
	return s
}
