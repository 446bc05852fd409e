package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// retentionTab: how long, how safe, from where and held where; automated
// decisions, the DPIA and breaches.
type retentionTab struct {
	retention      *textArea
	retentionClass *widget.Select // a class of the shipped retention schedule, or none
	// otherClass is a loaded class code this schedule does not have (from
	// a newer schedule or another tool), kept as it is unless changed.
	otherClass     string
	security       *textArea
	sources        *listField
	locations      *listField
	adExists       *widget.Check
	adDescription  *textArea
	adSignificant  *widget.Check
	adSafeguards   *textArea
	dpiaRequired   *triState
	dpiaProgress   *enumSelect[model.DPIAProgress]
	dpiaLink       *widget.Entry
	breachOccurred *widget.Check
	breachLink     *widget.Entry

	adDescField, adSigField, breachLinkField *field
	adSafeField                              *field
}

func (e *ActivityEditor) buildRetention() fyne.CanvasObject {
	t := &e.retention
	t.retention = newLongEntry(lang.L("For example: 8 years after the last contact (NHS Records Management Code)"), e.changed)
	t.retentionClass = &widget.Select{PlaceHolder: lang.L("(None: the text above says it)"), OnChanged: func(string) { e.changed() }}
	t.retentionClass.Options = append([]string{lang.L("(None: the text above says it)")}, retentionClassLabels()...)
	t.security = newLongEntry(lang.L("For example: role-based access, encryption at rest, audit trails"), e.changed)
	t.sources = newListField("sources", lang.L("Add a source, such as The individual or GP referral"), e.changed)
	t.locations = newListField("locations", lang.L("Add a location, such as the electronic patient record"), e.changed)
	t.adExists = newCheck(lang.L("The activity makes automated decisions or profiles people"), e.changed)
	t.adDescription = newLongEntry(lang.L("What is decided or profiled, and how"), e.changed)
	t.adSignificant = newCheck(lang.L("Solely automated, with legal or similarly significant effects"), e.changed)
	t.adSafeguards = newLongEntry(lang.L("How people are told, can make representations, get a human to intervene and contest the decision"), e.changed)
	t.breachOccurred = newCheck(lang.L("A personal data breach has occurred"), e.changed)
	t.breachLink = newTextEntry(lang.L("Link to the breach record"), e.changed)

	retention := newField(lang.L("Retention"), lang.L("Time limits for erasing each category of data, where possible. UK GDPR Art 30(1)(f); ICO template column J."), t.retention)
	class := newField(lang.L("Retention schedule class"), lang.L("A class of the NHS Records Management Code of Practice (Appendix II) that the retention follows, as checked on ")+model.RetentionScheduleDate+lang.L(". DSPT 1.4.1."), t.retentionClass)
	security := newField(lang.L("Security measures"), lang.L("A general description of technical and organisational measures, where possible. UK GDPR Art 30(1)(g), 32(1)."), t.security)
	sources := newField(lang.L("Sources"), lang.L("Where the data comes from. UK GDPR Art 14(2)(f); ICO template column R."), t.sources.content)
	locations := newField(lang.L("Locations"), lang.L("Where the data is held, to answer access requests. ICO template column T."), t.locations.content)
	adExists := newField(lang.L("Automated decisions"), lang.L("Existence of automated decision-making, including profiling. UK GDPR Art 13(2)(f); ICO template column Q."), t.adExists)
	t.adDescField = newField(lang.L("Description"), "", t.adDescription)
	t.adSigField = newField(lang.L("Significant effects"), lang.L("Brings in the Article 22 rights. UK GDPR Art 22(1)."), t.adSignificant)
	t.adSafeField = newField(lang.L("Safeguards"), lang.L("The safeguards a significant automated decision needs. UK GDPR Art 22C."), t.adSafeguards)
	breach := newField(lang.L("Breach"), lang.L("UK GDPR Art 33(5) asks you to document breaches; ICO template column X."), t.breachOccurred)
	t.breachLinkField = newField(lang.L("Breach record"), lang.L("ICO template column Y."), t.breachLink)

	e.bind("retention", tabRetention, t.retention, retention.err)
	e.bind("retention_class", tabRetention, t.retentionClass, class.err)
	e.bind("security_measures", tabRetention, t.security, security.err)
	e.bindList("sources", tabRetention, t.sources, t.sources.input, sources.err)
	e.bindList("locations", tabRetention, t.locations, t.locations.input, locations.err)
	e.bind("automated_decisions.exists", tabRetention, t.adExists, adExists.err)
	e.bind("automated_decisions.description", tabRetention, t.adDescription, t.adDescField.err)
	e.bind("automated_decisions.significant_effects", tabRetention, t.adSignificant, t.adSigField.err)
	e.bind("automated_decisions.safeguards", tabRetention, t.adSafeguards, t.adSafeField.err)
	e.bind("automated_decisions", tabRetention, t.adExists, adExists.err)
	e.bind("breach.occurred", tabRetention, t.breachOccurred, breach.err)
	e.bind("breach.link", tabRetention, t.breachLink, t.breachLinkField.err)
	e.bind("breach", tabRetention, t.breachOccurred, breach.err)

	return container.NewVBox(
		newHeading(lang.L("Retention and security")),
		retention.row, class.row, security.row,
		widget.NewSeparator(),
		newHeading(lang.L("Sources and locations")),
		sources.row, locations.row,
		widget.NewSeparator(),
		newHeading(lang.L("Automated decision-making")),
		adExists.row, t.adDescField.row, t.adSigField.row, t.adSafeField.row,
		widget.NewSeparator(),
		newHeading(lang.L("Personal data breaches")),
		breach.row, t.breachLinkField.row,
	)
}

