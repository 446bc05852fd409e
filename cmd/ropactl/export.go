package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/store"
)

func init() {
	register(&command{
		name:    "export",
		args:    "REGISTER --format FORMAT --out FILE [--cycle NAME] [--as-at YYYY-MM-DD]",
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

Examples:
  ropactl export demo.ropa --format json --out register.json
  ropactl export demo.ropa --out register.json
  ropactl export demo.ropa --out ropa.xlsx
  ropactl export demo.ropa --format json --out - | jq '.activities[].name'
  ropactl export demo.ropa --format dspt --out dspt-2026.xlsx
  ropactl export demo.ropa --format pdf --cycle "Annual review 2026" --out review-2026.pdf
`,
		run: runExport,
	})
}

// exportFormats are the values --format accepts, in the order help lists
// them. Each has a case in writeExport.
var exportFormats = []string{"json", "xlsx", "csv", "pdf", "dspt"}

// writeExport writes the register open in db to w in format. Adding a
// format is adding a case here and its name to exportFormats.
func writeExport(e *env, db *store.DB, format string, w io.Writer, opt exportOptions) error {
	switch format {
	case "json":
		r, err := db.Register(e.ctx)
		if err != nil {
			return fmt.Errorf("read register: %w", err)
		}
		return exchange.WriteJSON(w, r, e.now)
	case "xlsx", "csv":
		r, err := db.Register(e.ctx)
		if err != nil {
			return fmt.Errorf("read register: %w", err)
		}
		if format == "csv" {
			return exchange.WriteCSV(w, r)
		}
		return exchange.WriteXLSX(w, r)
	case "pdf":
		return writePDF(e, db, w, opt)
	case "dspt":
		r, err := db.Register(e.ctx)
		if err != nil {
			return fmt.Errorf("read register: %w", err)
		}
		return exchange.WriteDSPT(w, r, e.now)
	default:
		return usagef("--format %q is not a format; use %s", format, strings.Join(exportFormats, ", "))
	}
}

func runExport(e *env, args []string) error {
	fs := newFlags(e)
	format := fs.String("format", "", "")
	out := fs.String("out", "", "")
	var opt exportOptions
	fs.StringVar(&opt.cycle, "cycle", "", "")
	fs.StringVar(&opt.asAt, "as-at", "", "")
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
			return usagef("--format is required when it cannot be told from --out; use %s", strings.Join(exportFormats, ", "))
		}
	}
	*format = strings.ToLower(*format)
	known := false
	for _, f := range exportFormats {
		known = known || f == *format
	}
	if !known {
		return usagef("--format %q is not a format; use %s", *format, strings.Join(exportFormats, ", "))
	}
	if *format != "pdf" && (opt.cycle != "" || opt.asAt != "") {
		return usagef("--cycle and --as-at apply to --format pdf only")
	}

	db, err := openRegister(e, pos[0])
	if err != nil {
		return err
	}
	defer db.Close()
	if *out == "-" {
		return writeExport(e, db, *format, e.stdout, opt)
	}
	if err := writeFileAtomic(*out, func(w io.Writer) error { return writeExport(e, db, *format, w, opt) }); err != nil {
		return fmt.Errorf("export %s to %s: %w", pos[0], *out, err)
	}
	fmt.Fprintf(e.stderr, "Exported %s to %s (%s).\n", pos[0], *out, *format)
	return nil
}

// writeFileAtomic writes path through a temporary file in the same
// directory (so the rename cannot cross file systems) and renames it into
// place only after write and sync succeed. The file is readable by its
// owner only: an export holds personal data about personal data.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
