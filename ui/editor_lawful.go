package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// lawfulTab: Article 6 bases, Article 9 and Schedule 1 conditions, the
// paragraph 41 block, Article 10, and the rights that follow.
type lawfulTab struct {
	bases       *rowSet[*claimRow[model.LawfulBasis]]
	interests   *textArea
	liaLink     *widget.Entry
	consentLink *widget.Entry
	conditions  *rowSet[*claimRow[model.Article9Condition]]
	schedule1   *rowSet[*claimRow[model.Schedule1Condition]]
	apdLink     *widget.Entry
	art6Expl    *textArea
	retained    *triState
	notAdhering *textArea
	retPolicy   *widget.Entry
	article10   *textArea
	rights      []*rightRow
	interest    *interestFields

	liField, liaField, consentField  *field
	conditionsField, schedule1Field  *field
	apdBox                           *fyne.Container
	notAdheringField, article10Field *field
}

// claimRow is a code chosen from a list with, optionally, the reason for it:
// an Article 6 basis, an Article 9 condition, a Schedule 1 paragraph.
type claimRow[T ~string] struct {
	code   *enumSelect[T]
	reason *textArea // nil when the row has no reason
	err    *widget.Label
	obj    *fyne.Container
}

func newClaimRow[T ~string](opts []model.Option[T], withReason bool, changed func(), remove func(*claimRow[T])) *claimRow[T] {
	r := &claimRow[T]{code: newEnumSelect(opts, false, changed), err: newErrorLabel()}
	del := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { remove(r) }}
	var line fyne.CanvasObject
	if withReason {
		r.reason = newReasonEntry(lang.L("Why this applies"), changed)
		line = newSplitRow(300, r.code.Select, r.reason, del)
	} else {
		line = container.NewBorder(nil, nil, nil, del, r.code.Select)
	}
	r.obj = container.NewVBox(line, r.err)
	return r
}

func (r *claimRow[T]) object() fyne.CanvasObject { return r.obj }
func (r *claimRow[T]) errLabel() *widget.Label   { return r.err }
func (r *claimRow[T]) focus(sub string) fyne.Focusable {
	if sub == "reason" && r.reason != nil {
		return r.reason
	}
	return r.code.Select
}

func (r *claimRow[T]) text() string {
	if r.reason == nil {
		return ""
	}
	return strings.TrimSpace(r.reason.Text)
}

// schedule1Options labels each paragraph with its number, which is how
// DPOs and the ICO refer to them.
func schedule1Options() []model.Option[model.Schedule1Condition] {
	out := make([]model.Option[model.Schedule1Condition], len(model.Schedule1Conditions))
	for i, o := range model.Schedule1Conditions {
		o.Label = lang.L("Para") + " " + strconv.Itoa(schedule1Para(o.Code)) + ": " + o.Label
		out[i] = o
	}
	return out
}

func schedule1Para(c model.Schedule1Condition) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(string(c), "sch1_para"))
	return n
}

