package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report"
)

// exportFormat is one way of writing the register out.
type exportFormat struct {
	label string
	ext   string
	// write writes r; progress may be called from the writing goroutine.
	write func(ctx context.Context, w io.Writer, reg Register, r *model.Register, progress func(done, total int)) error
}

func exportFormats() []exportFormat {
	return []exportFormat{
		{lang.L("Annual review PDF"), ".pdf", func(ctx context.Context, w io.Writer, reg Register, _ *model.Register, progress func(int, int)) error {
			src, ok := reg.(report.Source)
			if !ok {
				return fmt.Errorf("the register cannot be read for a PDF")
			}
			in, err := report.BuildInput(ctx, src, report.Options{Today: exportDate()})
			if err != nil {
				return err
			}
			return report.Write(ctx, w, in, progress)
		}},
		{lang.L("ICO template (Excel)"), ".xlsx", func(_ context.Context, w io.Writer, _ Register, r *model.Register, _ func(int, int)) error {
			return exchange.WriteXLSX(w, r)
		}},
		{lang.L("CSV (one row per activity)"), ".csv", func(_ context.Context, w io.Writer, _ Register, r *model.Register, _ func(int, int)) error {
			return exchange.WriteCSV(w, r)
		}},
		{lang.L("JSON (ROPA Desk format)"), ".json", func(_ context.Context, w io.Writer, _ Register, r *model.Register, _ func(int, int)) error {
			return exchange.WriteJSON(w, r, time.Now().UTC())
		}},
	}
}

// exportDate is midnight UTC today: the PDF's as-at date, so two exports on the
// same day of the same register are the same bytes.
func exportDate() time.Time {
	y, m, d := time.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// onExport asks for a format and a file, then exports in the background.
func (u *App) onExport() {
	if u.reg == nil {
		return
	}
	formats := exportFormats()
	choice := widget.NewRadioGroup(nil, nil)
	for _, f := range formats {
		choice.Options = append(choice.Options, f.label)
	}
	choice.SetSelected(formats[0].label)
	d := dialog.NewCustomConfirm(lang.L("Export register"), lang.L("Choose file…"), lang.L("Cancel"), choice, func(ok bool) {
		if !ok {
			return
		}
		for _, f := range formats {
			if f.label == choice.Selected {
				u.chooseExportFile(f, "")
			}
		}
	}, u.win)
	d.Show()
}

// chooseExportFile asks where to save, offering name (without the
// extension; empty means the register's own name), then exports.
func (u *App) chooseExportFile(f exportFormat, name string) {
	base := strings.TrimSuffix(filepath.Base(u.reg.Path()), filepath.Ext(u.reg.Path()))
	if name != "" {
		base = name
	}
	askSavePath(u, f.ext, base+f.ext, func(path string) { u.runExport(f, path) })
}

// Export writes the register to path in the format with extension ext
// (".pdf", ".xlsx", ".csv" or ".json"), in the background with a progress
// bar and a Cancel button.
func (u *App) Export(ext, path string) {
	var format *exportFormat
	for _, f := range exportFormats() {
		if f.ext == ext {
			format = &f
		}
	}
	if format != nil {
		u.runExport(*format, path)
	}
}

// runExport writes the register to path with format; Export and the
// Review screen's cycle PDF share it.
func (u *App) runExport(format exportFormat, path string) {
	if u.reg == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	status := widget.NewLabel(lang.L("Reading the register…"))
	progress := dialog.NewCustom(lang.L("Exporting"), lang.L("Cancel"),
		container.NewVBox(widget.NewLabel(filepath.Base(path)), bar, status), u.win)
	progress.SetOnClosed(cancel)
	progress.Resize(fyne.NewSize(420, 0))
	progress.Show()

	reg := u.reg
	inBackground(func() func() {
		err := writeExport(ctx, reg, format, path, func(done, total int) {
			runOnUI(func() {
				if total > 0 {
					bar.SetValue(float64(done) / float64(total))
					status.SetText(lang.L("Laying out activities…"))
				}
			})
		})
		return func() {
			cancelled := errors.Is(err, context.Canceled)
			progress.Hide()
			cancel()
			switch {
			case cancelled:
			case err != nil:
				u.showError(fmt.Errorf("export %s: %w", path, err))
			default:
				dialog.ShowInformation(lang.L("Export finished"), fmt.Sprintf(lang.L("Saved %s."), path), u.win)
			}
		}
	})
}

func writeExport(ctx context.Context, reg Register, f exportFormat, path string, progress func(done, total int)) (err error) {
	r, err := reg.Register(ctx)
	if err != nil {
		return fmt.Errorf("read register: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("create file: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := f.write(ctx, tmp, reg, r, progress); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save file: %w", err)
	}
	return nil
}

// onImport asks for a file, then previews the import.
func (u *App) onImport() {
	if u.reg == nil {
		return
	}
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		_ = rc.Close()
		u.PreviewImport(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv", ".json"}))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// PreviewImport reads path and shows what importing it would do; nothing
// is written unless the DPO confirms.
func (u *App) PreviewImport(path string) {
	u.confirmLeave(func() {
		done := showBusy(u.win, lang.L("Reading file…"), filepath.Base(path))
		reg := u.reg
		inBackground(func() func() {
			var plan *exchange.ImportPlan
			in, err := exchange.ReadFile(path)
			if err == nil {
				var existing *model.Register
				existing, err = reg.Register(context.Background())
				if err == nil {
					plan = exchange.Plan(existing, in)
				}
			}
			return func() {
				done()
				if err != nil {
					u.showError(fmt.Errorf("import %s: %w", path, err))
					return
				}
				u.showImportPlan(plan)
			}
		})
	})
}
