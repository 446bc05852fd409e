package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
)

// Exporting one organisation of a shared register (a partnership's): the
// export dialog offers the register's organisations, starting from the one
// the list is filtered to, and desk narrows the export to it.

// orgChoice is the export dialog's "which organisation" box.
type orgChoice struct {
	box    fyne.CanvasObject
	sel    *widget.Select
	chosen func() *model.Organisation
}

// exportOrgChoice offers "All organisations" and each organisation, the
// list's organisation filter chosen; with one organisation it is hidden.
func (u *App) exportOrgChoice() *orgChoice {
	c := &orgChoice{chosen: func() *model.Organisation { return nil }}
	var orgs []model.Organisation
	var current *model.Organisation
	if u.main != nil && u.main.list != nil {
		orgs = u.main.list.orgs
		current = u.main.list.FilteredOrganisation()
	}
	all := lang.L("All organisations")
	c.sel = &widget.Select{Options: []string{all}}
	for _, o := range orgs {
		c.sel.Options = append(c.sel.Options, o.Name)
	}
	c.sel.SetSelectedIndex(0)
	if current != nil {
		c.sel.SetSelected(current.Name)
	}
	c.chosen = func() *model.Organisation {
		if i := c.sel.SelectedIndex(); i > 0 && i-1 < len(orgs) {
			o := orgs[i-1]
			return &o
		}
		return nil
	}
	c.box = container.NewVBox(
		widget.NewSeparator(),
		&widget.Label{Text: lang.L("Organisation"), TextStyle: fyne.TextStyle{Bold: true}},
		c.sel,
		newHelp(lang.L("One organisation exports it and its activities alone: the PDF's title and the workbook's organisation block name it.")),
	)
	if len(orgs) < 2 {
		c.box.Hide()
	}
	u.lastOrgChoice = c
	return c
}

// chooseOrgExportFile asks where to save the export of org (nil: the whole
// register), offering a name that says which organisation it is.
func (u *App) chooseOrgExportFile(f desk.Format, org *model.Organisation) {
	base := registerBaseName(u.reg.Path())
	if org != nil {
		base += " - " + fileSafe(org.Name)
	}
	askSavePath(u, f.Ext(), base+f.Ext(), func(path string) { u.runExportFor(f, nil, org, path) })
}

// fileSafe replaces the characters a file name cannot hold.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, s)
}

// ExportOrganisation writes org's export to path in format f, as the
// export dialog does once the DPO has chosen the organisation and file.
func (u *App) ExportOrganisation(f desk.Format, org model.Organisation, path string) {
	u.runExportFor(f, nil, &org, path)
}

// ExportDialogOrganisation is the organisation the last export dialog
// offered first ("" for all), and the choices it offered.
func (u *App) ExportDialogOrganisation() (string, []string) {
	if u.lastOrgChoice == nil {
		return "", nil
	}
	c := u.lastOrgChoice
	if c.sel.SelectedIndex() <= 0 {
		return "", c.sel.Options
	}
	return c.sel.Selected, c.sel.Options
}

// FilteredOrganisation is the organisation the list is filtered to, or nil.
func (l *ActivityList) FilteredOrganisation() *model.Organisation {
	for i := range l.orgs {
		if l.orgs[i].ID == l.filter.OrganisationID {
			return &l.orgs[i]
		}
	}
	return nil
}

// OrganisationFilter is the list's organisation filter.
func (l *ActivityList) OrganisationFilter() *widget.Select { return l.orgSelect }
