package ui

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// questionWidth keeps selects and short answers of the questionnaire from
// stretching across the whole window.
const questionWidth float32 = 460

// The scope question's choices, by index.
const (
	scopeFollowOrganisation = iota
	scopeYes
	scopeNo
)

// ndopTab asks the national data opt-out questions of shared/domain/ndop.md
// in order. Which questions show is decided by model.AssessNDOP (its Asked
// and Missing), so the form and the verdict cannot disagree.
type ndopTab struct {
	scope            *widget.Select
	scopeHint        *widget.Label
	anonymised       *triState
	anonJustify      *textArea
	identifiable     *triState
	dutyOfConfidence *triState
	healthOrCare     *triState
	purpose          *enumSelect[model.NDOPPurpose]
	basis            *enumSelect[model.ConfidentialityBasis]
	policyExemption  *widget.Entry
	s251Exempt       *widget.Check
	evidence         *widget.Entry
	nhsNumber        *triState
	disproportionate *widget.Check
	dispReason       *textArea
	checkMethod      *enumSelect[model.OptOutCheckMethod]
	lastChecked      *dateEntry
	onlyReturned     *widget.Check
	assessedBy       *widget.Entry
	assessedAt       *dateEntry

	verdict *widget.Label
	reason  *widget.Label
	missing *widget.Label
	due     *widget.Label
	panel   *fyne.Container

	// questions by their JSON key under "ndop", for showing and hiding.
	questions   map[string]*field
	anonField   *field
	checkingBox *fyne.Container
}

