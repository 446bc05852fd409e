package ui

import (
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// AssetWidgets are the Assets screen's widgets a test drives.
type AssetWidgets struct {
	Name, Software, Owner, Administrator, HostedAt, Country *widget.Entry
	Hosting, Criticality, Confidentiality                   *widget.Select
	Activities, Suppliers                                   *linkField
	Save, New, Delete                                       *widget.Button
	Message                                                 *widget.Label
	History                                                 *recordHistory
	Tabs                                                    interface{ SelectIndex(int) }
}

// AssetScreenWidgets exposes s's widgets to the package's tests.
func AssetScreenWidgets(s *AssetsScreen) AssetWidgets {
	f := s.form
	return AssetWidgets{Name: f.name, Software: f.software, Owner: f.owner, Administrator: f.administrator,
		HostedAt: f.hostedAt, Country: f.country, Hosting: f.hosting.sel, Criticality: f.criticality.sel,
		Confidentiality: f.conf.sel, Activities: f.activities, Suppliers: f.suppliers,
		Save: s.saveBtn, New: s.newBtn, Delete: s.deleteBtn, Message: s.message, History: s.history, Tabs: s.tabs}
}

// SupplierWidgets are the Suppliers screen's widgets a test drives.
type SupplierWidgets struct {
	Name, Link, OrgCode   *widget.Entry
	Role, Agreement, DSPT *widget.Select
	EndsOn, SignedOn      *widget.Entry
	AddCertification      func(name, expires string)
	Activities            *linkField
	Save                  *widget.Button
	Message               *widget.Label
	History               *recordHistory
	Tabs                  interface{ SelectIndex(int) }
}

// SupplierScreenWidgets exposes s's widgets to the package's tests.
func SupplierScreenWidgets(s *SuppliersScreen) SupplierWidgets {
	f := s.form
	return SupplierWidgets{Name: f.name, Link: f.link, OrgCode: f.orgCode, Role: f.role.sel, Agreement: f.agreement.sel,
		DSPT: f.dspt.sel, EndsOn: f.ends.Entry, SignedOn: f.signed.Entry,
		AddCertification: func(name, expires string) {
			test.Tap(f.certs.addBtn)
			r := f.certs.rows[len(f.certs.rows)-1]
			test.Type(r.name, name)
			test.Type(r.expires.Entry, expires)
		},
		Activities: f.activities, Save: s.saveBtn, Message: s.message, History: s.history, Tabs: s.tabs}
}

// Entry is the field's entry, where the DPO types to find a record.
func (l *linkField) Entry() *widget.SelectEntry { return l.input }

// SelectedTab is the text of the main window's tab showing.
func (m *MainWindow) SelectedTab() string { return m.tabs.Selected().Text }
