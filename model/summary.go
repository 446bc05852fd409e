package model

import (
	"time"

	"github.com/google/uuid"
)

// Summary is the register at a glance: what the dashboard and the annual
// review's first page show.
type Summary struct {
	Activities                int `json:"activities"`
	Errors                    int `json:"errors"`
	Warnings                  int `json:"warnings"`
	SpecialCategoryActivities int `json:"special_category_activities"`
	CriminalOffenceActivities int `json:"criminal_offence_activities"`
	// ByBasis counts activities relying on each Article 6 basis; an activity
	// with two bases counts under both.
	ByBasis           map[LawfulBasis]int     `json:"by_basis"`
	BySpecialCategory map[SpecialCategory]int `json:"by_special_category"`
	ByVerdict         map[NDOPVerdict]int     `json:"by_verdict"`
	// ReviewsOverdue counts activities with a review_overdue finding, so it
	// agrees with the problems list (drafts and retired activities are not
	// counted).
	ReviewsOverdue int `json:"reviews_overdue"`
	// Reviewed counts activities with at least one review.
	Reviewed     int                    `json:"reviewed"`
	Completeness []ActivityCompleteness `json:"completeness"`
}

// ActivityCompleteness is how many of the required ICO columns that apply to
// an activity are filled.
type ActivityCompleteness struct {
	ActivityID uuid.UUID `json:"activity_id"`
	Activity   string    `json:"activity"`
	Filled     int       `json:"filled"`
	Total      int       `json:"total"`
}

// Summarise counts the register's activities, findings, NDOP verdicts and
// reviews as of now. Completeness is listed in register order.
func Summarise(r *Register, now time.Time) Summary {
	s := NewSummary()
	for i := range r.Activities {
		a := &r.Activities[i]
		org := r.Organisation(a.OrganisationID)
		s.Add(a, org, CheckActivity(a, org, now))
	}
	return s
}

// NewSummary returns an empty summary, for callers that visit activities
// one at a time (a large register need not be loaded whole) and Add each.
func NewSummary() Summary {
	return Summary{
		ByBasis:           map[LawfulBasis]int{},
		BySpecialCategory: map[SpecialCategory]int{},
		ByVerdict:         map[NDOPVerdict]int{},
		Completeness:      []ActivityCompleteness{},
	}
}

// Add counts one activity into the summary; findings are its
// CheckActivity results, passed in so a caller that shows them too runs the
// checks once.
func (s *Summary) Add(a *Activity, org *Organisation, findings []Finding) {
	s.Activities++
	for _, f := range findings {
		switch f.Severity {
		case SeverityError:
			s.Errors++
		case SeverityWarning:
			s.Warnings++
		}
		if f.Code == CodeReviewOverdue {
			s.ReviewsOverdue++
		}
	}
	if a.HasSpecialCategoryData() {
		s.SpecialCategoryActivities++
	}
	if a.CriminalOffenceData {
		s.CriminalOffenceActivities++
	}
	for _, b := range knownBases(a) {
		s.ByBasis[b]++
	}
	seen := map[SpecialCategory]bool{}
	for _, c := range a.SpecialCategories {
		if !seen[c] {
			s.BySpecialCategory[c]++
			seen[c] = true
		}
	}
	s.ByVerdict[AssessNDOP(a, org).Verdict]++
	if len(a.Reviews) > 0 {
		s.Reviewed++
	}
	filled, total := Completeness(a)
	s.Completeness = append(s.Completeness, ActivityCompleteness{
		ActivityID: a.ID, Activity: a.Name, Filled: filled, Total: total,
	})
}

// Completeness counts the required (green) columns of the ICO controller
// template that apply to the activity, and how many are filled: business
// function, purposes, data subjects, personal data, recipients, retention,
// security measures and lawful basis always; the Article 9 condition only
// with special category data; the transfer safeguards only with transfers,
// filled when every transfer has one.
func Completeness(a *Activity) (filled, total int) {
	count := func(ok bool) {
		total++
		if ok {
			filled++
		}
	}
	count(!blank(a.BusinessFunction))
	count(anyFilled(a.Purposes))
	count(anyFilled(a.DataSubjects))
	count(anyFilled(a.PersonalData))
	count(anyFilled(a.Recipients))
	count(!blank(a.Retention))
	count(!blank(a.SecurityMeasures))
	count(len(a.LawfulBases) > 0)
	if a.HasSpecialCategoryData() {
		count(len(a.Article9Conditions) > 0)
	}
	if len(a.Transfers) > 0 {
		all := true
		for _, t := range a.Transfers {
			all = all && !blank(t.Safeguard)
		}
		count(all)
	}
	return filled, total
}

func anyFilled(items []string) bool {
	for _, s := range items {
		if !blank(s) {
			return true
		}
	}
	return false
}