func (e *ActivityEditor) buildNDOP() fyne.CanvasObject {
	t := &e.ndop
	t.scope = &widget.Select{
		Options:   []string{lang.L("As the organisation's setting says"), lang.L("Yes, for this activity"), lang.L("No, not for this activity")},
		OnChanged: func(string) { e.changed() },
	}
	t.scopeHint = newHelp("")
	t.anonymised = newTriState(e.changed)
	t.anonJustify = newLongEntry(lang.L("Why the data counts as anonymised"), e.changed)
	t.identifiable = newTriState(e.changed)
	t.dutyOfConfidence = newTriState(e.changed)
	t.healthOrCare = newTriState(e.changed)
	t.purpose = newEnumSelect(model.NDOPPurposes, true, e.changed)
	t.basis = newEnumSelect(model.ConfidentialityBases, true, e.changed)
	t.policyExemption = newTextEntry(lang.L("The exemption's name in the NDOP operational policy guidance"), e.changed)
	t.s251Exempt = newCheck(lang.L("Yes: the CAG's support says the opt-out does not apply to this flow"), e.changed)
	t.evidence = newTextEntry(lang.L("Statute, court order, CAG reference or public-interest test record"), e.changed)
	t.nhsNumber = newTriState(e.changed)
	t.disproportionate = newCheck(lang.L("Yes: obtaining NHS numbers would be disproportionate effort"), e.changed)
	t.dispReason = newLongEntry(lang.L("Why obtaining NHS numbers would be disproportionate"), e.changed)
	t.checkMethod = newEnumSelect(model.OptOutCheckMethods, true, e.changed)
	t.lastChecked = newDateEntry(e.changed)
	t.onlyReturned = newCheck(lang.L("Only the NHS numbers the check returns are used"), e.changed)
	t.assessedBy = newTextEntry(lang.L("Name of the person who assessed it"), e.changed)
	t.assessedAt = newDateEntry(e.changed)
	today := &widget.Button{Text: lang.L("Today"), Importance: widget.LowImportance, OnTapped: func() {
		t.assessedAt.setDate(time.Now())
	}}

	w := func(obj fyne.CanvasObject) fyne.CanvasObject { return fixedWidth(questionWidth, obj) }
	scope := newQuestion(lang.L("Is the organisation bound by the national data opt-out for this activity?"), "", container.NewVBox(w(t.scope), t.scopeHint))
	t.anonField = newQuestion(lang.L("Why is it anonymised?"), lang.L("The justification against the ICO anonymisation code."), t.anonJustify)
	q := map[string]*field{
		"in_scope_override": scope,
		"anonymised": newQuestion(lang.L("Is the data anonymised in line with the ICO anonymisation code?"),
			lang.L("Anonymised data is outside the opt-out. Pseudonymised data is not anonymised."), w(t.anonymised.Select)),
		"identifiable": newQuestion(lang.L("Does the data identify patients, or is it likely to let the recipient identify them?"),
			lang.L("First of the three tests of confidential patient information. Pseudonymised data still counts."), w(t.identifiable.Select)),
		"duty_of_confidence": newQuestion(lang.L("Is the data owed a duty of confidence?"),
			lang.L("Second test: given in confidence, as information about patients usually is."), w(t.dutyOfConfidence.Select)),
		"health_or_care": newQuestion(lang.L("Is the data about the patient's health or care?"),
			lang.L("Third test. All three must hold for the data to be confidential patient information."), w(t.healthOrCare.Select)),
		"purpose": newQuestion(lang.L("What is the data used for?"),
			lang.L("The opt-out covers uses beyond individual care: research, planning, commissioning, service evaluation."), w(t.purpose.Select)),
		"confidentiality_basis": newQuestion(lang.L("What lifts the common-law duty of confidence?"),
			lang.L("NDOP operational policy guidance; appendix 5 for legal requirements and court orders."), w(t.basis.Select)),
		"policy_exemption": newQuestion(lang.L("Which exemption in the opt-out policy applies?"), "", t.policyExemption),
		"s251_ndop_exempt": newQuestion(lang.L("Has the Confidentiality Advisory Group exempted this flow from the opt-out?"),
			lang.L("Section 251 support normally leaves the opt-out applying, unless CAG said otherwise."), t.s251Exempt),
		"evidence": newQuestion(lang.L("What is the evidence?"),
			lang.L("The statute, court order, CAG reference or public-interest test record the basis rests on."), t.evidence),
		"nhs_number_available": newQuestion(lang.L("Are NHS numbers held for these patients?"),
			lang.L("The opt-out is checked by NHS number."), w(t.nhsNumber.Select)),
		"nhs_number_disproportionate_effort": newQuestion(lang.L("Would obtaining the NHS numbers be disproportionate effort?"), "", t.disproportionate),
		"disproportionate_effort_reason":     newQuestion(lang.L("Why would it be disproportionate?"), "", t.dispReason),
		"check_method": newQuestion(lang.L("How are opt-outs checked?"),
			lang.L("Through the Check for National Data Opt-outs service (NHS MESH), or the GP system. DCB3058."), w(t.checkMethod.Select)),
		"last_checked": newQuestion(lang.L("When were they last checked?"),
			lang.L("Check before each use or disclosure; a time-limited cache of the result is allowed."), w(t.lastChecked.obj)),
		"only_returned_numbers": newQuestion(lang.L("Are only the NHS numbers returned by the check used?"),
			lang.L("Opt-out status must not be stored on the patient record."), t.onlyReturned),
	}
	t.questions = q
	by := newQuestion(lang.L("Assessed by"), "", w(t.assessedBy))
	at := newQuestion(lang.L("Assessed on"), lang.L("Assess again every year."), w(container.NewBorder(nil, nil, nil, today, t.assessedAt.obj)))

	for key, f := range q {
		var focus fyne.Focusable
		switch key {
		case "in_scope_override":
			focus = t.scope
		case "anonymised":
			focus = t.anonymised.Select
		case "identifiable":
			focus = t.identifiable.Select
		case "duty_of_confidence":
			focus = t.dutyOfConfidence.Select
		case "health_or_care":
			focus = t.healthOrCare.Select
		case "purpose":
			focus = t.purpose.Select
		case "confidentiality_basis":
			focus = t.basis.Select
		case "policy_exemption":
			focus = t.policyExemption
		case "s251_ndop_exempt":
			focus = t.s251Exempt
		case "evidence":
			focus = t.evidence
		case "nhs_number_available":
			focus = t.nhsNumber.Select
		case "nhs_number_disproportionate_effort":
			focus = t.disproportionate
		case "disproportionate_effort_reason":
			focus = t.dispReason
		case "check_method":
			focus = t.checkMethod.Select
		case "last_checked":
			focus = t.lastChecked.Entry
		case "only_returned_numbers":
			focus = t.onlyReturned
		}
		e.bind("ndop."+key, tabNDOP, focus, f.err)
	}
	e.bind("ndop.anonymisation_justification", tabNDOP, t.anonJustify, t.anonField.err)
	e.bind("ndop.assessed_by", tabNDOP, t.assessedBy, by.err)
	e.bind("ndop.assessed_at", tabNDOP, t.assessedAt.Entry, at.err)
	e.bind("ndop", tabNDOP, t.scope, scope.err)

	t.checkingBox = container.NewVBox(
		widget.NewSeparator(),
		newHeading(lang.L("Checking opt-outs")),
		q["check_method"].row, q["last_checked"].row, q["only_returned_numbers"].row,
	)
	return container.NewVBox(
		newHeading(lang.L("Does the national data opt-out apply?")),
		q["in_scope_override"].row,
		q["anonymised"].row, t.anonField.row,
		q["identifiable"].row, q["duty_of_confidence"].row, q["health_or_care"].row,
		q["purpose"].row,
		q["confidentiality_basis"].row, q["policy_exemption"].row, q["s251_ndop_exempt"].row, q["evidence"].row,
		q["nhs_number_available"].row, q["nhs_number_disproportionate_effort"].row, q["disproportionate_effort_reason"].row,
		t.checkingBox,
		widget.NewSeparator(),
		newHeading(lang.L("Assessment")),
		by.row, at.row,
	)
}

