package model

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Severity ranks a finding.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Finding is one result of the consistency checks: what is wrong, where,
// and what to do, in a sentence a DPO understands.
type Finding struct {
	Severity   Severity  `json:"severity"`
	Code       string    `json:"code"`
	ActivityID uuid.UUID `json:"activity_id"`
	Activity   string    `json:"activity"`
	// Field is the JSON path of the field concerned, so the UI can open
	// the activity there.
	Field string `json:"field"`
	// FieldLabel is the field's name as a DPO reads it (FieldLabel), for a
	// report or a list that must not show Field's key.
	FieldLabel string `json:"field_label"`
	Message    string `json:"message"`
	// A register-level finding (CheckDSPT) names the asset, supplier or
	// organisation it is about instead of an activity.
	AssetID        uuid.UUID `json:"asset_id,omitzero"`
	Asset          string    `json:"asset,omitempty"`
	SupplierID     uuid.UUID `json:"supplier_id,omitzero"`
	Supplier       string    `json:"supplier,omitempty"`
	OrganisationID uuid.UUID `json:"organisation_id,omitzero"`
	Organisation   string    `json:"organisation,omitempty"`
}

// Finding codes: stable, so the UI, the CLI's JSON and other people's tools
// can branch on them.
const (
	CodeNoLawfulBasis                   = "no_lawful_basis"
	CodeBasisWithoutReason              = "basis_without_reason"
	CodeSpecialCategoryWithoutCondition = "special_category_without_condition"
	CodeCriminalDataWithoutCondition    = "criminal_data_without_condition"
	CodeConditionNeedsSchedule1         = "condition_needs_schedule1"
	CodeSchedule1NeedsAPD               = "schedule1_needs_apd"
	CodeConsentWithoutRecord            = "consent_without_record"
	CodeLegitimateInterestsIncomplete   = "legitimate_interests_incomplete"
	CodeTransferWithoutSafeguard        = "transfer_without_safeguard"
	CodeNoRetention                     = "no_retention"
	CodeNoSecurityMeasures              = "no_security_measures"
	CodeDPIANotStarted                  = "dpia_not_started"
	CodeNoDPIADecision                  = "no_dpia_decision"
	CodeNDOPNotAssessed                 = "ndop_not_assessed"
	CodeNDOPBlocked                     = "ndop_blocked"
	CodeNDOPIncomplete                  = "ndop_incomplete"
	CodeNDOPReassessmentDue             = "ndop_reassessment_due"
	CodeReviewOverdue                   = "review_overdue"
	CodeNotYetReviewed                  = "not_yet_reviewed"
	CodeInterestsByPublicAuthority      = "interests_by_public_authority"
	CodeRecognisedInterestNoCondition   = "recognised_interest_without_condition"
	CodeRecognisedInterestNoNecessity   = "recognised_interest_without_necessity"
	CodeProcessorWithoutController      = "processor_without_controller"
	CodeDPIAMandatory                   = "dpia_mandatory"
	CodeAutomatedDecisionNotAllowed     = "automated_decision_not_allowed"
	CodeAutomatedDecisionNoSafeguards   = "automated_decision_without_safeguards"
	CodeNDOPNoNHSNumber                 = "ndop_no_nhs_number"
)

// check is one consistency check. Most belong to a controller's record: a
// processor's record (Art 30(2)) holds no lawful basis, condition, retention
// period, DPIA or NDOP decision, because those are the controller's, so only
// checks marked processor run on it. A retired activity no longer processes,
// so findings about how it processes would be noise the DPO cannot act on;
// only checks marked retired (about data it may still hold) run on it.
type check struct {
	processor bool
	retired   bool
	run       func(c *checking)
}

// checks run in this order, which is the order findings are listed in.
var checks = []check{
	{processor: true, run: checkProcessorControllers},
	{run: checkLawfulBasis},
	{run: checkPublicAuthorityInterests},
	{run: checkRecognisedInterest},
	{run: checkSpecialCategory},
	{run: checkCriminalOffence},
	{run: checkSchedule1},
	{run: checkAPD},
	{run: checkConsent},
	{run: checkLegitimateInterests},
	{processor: true, run: checkTransfers},
	{retired: true, run: checkRetention},
	{processor: true, retired: true, run: checkSecurity},
	{run: checkDPIA},
	{run: checkAutomatedDecisions},
	{run: checkNDOP},
	{processor: true, run: checkReview},
}

// checking is one activity being checked.
type checking struct {
	a   *Activity
	org *Organisation
	now time.Time
	out []Finding
}

