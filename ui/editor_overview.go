package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// overviewTab: whose activity it is, what it is called and what it is for.
type overviewTab struct {
	organisation      *widget.Select
	role              *enumSelect[model.Role]
	name              *widget.Entry
	businessFunction  *widget.SelectEntry
	owner             *widget.Entry
	description       *textArea
	status            *enumSelect[model.Status]
	purposes          *listField
	controllersServed *listField
	controllersField  *field
	notice            noticeFields
}

func (e *ActivityEditor) buildOverview() fyne.CanvasObject {
	t := &e.overview
	t.organisation = &widget.Select{PlaceHolder: lang.L("(Choose the organisation)"), OnChanged: func(string) { e.changed() }}
	t.role = newEnumSelect(model.Roles, false, e.changed)
	t.name = newTextEntry(lang.L("For example: Patient care records"), e.changed)
	t.businessFunction = widget.NewSelectEntry(nil)
	t.businessFunction.PlaceHolder = lang.L("For example: Clinical services")
	t.businessFunction.OnChanged = func(string) { e.changed() }
	t.owner = newTextEntry(lang.L("For example: Clinical Director"), e.changed)
	t.description = newLongEntry(lang.L("What happens to the data, in a few sentences"), e.changed)
	t.status = newEnumSelect(model.Statuses, false, e.changed)
	t.purposes = newListField("purposes", lang.L("Add a purpose"), e.changed)
	t.controllersServed = newListField("controllers_served", lang.L("Add a controller"), e.changed)

	org := newField(lang.L("Organisation"), lang.L("The controller (or processor) whose record this is. UK GDPR Art 30(1)(a)."), t.organisation)
	role := newField(lang.L("Role"), lang.L("Controller, processor or joint controller for this activity. UK GDPR Art 30(1), 30(2), 26."), t.role.Select)
	name := newField(lang.L("Name"), lang.L("A short name staff recognise."), t.name)
	bf := newField(lang.L("Business function"), lang.L("The team or service that carries out the activity. ICO template column A."), t.businessFunction)
	owner := newField(lang.L("Owner"), lang.L("The person (or post) accountable for the activity: printed in the PDF's index, and asked for by the DSPT (1.1.2)."), t.owner)
	desc := newField(lang.L("Description"), lang.L("Optional: what the activity involves."), t.description)
	status := newField(lang.L("Status"), lang.L("Draft while you are still recording it; retired when it has stopped."), t.status.Select)
	purposes := newField(lang.L("Purposes"), lang.L("Why the data is processed. UK GDPR Art 30(1)(b)."), t.purposes.content)
	t.controllersField = newField(lang.L("Controllers served"), lang.L("As a processor: each controller you act for. UK GDPR Art 30(2)(a)."), t.controllersServed.content)

	e.bind("organisation_id", tabOverview, t.organisation, org.err)
	e.bind("role", tabOverview, t.role.Select, role.err)
	e.bind("name", tabOverview, t.name, name.err)
	e.bind("business_function", tabOverview, t.businessFunction, bf.err)
	e.bind("owner", tabOverview, t.owner, owner.err)
	e.bind("description", tabOverview, t.description, desc.err)
	e.bind("status", tabOverview, t.status.Select, status.err)
	e.bindList("purposes", tabOverview, t.purposes, t.purposes.input, purposes.err)
	e.bindList("controllers_served", tabOverview, t.controllersServed, t.controllersServed.input, t.controllersField.err)

	return container.NewVBox(
		newHeading(lang.L("The activity")),
		org.row, role.row, t.controllersField.row, name.row, bf.row, owner.row, desc.row, status.row,
		widget.NewSeparator(),
		newHeading(lang.L("What it is for")),
		purposes.row,
		e.buildNotice(),
	)
}

// setOrganisationOptions lists the register's organisations by name.
func (e *ActivityEditor) setOrganisationOptions() {
	names := make([]string, len(e.orgs))
	for i := range e.orgs {
		names[i] = organisationLabel(&e.orgs[i], e.orgs)
	}
	e.overview.organisation.SetOptions(names)
}

// organisationLabel names an organisation in the select, adding the
// partnership when two organisations share a name.
func organisationLabel(o *model.Organisation, all []model.Organisation) string {
	n := 0
	for _, x := range all {
		if strings.EqualFold(x.Name, o.Name) {
			n++
		}
	}
	if n > 1 && o.Partnership != "" {
		return o.Name + " (" + o.Partnership + ")"
	}
	if n > 1 {
		return o.Name + " (" + o.ID.String()[:8] + ")"
	}
	return o.Name
}

// organisation returns the selected organisation, or nil.
func (e *ActivityEditor) organisation() *model.Organisation {
	i := e.overview.organisation.SelectedIndex()
	if i < 0 || i >= len(e.orgs) {
		return nil
	}
	return &e.orgs[i]
}

func (e *ActivityEditor) loadOverview(a *model.Activity) {
	t := &e.overview
	t.organisation.ClearSelected()
	for i := range e.orgs {
		if e.orgs[i].ID == a.OrganisationID {
			t.organisation.SetSelectedIndex(i)
		}
	}
	t.role.set(a.Role)
	t.name.SetText(a.Name)
	t.businessFunction.SetText(a.BusinessFunction)
	t.owner.SetText(a.Owner)
	t.description.SetText(a.Description)
	fitRows(t.description, 3, 8, 110)
	t.status.set(a.Status)
	t.purposes.set(a.Purposes)
	t.controllersServed.set(a.ControllersServed)
	e.loadNotice(a)
}

func (e *ActivityEditor) readOverview(a *model.Activity) {
	t := &e.overview
	// With no organisation chosen, the loaded ID stays: one the register no
	// longer lists is then reported by the store rather than silently dropped.
	if o := e.organisation(); o != nil {
		a.OrganisationID = o.ID
	}
	a.Role = t.role.get()
	a.Name = strings.TrimSpace(t.name.Text)
	a.BusinessFunction = strings.TrimSpace(t.businessFunction.Text)
	a.Owner = strings.TrimSpace(t.owner.Text)
	a.Description = strings.TrimSpace(t.description.Text)
	a.Status = t.status.get()
	a.Purposes = t.purposes.values()
	a.ControllersServed = t.controllersServed.values()
	e.readNotice(a)
}

func (e *ActivityEditor) refreshOverview(a *model.Activity) {
	e.overview.controllersField.setVisible(a.Role == model.RoleProcessor || len(a.ControllersServed) > 0)
}