// buildNDOPPanel is the verdict, kept above the questions' scroll so it
// stays in sight while the DPO answers.
func (e *ActivityEditor) buildNDOPPanel() fyne.CanvasObject {
	t := &e.ndop
	t.verdict = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	t.reason = &widget.Label{Wrapping: fyne.TextWrapWord}
	t.missing = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	t.due = newHelp("")
	t.panel = container.NewVBox(t.verdict, t.reason, t.missing, t.due, widget.NewSeparator())
	return container.NewPadded(t.panel)
}

func (e *ActivityEditor) loadNDOP(a *model.Activity) {
	t := &e.ndop
	n := a.NDOP
	switch {
	case n.InScopeOverride == nil:
		t.scope.SetSelectedIndex(scopeFollowOrganisation)
	case *n.InScopeOverride:
		t.scope.SetSelectedIndex(scopeYes)
	default:
		t.scope.SetSelectedIndex(scopeNo)
	}
	t.anonymised.set(n.Anonymised)
	t.anonJustify.SetText(n.AnonymisationJustification)
	t.identifiable.set(n.Identifiable)
	t.dutyOfConfidence.set(n.DutyOfConfidence)
	t.healthOrCare.set(n.HealthOrCare)
	t.purpose.set(n.Purpose)
	t.basis.set(n.ConfidentialityBasis)
	t.policyExemption.SetText(n.PolicyExemption)
	t.s251Exempt.SetChecked(n.S251NDOPExempt)
	t.evidence.SetText(n.Evidence)
	t.nhsNumber.set(n.NHSNumberAvailable)
	t.disproportionate.SetChecked(n.NHSNumberDisproportionateEffort)
	t.dispReason.SetText(n.DisproportionateEffortReason)
	t.checkMethod.set(n.CheckMethod)
	t.lastChecked.set(n.LastChecked)
	t.onlyReturned.SetChecked(n.OnlyReturnedNumbers)
	t.assessedBy.SetText(n.AssessedBy)
	t.assessedAt.set(n.AssessedAt)
}

