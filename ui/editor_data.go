package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// dataTab: whose data, which data, and how sensitive it is.
type dataTab struct {
	subjects   *listField
	personal   *listField
	special    []*widget.Check // in the order of model.SpecialCategories
	criminal   *widget.Check
	largeScale *widget.Check
}

func (e *ActivityEditor) buildData() fyne.CanvasObject {
	t := &e.data
	t.subjects = newListField("data_subjects", lang.L("Add a category of people, such as Patients"), e.changed)
	t.personal = newListField("personal_data", lang.L("Add a category of data, such as Contact details"), e.changed)
	grid := container.NewGridWithColumns(2)
	for _, o := range model.SpecialCategories {
		c := newCheck(o.Label, e.changed)
		t.special = append(t.special, c)
		grid.Add(c)
	}
	t.criminal = newCheck(lang.L("Criminal convictions and offences, or related security measures"), e.changed)
	t.largeScale = newCheck(lang.L("Processed on a large scale"), e.changed)

	subjects := newField(lang.L("Data subjects"), lang.L("The categories of individuals. UK GDPR Art 30(1)(c); ICO template column D."), t.subjects.content)
	personal := newField(lang.L("Personal data"), lang.L("The categories of personal data. UK GDPR Art 30(1)(c); ICO template column E."), t.personal.content)
	special := newField(lang.L("Special categories"), lang.L("Tick each kind of special category data processed. UK GDPR Art 9(1); an Article 9 condition is then needed."), grid)
	criminal := newField(lang.L("Criminal-offence data"), lang.L("UK GDPR Art 10; DPA 2018 s10(5) and Schedule 1 Part 3."), t.criminal)
	large := newField(lang.L("Large scale"), lang.L("Special category or criminal-offence data on a large scale makes a DPIA mandatory. UK GDPR Art 35(3)(b)."), t.largeScale)

	e.bindList("data_subjects", tabData, t.subjects, t.subjects.input, subjects.err)
	e.bindList("personal_data", tabData, t.personal, t.personal.input, personal.err)
	e.bindList("special_categories", tabData, noItems{}, t.special[0], special.err)
	e.bind("criminal_offence_data", tabData, t.criminal, criminal.err)
	e.bind("large_scale", tabData, t.largeScale, large.err)

	return container.NewVBox(
		newHeading(lang.L("People and data")),
		subjects.row, personal.row,
		widget.NewSeparator(),
		newHeading(lang.L("Sensitive data")),
		special.row, criminal.row, large.row,
	)
}

func (e *ActivityEditor) loadData(a *model.Activity) {
	t := &e.data
	t.subjects.set(a.DataSubjects)
	t.personal.set(a.PersonalData)
	for i, o := range model.SpecialCategories {
		on := false
		for _, c := range a.SpecialCategories {
			on = on || c == o.Code
		}
		t.special[i].SetChecked(on)
	}
	t.criminal.SetChecked(a.CriminalOffenceData)
	t.largeScale.SetChecked(a.LargeScale)
}

func (e *ActivityEditor) readData(a *model.Activity) {
	t := &e.data
	a.DataSubjects = t.subjects.values()
	a.PersonalData = t.personal.values()
	// Keep the order the categories were recorded in, and codes the form
	// does not know (from an import) for validation to name; newly ticked
	// ones follow in the order of the list.
	checked := map[model.SpecialCategory]bool{}
	for i, o := range model.SpecialCategories {
		checked[o.Code] = t.special[i].Checked
	}
	var cats []model.SpecialCategory
	for _, c := range a.SpecialCategories {
		if checked[c] || !model.Known(model.SpecialCategories, c) {
			cats = append(cats, c)
			delete(checked, c)
		}
	}
	for _, o := range model.SpecialCategories {
		if checked[o.Code] {
			cats = append(cats, o.Code)
		}
	}
	a.SpecialCategories = cats
	a.CriminalOffenceData = t.criminal.Checked
	a.LargeScale = t.largeScale.Checked
}

// noItems is a list target whose messages all go to the list's own label.
type noItems struct{}

func (noItems) target(int, string) (fyne.Focusable, *widget.Label, bool) { return nil, nil, false }
func (noItems) clearErrors()                                             {}
