package model

import (
	"regexp"
	"testing"
	"time"

	"github.com/google/uuid"
)

func fingerprintRegister() *Register {
	org := Organisation{ID: uuid.MustParse("0190a000-0000-7000-8000-000000000001"), Name: "Zoë Ní Bhriain Ltd"}
	return &Register{
		Organisations: []Organisation{org},
		Activities: []Activity{{
			ID:             uuid.MustParse("0190a000-0000-7000-8000-000000000002"),
			OrganisationID: org.ID,
			Name:           "Payroll",
			Role:           RoleController,
			Status:         StatusActive,
			CreatedAt:      time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		}},
	}
}

func TestFingerprint(t *testing.T) {
	base := Fingerprint(fingerprintRegister(), "abc")
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(base) {
		t.Fatalf("Fingerprint = %q, want 64 lowercase hex digits", base)
	}
	tests := []struct {
		name   string
		change func(r *Register) string // returns the history head to use
		same   bool
	}{
		{"OK_SameStateSameFingerprint", func(r *Register) string { return "abc" }, true},
		{"ActivityNameChanges", func(r *Register) string { r.Activities[0].Name = "Payroll "; return "abc" }, false},
		{"HistoryHeadChanges", func(r *Register) string { return "abd" }, false},
		{"ReviewCycleAdded", func(r *Register) string {
			r.ReviewCycles = append(r.ReviewCycles, ReviewCycle{Name: "Annual review 2026", IntervalMonths: 12})
			return "abc"
		}, false},
		{"OrganisationOrderChanges", func(r *Register) string {
			r.Organisations = append([]Organisation{{Name: "A"}}, r.Organisations...)
			return "abc"
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fingerprintRegister()
			head := tt.change(r)
			got := Fingerprint(r, head)
			if (got == base) != tt.same {
				t.Errorf("Fingerprint after change = %s, base %s; want same=%v", got, base, tt.same)
			}
		})
	}
}
