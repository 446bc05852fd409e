package model

import "time"

// The one rule for what the calendar makes of an activity. Whether an
// activity's review is overdue, and so whether it "has problems", changes
// with the date, not only when the activity is saved: every screen (the
// list and its filters, the Problems screen, the Review screen), the PDF,
// the JSON export and `ropactl check` ask this rule with their "now" when
// they show the answer, and none stores the answer. The store keeps the
// dates the rule reads (the last review), never the verdict.
//
// Drafts and retired activities are never overdue: a draft is still being
// written and review starts once it is in use; a retired activity is no
// longer carried out. (The consistency checks skip both for the same
// reason.)

// ReviewDueAt is when an activity recorded at created and last reviewed at
// last is next due for review: intervalMonths (DefaultReviewInterval when
// not positive) after the last review or, when it was never reviewed, after
// it was recorded — its first review cycle, so that a freshly imported
// register is not in breach (legal-bases.md). Zero when neither date is
// known.
func ReviewDueAt(last, created time.Time, intervalMonths int) time.Time {
	if intervalMonths <= 0 {
		intervalMonths = DefaultReviewInterval
	}
	switch {
	case !last.IsZero():
		return addMonths(last, intervalMonths)
	case !created.IsZero():
		return addMonths(created, intervalMonths)
	}
	return time.Time{}
}

// ReviewOverdueAt reports whether an activity with status, next due for
// review at due, is overdue at now. With no date to count from (due zero)
// it is not: the checks say "not reviewed yet", a warning, instead.
func ReviewOverdueAt(status Status, due, now time.Time) bool {
	if status == StatusDraft || status == StatusRetired || due.IsZero() {
		return false
	}
	return now.After(due)
}

// NDOPDueAt is when an NDOP assessment made at assessedAt is due again:
// NDOPReassessMonths later (providers review their processing every year,
// docs/domain/ndop.md). Zero when it was never assessed.
func NDOPDueAt(assessedAt time.Time) time.Time {
	if assessedAt.IsZero() {
		return time.Time{}
	}
	return addMonths(assessedAt, NDOPReassessMonths)
}

// NDOPReassessmentDueAt reports whether the NDOP assessment of an activity
// with role and status, whose verdict is verdict and which is due again at
// due (NDOPDueAt), needs reassessing at now. An activity out of scope or
// not yet assessed has nothing to reassess (the checks ask for the first
// assessment instead); a processor's or a retired activity's opt-out is
// not checked at all (the checks table, checks.go, skips both).
func NDOPReassessmentDueAt(role Role, status Status, verdict NDOPVerdict, due, now time.Time) bool {
	switch {
	case role == RoleProcessor, status == StatusRetired,
		verdict == "", verdict == VerdictNotInScope, verdict == VerdictNotAssessed, due.IsZero():
		return false
	}
	return now.After(due)
}

// DateDependent reports whether a finding's code depends on the date as
// well as on the activity: such a finding can appear without the activity
// changing, so nothing may store it as if it were fixed at save time.
func DateDependent(code string) bool {
	return code == CodeReviewOverdue || code == CodeNDOPReassessmentDue
}
