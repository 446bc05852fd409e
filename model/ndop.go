package model

import (
	"fmt"
	"strings"
	"time"
)

// NDOPResult is the national data opt-out verdict for one activity.
type NDOPResult struct {
	Verdict NDOPVerdict `json:"verdict"`
	Reason  string      `json:"reason"`
	// Asked lists the assessment's fields (JSON keys under "ndop") that the
	// decision consulted, in order, so a form can show just those questions.
	Asked []string `json:"asked,omitempty"`
	// Missing lists what must still be answered or recorded (JSON keys under
	// "ndop"). For not_assessed it is the question that stopped the decision;
	// for a verdict it is the evidence or opt-out checking detail the record
	// still lacks, which does not change the verdict.
	Missing    []string  `json:"missing,omitempty"`
	AssessedBy string    `json:"assessed_by,omitempty"`
	AssessedAt time.Time `json:"assessed_at,omitzero"`
	DueAt      time.Time `json:"due_at,omitzero"`
}

// NDOPReassessMonths is how long an NDOP assessment lasts: providers review
// their processing every year (docs/domain/ndop.md).
const NDOPReassessMonths = 12

// ndopQuestions is how each question is put when it is the one still to
// answer, keyed by its JSON name under "ndop".
var ndopQuestions = map[string]string{
	"in_scope_override":                  "whether this activity is in the opt-out's scope (the organisation is not known)",
	"anonymised":                         "whether the data is anonymised in line with the ICO anonymisation code",
	"identifiable":                       "whether the data identifies patients, or is likely to let the recipient identify them",
	"duty_of_confidence":                 "whether the data is owed a duty of confidence",
	"health_or_care":                     "whether the data is about health or care",
	"purpose":                            "what the data is used for",
	"confidentiality_basis":              "what sets aside the common-law duty of confidence",
	"nhs_number_available":               "whether NHS numbers are held for the patients",
	"s251_ndop_exempt":                   "whether the Confidentiality Advisory Group said the opt-out does not apply to this flow",
	"nhs_number_disproportionate_effort": "whether obtaining NHS numbers would be disproportionate effort",
}

// ndopRecordWords names what a verdict's Missing asks to be recorded.
var ndopRecordWords = map[string]string{
	"anonymisation_justification":    "the justification that the data is anonymised",
	"evidence":                       "the evidence for the basis (statute, court order, CAG letter or minutes, or public interest test)",
	"policy_exemption":               "the name of the policy exemption relied on",
	"disproportionate_effort_reason": "why obtaining NHS numbers would be disproportionate effort",
	"check_method":                   "how opt-outs are checked (MESH service or GP system)",
	"last_checked":                   "when opt-outs were last checked",
	"only_returned_numbers":          "confirmation that only the NHS numbers returned by the check are used",
	"nhs_number_available":           "whether NHS numbers are held for the patients, so opt-outs can be checked",
	"assessed_by":                    "who made the assessment",
	"assessed_at":                    "when the assessment was made",
}

// NDOPFieldLabel says in plain words what a key of NDOPResult.Asked or
// Missing stands for, so a form or a report need not show JSON keys. An
// unknown key is returned as it is.
func NDOPFieldLabel(key string) string {
	if w, ok := ndopQuestions[key]; ok {
		return w
	}
	if w, ok := ndopRecordWords[key]; ok {
		return w
	}
	return key
}

func ndopLabels(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = NDOPFieldLabel(k)
	}
	return out
}

// cpiTests are the three tests of confidential patient information, all of
// which must hold, in the order a form asks them.
var cpiTests = []struct {
	key    string
	answer func(*NDOPAssessment) *bool
	fails  string // why the data is not CPI when the test fails
}{
	{"identifiable", func(n *NDOPAssessment) *bool { return n.Identifiable }, "it does not identify patients"},
	{"duty_of_confidence", func(n *NDOPAssessment) *bool { return n.DutyOfConfidence }, "it is not owed a duty of confidence"},
	{"health_or_care", func(n *NDOPAssessment) *bool { return n.HealthOrCare }, "it is not about health or care"},
}

// exemptBasis is a confidentiality basis that takes the data out of the
// opt-out (step 5 of docs/domain/ndop.md): the reason in the guidance's words, the field
// that must record its evidence, if any, and what that evidence is.
type exemptBasis struct {
	reason   string
	evidence string
	record   string
}

