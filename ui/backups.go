package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// BackupEntry is one backup file as the backups dialog shows it.
type BackupEntry struct {
	Path   string
	Time   time.Time
	Size   int64
	Reason string // "before-import", "before-upgrade", "before-restore" or ""
	// OK is whether the backup passed SQLite's quick check.
	OK      bool
	Problem string
}

// BackupsDialog lists a register's backups, newest first, with the last
// good one marked, and makes a backup or restores one.
type BackupsDialog struct {
	src    BackupSource
	window fyne.Window

	// Confirm asks before a restore; tests replace it.
	Confirm func(title, message string, done func(bool))

	backups  []BackupEntry
	selected int
	status   *widget.Label
	list     *widget.List
	backUp   *widget.Button
	restore  *widget.Button
	content  fyne.CanvasObject
	dialog   dialog.Dialog
}

// NewBackupsDialog builds the dialog for src on w; Show displays it and
// Refresh loads the list.
func NewBackupsDialog(src BackupSource, w fyne.Window) *BackupsDialog {
	d := &BackupsDialog{src: src, window: w, selected: -1}
	d.Confirm = func(title, message string, done func(bool)) {
		dialog.ShowConfirm(title, message, done, w)
	}
	d.buildUI()
	return d
}

// Content is the dialog's body.
func (d *BackupsDialog) Content() fyne.CanvasObject { return d.content }

// Backups are the backups listed, newest first.
func (d *BackupsDialog) Backups() []BackupEntry { return d.backups }

// Status is the line saying what happened last.
func (d *BackupsDialog) Status() string { return d.status.Text }

// List is the list of backups.
func (d *BackupsDialog) List() *widget.List { return d.list }

// BackUpButton and RestoreButton are the dialog's actions.
func (d *BackupsDialog) BackUpButton() *widget.Button  { return d.backUp }
func (d *BackupsDialog) RestoreButton() *widget.Button { return d.restore }

// LastGood is the index of the newest backup that passed its check, or -1.
func (d *BackupsDialog) LastGood() int {
	for i, b := range d.backups {
		if b.OK {
			return i
		}
	}
	return -1
}

// Show opens the dialog and loads the list.
func (d *BackupsDialog) Show() {
	d.dialog = dialog.NewCustom(lang.L("Backups"), lang.L("Close"), d.content, d.window)
	d.dialog.Resize(fyne.NewSize(640, 420))
	showDialog(d.window, d.dialog, nil)
	d.Refresh()
}

func (d *BackupsDialog) buildUI() {
	d.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	d.list = &widget.List{
		Length: func() int { return len(d.backups) },
		CreateItem: func() fyne.CanvasObject {
			icon := widget.NewIcon(theme.ConfirmIcon())
			when := &widget.Label{}
			detail := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
			return container.NewBorder(nil, nil, icon, nil, container.NewVBox(when, detail))
		},
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) {
			b := d.backups[i]
			row := o.(*fyne.Container)
			text := row.Objects[0].(*fyne.Container)
			icon := row.Objects[1].(*widget.Icon)
			when := text.Objects[0].(*widget.Label)
			detail := text.Objects[1].(*widget.Label)
			label := b.Time.Local().Format("Monday 2 January 2006, 15:04")
			if i == d.LastGood() {
				label += " — " + lang.L("last good backup")
			}
			when.SetText(label)
			when.TextStyle = fyne.TextStyle{Bold: i == d.LastGood()}
			when.Refresh()
			if b.OK {
				icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
				detail.SetText(fmt.Sprintf("%s%s", sizeText(b.Size), reasonText(b.Reason)))
			} else {
				icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
				detail.SetText(lang.L("Damaged: ") + b.Problem)
			}
		},
		OnSelected: func(i widget.ListItemID) {
			d.selected = i
			d.updateButtons()
		},
		OnUnselected: func(widget.ListItemID) {
			d.selected = -1
			d.updateButtons()
		},
	}
	d.list.ExtendBaseWidget(d.list)
	d.backUp = &widget.Button{Text: lang.L("Back up now"), Icon: theme.DocumentSaveIcon(), OnTapped: d.onBackUp}
	d.restore = &widget.Button{Text: lang.L("Restore…"), Icon: theme.HistoryIcon(), OnTapped: d.onRestore}
	d.updateButtons()
	buttons := container.NewHBox(d.backUp, d.restore)
	d.content = container.NewBorder(nil, container.NewVBox(d.status, buttons), nil, nil, d.list)
}

func (d *BackupsDialog) updateButtons() {
	if d.selected >= 0 && d.selected < len(d.backups) && d.backups[d.selected].OK {
		d.restore.Enable()
	} else {
		d.restore.Disable()
	}
}

// Refresh loads the list of backups in the background and selects the
// last good one.
func (d *BackupsDialog) Refresh() {
	inBackground(func() func() {
		list, err := d.src.Backups(context.Background())
		return func() {
			if err != nil {
				d.status.SetText(model.ErrorMessage(err))
				return
			}
			d.backups = list
			d.selected = -1
			d.list.UnselectAll()
			if len(list) == 0 {
				d.status.SetText(lang.L("There are no backups yet."))
			} else if g := d.LastGood(); g >= 0 {
				d.list.Select(g)
			} else {
				d.status.SetText(lang.L("None of the backups passes its check."))
			}
			d.list.Refresh()
			d.updateButtons()
		}
	})
}

func (d *BackupsDialog) onBackUp() {
	d.backUp.Disable()
	d.status.SetText(lang.L("Backing up…"))
	inBackground(func() func() {
		path, err := d.src.BackUpNow(context.Background())
		return func() {
			d.backUp.Enable()
			if err != nil {
				d.status.SetText(model.ErrorMessage(err))
				return
			}
			d.status.SetText(lang.L("Backed up to ") + path)
			d.Refresh()
		}
	})
}

func (d *BackupsDialog) onRestore() {
	if d.selected < 0 || d.selected >= len(d.backups) {
		return
	}
	b := d.backups[d.selected]
	msg := fmt.Sprintf(lang.L("Replace the register with the backup from %s? The register as it is now is backed up first, so this can be undone."), b.Time.Local().Format("2 January 2006 15:04"))
	d.Confirm(lang.L("Restore backup"), msg, func(ok bool) {
		if !ok {
			return
		}
		d.restore.Disable()
		d.status.SetText(lang.L("Restoring…"))
		inBackground(func() func() {
			err := d.src.Restore(context.Background(), b.Path)
			return func() {
				if err != nil {
					d.status.SetText(model.ErrorMessage(err))
					d.updateButtons()
					return
				}
				d.status.SetText(lang.L("Restored the backup from ") + b.Time.Local().Format("2 January 2006 15:04") + ".")
				d.Refresh()
			}
		})
	})
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func reasonText(r string) string {
	switch r {
	case "before-import":
		return " · " + lang.L("made before an import")
	case "before-upgrade":
		return " · " + lang.L("made before upgrading the file")
	case "before-restore":
		return " · " + lang.L("the register as it was before a restore")
	}
	return ""
}
