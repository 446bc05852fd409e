package model

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/google/uuid"
)

func TestCompleteness(t *testing.T) {
	tests := []struct {
		name          string
		edit          func(a *Activity)
		filled, total int
	}{
		{"Complete", func(a *Activity) {}, 9, 9},
		{"NoSpecialCategory", func(a *Activity) { a.SpecialCategories = nil }, 8, 8},
		{"SpecialCategoryWithoutCondition", func(a *Activity) { a.Article9Conditions = nil }, 8, 9},
		{"TransfersAllSafeguarded", func(a *Activity) {
			a.Transfers = []Transfer{{Destination: "EU", Safeguard: "Adequacy"}, {Destination: "USA", Safeguard: "IDTA"}}
		}, 10, 10},
		{"TransferWithoutSafeguard", func(a *Activity) {
			a.Transfers = []Transfer{{Destination: "EU", Safeguard: "Adequacy"}, {Destination: "USA"}}
		}, 9, 10},
		{"BlankEntriesDoNotCount", func(a *Activity) { a.Purposes, a.Recipients = []string{" "}, []string{""} }, 7, 9},
		{"Empty", func(a *Activity) { *a = Activity{} }, 0, 8},
		{"EachColumn", func(a *Activity) {
			a.BusinessFunction, a.DataSubjects, a.PersonalData = "", nil, nil
			a.Retention, a.SecurityMeasures, a.LawfulBases = "", "", nil
		}, 3, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := cleanActivity()
			tt.edit(&a)
			filled, total := Completeness(&a)
			if filled != tt.filled || total != tt.total {
				t.Errorf("Completeness = %d/%d, want %d/%d", filled, total, tt.filled, tt.total)
			}
		})
	}
}

func TestSummarise(t *testing.T) {
	mhws := Organisation{ID: uuid.New(), Name: "MHWS", NDOPInScope: true}
	gym := Organisation{ID: uuid.New(), Name: "Gym"}

	care := cleanActivity()
	care.ID, care.OrganisationID = uuid.New(), mhws.ID

	research := cleanActivity()
	research.ID, research.OrganisationID, research.Name = uuid.New(), mhws.ID, "Research"
	research.LawfulBases = bases(BasisPublicTask, BasisLegitimateInterests) // 2 warnings: no interests, no LIA
	research.SpecialCategories = []SpecialCategory{SpecialHealth, SpecialGenetic, SpecialHealth}
	research.NDOP = researchUnderS251()
	research.Reviews = nil // 1 error: never reviewed in the 12 months since it was recorded
	research.CreatedAt = now.AddDate(-2, 0, 0)

	members := cleanActivity()
	members.ID, members.OrganisationID, members.Name = uuid.New(), gym.ID, "Members"
	members.SpecialCategories, members.Article9Conditions, members.Schedule1Conditions = nil, nil, nil
	members.CriminalOffenceData = true // 1 error: no Article 10 basis
	members.LawfulBases = bases(BasisContract)
	members.Retention = "" // 1 warning

	draft := Activity{ID: uuid.New(), OrganisationID: gym.ID, Name: "Idea", Status: StatusDraft,
		LawfulBases: bases(BasisConsent), ConsentRecordLink: "https://x", Retention: "1 year", SecurityMeasures: "TLS"}

	r := Register{Organisations: []Organisation{mhws, gym}, Activities: []Activity{care, research, members, draft}}
	got := Summarise(&r, now)

	if got.Activities != 4 || got.Errors != 2 || got.Warnings != 3 {
		t.Errorf("activities, errors, warnings = %d, %d, %d; want 4, 2, 3\n%+v", got.Activities, got.Errors, got.Warnings, CheckRegister(&r, now))
	}
	if got.SpecialCategoryActivities != 2 || got.CriminalOffenceActivities != 1 {
		t.Errorf("special, criminal = %d, %d; want 2, 1", got.SpecialCategoryActivities, got.CriminalOffenceActivities)
	}
	if want := map[LawfulBasis]int{BasisPublicTask: 2, BasisLegitimateInterests: 1, BasisContract: 1, BasisConsent: 1}; !maps.Equal(got.ByBasis, want) {
		t.Errorf("by basis = %v, want %v", got.ByBasis, want)
	}
	if want := map[SpecialCategory]int{SpecialHealth: 2, SpecialGenetic: 1}; !maps.Equal(got.BySpecialCategory, want) {
		t.Errorf("by special category = %v, want %v", got.BySpecialCategory, want)
	}
	if want := map[NDOPVerdict]int{VerdictDoesNotApply: 1, VerdictApplies: 1, VerdictNotInScope: 2}; !maps.Equal(got.ByVerdict, want) {
		t.Errorf("by verdict = %v, want %v", got.ByVerdict, want)
	}
	// The draft was never reviewed either, but is not overdue until in use.
	if got.ReviewsOverdue != 1 || got.Reviewed != 2 {
		t.Errorf("overdue, reviewed = %d, %d; want 1, 2", got.ReviewsOverdue, got.Reviewed)
	}
	if len(got.Completeness) != 4 {
		t.Fatalf("completeness rows = %d, want 4", len(got.Completeness))
	}
	if c := got.Completeness[2]; c.ActivityID != members.ID || c.Activity != "Members" || c.Filled != 7 || c.Total != 8 {
		t.Errorf("members completeness = %+v, want 7/8", c)
	}
	if c := got.Completeness[3]; c.Filled != 3 || c.Total != 8 {
		t.Errorf("draft completeness = %+v, want 3/8", c)
	}

	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"special_category_activities":2`, `"by_verdict":{`, `"reviews_overdue":1`, `"completeness":[{"activity_id"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s: %s", key, b)
		}
	}
}

func TestSummariseEmpty(t *testing.T) {
	got := Summarise(&Register{}, now)
	if got.Activities != 0 || got.ByBasis == nil || got.ByVerdict == nil || got.Completeness == nil {
		t.Errorf("empty summary = %+v, want zero counts and non-nil maps", got)
	}
}
