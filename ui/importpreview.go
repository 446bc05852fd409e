package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// importLine is one line of the import preview.
type importLine struct {
	icon fyne.Resource
	text string
}

// showImportPlan lists what the import would add, change and leave alone,
// and every problem with where it is; Import applies it in one transaction.
func (u *App) showImportPlan(imp *desk.Import) {
	plan := imp.Plan
	var lines []importLine
	for _, p := range plan.Problems {
		var icon fyne.Resource = theme.NewWarningThemedResource(theme.WarningIcon())
		if p.Severity == model.SeverityError {
			icon = theme.NewErrorThemedResource(theme.ErrorIcon())
		}
		lines = append(lines, importLine{icon, problemText(p)})
	}
	for _, o := range plan.AddedOrganisations {
		lines = append(lines, importLine{theme.ContentAddIcon(), lang.L("New organisation:") + " " + o.Organisation.Name})
	}
	for _, o := range plan.ChangedOrganisations {
		lines = append(lines, importLine{theme.DocumentCreateIcon(), lang.L("Changed organisation:") + " " + o.Organisation.Name + changedFields(o.Changes)})
	}
	for _, a := range plan.Added {
		lines = append(lines, importLine{theme.ContentAddIcon(), lang.L("Add:") + " " + a.Activity.Name + where(a)})
	}
	for _, a := range plan.Changed {
		lines = append(lines, importLine{theme.DocumentCreateIcon(), lang.L("Change:") + " " + a.Activity.Name + where(a) + changedFields(a.Changes)})
	}
	for _, a := range plan.Unchanged {
		lines = append(lines, importLine{theme.ConfirmIcon(), lang.L("Unchanged:") + " " + a.Activity.Name + where(a)})
	}

	summary := &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}, Text: fmt.Sprintf(
		lang.L("%d activities to add, %d to change, %d unchanged; %d new organisations; %d problems."),
		len(plan.Added), len(plan.Changed), len(plan.Unchanged), len(plan.AddedOrganisations), len(plan.Problems))}
	note := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance,
		Text: lang.L("Nothing has been written yet. Import applies all of this in one step; Cancel leaves the register as it is.")}
	if plan.Blocking() {
		note.Importance = widget.DangerImportance
		note.Text = lang.L("The file has errors that stop the import. Correct them in the file and import it again.")
	}
	list := &widget.List{
		Length: func() int { return len(lines) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewIcon(nil), nil, &widget.Label{Truncation: fyne.TextTruncateEllipsis})
		},
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(lines[i].text)
			c.Objects[1].(*widget.Icon).SetResource(lines[i].icon)
		},
	}
	list.ExtendBaseWidget(list)
	body := container.NewBorder(container.NewVBox(summary, note), nil, nil, nil, list)

	title := lang.L("Import") + " " + plan.File
	if plan.Blocking() || len(plan.Added)+len(plan.Changed)+len(plan.AddedOrganisations)+len(plan.ChangedOrganisations) == 0 {
		// Nothing to apply, or not allowed to: offer only Close.
		d := dialog.NewCustom(title, lang.L("Close"), body, u.win)
		d.Resize(fyne.NewSize(860, 560))
		showDialog(u.win, d, nil)
		return
	}
	d := dialog.NewCustomConfirm(title, lang.L("Import"), lang.L("Cancel"), body, func(ok bool) {
		if ok {
			u.applyImport(imp)
		}
	}, u.win)
	d.Resize(fyne.NewSize(860, 560))
	showDialog(u.win, d, nil) // Enter imports, Escape cancels
}

func problemText(p exchange.Problem) string {
	var where []string
	if p.Sheet != "" {
		where = append(where, lang.L("sheet")+" "+p.Sheet)
	}
	if p.Row > 0 {
		where = append(where, fmt.Sprintf(lang.L("row %d"), p.Row))
	}
	if p.Column != "" {
		col := lang.L("column") + " " + p.Column
		if p.Heading != "" {
			col += " (" + p.Heading + ")"
		}
		where = append(where, col)
	}
	s := p.Message
	if len(where) > 0 {
		s = strings.Join(where, ", ") + ": " + s
	}
	if p.Text != "" {
		s += " — “" + p.Text + "”"
	}
	return s
}

func where(a exchange.PlannedActivity) string {
	if a.Row > 0 {
		return fmt.Sprintf(" ("+lang.L("row %d")+")", a.Row)
	}
	return ""
}

func changedFields(ch []exchange.FieldChange) string {
	if len(ch) == 0 {
		return ""
	}
	names := make([]string, len(ch))
	for i, c := range ch {
		names[i] = c.Field
	}
	return " — " + strings.Join(names, ", ")
}