func (e *ActivityEditor) buildLawful() fyne.CanvasObject {
	t := &e.lawful
	t.bases = newRowSet[*claimRow[model.LawfulBasis]](e.changed)
	t.conditions = newRowSet[*claimRow[model.Article9Condition]](e.changed)
	t.schedule1 = newRowSet[*claimRow[model.Schedule1Condition]](e.changed)
	addBasis := &widget.Button{Text: lang.L("Add a lawful basis"), Icon: theme.ContentAddIcon(), OnTapped: func() {
		e.addBasis(model.BasisClaim{})
		e.changed()
	}}
	addCondition := &widget.Button{Text: lang.L("Add an Article 9 condition"), Icon: theme.ContentAddIcon(), OnTapped: func() {
		e.addCondition(model.ConditionClaim{})
		e.changed()
	}}
	addSchedule1 := &widget.Button{Text: lang.L("Add a Schedule 1 condition"), Icon: theme.ContentAddIcon(), OnTapped: func() {
		e.addSchedule1("")
		e.changed()
	}}
	t.interests = newLongEntry(lang.L("The interest pursued, and by whom"), e.changed)
	t.liaLink = newTextEntry(lang.L("Link to the legitimate interests assessment"), e.changed)
	t.consentLink = newTextEntry(lang.L("Link to where consent is recorded"), e.changed)
	t.apdLink = newTextEntry(lang.L("Link to the appropriate policy document"), e.changed)
	t.art6Expl = newLongEntry(lang.L("How the processing satisfies Article 6"), e.changed)
	t.retained = newTriState(e.changed)
	t.notAdhering = newLongEntry(lang.L("Why data is not retained and erased as the policy says"), e.changed)
	t.retPolicy = newTextEntry(lang.L("Link to the retention and erasure policy"), e.changed)
	t.article10 = newLongEntry(lang.L("The official authority, or the Schedule 1 condition, that authorises it"), e.changed)

	bases := newField(lang.L("Article 6 lawful bases"), lang.L("Each basis relied on, with the reason written down. UK GDPR Art 6(1); ICO Accountability Framework."), container.NewVBox(t.bases.box, container.NewHBox(addBasis)))
	t.liField = newField(lang.L("Legitimate interests"), lang.L("State the interest. UK GDPR Art 6(1)(f); ICO template column N."), t.interests)
	t.liaField = newField(lang.L("LIA link"), lang.L("The legitimate interests assessment. ICO template column O."), t.liaLink)
	t.consentField = newField(lang.L("Consent record"), lang.L("Where the consents are recorded. UK GDPR Art 7(1); ICO template column S."), t.consentLink)
	t.conditionsField = newField(lang.L("Article 9 conditions"), lang.L("Special category data needs a condition as well as a lawful basis. UK GDPR Art 9(2)."), container.NewVBox(t.conditions.box, container.NewHBox(addCondition)))
	t.schedule1Field = newField(lang.L("Schedule 1 conditions"), lang.L("Article 9(2)(b), (g), (h), (i) and (j) need a DPA 2018 Schedule 1 paragraph; criminal-offence data may rely on Part 3."), container.NewVBox(t.schedule1.box, container.NewHBox(addSchedule1)))
	apd := newField(lang.L("APD link"), lang.L("The appropriate policy document this condition needs. DPA 2018 Sch 1 para 5."), t.apdLink)
	art6 := newField(lang.L("Article 6 explanation"), lang.L("DPA 2018 Sch 1 para 41(b)."), t.art6Expl)
	retained := newField(lang.L("Retained per policy?"), lang.L("Is the data retained and erased in line with the APD's policies? DPA 2018 Sch 1 para 41(c)."), t.retained.Select)
	t.notAdheringField = newField(lang.L("Reason for not adhering"), lang.L("DPA 2018 Sch 1 para 41(c); ICO template column AD."), t.notAdhering)
	retPolicy := newField(lang.L("Retention policy link"), lang.L("The retention and erasure policy document. ICO template column AB."), t.retPolicy)
	t.article10Field = newField(lang.L("Article 10 basis"), lang.L("Criminal-offence data needs official authority or a DPA 2018 Schedule 1 condition. UK GDPR Art 10; DPA 2018 s10(5)."), t.article10)
	t.apdBox = container.NewVBox(
		widget.NewSeparator(),
		newHeading(lang.L("Appropriate policy document (paragraph 41)")),
		apd.row, art6.row, retained.row, t.notAdheringField.row, retPolicy.row,
	)

	t.interest = e.buildInterests()
	e.bindList("lawful_bases", tabLawful, t.bases, addBasis, bases.err)
	e.bind("legitimate_interests", tabLawful, t.interests, t.liField.err)
	e.bind("lia_link", tabLawful, t.liaLink, t.liaField.err)
	e.bind("consent_record_link", tabLawful, t.consentLink, t.consentField.err)
	e.bindList("article9_conditions", tabLawful, t.conditions, addCondition, t.conditionsField.err)
	e.bindList("schedule1_conditions", tabLawful, t.schedule1, addSchedule1, t.schedule1Field.err)
	e.bind("paragraph41.apd_link", tabLawful, t.apdLink, apd.err)
	e.bind("paragraph41.article6_explanation", tabLawful, t.art6Expl, art6.err)
	e.bind("paragraph41.retained_per_policy", tabLawful, t.retained.Select, retained.err)
	e.bind("paragraph41.not_adhering_reason", tabLawful, t.notAdhering, t.notAdheringField.err)
	e.bind("paragraph41.retention_policy_link", tabLawful, t.retPolicy, retPolicy.err)
	e.bind("paragraph41", tabLawful, t.apdLink, apd.err)
	e.bind("article10_basis", tabLawful, t.article10, t.article10Field.err)

	return container.NewVBox(
		newHeading(lang.L("Lawful basis (Article 6)")),
		bases.row, t.interest.outsideRow.row, t.liField.row, t.liaField.row,
		t.interest.conditionRow.row, t.interest.necessityRow.row, t.consentField.row,
		widget.NewSeparator(),
		newHeading(lang.L("Special category and criminal-offence data")),
		t.conditionsField.row, t.schedule1Field.row, t.apdBox, t.article10Field.row,
		widget.NewSeparator(),
		newHeading(lang.L("Rights of individuals")),
		newHelp(lang.L("Derived from the lawful bases, automated decision-making and the erasure limits (UK GDPR Chapter III). Override one only with a written reason.")),
		e.buildRights(),
	)
}

func (e *ActivityEditor) addBasis(c model.BasisClaim) {
	r := newClaimRow(model.LawfulBases, true, e.changed, e.lawful.bases.remove)
	r.code.set(c.Basis)
	r.reason.SetText(c.Reason)
	fitRows(r.reason, 2, 5, 70)
	e.lawful.bases.add(r)
}