func (c *checking) add(sev Severity, code, field, format string, args ...any) {
	c.out = append(c.out, Finding{
		Severity:   sev,
		Code:       code,
		ActivityID: c.a.ID,
		Activity:   c.a.Name,
		Field:      field,
		FieldLabel: FieldLabel(field),
		Message:    fmt.Sprintf(format, args...),
	})
}

// CheckActivity runs every consistency check of docs/domain/checks.md on one
// activity. org is the activity's organisation (nil if unknown); now decides
// what is overdue.
func CheckActivity(a *Activity, org *Organisation, now time.Time) []Finding {
	c := &checking{a: a, org: org, now: now}
	for _, ch := range checks {
		if a.Role == RoleProcessor && !ch.processor {
			continue
		}
		if a.Status == StatusRetired && !ch.retired {
			continue
		}
		ch.run(c)
	}
	return c.out
}

// CheckRegister checks every activity with its organisation, in register
// order, then the register as a whole (CheckDSPT).
func CheckRegister(r *Register, now time.Time) []Finding {
	var out []Finding
	for i := range r.Activities {
		a := &r.Activities[i]
		out = append(out, CheckActivity(a, r.Organisation(a.OrganisationID), now)...)
	}
	return append(out, CheckDSPT(r, now)...)
}

func checkLawfulBasis(c *checking) {
	if len(c.a.LawfulBases) == 0 {
		c.add(SeverityError, CodeNoLawfulBasis, "lawful_bases",
			"No Article 6 lawful basis is recorded, so the processing is not shown to be lawful: choose the basis it relies on in %q and say why.", FieldLabel("lawful_bases"))
	}
	for i, b := range c.a.LawfulBases {
		if blank(b.Reason) {
			c.add(SeverityWarning, CodeBasisWithoutReason, indexed("lawful_bases", i)+".reason",
				"%s is chosen without a reason: write down why it applies in %q, as the ICO Accountability Framework expects.", LabelOf(LawfulBases, b.Basis), FieldLabel("lawful_bases.reason"))
		}
	}
}

func checkSpecialCategory(c *checking) {
	a := c.a
	if a.HasSpecialCategoryData() && len(a.Article9Conditions) == 0 {
		c.add(SeverityError, CodeSpecialCategoryWithoutCondition, "article9_conditions",
			"Special category data (%s) is processed without an Article 9 condition, which makes the processing unlawful: choose the Article 9(2) condition relied on in %q.", specialList(a.SpecialCategories), FieldLabel("article9_conditions"))
	}
}

// checkCriminalOffence: Article 10 is met by official authority (recorded
// in words as the Article 10 basis) or by any Schedule 1 condition in Part 1,
// 2 or 3 (DPA 2018 s10(5)): an employer's DBS checks under paragraph 1 are
// authorised, Part 3 is not the only route. Every condition in
// Schedule1Conditions is in one of those Parts.
func checkCriminalOffence(c *checking) {
	a := c.a
	if !a.CriminalOffenceData || !blank(a.Article10Basis) || len(a.Schedule1Conditions) > 0 {
		return
	}
	c.add(SeverityError, CodeCriminalDataWithoutCondition, "article10_basis",
		"Criminal-offence data is processed without an Article 10 basis: fill in %q with the official authority relied on, or choose the Schedule 1 condition (Part 1, 2 or 3) that authorises it in %q (DPA 2018 s10(5)).",
		FieldLabel("article10_basis"), FieldLabel("schedule1_conditions"))
}

// schedule1Needed is what each Article 9(2) condition needs from Schedule 1
// of the DPA 2018 (docs/domain/checks.md); conditions not listed need nothing.
var schedule1Needed = map[Article9Condition]struct {
	paras map[Schedule1Condition]bool
	what  string
}{
	Art9EmploymentSocialSecurity:  {schedule1Set(1), "paragraph 1 (employment, social security and social protection)"},
	Art9SubstantialPublicInterest: {schedule1Range(6, 28), "a Part 2 paragraph (6 to 28) saying which substantial public interest"},
	Art9HealthSocialCare:          {schedule1Set(2), "paragraph 2 (health or social care purposes)"},
	Art9PublicHealth:              {schedule1Set(3), "paragraph 3 (public health)"},
	Art9ArchivingResearch:         {schedule1Set(4), "paragraph 4 (research etc.)"},
}

