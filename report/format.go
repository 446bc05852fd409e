package report

import (
	"strings"
	"time"

	"github.com/ropadesk/ropadesk/model"
)

func longDate(t time.Time) string {
	if t.IsZero() {
		return "not recorded"
	}
	return t.Format("2 January 2006")
}

// joinAnd joins names as a sentence does: "A", "A and B", "A, B and C".
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// bullets lists items one per line, or "" when there are none.
func bullets(items []string) string {
	var b strings.Builder
	for _, it := range items {
		if strings.TrimSpace(it) == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("• ")
		b.WriteString(it)
	}
	return b.String()
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// answer prints a three-state answer: nil means the question is still open.
func answer(b *bool) string {
	if b == nil {
		return "Not yet answered"
	}
	return yesNo(*b)
}

func labels[T ~string](opts []model.Option[T], codes []T) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = model.LabelOf(opts, c)
	}
	return out
}

// cite returns the legal citation of code, or "".
func cite[T ~string](opts []model.Option[T], code T) string {
	for _, o := range opts {
		if o.Code == code {
			return o.Cite
		}
	}
	return ""
}

// withCite renders "Label (Art 6(1)(a))".
func withCite[T ~string](opts []model.Option[T], code T) string {
	l := model.LabelOf(opts, code)
	if c := cite(opts, code); c != "" {
		return l + " (" + c + ")"
	}
	return l
}

// reasoned renders "label: reason", flagging a missing reason.
func reasoned(label, reason string) string {
	if strings.TrimSpace(reason) == "" {
		return label + ": no reason recorded"
	}
	return label + ": " + reason
}

func orgName(r *model.Register, a *model.Activity) string {
	if o := r.Organisation(a.OrganisationID); o != nil {
		return o.Name
	}
	return "Organisation not recorded"
}

// cycleReview returns the activity's review in cycle, or nil.
func cycleReview(a *model.Activity, cycle *model.ReviewCycle) *model.Review {
	if cycle == nil {
		return nil
	}
	var found *model.Review
	for i := range a.Reviews {
		if a.Reviews[i].CycleID == cycle.ID {
			if found == nil || a.Reviews[i].Date.After(found.Date) {
				found = &a.Reviews[i]
			}
		}
	}
	return found
}

// findings runs the consistency checks over the register, errors first,
// then in register order.
func findings(r *model.Register, now time.Time) []model.Finding {
	var errs, warns []model.Finding
	for _, f := range model.CheckRegister(r, now) {
		if f.Severity == model.SeverityError {
			errs = append(errs, f)
		} else {
			warns = append(warns, f)
		}
	}
	return append(errs, warns...)
}

// shortDate is "20 Jun 2026", for narrow table columns.
func shortDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("2 Jan 2006")
}
