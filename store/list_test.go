package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/model"
)

func TestListActivities(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	mhws := mustOrg(t, db, "Mental Health and Wellbeing Services")
	clw := mustOrg(t, db, "Community Living Well")
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	review := func(d time.Time) []model.Review {
		return []model.Review{{Date: d, Reviewer: "DPO", Outcome: model.OutcomeNoChange}}
	}

	care := minimal(mhws.ID, "Care records")
	care.BusinessFunction = "Clinical"
	care.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
	care.LawfulBases = []model.BasisClaim{{Basis: model.BasisPublicTask}}
	care.Reviews = review(now.AddDate(0, -2, 0))
	mustActivity(t, db, care)

	pay := minimal(mhws.ID, "Payments")
	pay.BusinessFunction = "Finance"
	pay.Status = model.StatusDraft
	pay.Description = "Taking card payments through Stripe"
	pay.Reviews = review(now.AddDate(-2, 0, 0))
	mustActivity(t, db, pay)

	news := minimal(clw.ID, "Newsletter")
	news.BusinessFunction = "Communications"
	news.Role = model.RoleProcessor
	news.Recipients = []string{"Mailchimp"}
	mustActivity(t, db, news)

	names := func(s []model.ActivitySummary) []string {
		out := []string{}
		for _, x := range s {
			out = append(out, x.Name)
		}
		return out
	}
	tests := []struct {
		name  string
		f     model.ActivityFilter
		want  []string
		total int
	}{
		{"All", model.ActivityFilter{}, []string{"Care records", "Newsletter", "Payments"}, 3},
		{"Prefix", model.ActivityFilter{Query: "care rec"}, []string{"Care records"}, 1},
		{"CaseAndDescription", model.ActivityFilter{Query: "STRIPE"}, []string{"Payments"}, 1},
		{"Recipients", model.ActivityFilter{Query: "mailch"}, []string{"Newsletter"}, 1},
		{"OrganisationName", model.ActivityFilter{Query: "community"}, []string{"Newsletter"}, 1},
		{"QueryNoMatch", model.ActivityFilter{Query: "zzz"}, []string{}, 0},
		{"QuerySyntaxIsText", model.ActivityFilter{Query: `care")*( -`}, []string{"Care records"}, 1},
		{"OperatorIsAWord", model.ActivityFilter{Query: `care NOT records`}, []string{}, 0},
		{"QueryOnlyPunctuation", model.ActivityFilter{Query: `"*()`}, []string{}, 0},
		{"Organisation", model.ActivityFilter{OrganisationID: clw.ID}, []string{"Newsletter"}, 1},
		{"Role", model.ActivityFilter{Role: model.RoleProcessor}, []string{"Newsletter"}, 1},
		{"Status", model.ActivityFilter{Status: model.StatusDraft}, []string{"Payments"}, 1},
		{"HasSpecial", model.ActivityFilter{HasSpecial: true}, []string{"Care records"}, 1},
		// By model's one rule, as the checks say too: Newsletter, never
		// reviewed, is in its first review cycle for 12 months after it
		// was recorded (today, by the store's clock); Care records falls
		// due 12 months after its review
		// 2 months ago; Payments is a draft, never overdue.
		{"ReviewOverdueNotYet", model.ActivityFilter{ReviewOverdue: true, Now: now}, []string{}, 0},
		{"ReviewOverdueAfterAYear", model.ActivityFilter{ReviewOverdue: true, Now: time.Now().AddDate(1, 0, 1)}, []string{"Care records", "Newsletter"}, 2},
		{"SortFunctionDesc", model.ActivityFilter{Sort: model.SortBusinessFunction, Desc: true}, []string{"Payments", "Newsletter", "Care records"}, 3},
		{"SortOrganisation", model.ActivityFilter{Sort: model.SortOrganisation}, []string{"Newsletter", "Care records", "Payments"}, 3},
		{"SortLastReview", model.ActivityFilter{Sort: model.SortLastReview}, []string{"Newsletter", "Payments", "Care records"}, 3},
		{"Page", model.ActivityFilter{Offset: 1, Limit: 1}, []string{"Newsletter"}, 3},
		{"PagePastEnd", model.ActivityFilter{Offset: 5, Limit: 2}, []string{}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := db.ListActivities(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(names(got), tt.want) || total != tt.total {
				t.Fatalf("got %v (total %d), want %v (total %d)", names(got), total, tt.want, tt.total)
			}
		})
	}

	t.Run("SummaryFields", func(t *testing.T) {
		got, _, err := db.ListActivities(ctx, model.ActivityFilter{Query: "care", Now: now})
		if err != nil || len(got) != 1 {
			t.Fatal(got, err)
		}
		s := got[0]
		if s.ID != care.ID || s.OrganisationID != mhws.ID || s.Organisation != mhws.Name ||
			s.BusinessFunction != "Clinical" || s.Role != model.RoleController || s.Status != model.StatusActive ||
			!reflect.DeepEqual(s.SpecialCategories, []model.SpecialCategory{model.SpecialHealth}) ||
			!reflect.DeepEqual(s.LawfulBases, []model.LawfulBasis{model.BasisPublicTask}) ||
			s.NDOPVerdict == "" || !s.LastReview.Equal(care.Reviews[0].Date) || s.ReviewOverdue {
			t.Fatalf("summary = %+v", s)
		}
	})
}