func checkSchedule1(c *checking) {
	for _, cc := range c.a.Article9Conditions {
		need, ok := schedule1Needed[cc.Condition]
		if !ok || hasAny(c.a.Schedule1Conditions, need.paras) {
			continue
		}
		c.add(SeverityError, CodeConditionNeedsSchedule1, "schedule1_conditions",
			"%s (%s) needs a condition in Schedule 1 to the DPA 2018: choose %s in %q.",
			LabelOf(Article9Conditions, cc.Condition), shortCite(Article9Conditions, cc.Condition), need.what, FieldLabel("schedule1_conditions"))
	}
}

// apdRequired are the Schedule 1 conditions that need an appropriate policy
// document (para 5; docs/domain/checks.md): para 1, every Part 2 condition, and
// the Part 3 extensions of Part 2 conditions (36 extends Part 2 generally,
// 37 extends the insurance condition of para 20), which inherit the need.
// Paras 2, 3 and 4 need none.
var apdRequired = func() map[Schedule1Condition]bool {
	m := schedule1Range(6, 28)
	for k := range schedule1Set(1, 36, 37) {
		m[k] = true
	}
	return m
}()

// NeedsAPD reports whether relying on the condition needs an appropriate
// policy document, and so the paragraph 41 answers in the record.
func (s Schedule1Condition) NeedsAPD() bool { return apdRequired[s] }

// NeedsSchedule1 reports whether the Article 9(2) condition only works with
// a Schedule 1 condition of the DPA 2018 (s10): conditions b, g, h, i and j.
func (c Article9Condition) NeedsSchedule1() bool {
	_, ok := schedule1Needed[c]
	return ok
}

// NeedsParagraph41 reports whether any of the activity's Schedule 1
// conditions needs an appropriate policy document, and so whether the record
// shows the paragraph 41 block at all: with para 2, 3 or 4 alone it never
// does (docs/domain/checks.md).
func (a *Activity) NeedsParagraph41() bool {
	return slices.ContainsFunc(a.Schedule1Conditions, Schedule1Condition.NeedsAPD)
}

func checkAPD(c *checking) {
	a := c.a
	var needing []string
	for _, s := range a.Schedule1Conditions {
		if s.NeedsAPD() {
			needing = append(needing, fmt.Sprintf("%s (%s)", LabelOf(Schedule1Conditions, s), shortCite(Schedule1Conditions, s)))
		}
	}
	if len(needing) == 0 {
		return
	}
	conds := "The Schedule 1 condition " + needing[0] + " needs"
	if len(needing) > 1 {
		conds = "The Schedule 1 conditions " + strings.Join(needing, ", ") + " need"
	}
	p := a.Paragraph41
	// The ICO template's "Link to retention and erasure policy document"
	// (column AB) is where a DPO links the APD, so either link will do.
	if blank(p.APDLink) && blank(p.RetentionPolicyLink) {
		c.add(SeverityError, CodeSchedule1NeedsAPD, "paragraph41.apd_link",
			"%s an appropriate policy document: link it in %q (DPA 2018 Sch 1 Part 4).", conds, FieldLabel("paragraph41.retention_policy_link"))
	}
	if blank(p.Article6Explanation) {
		c.add(SeverityError, CodeSchedule1NeedsAPD, "paragraph41.article6_explanation",
			"%s the record to say how the processing satisfies Article 6: fill in %q (DPA 2018 Sch 1 para 41(b)).", conds, FieldLabel("paragraph41.article6_explanation"))
	}
	switch {
	case p.RetainedPerPolicy == nil:
		c.add(SeverityError, CodeSchedule1NeedsAPD, "paragraph41.retained_per_policy",
			"%s the record to say whether the data is retained and erased in line with the APD: answer %q (DPA 2018 Sch 1 para 41(c)).", conds, FieldLabel("paragraph41.retained_per_policy"))
	case !*p.RetainedPerPolicy && blank(p.NotAdheringReason):
		c.add(SeverityError, CodeSchedule1NeedsAPD, "paragraph41.not_adhering_reason",
			"The data is not retained and erased in line with the APD: say why not in %q (DPA 2018 Sch 1 para 41(c)).", FieldLabel("paragraph41.not_adhering_reason"))
	}
}

