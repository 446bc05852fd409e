package model

import (
	"testing"
	"time"
)

func reviewedOn(dates ...time.Time) *Activity {
	a := &Activity{}
	for _, d := range dates {
		a.Reviews = append(a.Reviews, Review{Date: d, Reviewer: "A. Patel", Outcome: OutcomeNoChange})
	}
	return a
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestNextReviewDue(t *testing.T) {
	tests := []struct {
		name     string
		a        *Activity
		interval int
		want     time.Time
	}{
		{"NeverReviewed", reviewedOn(), 12, time.Time{}},
		{"OK", reviewedOn(date(2025, 5, 10)), 12, date(2026, 5, 10)},
		{"LatestReviewCounts", reviewedOn(date(2025, 5, 10), date(2023, 1, 1)), 6, date(2025, 11, 10)},
		{"DefaultInterval", reviewedOn(date(2025, 5, 10)), 0, date(2026, 5, 10)},
		{"EndOfMonthClamped", reviewedOn(date(2026, 1, 31)), 1, date(2026, 2, 28)},
		{"LeapDay", reviewedOn(date(2024, 2, 29)), 12, date(2025, 2, 28)},
		{"AcrossYears", reviewedOn(date(2025, 11, 30)), 3, date(2026, 2, 28)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NextReviewDue(tt.a, tt.interval); !got.Equal(tt.want) {
				t.Errorf("NextReviewDue = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReviewOverdue(t *testing.T) {
	last := date(2025, 6, 1)
	tests := []struct {
		name string
		a    *Activity
		now  time.Time
		want bool
	}{
		// Never reviewed and no date recorded: "not reviewed yet", a
		// warning, not overdue (see TestCheckActivity for the dated case).
		{"NeverReviewed", reviewedOn(), date(2026, 1, 1), false},
		{"NeverReviewedFirstCycle", recordedOn(date(2025, 6, 1)), date(2026, 6, 1), false},
		{"NeverReviewedAfterFirstCycle", recordedOn(date(2025, 6, 1)), date(2026, 6, 2), true},
		{"Recent", reviewedOn(last), date(2026, 1, 1), false},
		{"DueToday", reviewedOn(last), date(2026, 6, 1), false},
		{"JustOverdue", reviewedOn(last), date(2026, 6, 1).Add(time.Second), true},
		{"LongOverdue", reviewedOn(last), date(2028, 1, 1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReviewOverdue(tt.a, DefaultReviewInterval, tt.now); got != tt.want {
				t.Errorf("ReviewOverdue = %v, want %v", got, tt.want)
			}
		})
	}
}

// recordedOn is an active activity recorded at created and never reviewed.
func recordedOn(created time.Time) *Activity {
	a := reviewedOn()
	a.CreatedAt = created
	return a
}
