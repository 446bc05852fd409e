package model

import (
	"fmt"
	"strings"
	"time"
)

// SignOff is the statement closing a review cycle: who approved the record,
// in what capacity and on whose authority, and — when the review was not
// complete — what they knowingly accepted.
type SignOff struct {
	By        string    `json:"by"`
	Date      time.Time `json:"date"`
	Statement string    `json:"statement"`
	// Role is the signer's position, such as "Data Protection Officer".
	Role string `json:"role,omitempty"`
	// ApprovingBody is the board or committee that approved the record,
	// and Reference its minute or other reference, so an auditor can
	// find the decision the sign-off records.
	ApprovingBody string `json:"approving_body,omitempty"`
	Reference     string `json:"reference,omitempty"`
	// Acknowledgement is the signer's own words accepting the gaps below;
	// a cycle with gaps cannot be signed off without it. Unreviewed and
	// OpenErrors are the gaps as the store counted them at sign-off, so
	// the PDF can print exactly what was acknowledged.
	Acknowledgement string `json:"acknowledgement,omitempty"`
	Unreviewed      int    `json:"unreviewed,omitempty"`
	OpenErrors      int    `json:"open_errors,omitempty"`
	// EnteredBy and EnteredAt are who typed the sign-off into ROPA Desk
	// and when, as the change history records them: the signer may have
	// signed on paper and someone else recorded it.
	EnteredBy string    `json:"entered_by,omitempty"`
	EnteredAt time.Time `json:"entered_at,omitzero"`
}

// SignOffGaps are what a cycle lacks at sign-off.
type SignOffGaps struct {
	Unreviewed int // activities with no review in the cycle
	OpenErrors int // error findings on the register's activities
	// LatestReview is the date of the latest review recorded in the cycle
	// (zero if none): the sign-off cannot come before it.
	LatestReview time.Time
}

// Any reports whether there is something to acknowledge.
func (g SignOffGaps) Any() bool { return g.Unreviewed > 0 || g.OpenErrors > 0 }

// Describe says what the gaps are, in words for the person signing.
func (g SignOffGaps) Describe() string {
	var parts []string
	if g.Unreviewed > 0 {
		parts = append(parts, fmt.Sprintf("%d %s not reviewed in this cycle", g.Unreviewed, pick(g.Unreviewed, "activity was", "activities were")))
	}
	if g.OpenErrors > 0 {
		parts = append(parts, fmt.Sprintf("%d %s still open", g.OpenErrors, pick(g.OpenErrors, "error is", "errors are")))
	}
	return strings.Join(parts, " and ")
}

func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// CycleGaps counts what cycle c lacks in register r at now: activities
// not reviewed in it, open errors, and the latest review it covers.
func CycleGaps(r *Register, c *ReviewCycle, now time.Time) SignOffGaps {
	var g SignOffGaps
	for i := range r.Activities {
		a := &r.Activities[i]
		reviewed := false
		for _, rv := range a.Reviews {
			if rv.CycleID == c.ID {
				reviewed = true
				if rv.Date.After(g.LatestReview) {
					g.LatestReview = rv.Date
				}
			}
		}
		if !reviewed {
			g.Unreviewed++
		}
	}
	for _, f := range CheckRegister(r, now) {
		if f.Severity == SeverityError {
			g.OpenErrors++
		}
	}
	return g
}

// CheckSignOff applies the sign-off rules to s, about to close cycle c
// whose gaps are g, at now:
//   - the date is not after today (a sign-off records a decision already
//     taken; a future date would print a PDF "as at" a day that has not
//     come);
//   - the date is not before the latest review the cycle covers;
//   - the signer, role and statement are given, and the signer's name is
//     more than an initial;
//   - a cycle with unreviewed activities or open errors needs an
//     acknowledgement in the signer's words.
//
// Dates are compared as calendar days in UTC, as the sign-off date is a
// day. It fills s.Unreviewed and s.OpenErrors from g, so what was
// acknowledged is recorded with the sign-off.
func CheckSignOff(c *ReviewCycle, s *SignOff, g SignOffGaps, now time.Time) error {
	var v ValidationErrors
	if len([]rune(strings.TrimSpace(s.By))) < 2 {
		v.add("sign_off.by", "Sign-off needs the full name of the person signing, not %q.", s.By)
	}
	if blank(s.Role) {
		v.add("sign_off.role", "Sign-off needs the role of the person signing, such as \"Data Protection Officer\".")
	}
	if blank(s.Statement) {
		v.add("sign_off.statement", "Sign-off needs a statement.")
	}
	if s.Date.IsZero() {
		v.add("sign_off.date", "Sign-off needs a date.")
	} else {
		day := calendarDay(s.Date)
		if day.After(calendarDay(now)) {
			v.add("sign_off.date", "The sign-off date %s is in the future; sign off on or before today (%s).", longDay(s.Date), longDay(now))
		}
		if !g.LatestReview.IsZero() && day.Before(calendarDay(g.LatestReview)) {
			v.add("sign_off.date", "The sign-off date %s is before the latest review in the cycle (%s); the sign-off must come after the reviews it covers.", longDay(s.Date), longDay(g.LatestReview))
		}
		if !c.StartedAt.IsZero() && day.Before(calendarDay(c.StartedAt)) {
			v.add("sign_off.date", "The sign-off date %s is before the cycle started (%s).", longDay(s.Date), longDay(c.StartedAt))
		}
	}
	if g.Any() && blank(s.Acknowledgement) {
		v.add("sign_off.acknowledgement", "%s: to sign off anyway, record an acknowledgement saying why, which the PDF prints with the sign-off.", capitalise(g.Describe()))
	}
	s.Unreviewed, s.OpenErrors = g.Unreviewed, g.OpenErrors
	return v.orNil()
}

func calendarDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func longDay(t time.Time) string { return t.UTC().Format("2 January 2006") }

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
