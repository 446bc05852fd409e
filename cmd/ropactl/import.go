package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

func init() {
	register(&command{
		name:    "import",
		args:    "REGISTER FILE [--dry-run]",
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

Nothing is written if any problem is an error (exit status 1).

Flags:
  --dry-run   show the preview only; write nothing

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
	pos, err := parse(fs, args, 2)
	var uerr *usageError
	if errors.As(err, &uerr) && strings.HasPrefix(uerr.msg, "missing") {
		return usagef("needs the register file and the file to import")
	}
	if err != nil {
		return err
	}
	regPath, file := pos[0], pos[1]

	in, err := exchange.ReadFile(file)
	if err != nil {
		return err
	}
	db, err := openRegister(e, regPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if why := db.ReadOnly(); why != "" && !*dryRun {
		return model.Errorf(model.EREADONLY, "%s", why)
	}
	current, err := db.Register(e.ctx)
	if err != nil {
		return fmt.Errorf("read register %s: %w", regPath, err)
	}
	plan := exchange.Plan(current, in)
	printPlan(e.stdout, plan)

	if plan.Blocking() {
		n := 0
		for _, p := range plan.Problems {
			if p.Severity == model.SeverityError {
				n++
			}
		}
		return model.Errorf(model.EINVALID, "nothing was imported: %d problem(s) must be fixed in %s first.", n, file)
	}
	if *dryRun {
		fmt.Fprintln(e.stdout, "Dry run: nothing was written.")
		return nil
	}
	ch := plan.Changes()
	skipped := plan.SkippedCycles()
	if len(ch.Organisations)+len(ch.Activities)+len(ch.ReviewCycles) > 0 {
		if _, err := db.BackupBeforeImport(e.ctx); err != nil {
			return fmt.Errorf("back up %s before importing: %w", regPath, err)
		}
		if err := db.Apply(e.ctx, ch); err != nil {
			return fmt.Errorf("import %s into %s: %w", file, regPath, err)
		}
	}
	fmt.Fprintf(e.stdout, "Imported %s into %s: %d added, %d changed.\n", file, regPath, len(plan.Added), len(plan.Changed))
	if skipped > 0 {
		fmt.Fprintf(e.stdout, "%d signed-off review cycle(s) in the file were not recreated.\n", skipped)
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
		fmt.Fprintf(w, "      %s: %s → %s\n", c.Field, shorten(c.Old), shorten(c.New))
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
