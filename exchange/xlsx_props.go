package exchange

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/model"
)

// What makes an XLSX export the same bytes for the same register: its
// properties dated by the register, its parts in a fixed order.

// sortedZip copies a zip to w with its parts in name order. excelize
// writes them in the order of a map, different each time; sorted, the same
// register exports to the same bytes. The parts are copied compressed, not
// compressed again.
func sortedZip(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	zw := zip.NewWriter(w)
	for _, f := range files {
		if err := zw.Copy(f); err != nil {
			return err
		}
	}
	return zw.Close()
}

// setProperties names ROPA Desk as the workbook's author and application
// (excelize's own defaults name its author and 2006), dated by the
// register's as-at time rather than the clock, so that the same register
// always exports to the same bytes.
func setProperties(f *excelize.File, r *model.Register) error {
	at := asAt(r).UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator:        "ROPA Desk",
		LastModifiedBy: "ROPA Desk",
		Title:          "Record of processing activities",
		Description:    "UK GDPR Article 30 record of processing activities, in the layout of the ICO's controller template, exported by ROPA Desk.",
		Created:        at,
		Modified:       at,
	}); err != nil {
		return fmt.Errorf("write XLSX properties: %w", err)
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "ROPA Desk"}); err != nil {
		return fmt.Errorf("write XLSX properties: %w", err)
	}
	return nil
}

// asAt is the time of the register's latest change: its newest creation,
// update, cycle start or sign-off. An empty register has none, and gets the
// earliest time a zip file can record.
func asAt(r *model.Register) time.Time {
	var t time.Time
	later := func(u time.Time) {
		if u.After(t) {
			t = u
		}
	}
	for _, o := range r.Organisations {
		later(o.CreatedAt)
		later(o.UpdatedAt)
	}
	for _, a := range r.Activities {
		later(a.CreatedAt)
		later(a.UpdatedAt)
	}
	for _, c := range r.ReviewCycles {
		later(c.StartedAt)
		if c.SignOff != nil {
			later(c.SignOff.Date)
		}
	}
	if t.IsZero() {
		return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}
