package desk

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/atomicfile"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report"
)

// Format is a way of writing the register out.
type Format string

// The export formats, in the order menus and help list them. Adding one is
// adding it here and a case in Export.
const (
	PDF  Format = "pdf"
	XLSX Format = "xlsx"
	CSV  Format = "csv"
	JSON Format = "json"
	// DSPT is the Data Security and Protection Toolkit's evidence for
	// item 1.1.2 (NHS England's 13 columns) and the items the register
	// evidences, as a workbook.
	DSPT Format = "dspt"
)

// Formats lists every export format.
var Formats = []Format{PDF, XLSX, DSPT, CSV, JSON}

// Ext is the file extension of f, with its dot.
func (f Format) Ext() string {
	if f == DSPT {
		return ".xlsx"
	}
	return "." + string(f)
}

// FormatOf is the format a file name's extension names ("x.PDF" is PDF).
func FormatOf(path string) (Format, bool) {
	return ParseFormat(strings.TrimPrefix(filepath.Ext(path), "."))
}

// ParseFormat reads a format's name, ignoring case.
func ParseFormat(s string) (Format, bool) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	for _, k := range Formats {
		if k == f {
			return f, true
		}
	}
	return "", false
}

// ExportOptions say what an export shows and when.
type ExportOptions struct {
	// Cycle is the review cycle the PDF reports on; nil is the register's
	// current state. Other formats always write the current state.
	Cycle *model.ReviewCycle
	// AsAt is the PDF's as-at date; zero is the sign-off date of a
	// signed-off Cycle, else the day of Now.
	AsAt time.Time
	// Now is when the export is made: the JSON's export time and the PDF's
	// default date. Both front ends pass their clock, so that the same
	// register exported at the same moment gives the same bytes.
	Now time.Time
	// Organisation, when not uuid.Nil, exports that one organisation of
	// the register and its activities (report.ForOrganisation): the PDF's
	// title and the workbook's organisation block are that organisation.
	Organisation uuid.UUID
	// Progress, when not nil, hears how far the PDF's layout has got; it
	// is called from the exporting goroutine.
	Progress func(done, total int)
}

// Export writes the register in format f to w.
func Export(ctx context.Context, reg Register, f Format, w io.Writer, opt ExportOptions) error {
	if f == PDF {
		in, err := pdfInput(ctx, reg, opt.Cycle, opt.AsAt, opt.Now, opt.Organisation)
		if err != nil {
			return err
		}
		return report.Write(ctx, w, in, opt.Progress)
	}
	r, err := reg.Register(ctx)
	if err != nil {
		return fmt.Errorf("read register: %w", err)
	}
	if opt.Organisation != uuid.Nil {
		if r, err = report.ForOrganisation(r, opt.Organisation); err != nil {
			return err
		}
	}
	switch f {
	case XLSX:
		return exchange.WriteXLSX(w, r)
	case CSV:
		return exchange.WriteCSV(w, r)
	case JSON:
		return exchange.WriteJSON(w, r, opt.Now.UTC())
	case DSPT:
		return exchange.WriteDSPT(w, r, opt.Now.UTC())
	}
	return model.Errorf(model.EINVALID, "%q is not an export format; use pdf, xlsx, dspt, csv or json.", string(f))
}

// ExportFile writes the register in format f to path, atomically: the file
// is whole or absent, and synced to disk before this returns.
func ExportFile(ctx context.Context, reg Register, f Format, path string, opt ExportOptions) error {
	return atomicfile.WriteFile(path, func(w io.Writer) error { return Export(ctx, reg, f, w, opt) })
}

// Day is midnight UTC of t's day: the PDF's dates, so that two exports of
// the same register on the same day are the same bytes.
func Day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