func TestSuggestions(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	a := minimal(org.ID, "A")
	a.DataSubjects = []string{"Residents", "staff"}
	a.BusinessFunction = "Care"
	mustActivity(t, db, a)
	b := minimal(org.ID, "B")
	b.DataSubjects = []string{"Residents", "Carers"}
	b.BusinessFunction = "Finance"
	mustActivity(t, db, b)

	for _, tt := range []struct {
		field string
		want  []string
	}{
		{"data_subjects", []string{"Carers", "Residents", "staff"}},
		{"business_function", []string{"Care", "Finance"}},
		{"recipients", []string{}},
	} {
		t.Run(tt.field, func(t *testing.T) {
			got, err := db.Suggestions(ctx, tt.field)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Suggestions(%s) = %v, %v; want %v", tt.field, got, err, tt.want)
			}
		})
	}
	t.Run("ErrBadField", func(t *testing.T) {
		_, err := db.Suggestions(ctx, "x') --")
		wantCode(t, err, model.EINVALID)
	})
}

// TestListDerivedFilters checks that the stored projections agree with the
// rules: NDOPApplies and HasProblems select exactly the activities that
// model.AssessNDOP and model.CheckActivity say.
func TestListDerivedFilters(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := &model.Organisation{Name: "MHWS", NDOPInScope: true}
	if err := db.CreateOrganisation(ctx, org); err != nil {
		t.Fatal(err)
	}
	applies := fullActivity(org.ID)
	applies.Name = "Research extract"
	applies.NDOP.S251NDOPExempt = false
	applies.NDOP.InScopeOverride = nil
	acts := []*model.Activity{applies, fullActivity(org.ID), minimal(org.ID, "Rota")}
	wantApplies, wantProblems := map[string]bool{}, map[string]bool{}
	for _, a := range acts {
		mustActivity(t, db, a)
		if model.AssessNDOP(a, org).Verdict == model.VerdictApplies {
			wantApplies[a.Name] = true
		}
		if len(model.CheckActivity(a, org, time.Now())) > 0 {
			wantProblems[a.Name] = true
		}
	}
	if len(wantApplies) == 0 || len(wantApplies) == len(acts) || len(wantProblems) == 0 {
		t.Fatalf("fixture does not exercise the filters: applies %v, problems %v", wantApplies, wantProblems)
	}
	for name, tt := range map[string]struct {
		f    model.ActivityFilter
		want map[string]bool
	}{
		"NDOPApplies": {model.ActivityFilter{NDOPApplies: true}, wantApplies},
		"HasProblems": {model.ActivityFilter{HasProblems: true}, wantProblems},
	} {
		t.Run(name, func(t *testing.T) {
			got, _, err := db.ListActivities(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			gotNames := map[string]bool{}
			for _, s := range got {
				gotNames[s.Name] = true
			}
			if !reflect.DeepEqual(gotNames, tt.want) {
				t.Fatalf("got %v, want %v", gotNames, tt.want)
			}
		})
	}
	t.Run("OrganisationChangeRecomputes", func(t *testing.T) {
		org.NDOPInScope = false
		if err := db.UpdateOrganisation(ctx, org); err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, a := range acts {
			if model.AssessNDOP(a, org).Verdict == model.VerdictApplies {
				want++
			}
		}
		_, n, err := db.ListActivities(ctx, model.ActivityFilter{NDOPApplies: true})
		if err != nil || n != want || n == len(wantApplies) {
			t.Fatalf("after the organisation left NDOP scope: %d apply (want %d), %v", n, want, err)
		}
	})
}
