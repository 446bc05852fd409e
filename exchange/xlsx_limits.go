package exchange

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"

	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/model"
)

// Limits on a workbook, so that a wrong or hostile file (a zip bomb: a
// megabyte that unzips to gigabytes) is refused at once, before anything
// is unpacked. A ROPA Desk export of 10,000 fully filled activities unzips
// to about 60 MiB; a real register is far smaller.
const (
	// MaxUnzipSize is the most all of a workbook's parts may unzip to.
	MaxUnzipSize = 256 << 20
	// maxUnzipInMemory bounds what the merged-cells scan keeps of a sheet
	// (ico_merges.go).
	maxUnzipInMemory = 16 << 20
	// sheetInMemory: a part larger than this unzipped is spooled to the
	// import's temporary folder rather than held in memory by excelize. A
	// 10,000-activity export's Template sheet is 44 MB: writing it out and
	// reading it back was a tenth of the import's time, so sheets up to
	// 96 MiB stay in memory (more than any real register's).
	sheetInMemory = 96 << 20
	// MaxSheetRows is the most rows a sheet may have (the register's
	// activities, with room to spare).
	MaxSheetRows = 50_000
	// MaxSheetColumns is the most columns a row may have.
	MaxSheetColumns = 1_000
	// maxSheetText bounds the text of one sheet as held in memory.
	maxSheetText = 512 << 20
)

// ReadOptions say where an import may keep its temporary files.
type ReadOptions struct {
	// TempDir is the folder for the unzipped parts of a large workbook
	// (beside the register, so they are on the same disk and found by its
	// clean-up); "" means the system's temporary folder. The import makes
	// its own folder inside and removes it on every path, errors included.
	TempDir string
}

// checkZip refuses a workbook whose parts would unzip to more than the
// limits, reading only the zip's directory. archive/zip refuses a part that
// unzips to more than its directory entry says, so the sizes can be
// trusted.
func checkZip(data []byte, name string) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return model.Errorf(model.EINVALID, "%s is not a readable Excel workbook (.xlsx): it may be cut short, damaged or in another format. Open it in Excel and save it as an Excel Workbook (.xlsx), then try again.", name)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > MaxUnzipSize || total > MaxUnzipSize {
			return model.Errorf(model.EINVALID, "%s would unpack to more than %d MiB (its part %q alone to %d MiB), far more than any register needs; ROPA Desk does not open it. Check it is the right file.",
				name, MaxUnzipSize>>20, truncate(f.Name, 60), f.UncompressedSize64>>20)
		}
	}
	return nil
}

// openWorkbook opens data with excelize inside a temporary folder of its
// own under opts.TempDir; the returned close removes both.
func openWorkbook(data []byte, name string, opts ReadOptions) (*excelize.File, func(), error) {
	if err := checkZip(data, name); err != nil {
		return nil, func() {}, err
	}
	dir, err := os.MkdirTemp(opts.TempDir, ".ropa-import-")
	if err != nil && opts.TempDir != "" {
		// A read-only folder beside the register: the system's will do.
		dir, err = os.MkdirTemp("", ".ropa-import-")
	}
	if err != nil {
		return nil, func() {}, fmt.Errorf("make a temporary folder to read %s: %w", name, err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    MaxUnzipSize,
		UnzipXMLSizeLimit: sheetInMemory,
		TmpDir:            dir,
	})
	if err != nil {
		cleanup()
		return nil, func() {}, model.Errorf(model.EINVALID, "%s is not a readable Excel workbook (.xlsx): it may be cut short, damaged or in another format. Open it in Excel and save it as an Excel Workbook (.xlsx), then try again.", name)
	}
	return f, func() { f.Close(); cleanup() }, nil
}

// readSheetRows reads a sheet row by row, refusing one over the limits on
// rows, columns, cell size and text, naming where. part is the sheet's XML
// when the workbook holds it in memory: fastSheetRows reads it when it can,
// excelize's iterator otherwise.
func readSheetRows(f *excelize.File, file, sheet string, part []byte, sst sharedStrings, plain func(int) bool) ([][]string, error) {
	lim := sheetLimits{file: file, sheet: sheet}
	if part != nil {
		if rows, ok := fastSheetRows(part, sst, plain); ok {
			for _, row := range rows {
				if err := lim.add(row); err != nil {
					return nil, err
				}
			}
			return lim.rows(), nil
		}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "%s: sheet %q cannot be read; the workbook may be damaged. Open it in Excel and save it again.", file, sheet)
	}
	defer rows.Close()
	for rows.Next() {
		if err := lim.room(); err != nil {
			return nil, err // before reading a row past the limit
		}
		row, err := rows.Columns()
		if err != nil {
			return nil, model.Errorf(model.EINVALID, "%s: sheet %q, row %d cannot be read; the workbook may be damaged. Open it in Excel and save it again.", file, sheet, len(lim.out)+1)
		}
		if err := lim.add(row); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, model.Errorf(model.EINVALID, "%s: sheet %q cannot be read to the end; the workbook may be damaged. Open it in Excel and save it again.", file, sheet)
	}
	return lim.rows(), nil
}

// sheetLimits gathers a sheet's rows, checking each against the limits.
type sheetLimits struct {
	file, sheet string
	out         [][]string
	last, text  int
}

// room refuses a row past MaxSheetRows.
func (l *sheetLimits) room() error {
	if len(l.out) >= MaxSheetRows {
		return model.Errorf(model.EINVALID, "%s: sheet %q has more than %d rows, more than ROPA Desk imports at once. Check it is the right file, or split it.", l.file, l.sheet, MaxSheetRows)
	}
	return nil
}

func (l *sheetLimits) add(row []string) error {
	if err := l.room(); err != nil {
		return err
	}
	if len(row) > MaxSheetColumns {
		return model.Errorf(model.EINVALID, "%s: sheet %q, row %d has %d columns, more than the %d ROPA Desk reads. Check it is the right file.", l.file, l.sheet, len(l.out)+1, len(row), MaxSheetColumns)
	}
	for c, v := range row {
		if len(v) > MaxCellSize {
			return model.Errorf(model.EINVALID, "%s: sheet %q, cell %s holds %.1f MiB of text; ROPA Desk reads at most %d MiB from one cell. Check the file is the right one, or shorten that cell.",
				l.file, l.sheet, cellName(c, len(l.out)), float64(len(v))/(1<<20), MaxCellSize>>20)
		}
		l.text += len(v)
	}
	if l.text > maxSheetText {
		return model.Errorf(model.EINVALID, "%s: sheet %q holds more than %d MiB of text, more than ROPA Desk imports at once. Check it is the right file.", l.file, l.sheet, maxSheetText>>20)
	}
	l.out = append(l.out, row)
	if len(row) > 0 {
		l.last = len(l.out)
	}
	return nil
}

// rows is what was read, without the empty rows at the end.
func (l *sheetLimits) rows() [][]string { return l.out[:l.last] }
