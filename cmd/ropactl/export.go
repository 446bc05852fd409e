package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

func init() {
	register(&command{
		name:    "export",
		args:    "REGISTER --format FORMAT --out FILE [--cycle NAME] [--as-at YYYY-MM-DD] [--org NAME]",
		summary: "export the register (JSON, annual-review PDF, DSPT workbook)",
		usage: `
Writes the whole register to FILE in FORMAT. The file is written beside FILE
under a temporary name and renamed into place only when complete, so a
failed export never leaves half a file; "--out -" writes to standard output.

Flags:
  --format FORMAT   json: the versioned ROPA Desk JSON document (see the
                    README), with derived rights, NDOP verdicts and findings
                    marked "derived". When omitted, taken from FILE's
                    extension.
                    xlsx: the ICO controller template, with ROPA Desk's own
                    fields in columns after AD ('ropactl import' reads it
                    back losslessly).
                    csv: the same columns, one row per activity (UTF-8).
                    pdf: the annual-review PDF for auditors.
                    dspt: an XLSX workbook for the Data Security and
                    Protection Toolkit: the 1.1.2 table with NHS England's
                    13 columns, one row per activity with its information
                    assets and suppliers, and a sheet mapping what in the
                    register evidences 1.1.2, 1.1.3, 1.2.4, 1.4.1, 7.1.x,
                    10.x and CAF A3.a and E2.c.
  --out FILE        where to write (required); - for standard output
  --cycle NAME      pdf: the review cycle to report on; a signed-off cycle
                    prints the register as frozen at sign-off. Without it,
                    the PDF shows the current state, not a review cycle.
  --as-at DATE      pdf: the as-at date, YYYY-MM-DD (default: the sign-off
                    date of a signed-off cycle, else today)
  --org NAME        export one organisation of a shared register: that
                    organisation (by name, any case) and its activities; the
                    PDF's title and the workbook's organisation block name it

Examples:
  ropactl export demo.ropa --format json --out register.json
  ropactl export demo.ropa --out register.json
  ropactl export demo.ropa --out ropa.xlsx
  ropactl export demo.ropa --format json --out - | jq '.activities[].name'
  ropactl export demo.ropa --format dspt --out dspt-2026.xlsx
  ropactl export demo.ropa --format pdf --cycle "Annual review 2026" --out review-2026.pdf
  ropactl export clw.ropa --org "Harbour Dental Care Ltd" --out harbour.xlsx
`,
		run: runExport,
	})
}

// writeExport writes the register open in db to w in format; the desk
// package holds the formats, so ropactl and the app write the same bytes.
func writeExport(e *env, db registerStore, format desk.Format, w io.Writer, opt exportOptions, org string) error {
	o, err := resolveExport(e, db, opt, org)
	if err != nil {
		return err
	}
	return desk.Export(e.ctx, db, format, w, o)
}

// resolveExport is opt.resolve with the organisation named by --org.
func resolveExport(e *env, db registerStore, opt exportOptions, org string) (desk.ExportOptions, error) {
	o, err := opt.resolve(e, db)
	if err != nil || org == "" {
		return o, err
	}
	o.Organisation, err = organisationNamed(e.ctx, db, org)
	return o, err
}

// organisationNamed finds the organisation called name, ignoring case and
// the spaces around it, and says which there are when none is.
func organisationNamed(ctx context.Context, db registerStore, name string) (uuid.UUID, error) {
	orgs, err := db.Organisations(ctx)
	if err != nil {
		return uuid.Nil, err
	}
	names := make([]string, len(orgs))
	for i, o := range orgs {
		if strings.EqualFold(strings.TrimSpace(o.Name), strings.TrimSpace(name)) {
			return o.ID, nil
		}
		names[i] = fmt.Sprintf("%q", o.Name)
	}
	if len(orgs) == 0 {
		return uuid.Nil, model.Errorf(model.ENOTFOUND, "There is no organisation called %q: the register has no organisations.", name)
	}
	return uuid.Nil, model.Errorf(model.ENOTFOUND, "There is no organisation called %q; the register has %s.", name, strings.Join(names, ", "))
}

// formatNames lists desk's formats for messages, in the order help lists them.
func formatNames() string {
	names := make([]string, len(desk.Formats))
	for i, f := range desk.Formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

func runExport(e *env, args []string) error {
	fs := newFlags(e)
	format := fs.String("format", "", "")
	out := fs.String("out", "", "")
	var opt exportOptions
	fs.StringVar(&opt.cycle, "cycle", "", "")
	fs.StringVar(&opt.asAt, "as-at", "", "")
	org := fs.String("org", "", "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out FILE is required (use --out - for standard output)")
	}
	if *format == "" {
		*format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
		if *out == "-" || *format == "" {
			return usagef("--format is required when it cannot be told from --out; use %s", formatNames())
		}
	}
	f, known := desk.ParseFormat(*format)
	if !known {
		return usagef("--format %q is not a format; use %s", strings.ToLower(*format), formatNames())
	}
	if f != desk.PDF && (opt.cycle != "" || opt.asAt != "") {
		return usagef("--cycle and --as-at apply to --format pdf only")
	}
	opt.path = pos[0]

	db, err := openStore(e, pos[0], false)
	if err != nil {
		return err
	}
	defer db.Close()
	if *out == "-" {
		return writeExport(e, db, f, e.stdout, opt, *org)
	}
	o, err := resolveExport(e, db, opt, *org)
	if err == nil {
		err = desk.ExportFile(e.ctx, db, f, *out, o)
	}
	if err != nil {
		return fmt.Errorf("export %s to %s: %w", pgstore.Redact(pos[0]), *out, err)
	}
	fmt.Fprintf(e.stderr, "Exported %s to %s (%s).\n", pgstore.Redact(pos[0]), *out, f)
	return nil
}