func checkConsent(c *checking) {
	a := c.a
	if !blank(a.ConsentRecordLink) {
		return
	}
	// Explicit consent under Art 9(2)(a) needs its record as much as Art 6
	// consent does: the controller must be able to show it was given.
	switch {
	case a.HasBasis(BasisConsent):
		c.add(SeverityWarning, CodeConsentWithoutRecord, "consent_record_link",
			"The activity relies on consent but links no record of consent: fill in %q, so you can show who consented, when and to what (Art 7(1)).", FieldLabel("consent_record_link"))
	case a.HasCondition(Art9ExplicitConsent):
		c.add(SeverityWarning, CodeConsentWithoutRecord, "consent_record_link",
			"The activity relies on explicit consent for special category data but links no record of consent: fill in %q (Art 7(1)).", FieldLabel("consent_record_link"))
	}
}

func checkTransfers(c *checking) {
	for i, t := range c.a.Transfers {
		ta := AssessTransfer(t)
		if !ta.NeedsSafeguard {
			continue
		}
		if t.SafeguardKind != "" && t.SafeguardKind != SafeguardAdequacy {
			continue
		}
		if t.SafeguardKind == "" && !blank(t.Safeguard) {
			continue
		}
		c.add(SeverityError, CodeTransferWithoutSafeguard, indexed("transfers", i)+".safeguard",
			"%s Record it in %q (Art 30(1)(e), Art 46, Art 49).", ta.Rule, FieldLabel("transfers.safeguard"))
	}
}

func checkRetention(c *checking) {
	if blank(c.a.Retention) && c.a.RetentionClass == "" {
		c.add(SeverityWarning, CodeNoRetention, "retention",
			"No retention period is recorded: say in %q how long the data is kept, or the retention schedule that decides it (Art 30(1)(f)).", FieldLabel("retention"))
	}
}

func checkSecurity(c *checking) {
	if blank(c.a.SecurityMeasures) {
		c.add(SeverityWarning, CodeNoSecurityMeasures, "security_measures",
			"No security measures are described: fill in %q with a general description of the technical and organisational measures that protect the data (Art 30(1)(g), Art 32(1)).", FieldLabel("security_measures"))
	}
}

// checkDPIA: a DPIA is mandatory for large-scale special category or
// criminal-offence data (Art 35(3)(b)) and for systematic, extensive
// automated evaluation with significant effects (Art 35(3)(a)), which the
// register records as solely automated decisions with significant effects.
func checkDPIA(c *checking) {
	a := c.a
	d := a.DPIA
	if d.Required != nil && *d.Required && (d.Progress == "" || d.Progress == DPIANotStarted) {
		c.add(SeverityWarning, CodeDPIANotStarted, "dpia.progress",
			"A DPIA is marked as required but has not been started: start it before the processing goes ahead, and update %q (Art 35(1)).", FieldLabel("dpia.progress"))
	}
	var why string
	switch {
	case a.LargeScale && (a.HasSpecialCategoryData() || a.CriminalOffenceData):
		why = "special category or criminal-offence data is processed at large scale (Art 35(3)(b))"
	case a.AutomatedDecisions.Exists && a.AutomatedDecisions.SignificantEffects:
		why = "the activity takes significant decisions solely by automated processing (Art 35(3)(a))"
	default:
		return
	}
	switch {
	case d.Required == nil:
		c.add(SeverityWarning, CodeNoDPIADecision, "dpia.required",
			"A DPIA is mandatory because %s, but no DPIA decision is recorded: answer %q with yes and carry it out.", why, FieldLabel("dpia.required"))
	case !*d.Required:
		c.add(SeverityError, CodeDPIAMandatory, "dpia.required",
			"%q says no, but a DPIA is mandatory because %s: carry one out and change the answer.", FieldLabel("dpia.required"), why)
	}
}

// checkAutomatedDecisions applies Arts 22B and 22C to a significant decision
// taken solely by automated processing.
func checkAutomatedDecisions(c *checking) {
	a := c.a
	ad := a.AutomatedDecisions
	if !ad.Exists || !ad.SignificantEffects {
		return
	}
	if a.HasSpecialCategoryData() && !Art22BMet(a) {
		c.add(SeverityError, CodeAutomatedDecisionNotAllowed, "automated_decisions",
			"Significant decisions are taken solely by automated processing of special category data without explicit consent (Art 9(2)(a)), or without substantial public interest (Art 9(2)(g)) together with a contract or a legal basis: Art 22B forbids this. Add human involvement, or record the condition in %q.", FieldLabel("article9_conditions"))
	}
	if blank(ad.Safeguards) {
		c.add(SeverityWarning, CodeAutomatedDecisionNoSafeguards, "automated_decisions.safeguards",
			"Significant decisions are taken solely by automated processing, but %q is empty: describe how people are told about the decisions, can make representations, obtain human intervention and contest them (Art 22C).", FieldLabel("automated_decisions.safeguards"))
	}
}

