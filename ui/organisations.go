package ui

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// OrganisationsScreen lists the register's organisations and edits one:
// the controller, DPO and representative details of Article 30(1)(a), the
// roles it takes and its national data opt-out scope.
type OrganisationsScreen struct {
	reg  Register
	win  fyne.Window
	host organisationsHost

	list        *widget.List
	name        *widget.Entry
	partnership *widget.Entry
	roles       *widget.CheckGroup
	ico         *widget.Entry
	controller  contactForm
	dpo         contactForm
	rep         contactForm
	ndopInScope *widget.Check
	publicAuth  *widget.Check
	ndopAll     *widget.Check
	complaints  *textArea
	message     *widget.Label
	saveBtn     *widget.Button
	deleteBtn   *widget.Button
	content     fyne.CanvasObject

	orgs    []model.Organisation
	current model.Organisation
	// baseline is the form as it read just after current was loaded: what
	// differs from it is the DPO's edit (conflict_org.go).
	baseline model.Organisation
}

// contactForm is the four entries of a model.Contact.
type contactForm struct {
	name, email, telephone *widget.Entry
	address                *textArea
}

func newContactForm() contactForm {
	return contactForm{
		name:      &widget.Entry{PlaceHolder: lang.L("Name")},
		address:   newTextArea(lang.L("Postal address"), 2, nil),
		email:     &widget.Entry{PlaceHolder: lang.L("Email")},
		telephone: &widget.Entry{PlaceHolder: lang.L("Telephone")},
	}
}

func (c contactForm) get() model.Contact {
	return model.Contact{Name: c.name.Text, Address: c.address.Text, Email: c.email.Text, Telephone: c.telephone.Text}
}

func (c contactForm) set(v model.Contact) {
	c.name.SetText(v.Name)
	c.address.SetText(v.Address)
	c.email.SetText(v.Email)
	c.telephone.SetText(v.Telephone)
}

func (c contactForm) items(title, help string) []*widget.FormItem {
	return []*widget.FormItem{
		{Text: title, Widget: c.name, HintText: help},
		{Text: "", Widget: c.address},
		{Text: "", Widget: container.NewGridWithColumns(2, c.email, c.telephone)},
	}
}

// organisationsHost is what the Organisations screen needs from the window
// it is in (the main window).
type organisationsHost interface {
	// organisationsChanged shows an organisation saved or deleted on
	// every screen.
	organisationsChanged()
}

func newOrganisationsScreen(reg Register, win fyne.Window, host organisationsHost) *OrganisationsScreen {
	s := &OrganisationsScreen{reg: reg, win: win, host: host}
	s.buildUI()
	return s
}

// NameEntry is the organisation name field.
func (s *OrganisationsScreen) NameEntry() *widget.Entry { return s.name }

// SaveButton saves the organisation in the form.
func (s *OrganisationsScreen) SaveButton() *widget.Button { return s.saveBtn }