var exemptBases = map[ConfidentialityBasis]exemptBasis{
	ConfExplicitConsent:  {reason: "the patient has given explicit consent"},
	ConfCOPIReg3:         {reason: "the processing is under COPI regulation 3, for communicable disease / public health"},
	ConfLegalRequirement: {reason: "the processing is required by law or court order", evidence: "evidence", record: "the law that requires it"},
	ConfCourtOrder:       {reason: "the processing is required by law or court order", evidence: "evidence", record: "the court order"},
	ConfPublicInterest:   {reason: "there is an overriding public interest in the processing", evidence: "evidence", record: "the public interest test"},
	ConfPolicyExemption:  {reason: "a specific exemption in the opt-out policy covers the processing", evidence: "policy_exemption", record: "which exemption it is"},
}

// AssessNDOP runs the decision of docs/domain/ndop.md, step by step in its
// order, stopping at the first question needed for a verdict that has no
// answer. The scope comes from the activity's InScopeOverride if set, else
// from org; org may be nil, in which case only the override is used.
// NDOPAllPatients does not enter the decision: it widens whose numbers are
// checked, not whether the opt-out applies.
func AssessNDOP(a *Activity, org *Organisation) NDOPResult {
	n := &a.NDOP
	res := NDOPResult{AssessedBy: n.AssessedBy, AssessedAt: n.AssessedAt}
	res.DueAt = NDOPDueAt(n.AssessedAt)
	d := ndopDecision{res: &res, n: n}
	d.decide(org)
	if res.Verdict != VerdictNotAssessed && res.Verdict != VerdictNotInScope {
		if blank(n.AssessedBy) {
			res.Missing = append(res.Missing, "assessed_by")
		}
		if n.AssessedAt.IsZero() {
			res.Missing = append(res.Missing, "assessed_at")
		}
	}
	return res
}

type ndopDecision struct {
	res *NDOPResult
	n   *NDOPAssessment
}

func (d *ndopDecision) ask(key string) { d.res.Asked = append(d.res.Asked, key) }

func (d *ndopDecision) need(key string) { d.res.Missing = append(d.res.Missing, key) }

func (d *ndopDecision) verdict(v NDOPVerdict, reason string) {
	d.res.Verdict, d.res.Reason = v, reason
}

// unanswered stops the decision at the questions named.
func (d *ndopDecision) unanswered(keys ...string) {
	qs := make([]string, len(keys))
	for i, k := range keys {
		qs[i] = ndopQuestions[k]
	}
	d.res.Missing = append(d.res.Missing, keys...)
	d.verdict(VerdictNotAssessed, "Not assessed yet: answer "+strings.Join(qs, ", and ")+".")
}

func (d *ndopDecision) doesNotApply(why string) {
	d.verdict(VerdictDoesNotApply, "The opt-out does not apply: "+why+".")
}

