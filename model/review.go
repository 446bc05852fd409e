package model

import "time"

// NextReviewDue returns when the activity is next due for review (see
// ReviewDueAt in due.go); zero when it was never reviewed.
func NextReviewDue(a *Activity, intervalMonths int) time.Time {
	var last time.Time
	if r := a.LastReview(); r != nil {
		last = r.Date
	}
	return ReviewDueAt(last, a.CreatedAt, intervalMonths)
}

// ReviewOverdue reports whether the activity's review is overdue at now,
// by the one rule in due.go: its last review (or, never reviewed, its
// recording) more than intervalMonths before now; never for a draft or a
// retired activity.
func ReviewOverdue(a *Activity, intervalMonths int, now time.Time) bool {
	return ReviewOverdueAt(a.Status, NextReviewDue(a, intervalMonths), now)
}

// addMonths adds n months, clamping to the end of a shorter month: a review
// on 31 January with a one-month interval is due on 28 (or 29) February, not
// 3 March as time.AddDate would say, and a review on 29 February 2024 is due
// on 28 February 2025.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	if last := first.AddDate(0, 1, -1).Day(); d > last {
		d = last
	}
	return first.AddDate(0, 0, d-1)
}
