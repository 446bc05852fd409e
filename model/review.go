package model

import "time"

// NextReviewDue returns when the activity is next due for review: its last
// review plus intervalMonths (DefaultReviewInterval when intervalMonths is
// not positive). It returns the zero time when the activity was never
// reviewed, because then it is due already.
func NextReviewDue(a *Activity, intervalMonths int) time.Time {
	last := a.LastReview()
	if last == nil || last.Date.IsZero() {
		return time.Time{}
	}
	if intervalMonths <= 0 {
		intervalMonths = DefaultReviewInterval
	}
	return addMonths(last.Date, intervalMonths)
}

// ReviewOverdue reports whether the activity was never reviewed, or its last
// review was more than intervalMonths before now.
func ReviewOverdue(a *Activity, intervalMonths int, now time.Time) bool {
	due := NextReviewDue(a, intervalMonths)
	return due.IsZero() || now.After(due)
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