func (s *OrganisationsScreen) buildUI() {
	s.list = &widget.List{
		Length:     func() int { return len(s.orgs) },
		CreateItem: func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(s.orgs[i].Name)
		},
		OnSelected: func(i widget.ListItemID) { s.edit(s.orgs[i]) },
	}
	s.list.ExtendBaseWidget(s.list)

	s.name = &widget.Entry{PlaceHolder: lang.L("e.g. Mental Health and Wellbeing Services Ltd")}
	s.partnership = &widget.Entry{PlaceHolder: lang.L("e.g. Community Living Well (optional)")}
	s.roles = widget.NewCheckGroup(labels(model.Roles), nil)
	s.roles.Horizontal = true
	s.ico = &widget.Entry{PlaceHolder: lang.L("e.g. ZA123456")}
	s.controller, s.dpo, s.rep = newContactForm(), newContactForm(), newContactForm()
	s.publicAuth = &widget.Check{Text: lang.L("The organisation is a public authority (or public body)")}
	s.ndopInScope = &widget.Check{Text: lang.L("Provides or coordinates publicly funded health or adult social care in England")}
	s.ndopAll = &widget.Check{Text: lang.L("Applies the opt-out to private patients too")}
	s.complaints = newTextArea(lang.L("How people complain to you about your use of their data"), 3, nil)
	s.message = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	s.message.Hide()

	s.saveBtn = &widget.Button{Text: lang.L("Save organisation"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: s.onSave}
	s.deleteBtn = &widget.Button{Text: lang.L("Delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: s.onDelete}
	newBtn := &widget.Button{Text: lang.L("New organisation"), Icon: theme.ContentAddIcon(), OnTapped: s.onNew}

	items := []*widget.FormItem{
		{Text: lang.L("Name"), Widget: s.name, HintText: lang.L("The controller's legal name (UK GDPR Art 30(1)(a))")},
		{Text: lang.L("Partnership"), Widget: s.partnership, HintText: lang.L("Partners sharing a service name are each their own controller")},
		{Text: lang.L("Roles"), Widget: s.roles, HintText: lang.L("Controller (Art 30(1)), processor (Art 30(2)) or joint controller (Art 26)")},
		{Text: lang.L("ICO registration"), Widget: s.ico, HintText: lang.L("Registration number on the ICO register of fee payers")},
	}
	items = append(items, s.controller.items(lang.L("Controller"), lang.L("Who decides why and how data is processed (Art 30(1)(a))"))...)
	items = append(items, s.dpo.items(lang.L("Data protection officer"), lang.L("Contact details of the DPO (Art 30(1)(a), Art 37–39)"))...)
	items = append(items, s.rep.items(lang.L("Representative"), lang.L("Only for a controller outside the UK (Art 27)"))...)
	items = append(items,
		&widget.FormItem{Text: lang.L("Public authority"), Widget: s.publicAuth, HintText: lang.L("A public authority cannot rely on legitimate interests for its public tasks. UK GDPR Art 6(1), last subparagraph; DPA 2018 s7")},
		&widget.FormItem{Text: lang.L("National data opt-out"), Widget: s.ndopInScope, HintText: lang.L("The opt-out binds health and adult social care organisations in England (NDOP operational policy guidance)")},
		&widget.FormItem{Text: "", Widget: s.ndopAll},
		&widget.FormItem{Text: lang.L("Complaints procedure"), Widget: s.complaints, HintText: lang.L("Printed in the privacy notices; required from 19 June 2026 (Data (Use and Access) Act 2025)")},
	)
	form := &widget.Form{Items: items}
	form.ExtendBaseWidget(form)

	right := container.NewBorder(nil,
		container.NewVBox(s.message, container.NewHBox(s.saveBtn, s.deleteBtn)),
		nil, nil, container.NewVScroll(container.NewPadded(form)))
	left := container.NewBorder(container.NewHBox(newBtn), nil, nil, nil, s.list)
	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(right))
	split.Offset = 0.28
	s.content = split
	s.onNew()
	if s.reg.ReadOnly() != "" {
		disableAll(form, false)
		newBtn.Disable()
		s.content = container.NewThemeOverride(split, legibleDisabled{})
	}
}

// setOrganisations shows orgs, keeping the one being edited selected.
func (s *OrganisationsScreen) setOrganisations(orgs []model.Organisation) {
	s.orgs = orgs
	s.list.Refresh()
	if i := slices.IndexFunc(orgs, func(o model.Organisation) bool { return o.ID == s.current.ID }); i >= 0 && s.current.ID != uuid.Nil {
		s.list.Select(i)
	} else if s.current.ID == uuid.Nil && len(orgs) > 0 && s.name.Text == "" {
		s.list.Select(0)
	}
}

func (s *OrganisationsScreen) edit(o model.Organisation) {
	s.current = o
	s.show(o)
	s.baseline = s.form()
}

// show puts o in the form's widgets.
func (s *OrganisationsScreen) show(o model.Organisation) {
	s.name.SetText(o.Name)
	s.partnership.SetText(o.Partnership)
	var roles []string
	for _, r := range o.Roles {
		roles = append(roles, model.LabelOf(model.Roles, r))
	}
	s.roles.SetSelected(roles)
	s.ico.SetText(o.ICORegistration)
	s.controller.set(o.Controller)
	s.dpo.set(o.DPO)
	s.rep.set(o.Representative)
	s.ndopInScope.SetChecked(o.NDOPInScope)
	s.publicAuth.SetChecked(o.PublicAuthority)
	s.ndopAll.SetChecked(o.NDOPAllPatients)
	s.complaints.SetText(o.ComplaintsProcedure)
	s.message.Hide()
	setEnabled(s.deleteBtn, o.ID != uuid.Nil && s.reg.ReadOnly() == "")
	setEnabled(s.saveBtn, s.reg.ReadOnly() == "")
}

func (s *OrganisationsScreen) onNew() {
	s.list.UnselectAll()
	s.edit(model.Organisation{Roles: []model.Role{model.RoleController}})
}

// form returns the organisation as the form shows it.
func (s *OrganisationsScreen) form() model.Organisation {
	o := s.current
	o.Name = s.name.Text
	o.Partnership = s.partnership.Text
	o.Roles = nil
	for _, r := range model.Roles {
		if slices.Contains(s.roles.Selected, r.Label) {
			o.Roles = append(o.Roles, r.Code)
		}
	}
	o.ICORegistration = s.ico.Text
	o.Controller, o.DPO, o.Representative = s.controller.get(), s.dpo.get(), s.rep.get()
	o.NDOPInScope, o.NDOPAllPatients = s.ndopInScope.Checked, s.ndopAll.Checked
	o.ComplaintsProcedure = s.complaints.Text
	o.PublicAuthority = s.publicAuth.Checked
	return o
}

func (s *OrganisationsScreen) onSave() {
	o := s.form()
	if err := o.Validate(); err != nil {
		s.showMessage(model.ErrorMessage(err))
		return
	}
	reg := s.reg
	inBackground(func() func() {
		var err error
		if o.ID == uuid.Nil {
			err = reg.CreateOrganisation(context.Background(), &o)
		} else {
			err = reg.UpdateOrganisation(context.Background(), &o)
		}
		return func() {
			if model.ErrorCode(err) == model.ECONFLICT {
				s.resolveConflict(err)
				return
			}
			if err != nil {
				s.showMessage(model.ErrorMessage(err))
				return
			}
			s.current, s.baseline = o, o
			s.message.Hide()
			s.host.organisationsChanged()
		}
	})
}

func (s *OrganisationsScreen) onDelete() {
	o := s.current
	if o.ID == uuid.Nil {
		return
	}
	d := dialog.NewConfirm(lang.L("Delete organisation"),
		fmt.Sprintf(lang.L("Delete %q? An organisation that still has activities cannot be deleted."), o.Name),
		func(ok bool) {
			if !ok {
				return
			}
			reg := s.reg
			inBackground(func() func() {
				err := reg.DeleteOrganisation(context.Background(), o.ID)
				return func() {
					if err != nil {
						s.showMessage(model.ErrorMessage(err))
						return
					}
					s.onNew()
					s.host.organisationsChanged()
				}
			})
		}, s.win)
	d.SetConfirmText(lang.L("Delete"))
	d.SetDismissText(lang.L("Cancel"))
	d.SetConfirmImportance(widget.DangerImportance)
	showDialog(s.win, d, nil)
}

func (s *OrganisationsScreen) showMessage(msg string) {
	s.message.SetText(msg)
	s.message.Show()
}