func (e *ActivityEditor) addCondition(c model.ConditionClaim) {
	r := newClaimRow(model.Article9Conditions, true, e.changed, e.lawful.conditions.remove)
	r.code.set(c.Condition)
	r.reason.SetText(c.Reason)
	fitRows(r.reason, 2, 5, 70)
	e.lawful.conditions.add(r)
}

func (e *ActivityEditor) addSchedule1(c model.Schedule1Condition) {
	r := newClaimRow(schedule1Options(), false, e.changed, e.lawful.schedule1.remove)
	r.code.set(c)
	e.lawful.schedule1.add(r)
}

func (e *ActivityEditor) loadLawful(a *model.Activity) {
	t := &e.lawful
	t.bases.clear()
	for _, b := range a.LawfulBases {
		e.addBasis(b)
	}
	t.conditions.clear()
	for _, c := range a.Article9Conditions {
		e.addCondition(c)
	}
	t.schedule1.clear()
	for _, c := range a.Schedule1Conditions {
		e.addSchedule1(c)
	}
	t.interests.SetText(a.LegitimateInterests)
	fitRows(t.interests, 3, 8, 110)
	t.liaLink.SetText(a.LIALink)
	t.consentLink.SetText(a.ConsentRecordLink)
	p := a.Paragraph41
	t.apdLink.SetText(p.APDLink)
	t.art6Expl.SetText(p.Article6Explanation)
	fitRows(t.art6Expl, 3, 8, 110)
	t.retained.set(p.RetainedPerPolicy)
	t.notAdhering.SetText(p.NotAdheringReason)
	t.retPolicy.SetText(p.RetentionPolicyLink)
	t.article10.SetText(a.Article10Basis)
	fitRows(t.article10, 3, 8, 110)
	t.interest.load(a)
	e.loadRights(a)
}

func (e *ActivityEditor) readLawful(a *model.Activity) {
	t := &e.lawful
	a.LawfulBases = nil
	for _, r := range t.bases.rows {
		a.LawfulBases = append(a.LawfulBases, model.BasisClaim{Basis: r.code.get(), Reason: r.text()})
	}
	a.Article9Conditions = nil
	for _, r := range t.conditions.rows {
		a.Article9Conditions = append(a.Article9Conditions, model.ConditionClaim{Condition: r.code.get(), Reason: r.text()})
	}
	a.Schedule1Conditions = nil
	for _, r := range t.schedule1.rows {
		a.Schedule1Conditions = append(a.Schedule1Conditions, r.code.get())
	}
	a.LegitimateInterests = strings.TrimSpace(t.interests.Text)
	a.LIALink = strings.TrimSpace(t.liaLink.Text)
	a.ConsentRecordLink = strings.TrimSpace(t.consentLink.Text)
	a.Paragraph41 = model.Paragraph41{
		APDLink:             strings.TrimSpace(t.apdLink.Text),
		Article6Explanation: strings.TrimSpace(t.art6Expl.Text),
		RetainedPerPolicy:   t.retained.get(),
		NotAdheringReason:   strings.TrimSpace(t.notAdhering.Text),
		RetentionPolicyLink: strings.TrimSpace(t.retPolicy.Text),
	}
	a.Article10Basis = strings.TrimSpace(t.article10.Text)
	t.interest.read(a)
	e.readRights(a)
}

// refreshLawful shows the questions that follow from the answers so far.
// A question already answered stays visible, so nothing recorded is hidden.
func (e *ActivityEditor) refreshLawful(a *model.Activity) {
	t := &e.lawful
	li := a.HasBasis(model.BasisLegitimateInterests)
	t.liField.setVisible(li || a.LegitimateInterests != "")
	t.liaField.setVisible(li || a.LIALink != "")
	t.consentField.setVisible(a.HasBasis(model.BasisConsent) || a.ConsentRecordLink != "")
	t.conditionsField.setVisible(a.HasSpecialCategoryData() || len(a.Article9Conditions) > 0)
	sch1 := a.CriminalOffenceData || len(a.Schedule1Conditions) > 0
	for _, c := range a.Article9Conditions {
		sch1 = sch1 || c.Condition.NeedsSchedule1()
	}
	t.schedule1Field.setVisible(sch1)
	apd := a.Paragraph41 != (model.Paragraph41{})
	for _, c := range a.Schedule1Conditions {
		apd = apd || c.NeedsAPD()
	}
	if apd != t.apdBox.Visible() {
		if apd {
			t.apdBox.Show()
		} else {
			t.apdBox.Hide()
		}
	}
	t.notAdheringField.setVisible(isFalse(a.Paragraph41.RetainedPerPolicy) || a.Paragraph41.NotAdheringReason != "")
	t.article10Field.setVisible(a.CriminalOffenceData || a.Article10Basis != "")
	t.interest.refresh(a, e.organisationOf(a))
	e.refreshRights(a)
}
