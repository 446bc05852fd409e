package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// noticeFields edit what the privacy notices need from an activity: which
// notices it belongs to, and whether people must provide the data and what
// happens if they do not (ICO checklist item 15). They sit on the Overview
// tab, under the purposes the notice describes.
type noticeFields struct {
	audiences   *listField
	requirement *enumSelect[model.RequirementKind]
	consequence *widget.Entry
}

func (e *ActivityEditor) buildNotice() fyne.CanvasObject {
	t := &e.overview.notice
	t.audiences = newListField("audiences", lang.L("Add a notice audience, e.g. Service users"), e.changed)
	// Offered by label; what the DPO types of their own is kept as typed.
	var labels []string
	for _, o := range model.Audiences {
		labels = append(labels, o.Label)
	}
	t.audiences.setSuggestions(labels)
	t.requirement = newEnumSelect(model.RequirementKinds, true, e.changed)
	t.consequence = newTextEntry(lang.L("For example: without it we cannot provide care"), e.changed)

	aud := newField(lang.L("Privacy notice audiences"), lang.L("The privacy notices this activity belongs to: service users, representatives, staff, website visitors, newsletter subscribers, or your own."), t.audiences.content)
	req := newField(lang.L("Must people provide the data?"), lang.L("Whether providing it is required by law or a contract, and what happens if they do not. UK GDPR Art 13(2)(e)."), t.requirement.Select)
	cons := newField(lang.L("If they do not provide it"), lang.L("What happens, in the words the notice will use."), t.consequence)
	e.bindList("audiences", tabOverview, t.audiences, t.audiences.input, aud.err)
	e.bind("provision_requirement.kind", tabOverview, t.requirement.Select, req.err)
	e.bind("provision_requirement.consequence", tabOverview, t.consequence, cons.err)
	return container.NewVBox(widget.NewSeparator(), newHeading(lang.L("Privacy notices")), aud.row, req.row, cons.row)
}

func (e *ActivityEditor) loadNotice(a *model.Activity) {
	t := &e.overview.notice
	labels := make([]string, len(a.Audiences))
	for i, x := range a.Audiences {
		labels[i] = model.AudienceLabel(x)
	}
	t.audiences.set(labels)
	t.requirement.set(a.ProvisionRequirement.Kind)
	t.consequence.SetText(a.ProvisionRequirement.Consequence)
}

func (e *ActivityEditor) readNotice(a *model.Activity) {
	t := &e.overview.notice
	a.Audiences = nil
	for _, v := range t.audiences.values() {
		// A known audience is stored by its code; the DPO's own name as typed.
		if c := model.AudienceCode(v); model.Known(model.Audiences, c) {
			a.Audiences = append(a.Audiences, c)
		} else {
			a.Audiences = append(a.Audiences, v)
		}
	}
	a.ProvisionRequirement = model.ProvisionRequirement{Kind: t.requirement.get(), Consequence: strings.TrimSpace(t.consequence.Text)}
}