func (e *ActivityEditor) readNDOP(a *model.Activity) {
	t := &e.ndop
	n := &a.NDOP
	switch t.scope.SelectedIndex() {
	case scopeYes:
		n.InScopeOverride = new(true)
	case scopeNo:
		n.InScopeOverride = new(false)
	default:
		n.InScopeOverride = nil
	}
	n.Anonymised = t.anonymised.get()
	n.AnonymisationJustification = strings.TrimSpace(t.anonJustify.Text)
	n.Identifiable = t.identifiable.get()
	n.DutyOfConfidence = t.dutyOfConfidence.get()
	n.HealthOrCare = t.healthOrCare.get()
	// Unknown codes from an import are kept for validation to name.
	if p := t.purpose.get(); p != "" || model.Known(model.NDOPPurposes, n.Purpose) {
		n.Purpose = p
	}
	if b := t.basis.get(); b != "" || model.Known(model.ConfidentialityBases, n.ConfidentialityBasis) {
		n.ConfidentialityBasis = b
	}
	n.PolicyExemption = strings.TrimSpace(t.policyExemption.Text)
	n.S251NDOPExempt = t.s251Exempt.Checked
	n.Evidence = strings.TrimSpace(t.evidence.Text)
	n.NHSNumberAvailable = t.nhsNumber.get()
	n.NHSNumberDisproportionateEffort = t.disproportionate.Checked
	n.DisproportionateEffortReason = strings.TrimSpace(t.dispReason.Text)
	if m := t.checkMethod.get(); m != "" || model.Known(model.OptOutCheckMethods, n.CheckMethod) {
		n.CheckMethod = m
	}
	n.LastChecked, _ = t.lastChecked.get()
	n.OnlyReturnedNumbers = t.onlyReturned.Checked
	n.AssessedBy = strings.TrimSpace(t.assessedBy.Text)
	n.AssessedAt, _ = t.assessedAt.get()
}

// refreshNDOP re-runs the assessment and shows the questions it consulted
// or still needs, and the verdict.
func (e *ActivityEditor) refreshNDOP(a *model.Activity) {
	t := &e.ndop
	org := e.organisation()
	switch {
	case org == nil:
		setLabel(t.scopeHint, lang.L("No organisation chosen yet (Overview tab)."), t.scopeHint.Importance)
	case org.NDOPInScope:
		setLabel(t.scopeHint, lang.L("The organisation's setting: bound by the opt-out (it provides or coordinates publicly funded health or adult social care in England)."), t.scopeHint.Importance)
	default:
		setLabel(t.scopeHint, lang.L("The organisation's setting: not bound by the opt-out."), t.scopeHint.Importance)
	}

	res := model.AssessNDOP(a, org)
	shown := func(key string) bool {
		return key == "in_scope_override" || slices.Contains(res.Asked, key) || slices.Contains(res.Missing, key)
	}
	for key, f := range t.questions {
		f.setVisible(shown(key))
	}
	t.anonField.setVisible(isTrue(a.NDOP.Anonymised) && shown("anonymised"))
	checking := res.Verdict == model.VerdictApplies || shown("check_method")
	if checking != t.checkingBox.Visible() {
		if checking {
			t.checkingBox.Show()
		} else {
			t.checkingBox.Hide()
		}
	}

	setLabel(t.verdict, verdictLabel(res.Verdict), verdictImportance(res.Verdict))
	setLabel(t.reason, res.Reason, t.reason.Importance)
	if res.DueAt.IsZero() {
		t.due.Hide()
	} else {
		setLabel(t.due, lang.L("Assessed on")+" "+res.AssessedAt.Format(dateLayout)+"; "+
			lang.L("due for reassessment on")+" "+res.DueAt.Format(dateLayout)+".", t.due.Importance)
		t.due.Show()
	}
	var still []string
	for _, k := range res.Missing {
		still = append(still, ndopKeyWords(k))
	}
	if len(still) > 0 && res.Verdict != model.VerdictNotAssessed {
		setLabel(t.missing, lang.L("Still to record:")+" "+strings.Join(still, "; ")+".", t.missing.Importance)
		t.missing.Show()
	} else {
		t.missing.Hide()
	}
}

// ndopKeyWords names an assessment field for the "still to record" line.
func ndopKeyWords(key string) string {
	switch key {
	case "anonymisation_justification":
		return lang.L("why the data counts as anonymised")
	case "evidence":
		return lang.L("the evidence for the basis")
	case "policy_exemption":
		return lang.L("which policy exemption applies")
	case "disproportionate_effort_reason":
		return lang.L("why obtaining NHS numbers is disproportionate")
	case "check_method":
		return lang.L("how opt-outs are checked")
	case "last_checked":
		return lang.L("when opt-outs were last checked")
	case "only_returned_numbers":
		return lang.L("that only returned NHS numbers are used")
	case "assessed_by":
		return lang.L("who assessed it")
	case "assessed_at":
		return lang.L("when it was assessed")
	}
	return key
}
