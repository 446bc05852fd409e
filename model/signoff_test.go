package model

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestCheckSignOff(t *testing.T) {
	now := time.Date(2026, 9, 1, 15, 0, 0, 0, time.UTC)
	c := &ReviewCycle{ID: uuid.New(), Name: "Annual review 2026", StartedAt: time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC), IntervalMonths: 12}
	good := func() SignOff {
		return SignOff{By: "Zoë Ní Bhriain", Role: "Data Protection Officer", Statement: "Complete and accurate.", Date: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}
	}
	done := SignOffGaps{LatestReview: time.Date(2026, 8, 20, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		name  string
		edit  func(*SignOff)
		gaps  SignOffGaps
		field string // "" means valid
		words string
	}{
		{"OK", func(*SignOff) {}, done, "", ""},
		{"OKSameDayAsLatestReview", func(s *SignOff) { s.Date = time.Date(2026, 8, 20, 0, 0, 0, 0, time.UTC) }, done, "", ""},
		{"OKTodayLaterThanNowsHour", func(s *SignOff) { s.Date = time.Date(2026, 9, 1, 23, 0, 0, 0, time.UTC) }, done, "", ""},
		{"ErrFuture", func(s *SignOff) { s.Date = time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC) }, done, "sign_off.date", "in the future"},
		{"ErrBeforeLatestReview", func(s *SignOff) { s.Date = time.Date(2026, 8, 19, 0, 0, 0, 0, time.UTC) }, done, "sign_off.date", "before the latest review"},
		{"ErrBeforeCycleStarted", func(s *SignOff) { s.Date = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC) }, SignOffGaps{}, "sign_off.date", "before the cycle started"},
		{"ErrInitialOnly", func(s *SignOff) { s.By = "X" }, done, "sign_off.by", "full name"},
		{"ErrNoRole", func(s *SignOff) { s.Role = " " }, done, "sign_off.role", "role"},
		{"ErrNoStatement", func(s *SignOff) { s.Statement = "" }, done, "sign_off.statement", "statement"},
		{"ErrUnreviewedNotAcknowledged", func(*SignOff) {}, SignOffGaps{Unreviewed: 19}, "sign_off.acknowledgement", "19 activities were not reviewed"},
		{"ErrOpenErrorsNotAcknowledged", func(*SignOff) {}, SignOffGaps{OpenErrors: 1}, "sign_off.acknowledgement", "1 error is still open"},
		{"OKAcknowledged", func(s *SignOff) { s.Acknowledgement = "The rest are reviewed in October." }, SignOffGaps{Unreviewed: 19, OpenErrors: 2}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := good()
			tt.edit(&s)
			err := CheckSignOff(c, &s, tt.gaps, now)
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				if s.Unreviewed != tt.gaps.Unreviewed || s.OpenErrors != tt.gaps.OpenErrors {
					t.Fatalf("gaps not recorded: %+v", s)
				}
				return
			}
			v, ok := err.(ValidationErrors)
			if !ok {
				t.Fatalf("err = %v", err)
			}
			msgs := v.For(tt.field)
			if len(msgs) == 0 || !strings.Contains(strings.Join(msgs, " "), tt.words) {
				t.Fatalf("%s: %v", tt.field, v)
			}
		})
	}
}

func TestCycleGaps(t *testing.T) {
	c := &ReviewCycle{ID: uuid.New()}
	day := time.Date(2026, 8, 20, 0, 0, 0, 0, time.UTC)
	r := &Register{Activities: []Activity{
		{Name: "A", Reviews: []Review{{CycleID: c.ID, Date: day}}},
		{Name: "B", Reviews: []Review{{CycleID: uuid.New(), Date: day.AddDate(0, 1, 0)}}},
	}}
	g := CycleGaps(r, c, day)
	if g.Unreviewed != 1 || !g.LatestReview.Equal(day) || g.OpenErrors == 0 {
		t.Fatalf("gaps = %+v", g)
	}
}
