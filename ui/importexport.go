package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// The File menu's import and export: ui asks which file and format, shows
// progress and the result; the desk package does the work, the same for
// ropactl.

// exportLabel is how the export dialog names a format.
func exportLabel(f desk.Format) string {
	switch f {
	case desk.PDF:
		return lang.L("Annual review PDF")
	case desk.XLSX:
		return lang.L("ICO template (Excel)")
	case desk.CSV:
		return lang.L("CSV (one row per activity)")
	case desk.JSON:
		return lang.L("JSON (ROPA Desk format)")
	case desk.DSPT:
		return lang.L("DSPT evidence, item 1.1.2 (Excel)")
	}
	return string(f)
}

// onExport asks for a format and a file, then exports in the background.
func (u *App) onExport() {
	if u.reg == nil {
		return
	}
	choice := widget.NewRadioGroup(nil, nil)
	for _, f := range desk.Formats {
		choice.Options = append(choice.Options, exportLabel(f))
	}
	choice.SetSelected(exportLabel(desk.Formats[0]))
	org := u.exportOrgChoice()
	d := dialog.NewCustomConfirm(lang.L("Export register"), lang.L("Choose file…"), lang.L("Cancel"), container.NewVBox(choice, org.box), func(ok bool) {
		if !ok {
			return
		}
		for _, f := range desk.Formats {
			if exportLabel(f) == choice.Selected {
				u.chooseOrgExportFile(f, org.chosen())
			}
		}
	}, u.win)
	showDialog(u.win, d, nil)
}

// chooseExportFile asks where to save, offering name (without the
// extension; empty means the register's own name), then exports; cycle is
// the review cycle a PDF reports on (nil: the current state).
func (u *App) chooseExportFile(f desk.Format, cycle *model.ReviewCycle, name string) {
	base := registerBaseName(u.reg.Path())
	if name != "" {
		base = name
	}
	askSavePath(u, f.Ext(), base+f.Ext(), func(path string) { u.runExport(f, cycle, path) })
}

// Export writes the register to path in the format with extension ext
// (".pdf", ".xlsx", ".csv" or ".json"), in the background with a progress
// bar and a Cancel button.
func (u *App) Export(ext, path string) {
	if f, ok := desk.FormatOf("x" + ext); ok {
		u.runExport(f, nil, path)
	}
}

// ExportAs writes the register to path in format f, as the export dialog
// does once the DPO has chosen the format and the file.
func (u *App) ExportAs(f desk.Format, path string) { u.runExport(f, nil, path) }

// runExport writes the register to path in format f (a PDF of cycle when
// it is not nil) through desk.ExportFile; Export and the Review screen's
// cycle PDF share it.
func (u *App) runExport(f desk.Format, cycle *model.ReviewCycle, path string) {
	u.runExportFor(f, cycle, nil, path)
}

// runExportFor is runExport of one organisation, or all when org is nil.
func (u *App) runExportFor(f desk.Format, cycle *model.ReviewCycle, org *model.Organisation, path string) {
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
	// Escape cancels the export, as its button does; Enter does nothing,
	// so a key pressed while it runs cannot stop it by accident.
	showDialog(u.win, progress, func() {})

	reg := u.reg
	opt := desk.ExportOptions{Cycle: cycle, Now: clock(), Progress: func(done, total int) {
		runOnUI(func() {
			if total > 0 {
				bar.SetValue(float64(done) / float64(total))
				status.SetText(lang.L("Laying out activities…"))
			}
		})
	}}
	if org != nil {
		opt.Organisation = org.ID
	}
	inBackground(func() func() {
		err := desk.ExportFile(ctx, reg, f, path, opt)
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

// onImport asks for a file, then previews the import.
func (u *App) onImport() {
	if u.reg == nil {
		return
	}
	askOpenPath(u, []string{".xlsx", ".csv", ".json"}, u.PreviewImport)
}

// PreviewImport reads path and shows what importing it would do; nothing
// is written unless the DPO confirms.
func (u *App) PreviewImport(path string) {
	u.confirmLeave(func() {
		done := showBusy(u.win, lang.L("Reading file…"), filepath.Base(path))
		reg := u.reg
		inBackground(func() func() {
			imp, err := desk.PreviewImport(context.Background(), reg, path, exchange.PlanOptions{})
			return func() {
				done()
				if err != nil {
					u.showError(fmt.Errorf("import %s: %w", path, err))
					return
				}
				u.showImportPlan(imp)
			}
		})
	})
}

// applyImport writes the planned changes in one transaction, after a
// backup, through desk.ApplyImport.
func (u *App) applyImport(imp *desk.Import) {
	reg := u.reg
	inBackground(func() func() {
		_, err := desk.ApplyImport(context.Background(), reg, imp)
		return func() {
			if err != nil {
				u.showError(fmt.Errorf("import %s: %w", imp.Path, err))
			}
			if u.main != nil {
				u.main.Reload()
			}
		}
	})
}
