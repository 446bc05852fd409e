package model

import "time"

// NDOPResult is the national data opt-out verdict for one activity.
type NDOPResult struct {
	Verdict NDOPVerdict `json:"verdict"`
	Reason  string      `json:"reason"`
	// Asked lists the assessment's fields (JSON keys under "ndop") that the
	// decision consulted, in order, so a form can show just those questions.
	Asked []string `json:"asked,omitempty"`
	// Missing lists what must still be answered or recorded.
	Missing    []string  `json:"missing,omitempty"`
	AssessedBy string    `json:"assessed_by,omitempty"`
	AssessedAt time.Time `json:"assessed_at,omitzero"`
	DueAt      time.Time `json:"due_at,omitzero"`
}

// AssessNDOP runs the decision of shared/domain/ndop.md. org may be nil,
// in which case only the activity's own scope override is used.
func AssessNDOP(a *Activity, org *Organisation) NDOPResult {
	// TODO(rules): implemented by the compliance-rules work.
	return NDOPResult{Verdict: VerdictNotAssessed}
}