func (e *ActivityEditor) loadRetention(a *model.Activity) {
	t := &e.retention
	t.retention.SetText(a.Retention)
	t.otherClass = ""
	t.retentionClass.Options = append([]string{lang.L("(None: the text above says it)")}, retentionClassLabels()...)
	t.retentionClass.SetSelectedIndex(0)
	if a.RetentionClass != "" {
		if c := model.RetentionClassByCode(a.RetentionClass); c != nil {
			for i := range model.RetentionSchedule {
				if model.RetentionSchedule[i].Code == c.Code {
					t.retentionClass.SetSelectedIndex(i + 1)
				}
			}
		} else {
			t.otherClass = a.RetentionClass
			t.retentionClass.Options = append(t.retentionClass.Options, lang.L("Not in this schedule:")+" "+a.RetentionClass)
			t.retentionClass.SetSelectedIndex(len(t.retentionClass.Options) - 1)
		}
	}
	fitRows(t.retention, 3, 8, 110)
	t.security.SetText(a.SecurityMeasures)
	fitRows(t.security, 3, 8, 110)
	t.sources.set(a.Sources)
	t.locations.set(a.Locations)
	t.adExists.SetChecked(a.AutomatedDecisions.Exists)
	t.adDescription.SetText(a.AutomatedDecisions.Description)
	fitRows(t.adDescription, 3, 8, 110)
	t.adSignificant.SetChecked(a.AutomatedDecisions.SignificantEffects)
	t.adSafeguards.SetText(a.AutomatedDecisions.Safeguards)
	fitRows(t.adSafeguards, 3, 8, 110)
	t.dpiaRequired.set(a.DPIA.Required)
	t.dpiaProgress.set(a.DPIA.Progress)
	t.dpiaLink.SetText(a.DPIA.Link)
	t.breachOccurred.SetChecked(a.Breach.Occurred)
	t.breachLink.SetText(a.Breach.Link)
}

func (e *ActivityEditor) readRetention(a *model.Activity) {
	t := &e.retention
	a.Retention = strings.TrimSpace(t.retention.Text)
	a.RetentionClass = ""
	switch i := t.retentionClass.SelectedIndex(); {
	case i > 0 && i <= len(model.RetentionSchedule):
		a.RetentionClass = model.RetentionSchedule[i-1].Code
	case i > len(model.RetentionSchedule):
		a.RetentionClass = t.otherClass
	}
	a.SecurityMeasures = strings.TrimSpace(t.security.Text)
	a.Sources = t.sources.values()
	a.Locations = t.locations.values()
	a.AutomatedDecisions = model.AutomatedDecisions{
		Exists:             t.adExists.Checked,
		Description:        strings.TrimSpace(t.adDescription.Text),
		SignificantEffects: t.adSignificant.Checked,
		Safeguards:         strings.TrimSpace(t.adSafeguards.Text),
	}
	progress := t.dpiaProgress.get()
	if progress == "" && !model.Known(model.DPIAProgresses, a.DPIA.Progress) {
		// An unknown code from an import is kept for validation to name.
		progress = a.DPIA.Progress
	}
	a.DPIA = model.DPIA{Required: t.dpiaRequired.get(), Progress: progress, Link: strings.TrimSpace(t.dpiaLink.Text)}
	a.Breach = model.Breach{Occurred: t.breachOccurred.Checked, Link: strings.TrimSpace(t.breachLink.Text)}
}

func (e *ActivityEditor) refreshRetention(a *model.Activity) {
	t := &e.retention
	ad := a.AutomatedDecisions
	t.adDescField.setVisible(ad.Exists || ad.Description != "")
	t.adSigField.setVisible(ad.Exists || ad.SignificantEffects)
	t.adSafeField.setVisible(ad.SignificantEffects || ad.Safeguards != "")
	t.breachLinkField.setVisible(a.Breach.Occurred || a.Breach.Link != "")
}

// retentionClassLabels names the shipped retention schedule's classes, in
// its order, with their periods.
func retentionClassLabels() []string {
	out := make([]string, len(model.RetentionSchedule))
	for i, c := range model.RetentionSchedule {
		out[i] = c.Class + " — " + c.Period
	}
	return out
}
