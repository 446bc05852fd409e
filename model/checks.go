package model

import (
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
	Field   string `json:"field"`
	Message string `json:"message"`
}

// CheckActivity runs every consistency check on one activity. org is the
// activity's organisation (nil if unknown); now decides what is overdue.
func CheckActivity(a *Activity, org *Organisation, now time.Time) []Finding {
	// TODO(rules): implemented by the compliance-rules work.
	return nil
}
