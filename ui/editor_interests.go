package ui

import (
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// interestFields are the Lawful basis tab's questions about the interest
// bases added by the Data (Use and Access) Act 2025: the Annex 1 condition
// and necessity behind a recognised legitimate interest (Art 6(1)(ea)), and
// whether a public authority's processing lies outside its public tasks
// (which opens (f) and (ea) to it).
type interestFields struct {
	condition     *enumSelect[model.Annex1Condition]
	necessity     *textArea
	outsideTasks  *widget.Check
	conditionRow  *field
	necessityRow  *field
	outsideRow    *field
	unknownAnnex1 model.Annex1Condition
}

func (e *ActivityEditor) buildInterests() *interestFields {
	f := &interestFields{}
	f.condition = newEnumSelect(model.Annex1Conditions, true, e.changed)
	f.necessity = newLongEntry(lang.L("Why the processing is necessary for that condition"), e.changed)
	f.outsideTasks = newCheck(lang.L("This processing is not part of our tasks as a public authority"), e.changed)
	f.conditionRow = newField(lang.L("Annex 1 condition"), lang.L("A recognised legitimate interest needs one of the conditions in Annex 1. UK GDPR Art 6(1)(ea), Annex 1."), f.condition.Select)
	f.necessityRow = newField(lang.L("Why necessary"), lang.L("No balancing test, but the processing must be necessary for the condition. UK GDPR Art 6(1)(ea)."), f.necessity)
	f.outsideRow = newField(lang.L("Outside public tasks"), lang.L("A public authority may rely on legitimate interests only for processing outside its tasks. UK GDPR Art 6(1), last subparagraph."), f.outsideTasks)
	e.bind("recognised_interest.condition", tabLawful, f.condition.Select, f.conditionRow.err)
	e.bind("recognised_interest.necessity", tabLawful, f.necessity, f.necessityRow.err)
	e.bind("recognised_interest", tabLawful, f.condition.Select, f.conditionRow.err)
	e.bind("outside_public_tasks", tabLawful, f.outsideTasks, f.outsideRow.err)
	return f
}

func (f *interestFields) load(a *model.Activity) {
	f.condition.set(a.RecognisedInterest.Condition)
	f.unknownAnnex1 = ""
	if !model.Known(model.Annex1Conditions, a.RecognisedInterest.Condition) {
		f.unknownAnnex1 = a.RecognisedInterest.Condition
	}
	f.necessity.SetText(a.RecognisedInterest.Necessity)
	fitRows(f.necessity, 3, 8, 110)
	f.outsideTasks.SetChecked(a.OutsidePublicTasks)
}

func (f *interestFields) read(a *model.Activity) {
	c := f.condition.get()
	if c == "" {
		c = f.unknownAnnex1 // kept for validation to name
	}
	a.RecognisedInterest = model.RecognisedInterest{Condition: c, Necessity: strings.TrimSpace(f.necessity.Text)}
	a.OutsidePublicTasks = f.outsideTasks.Checked
}

// refresh shows the recognised-interest questions when that basis is
// claimed, and the public-tasks question when the organisation is a public
// authority; an answer already given stays visible.
func (f *interestFields) refresh(a *model.Activity, org *model.Organisation) {
	ri := a.HasBasis(model.BasisRecognisedLegitimateInterest) || a.RecognisedInterest != (model.RecognisedInterest{})
	f.conditionRow.setVisible(ri)
	f.necessityRow.setVisible(ri)
	f.outsideRow.setVisible(a.OutsidePublicTasks || (org != nil && org.PublicAuthority))
}

// organisationOf returns the organisation a belongs to among those loaded.
func (e *ActivityEditor) organisationOf(a *model.Activity) *model.Organisation {
	for i := range e.orgs {
		if e.orgs[i].ID == a.OrganisationID {
			return &e.orgs[i]
		}
	}
	return nil
}
