package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// SuppliersScreen is the supplier list (DSPT 10.1.2, 1.1.2 column 7): the
// processors and data-sharing partners, their written agreement and when
// it ends, their certifications, their own DSPT status, where they
// process the data, and the activities they serve.
type SuppliersScreen struct {
	*recordScreen[model.Supplier]
	form *supplierForm
}

func newSuppliersScreen(reg recordRegister, host recordHost) *SuppliersScreen {
	var f *supplierForm
	kind := recordKind[model.Supplier]{
		what: lang.L("supplier"), newLabel: lang.L("New supplier"), prefix: "suppliers",
		find: lang.L("Find by name, role or agreement"),
		list: func(ctx context.Context, r recordRegister) ([]model.Supplier, error) { return r.Suppliers(ctx) },
		get: func(ctx context.Context, r recordRegister, id uuid.UUID) (*model.Supplier, error) {
			return r.Supplier(ctx, id)
		},
		save: func(ctx context.Context, r recordRegister, s *model.Supplier) error { return r.SaveSupplier(ctx, s) },
		del:  func(ctx context.Context, r recordRegister, id uuid.UUID) error { return r.DeleteSupplier(ctx, id) },
		id:   func(s *model.Supplier) uuid.UUID { return s.ID },
		name: func(s *model.Supplier) string { return s.Name },
		detail: func(s *model.Supplier) string {
			parts := []string{model.LabelOf(model.SupplierRoles, s.Role)}
			if s.Agreement != "" {
				parts = append(parts, model.LabelOf(model.AgreementKinds, s.Agreement))
			}
			if !s.EndsOn.IsZero() {
				parts = append(parts, fmt.Sprintf(lang.L("ends %s"), s.EndsOn.Format("2 Jan 2006")))
			}
			return strings.Join(parts, " · ")
		},
		blank: func() model.Supplier { return model.Supplier{Role: model.SupplierProcessor} },
		sorts: []recordSort[model.Supplier]{
			{lang.L("Name"), nil},
			// Soonest ending first (DSPT 10.2.1), the open-ended last.
			{lang.L("Agreement end"), func(a, b *model.Supplier) int {
				switch {
				case a.EndsOn.IsZero() && !b.EndsOn.IsZero():
					return 1
				case !a.EndsOn.IsZero() && b.EndsOn.IsZero():
					return -1
				}
				return cmp.Or(a.EndsOn.Compare(b.EndsOn), byName(a.Name, b.Name))
			}},
		},
	}
	s := &SuppliersScreen{}
	s.recordScreen = newRecordScreen(reg, host, kind, func(changed func()) recordForm[model.Supplier] {
		f = newSupplierForm(reg, changed)
		return f
	})
	s.form = f
	return s
}

// supplierForm holds a widget for every field of model.Supplier.
type supplierForm struct {
	name, link, orgCode *widget.Entry
	notes               *textArea
	role                *codeSelect[model.SupplierRole]
	agreement           *codeSelect[model.AgreementKind]
	dspt                *codeSelect[model.DSPTStatus]
	transfer            *codeSelect[model.SafeguardKind]
	signed, ends        *dateEntry
	certs               *certificationList
	locations, subs     *listField
	activities          *linkField
	obj                 fyne.CanvasObject
}

func newSupplierForm(reg recordRegister, changed func()) *supplierForm {
	entry := func(placeholder string) *widget.Entry {
		return &widget.Entry{PlaceHolder: placeholder, OnChanged: func(string) { changed() }}
	}
	f := &supplierForm{
		name:       entry(lang.L("e.g. Stripe Payments UK Ltd")),
		link:       entry(lang.L("e.g. https://intranet/contracts/stripe.pdf")),
		orgCode:    entry(lang.L("e.g. 8JX12")),
		notes:      newTextArea(lang.L("Anything else the DPO needs to know"), 2, changed),
		role:       newCodeSelect(model.SupplierRoles, changed),
		agreement:  newCodeSelect(model.AgreementKinds, changed),
		dspt:       newCodeSelect(model.DSPTStatuses, changed),
		transfer:   newCodeSelect(model.SafeguardKinds, changed),
		signed:     newDateEntry(changed),
		ends:       newDateEntry(changed),
		certs:      newCertificationList(changed),
		locations:  newListField("", lang.L("e.g. United Kingdom"), changed),
		subs:       newListField("", lang.L("e.g. Amazon Web Services EMEA SARL"), changed),
		activities: newLinkField(lang.L("Type an activity's name to link it"), activitySearch(reg), activityNames(reg), changed),
	}
	if reg.ReadOnly() != "" {
		f.activities.readOnly = true
	}
	label := func(key string) string { return model.FieldLabel("suppliers." + key) }
	f.obj = container.NewVBox(
		newHeading(lang.L("The supplier")),
		formRow(label("name"), "", f.name),
		formRow(label("role"), lang.L("A processor acts on your instructions (UK GDPR Art 28); a partner is a controller you share with"), f.role.sel),
		newHeading(lang.L("Agreement")),
		formRow(label("agreement"), lang.L("DSPT 1.1.2 column 7: a written contract or data-sharing agreement"), f.agreement.sel),
		formRow(label("agreement_link"), lang.L("Shown in the ICO spreadsheet's \"Link to contract with processor\""), f.link),
		formRow(label("signed_on"), "", f.signed.obj),
		formRow(label("ends_on"), lang.L("Leave empty for an open-ended agreement; ROPA Desk warns 90 days before it ends (DSPT 10.2.1)"), f.ends.obj),
		newHeading(lang.L("Assurance")),
		formRow(label("certifications"), lang.L("Such as ISO/IEC 27001 or Cyber Essentials Plus, with when each expires (DSPT 10.2.2)"), f.certs.content),
		formRow(label("dspt_status"), lang.L("The supplier's own published DSPT status"), f.dspt.sel),
		formRow(label("dspt_org_code"), "", f.orgCode),
		newHeading(lang.L("Where the data goes")),
		formRow(label("locations"), "", f.locations.content),
		formRow(label("transfer_mechanism"), lang.L("Needed where the supplier processes the data outside the UK"), f.transfer.sel),
		formRow(label("sub_processors"), lang.L("Who the supplier uses in turn (UK GDPR Art 28(2))"), f.subs.content),
		newHeading(lang.L("Links")),
		formRow(label("activity_ids"), "", f.activities.content),
		formRow(lang.L("Notes"), "", f.notes),
	)
	return f
}

