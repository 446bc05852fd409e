package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

// Labels for what the register stores under JSON keys, so the auditor
// reads the DPO's words and never a key: model's field table, in its short
// form where it has one.

// fieldLabel names a finding's or a change's field path in words:
// "paragraph41.apd_link" is "Appropriate policy document",
// "transfers[1].safeguard" is "Transfer 2: safeguard".
func fieldLabel(path string) string {
	head, rest, _ := strings.Cut(path, ".")
	idx := -1
	if i := strings.IndexByte(head, '['); i > 0 && strings.HasSuffix(head, "]") {
		idx, _ = strconv.Atoi(head[i+1 : len(head)-1])
		head = head[:i]
	}
	label := humanKey(head)
	if model.HasFieldLabel(head) {
		label = model.ShortFieldLabel(head)
	}
	if idx >= 0 {
		label = fmt.Sprintf("%s, entry %d", label, idx+1)
	}
	if rest == "" {
		return label
	}
	var sub string
	switch head {
	case "ndop":
		sub = model.NDOPFieldLabel(rest)
		if sub == rest {
			sub = humanKey(rest)
		}
	default:
		sub = subLabels[rest]
		if sub == "" && model.HasFieldLabel(head+"."+rest) {
			sub = model.FieldLabel(head + "." + rest)
		}
		if sub == "" {
			sub = humanKey(rest)
		}
	}
	return label + ": " + sub
}

// subLabels name the keys inside an activity's nested fields.
var subLabels = map[string]string{
	"apd_link":              "appropriate policy document",
	"article6_explanation":  "how Article 6 is met (para 41(b))",
	"retained_per_policy":   "retained and erased per policy (para 41(c))",
	"not_adhering_reason":   "why the policy is not followed",
	"retention_policy_link": "retention and erasure policy",
	"reason":                "reason",
	"safeguard":             "safeguard",
	"destination":           "destination",
	"progress":              "progress",
	"required":              "whether required",
	"link":                  "link",
}

// humanKey turns an unknown key into words ("lia_link" → "Lia link"), the
// last resort so that a key added to the model later never prints raw.
func humanKey(k string) string {
	k = strings.ReplaceAll(k, "_", " ")
	if k == "" {
		return k
	}
	return strings.ToUpper(k[:1]) + k[1:]
}

// findingActions groups findings by what the DPO has to do, in the order
// the remediation list prints them (most serious first within a severity).
var findingActions = []struct{ code, action string }{
	{model.CodeNDOPBlocked, "Find a legal basis to set aside confidentiality, or stop the flow"},
	{model.CodeNoLawfulBasis, "Record the Article 6 lawful basis"},
	{model.CodeSpecialCategoryWithoutCondition, "Record the Article 9 condition"},
	{model.CodeCriminalDataWithoutCondition, "Record the Article 10 authority"},
	{model.CodeConditionNeedsSchedule1, "Record the DPA 2018 Schedule 1 condition"},
	{model.CodeSchedule1NeedsAPD, "Complete the appropriate policy document answers (para 41)"},
	{model.CodeTransferWithoutSafeguard, "Record the safeguard for each restricted transfer"},
	{model.CodeNDOPNotAssessed, "Assess the national data opt-out"},
	{model.CodeReviewOverdue, "Review the activity"},
	{model.CodeNDOPIncomplete, "Complete the national data opt-out record"},
	{model.CodeNDOPReassessmentDue, "Reassess the national data opt-out"},
	{model.CodeBasisWithoutReason, "Say why each lawful basis applies"},
	{model.CodeConsentWithoutRecord, "Link the record of consent"},
	{model.CodeLegitimateInterestsIncomplete, "Complete the legitimate interests assessment"},
	{model.CodeNoRetention, "Record the retention period"},
	{model.CodeNoSecurityMeasures, "Describe the security measures"},
	{model.CodeNoDPIADecision, "Decide whether a DPIA is required"},
	{model.CodeDPIANotStarted, "Start the required DPIA"},
}

// actionOf returns the heading a finding is grouped under and its rank.
func actionOf(code string) (string, int) {
	for i, a := range findingActions {
		if a.code == code {
			return a.action, i
		}
	}
	return "Other findings", len(findingActions)
}

func ndopLabels(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = model.NDOPFieldLabel(k)
		if out[i] == k {
			out[i] = humanKey(k)
		}
	}
	return out
}
