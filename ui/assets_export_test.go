package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
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

// EditorLinks are the activity editor's linked information assets and
// suppliers (the Sharing tab), and its message about a link.
func EditorLinks(e *ActivityEditor) (assets, suppliers *linkField, message *widget.Label) {
	return e.links.assets, e.links.suppliers, e.links.message
}

// Open taps the link naming the linked record name, as the DPO does.
func (l *linkField) Open(name string) bool {
	for _, o := range l.items.Objects {
		for _, c := range o.(*fyne.Container).Objects {
			if h, ok := c.(*widget.Hyperlink); ok && h.Text == name {
				// On the text, where a Hyperlink takes a tap.
				test.TapAt(h, fyne.NewPos(theme.Padding()*2, h.Size().Height/2))
				return true
			}
		}
	}
	return false
}

// Unlink taps the button removing the linked record name.
func (l *linkField) Unlink(name string) bool {
	for i, id := range l.ids {
		if l.name(id) == name {
			for _, c := range l.items.Objects[i].(*fyne.Container).Objects {
				if b, ok := c.(*widget.Button); ok {
					test.Tap(b)
					return true
				}
			}
		}
	}
	return false
}

// SortSelect is the screen's choice of order.
func (s *recordScreen[T]) SortSelect() *widget.Select { return s.sortSel }

// ListNames are the names the list shows, in its order.
func (s *recordScreen[T]) ListNames() []string {
	out := make([]string, len(s.shown))
	for i, k := range s.shown {
		out[i] = s.kind.name(&s.items[k])
	}
	return out
}

// AssetSearch is the Assets screen's search entry.
func AssetSearch(s *AssetsScreen) *widget.Entry { return s.search }

// Removable is how many of the linked records have a button removing them.
func (l *linkField) Removable() int {
	n := 0
	for _, o := range l.items.Objects {
		for _, c := range o.(*fyne.Container).Objects {
			if _, ok := c.(*widget.Button); ok {
				n++
			}
		}
	}
	return n
}
