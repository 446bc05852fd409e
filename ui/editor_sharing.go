package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// sharingTab: who receives the data, who shares control, and what leaves
// the UK.
type sharingTab struct {
	recipients       *listField
	jointControllers *listField
	contract         *widget.Entry
	transfers        *rowSet[*transferRow]
}

// transferRow is one transfer to a third country or international
// organisation.
type transferRow struct {
	destination *widget.Entry
	safeguard   *widget.Entry
	exceptional *widget.Check
	kind        *enumSelect[model.SafeguardKind]
	dpf         *widget.Check
	// unknownKind keeps a safeguard kind the form does not know (from an
	// import) for validation to name, rather than dropping it.
	unknownKind model.SafeguardKind
	err         *widget.Label
	obj         *fyne.Container
}

func (r *transferRow) object() fyne.CanvasObject { return r.obj }
func (r *transferRow) errLabel() *widget.Label   { return r.err }
func (r *transferRow) focus(sub string) fyne.Focusable {
	switch sub {
	case "safeguard":
		return r.safeguard
	case "safeguard_kind":
		return r.kind.Select
	case "dpf_certified":
		return r.dpf
	}
	return r.destination
}

func (e *ActivityEditor) buildSharing() fyne.CanvasObject {
	t := &e.sharing
	t.recipients = newListField("recipients", lang.L("Add a category of recipient, such as GP practices"), e.changed)
	t.jointControllers = newListField("joint_controllers", lang.L("Add a joint controller: name and contact details"), e.changed)
	t.contract = newTextEntry(lang.L("Link to the contract with the processor"), e.changed)
	t.transfers = newRowSet[*transferRow](e.changed)
	addTransfer := &widget.Button{Text: lang.L("Add a transfer"), Icon: theme.ContentAddIcon(), OnTapped: func() {
		e.addTransfer(model.Transfer{})
		e.changed()
	}}

	recipients := newField(lang.L("Recipients"), lang.L("Categories of recipients, including any in third countries. UK GDPR Art 30(1)(d); ICO template column F."), t.recipients.content)
	joint := newField(lang.L("Joint controllers"), lang.L("Name and contact details of each joint controller. UK GDPR Art 26, 30(1)(a); ICO template column C."), t.jointControllers.content)
	contract := newField(lang.L("Processor contract"), lang.L("Where a processor acts for you, the contract. UK GDPR Art 28(3); ICO template column G."), t.contract)
	transfers := newField(lang.L("Transfers"), lang.L("Each third country or international organisation, with its safeguard (adequacy regulations, IDTA, Addendum, BCRs). Tick exceptional for an Article 49(1) second-subparagraph transfer. UK GDPR Art 30(1)(e), 44–49."), container.NewVBox(t.transfers.box, container.NewHBox(addTransfer)))

	e.bindList("recipients", tabSharing, t.recipients, t.recipients.input, recipients.err)
	e.bindList("joint_controllers", tabSharing, t.jointControllers, t.jointControllers.input, joint.err)
	e.bind("processor_contract_link", tabSharing, t.contract, contract.err)
	e.bindList("transfers", tabSharing, t.transfers, addTransfer, transfers.err)

	return container.NewVBox(
		newHeading(lang.L("Sharing")),
		recipients.row, joint.row, contract.row,
		widget.NewSeparator(),
		newHeading(lang.L("International transfers")),
		transfers.row,
	)
}

func (e *ActivityEditor) addTransfer(tr model.Transfer) {
	r := &transferRow{err: newErrorLabel()}
	r.destination = newTextEntry(lang.L("Country or organisation"), e.changed)
	r.destination.SetText(tr.Destination)
	r.safeguard = newTextEntry(lang.L("Safeguard"), e.changed)
	r.safeguard.SetText(tr.Safeguard)
	r.exceptional = newCheck(lang.L("Exceptional (Art 49)"), e.changed)
	r.exceptional.SetChecked(tr.Exceptional)
	r.kind = newEnumSelect(model.SafeguardKinds, true, e.changed)
	r.kind.set(tr.SafeguardKind)
	if !model.Known(model.SafeguardKinds, tr.SafeguardKind) {
		r.unknownKind = tr.SafeguardKind
	}
	r.dpf = newCheck(lang.L("Recipient certified under the UK Extension to the Data Privacy Framework"), e.changed)
	r.dpf.SetChecked(tr.DPFCertified)
	del := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { e.sharing.transfers.remove(r) }}
	r.obj = container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(r.exceptional, del), container.NewGridWithColumns(2, r.destination, r.safeguard)),
		newSplitRow(120, &widget.Label{Text: lang.L("Kind of safeguard")}, fixedWidth(420, r.kind.Select), nil),
		r.dpf,
		r.err,
	)
	e.sharing.transfers.add(r)
}

func (e *ActivityEditor) loadSharing(a *model.Activity) {
	t := &e.sharing
	t.recipients.set(a.Recipients)
	t.jointControllers.set(a.JointControllers)
	t.contract.SetText(a.ProcessorContractLink)
	t.transfers.clear()
	for _, tr := range a.Transfers {
		e.addTransfer(tr)
	}
}

func (e *ActivityEditor) readSharing(a *model.Activity) {
	t := &e.sharing
	a.Recipients = t.recipients.values()
	a.JointControllers = t.jointControllers.values()
	a.ProcessorContractLink = strings.TrimSpace(t.contract.Text)
	a.Transfers = nil
	for _, r := range t.transfers.rows {
		a.Transfers = append(a.Transfers, model.Transfer{
			Destination: strings.TrimSpace(r.destination.Text),
			Safeguard:   strings.TrimSpace(r.safeguard.Text),
			Exceptional: r.exceptional.Checked,
			SafeguardKind: func() model.SafeguardKind {
				if k := r.kind.get(); k != "" {
					return k
				}
				return r.unknownKind
			}(),
			DPFCertified: r.dpf.Checked,
		})
	}
}