// beyondCareWords are words in an activity's name or purposes that show use
// beyond individual care, when its NDOP purpose has not been chosen yet.
// Audit is not among them: local clinical audit counts as individual care.
var beyondCareWords = []string{
	"research", "planning", "commissioning", "evaluation", "invoice", "statistic",
	"analytics", "population health", "risk stratification", "secondary use",
}

// beyondIndividualCare reports whether the activity uses data beyond
// individual care: its NDOP purpose says so if chosen; otherwise its name and
// purposes are read for the words of beyondCareWords. The text is only a
// fallback, so that a research activity whose NDOP questions are untouched
// is still caught.
func beyondIndividualCare(a *Activity) bool {
	switch a.NDOP.Purpose {
	case "":
	case PurposeIndividualCare, PurposeLocalClinicalAudit:
		return false
	default:
		return true
	}
	text := strings.ToLower(a.Name + "\n" + strings.Join(a.Purposes, "\n"))
	for _, w := range beyondCareWords {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// checkNDOP turns the NDOP verdict into findings. An unassessed activity is
// an error only where the opt-out may bite: the organisation (or the
// activity's override) is in scope, and health data is used beyond
// individual care. With no organisation and no override the scope is unknown,
// so nothing is claimed.
func checkNDOP(c *checking) {
	a := c.a
	r := AssessNDOP(a, c.org)
	switch r.Verdict {
	case VerdictNotInScope:
		return
	case VerdictNotAssessed:
		inScope := a.NDOP.InScopeOverride != nil && *a.NDOP.InScopeOverride ||
			a.NDOP.InScopeOverride == nil && c.org != nil && c.org.NDOPInScope
		health := slices.Contains(a.SpecialCategories, SpecialHealth) || a.NDOP.HealthOrCare != nil && *a.NDOP.HealthOrCare
		if inScope && health && beyondIndividualCare(a) {
			c.add(SeverityError, CodeNDOPNotAssessed, "ndop",
				"Health data is used beyond individual care, but whether the national data opt-out applies has not been assessed: answer the NDOP questions, next %s.", ndopQuestions[r.Missing[0]])
		}
		return
	case VerdictBlocked:
		c.add(SeverityError, CodeNDOPBlocked, "ndop.confidentiality_basis", "%s", r.Reason)
	case VerdictApplies:
		if n := a.NDOP.NHSNumberAvailable; n != nil && !*n {
			c.add(SeverityError, CodeNDOPNoNHSNumber, "ndop.nhs_number_available",
				"The national data opt-out applies but no NHS numbers are held, so opt-outs cannot be checked: obtain the NHS numbers (for example by a PDS trace) before any use or disclosure, and record how in %q, or record why the disclosure does not go ahead.", FieldLabel("ndop.evidence"))
		}
	}
	if len(r.Missing) > 0 {
		c.add(SeverityWarning, CodeNDOPIncomplete, "ndop."+r.Missing[0],
			"The NDOP assessment (%s) still needs: %s.", LabelOf(NDOPVerdicts, r.Verdict), strings.Join(ndopLabels(r.Missing), "; "))
	}
	if NDOPReassessmentDueAt(a.Role, a.Status, r.Verdict, r.DueAt, c.now) {
		c.add(SeverityWarning, CodeNDOPReassessmentDue, "ndop.assessed_at",
			"The NDOP assessment was made on %s and was due again on %s: review whether the opt-out applies and record the new assessment.", day(r.AssessedAt), day(r.DueAt))
	}
}

func day(t time.Time) string { return t.Format("2 January 2006") }

func specialList(cats []SpecialCategory) string {
	labels := make([]string, len(cats))
	for i, s := range cats {
		labels[i] = strings.ToLower(LabelOf(SpecialCategories, s))
	}
	return strings.Join(labels, ", ")
}

func schedule1Set(paras ...int) map[Schedule1Condition]bool {
	m := make(map[Schedule1Condition]bool, len(paras))
	for _, p := range paras {
		m[Schedule1Condition(fmt.Sprintf("sch1_para%d", p))] = true
	}
	return m
}

func schedule1Range(from, to int) map[Schedule1Condition]bool {
	var paras []int
	for p := from; p <= to; p++ {
		paras = append(paras, p)
	}
	return schedule1Set(paras...)
}

func hasAny(have []Schedule1Condition, want map[Schedule1Condition]bool) bool {
	for _, s := range have {
		if want[s] {
			return true
		}
	}
	return false
}