func (f *supplierForm) content() fyne.CanvasObject { return f.obj }

func (f *supplierForm) set(s *model.Supplier) {
	f.name.SetText(s.Name)
	f.role.set(s.Role)
	f.agreement.set(s.Agreement)
	f.link.SetText(s.AgreementLink)
	f.signed.set(s.SignedOn)
	f.ends.set(s.EndsOn)
	f.certs.set(s.Certifications)
	f.dspt.set(s.DSPTStatus)
	f.orgCode.SetText(s.DSPTOrgCode)
	f.locations.set(s.Locations)
	f.transfer.set(s.TransferMechanism)
	f.subs.set(s.SubProcessors)
	f.activities.set(s.ActivityIDs)
	f.notes.SetText(s.Notes)
}

func (f *supplierForm) read(s *model.Supplier) {
	s.Name = f.name.Text
	s.Role = f.role.get()
	s.Agreement = f.agreement.get()
	s.AgreementLink = f.link.Text
	s.SignedOn, _ = f.signed.get()
	s.EndsOn, _ = f.ends.get()
	s.Certifications = f.certs.get()
	s.DSPTStatus = f.dspt.get()
	s.DSPTOrgCode = f.orgCode.Text
	s.Locations = f.locations.values()
	s.TransferMechanism = f.transfer.get()
	s.SubProcessors = f.subs.values()
	s.ActivityIDs = f.activities.get()
	s.Notes = f.notes.Text
}

// problem names the first date that is not one, by its field's label.
func (f *supplierForm) problem() string {
	for _, d := range []struct {
		key string
		e   *dateEntry
	}{{"signed_on", f.signed}, {"ends_on", f.ends}} {
		if _, ok := d.e.get(); !ok {
			return fmt.Sprintf(lang.L("%s: %s"), model.FieldLabel("suppliers."+d.key), dateMessage())
		}
	}
	for i, c := range f.certs.rows {
		if _, ok := c.expires.get(); !ok {
			return fmt.Sprintf(lang.L("Certification %d, %s: %s"), i+1, model.FieldLabel("suppliers.certifications.expires"), dateMessage())
		}
	}
	return ""
}

// certificationList edits a supplier's certifications: each a name and
// the day it expires, removable, with a button to add one.
type certificationList struct {
	rows    []*certRow
	addBtn  *widget.Button
	items   *fyne.Container
	content *fyne.Container
	changed func()
}

type certRow struct {
	name    *widget.Entry
	expires *dateEntry
	obj     fyne.CanvasObject
}

func newCertificationList(changed func()) *certificationList {
	c := &certificationList{changed: changed, items: container.NewVBox()}
	c.addBtn = &widget.Button{Text: lang.L("Add certification"), Icon: theme.ContentAddIcon(), OnTapped: func() {
		c.add(model.Certification{})
		c.changed()
	}}
	c.content = container.NewVBox(c.items, container.NewHBox(c.addBtn))
	return c
}

func (c *certificationList) add(v model.Certification) {
	r := &certRow{expires: newDateEntry(c.changed)}
	r.name = &widget.Entry{Text: v.Name, PlaceHolder: lang.L("e.g. Cyber Essentials Plus"), OnChanged: func(string) { c.changed() }}
	r.expires.set(v.Expires)
	remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() {
		c.rows = slices.DeleteFunc(c.rows, func(x *certRow) bool { return x == r })
		c.items.Remove(r.obj)
		c.changed()
	}}
	r.obj = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(2, r.name,
		container.NewBorder(nil, nil, &widget.Label{Text: lang.L("expires"), TextStyle: fyne.TextStyle{Italic: true}}, nil, r.expires.obj)))
	c.rows = append(c.rows, r)
	c.items.Add(r.obj)
}

func (c *certificationList) set(certs []model.Certification) {
	c.rows = nil
	c.items.RemoveAll()
	for _, v := range certs {
		c.add(v)
	}
}

func (c *certificationList) get() []model.Certification {
	var out []model.Certification
	for _, r := range c.rows {
		t, _ := r.expires.get()
		out = append(out, model.Certification{Name: r.name.Text, Expires: t})
	}
	return out
}
