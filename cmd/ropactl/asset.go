package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

func init() {
	register(&command{
		name:    "asset",
		args:    "add|list REGISTER [flags]",
		summary: "add or list information assets (the systems behind activities)",
		usage: `
Keeps the information asset register that DSPT item 1.1.2 asks for beside
the record of processing: the systems, services and paper stores that hold
the activities' personal data.

  asset add  REGISTER --name NAME [--owner IAO] [--administrator IAA]
             [--software S] [--hosting on_premises|cloud|supplier_hosted|paper]
             [--hosted-at WHERE] [--country C]
             [--criticality critical|high|medium|low]
             [--confidentiality high|medium|low] [--integrity L] [--availability L]
             [--dependency D]... [--support TEXT] [--retention TEXT]
             [--continuity TEXT] [--activity ID|NAME]... [--supplier ID|NAME]...
      Adds an asset, linked to each --activity (an id, or a name matched
      exactly ignoring case) and each --supplier. Repeat a flag to give more.
  asset list REGISTER [--json]
      Lists the assets: name, owner, criticality and how many activities
      each serves; --json prints them as the JSON format's
      "information_assets".

Examples:
  ropactl asset add demo.ropa --name "Clinical record system" --owner "Clinical Director" \
      --criticality critical --confidentiality high --activity "Care records: diagnoses, treatment and care"
  ropactl asset list demo.ropa
`,
		run: func(e *env, args []string) error {
			return runSteps(e, args, "asset", map[string]func(*env, []string) error{"add": assetAdd, "list": assetList})
		},
	})
}

// runSteps dispatches a command's first argument (add, list) to its step.
func runSteps(e *env, args []string, what string, steps map[string]func(*env, []string) error) error {
	if len(args) == 0 {
		return usagef("missing the %s step: add or list", what)
	}
	if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		return flag.ErrHelp
	}
	step, ok := steps[args[0]]
	if !ok {
		return usagef("there is no %s step %q; use add or list", what, args[0])
	}
	return step(e, args[1:])
}

// listFlag is a flag that may be given more than once.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ", ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// codeFlag checks a code-valued flag against its options, so a typo is
// refused with the values it may take.
func codeFlag[T ~string](flagName, v string, opts []model.Option[T]) (T, error) {
	if v == "" || model.Known(opts, T(v)) {
		return T(v), nil
	}
	var codes []string
	for _, o := range opts {
		codes = append(codes, fmt.Sprintf("%s (%s)", o.Code, o.Label))
	}
	return "", usagef("--%s %q is not one of: %s", flagName, v, strings.Join(codes, ", "))
}

func assetAdd(e *env, args []string) error {
	fs := newFlags(e)
	var x model.InformationAsset
	fs.StringVar(&x.Name, "name", "", "")
	fs.StringVar(&x.Owner, "owner", "", "")
	fs.StringVar(&x.Administrator, "administrator", "", "")
	fs.StringVar(&x.Software, "software", "", "")
	fs.StringVar(&x.HostedAt, "hosted-at", "", "")
	fs.StringVar(&x.Country, "country", "", "")
	fs.StringVar(&x.SupportMaintenance, "support", "", "")
	fs.StringVar(&x.Retention, "retention", "", "")
	fs.StringVar(&x.ContinuityNotes, "continuity", "", "")
	hosting := fs.String("hosting", "", "")
	crit := fs.String("criticality", "", "")
	conf := fs.String("confidentiality", "", "")
	integ := fs.String("integrity", "", "")
	avail := fs.String("availability", "", "")
	var deps, acts, sups listFlag
	fs.Var(&deps, "dependency", "")
	fs.Var(&acts, "activity", "")
	fs.Var(&sups, "supplier", "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if strings.TrimSpace(x.Name) == "" {
		return usagef("--name is required")
	}
	if x.Hosting, err = codeFlag("hosting", *hosting, model.HostingKinds); err != nil {
		return err
	}
	if x.Criticality, err = codeFlag("criticality", *crit, model.Criticalities); err != nil {
		return err
	}
	for _, l := range []struct {
		name string
		v    string
		to   *model.ImpactLevel
	}{{"confidentiality", *conf, &x.Impact.Confidentiality}, {"integrity", *integ, &x.Impact.Integrity}, {"availability", *avail, &x.Impact.Availability}} {
		if *l.to, err = codeFlag(l.name, l.v, model.ImpactLevels); err != nil {
			return err
		}
	}
	x.Dependencies = deps

	db, err := openStore(e, pos[0], true)
	if err != nil {
		return err
	}
	defer db.Close()
	reg, err := db.Register(e.ctx)
	if err != nil {
		return fmt.Errorf("read register %s: %w", pgstore.Redact(pos[0]), err)
	}
	if x.ActivityIDs, err = activityIDs(reg, acts); err != nil {
		return err
	}
	for _, ref := range sups {
		s, err := findSupplier(reg, ref)
		if err != nil {
			return err
		}
		x.SupplierIDs = append(x.SupplierIDs, s.ID)
	}
	if err := db.SaveAsset(e.ctx, &x); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Added information asset %q (%s), linked to %s.\n", x.Name, x.ID, plural(len(x.ActivityIDs), "activity", "activities"))
	return nil
}

func activityIDs(reg *model.Register, refs []string) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	for _, ref := range refs {
		found, err := findActivities(reg, ref, false)
		if err != nil {
			return nil, err
		}
		ids = append(ids, found[0].ID)
	}
	return ids, nil
}

func assetList(e *env, args []string) error {
	return listRecords(e, args, registerStore.Assets, "NAME\tOWNER\tCRITICALITY\tACTIVITIES\tID",
		func(x model.InformationAsset) string {
			crit := ""
			if x.Criticality != "" {
				crit = model.LabelOf(model.Criticalities, x.Criticality)
			}
			return fmt.Sprintf("%s\t%s\t%s\t%d\t%s", cell(x.Name), cell(x.Owner), dash(crit), len(x.ActivityIDs), x.ID)
		}, "information asset", "information assets")
}

// listRecords is `asset list` and `supplier list`: the records read from
// the register at args' one path, as JSON with --json, else as a table of
// header and one row per record, and a count.
func listRecords[T any](e *env, args []string, read func(registerStore, context.Context) ([]T, error), header string, row func(T) string, one, many string) error {
	fs := newFlags(e)
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	db, err := openStore(e, pos[0], false)
	if err != nil {
		return err
	}
	defer db.Close()
	xs, err := read(db, e.ctx)
	if err != nil {
		return fmt.Errorf("read register %s: %w", pgstore.Redact(pos[0]), err)
	}
	if *asJSON {
		return printJSON(e, nonNil(xs))
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, header)
	for _, x := range xs {
		fmt.Fprintln(tw, row(x))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s.\n", plural(len(xs), one, many))
	return nil
}

func printJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
