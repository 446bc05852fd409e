package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

func init() {
	register(&command{
		name:    "check",
		args:    "REGISTER [--json]",
		summary: "run the consistency checks and list the findings",
		usage: `
Runs the consistency checks a DPO expects (Article 9 condition missing,
Schedule 1 paragraph missing, no retention period, review overdue, NDOP
assessment missing…) on every activity, and prints the findings grouped by
activity with their severity, then a summary line.

Exits with status 1 if any finding is an error, so it can guard a script or
CI job; warnings alone exit 0.

Flags:
  --json   print {"activities": N, "errors": N, "warnings": N, "findings": [...]}

Examples:
  ropactl check demo.ropa
  ropactl check demo.ropa --json | jq '.findings[] | select(.severity == "error")'
`,
		run: runCheck,
	})
}

type checkReport struct {
	Activities int             `json:"activities"`
	Errors     int             `json:"errors"`
	Warnings   int             `json:"warnings"`
	Findings   []model.Finding `json:"findings"`
}

func runCheck(e *env, args []string) error {
	fs := newFlags(e)
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	r, err := readRegister(e, pos[0])
	if err != nil {
		return err
	}
	rep := checkReport{Activities: len(r.Activities), Findings: nonNil(model.CheckRegister(r, e.now))}
	for _, f := range rep.Findings {
		switch f.Severity {
		case model.SeverityError:
			rep.Errors++
		case model.SeverityWarning:
			rep.Warnings++
		}
	}

	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else if err := printFindings(e, r, rep); err != nil {
		return err
	}
	if rep.Errors > 0 {
		return errFindings
	}
	return nil
}

// printFindings prints findings under the activity they concern, in
// register order, so a DPO can work down the list.
func printFindings(e *env, r *model.Register, rep checkReport) error {
	byActivity := map[uuid.UUID][]model.Finding{}
	for _, f := range rep.Findings {
		byActivity[f.ActivityID] = append(byActivity[f.ActivityID], f)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for i := range r.Activities {
		a := &r.Activities[i]
		fs := byActivity[a.ID]
		if len(fs) == 0 {
			continue
		}
		delete(byActivity, a.ID)
		org := ""
		if o := r.Organisation(a.OrganisationID); o != nil {
			org = " (" + o.Name + ")"
		}
		fmt.Fprintf(tw, "%s%s\n", a.Name, org)
		for _, f := range fs {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", f.Severity, f.FieldLabel, f.Message)
		}
	}
	// Findings that concern no activity of the register (the whole
	// register, say) still get shown.
	// They are printed in the checks' order, not the map's.
	for _, f := range rep.Findings {
		if _, left := byActivity[f.ActivityID]; left {
			fmt.Fprintf(tw, "%s\n  %s\t%s\t%s\n", findingSubject(f), f.Severity, f.FieldLabel, f.Message)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(rep.Findings) > 0 {
		fmt.Fprintln(e.stdout)
	}
	fmt.Fprintf(e.stdout, "%s checked: %s, %s.\n", plural(rep.Activities, "activity", "activities"),
		plural(rep.Errors, "error", "errors"), plural(rep.Warnings, "warning", "warnings"))
	return nil
}

// findingSubject names what a finding about no activity concerns: an
// information asset, a supplier, an organisation or the whole register.
func findingSubject(f model.Finding) string {
	switch {
	case f.Asset != "":
		return "Information asset: " + f.Asset
	case f.Supplier != "":
		return "Supplier: " + f.Supplier
	case f.Organisation != "":
		return "Organisation: " + f.Organisation
	case f.Activity != "":
		return f.Activity
	}
	return "The register as a whole"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