func (d *ndopDecision) decide(org *Organisation) {
	n := d.n
	// Step 1: scope.
	d.ask("in_scope_override")
	switch {
	case n.InScopeOverride != nil && !*n.InScopeOverride:
		d.verdict(VerdictNotInScope, "This activity is marked as outside the opt-out's scope, so the national data opt-out does not bind it.")
		return
	case n.InScopeOverride == nil && org == nil:
		d.unanswered("in_scope_override")
		return
	case n.InScopeOverride == nil && !org.NDOPInScope:
		d.verdict(VerdictNotInScope, "The organisation does not provide or coordinate publicly funded health or adult social care in England, so the national data opt-out does not bind it.")
		return
	}

	// Step 2: anonymised.
	d.ask("anonymised")
	switch {
	case n.Anonymised == nil:
		d.unanswered("anonymised")
		return
	case *n.Anonymised:
		why := "the data is anonymised in line with the ICO anonymisation code"
		if blank(n.AnonymisationJustification) {
			d.need("anonymisation_justification")
			why += "; record the justification"
		}
		d.doesNotApply(why)
		return
	}

	// Step 3: confidential patient information. One failed test settles it,
	// whatever the others say, so only then are unanswered ones needed.
	var fails []string
	var open []string
	for _, t := range cpiTests {
		d.ask(t.key)
		switch v := t.answer(n); {
		case v == nil:
			open = append(open, t.key)
		case !*v:
			fails = append(fails, t.fails)
		}
	}
	if len(fails) > 0 {
		d.doesNotApply("the data is not confidential patient information, because " + strings.Join(fails, " and "))
		return
	}
	if len(open) > 0 {
		d.unanswered(open...)
		return
	}

	// Step 4: purpose.
	d.ask("purpose")
	switch n.Purpose {
	case PurposeIndividualCare:
		d.doesNotApply("the data is used for individual care")
		return
	case PurposeLocalClinicalAudit:
		d.doesNotApply("the data is used for local clinical audit, which counts as individual care")
		return
	}
	if !Known(NDOPPurposes, n.Purpose) {
		d.unanswered("purpose")
		return
	}
	purpose := strings.ToLower(LabelOf(NDOPPurposes, n.Purpose))

	// Step 5: what sets aside confidentiality.
	d.ask("confidentiality_basis")
	if e, ok := exemptBases[n.ConfidentialityBasis]; ok {
		why := e.reason
		if e.evidence != "" {
			d.ask(e.evidence)
			if blank(d.evidenceOf(e.evidence)) {
				d.need(e.evidence)
				why += "; record " + e.record
			} else if n.ConfidentialityBasis == ConfPolicyExemption {
				why += " (" + strings.TrimSpace(n.PolicyExemption) + ")"
			}
		}
		d.doesNotApply(why)
		return
	}
	switch n.ConfidentialityBasis {
	case ConfS251:
		// A CAG exemption counts only with its evidence recorded: the
		// controller must see the CAG letter or minutes (operational policy
		// 5.1), so a claimed exemption without it leaves the opt-out applying.
		d.ask("s251_ndop_exempt")
		if n.S251NDOPExempt {
			d.ask("evidence")
			if !blank(n.Evidence) {
				d.doesNotApply("the Confidentiality Advisory Group's section 251 support says the opt-out does not apply to this flow (" + strings.TrimSpace(n.Evidence) + ")")
				return
			}
			d.need("evidence")
		}
	case ConfImpliedConsent, ConfNone:
		why := "there is no legal basis to set aside confidentiality for this purpose"
		if n.ConfidentialityBasis == ConfImpliedConsent {
			why += " (implied consent covers individual care only, not " + purpose + ")"
		}
		d.verdict(VerdictBlocked, "Blocked: "+why+". Stop the processing, or find a basis such as explicit consent or section 251 support.")
		return
	default:
		d.unanswered("confidentiality_basis")
		return
	}

	// Step 6: s251 support without an evidenced CAG exemption, so the opt-out
	// applies. Holding no NHS number does not change that (docs/domain/ndop.md, step 6):
	// the opt-outs cannot be checked until the numbers are obtained, which
	// checkNDOP reports as an error. A "disproportionate effort" answer is
	// kept as the DPO's evidence but no longer decides anything.
	d.ask("nhs_number_available")
	if n.NHSNumberAvailable == nil {
		d.need("nhs_number_available")
	}
	noNumbers := n.NHSNumberAvailable != nil && !*n.NHSNumberAvailable

	// Step 7: the opt-out applies; the record must show how it is honoured.
	d.ask("check_method")
	d.ask("last_checked")
	d.ask("only_returned_numbers")
	if !Known(OptOutCheckMethods, n.CheckMethod) {
		d.need("check_method")
	}
	if n.LastChecked.IsZero() {
		d.need("last_checked")
	}
	if !n.OnlyReturnedNumbers {
		d.need("only_returned_numbers")
	}
	reason := fmt.Sprintf("The opt-out applies: confidential patient information is used for %s under section 251 support, so check NHS numbers against the national data opt-out before each use or disclosure and use only the numbers returned.", purpose)
	if n.S251NDOPExempt && blank(n.Evidence) {
		reason += " The Confidentiality Advisory Group's exemption from the opt-out is claimed, but its evidence (the CAG letter or minutes) is not recorded, so the opt-out still applies."
	}
	if noNumbers {
		reason += " No NHS numbers are held, so opt-outs cannot be checked until they are obtained (for example by a PDS trace)."
		if n.NHSNumberDisproportionateEffort {
			// Kept as the DPO's evidence: it explains the gap, it does not
			// take the activity out of the opt-out.
			reason += " Obtaining them is recorded as disproportionate effort"
			if r := strings.TrimSpace(n.DisproportionateEffortReason); r != "" {
				reason += " (" + r + ")"
			}
			reason += ", but that does not stop the opt-out applying: record how the numbers will be obtained, or why the disclosure does not go ahead."
		}
	}
	d.verdict(VerdictApplies, reason)
}

func (d *ndopDecision) evidenceOf(key string) string {
	if key == "policy_exemption" {
		return d.n.PolicyExemption
	}
	return d.n.Evidence
}
