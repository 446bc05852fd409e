package exchange_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

func activityAt(t *testing.T, in *exchange.Imported, row int) *exchange.ImportedActivity {
	t.Helper()
	for i := range in.Activities {
		if in.Activities[i].Row == row {
			return &in.Activities[i]
		}
	}
	t.Fatalf("no activity read from row %d", row)
	return nil
}

func extraValue(a *model.Activity, heading string) (string, bool) {
	for _, x := range a.Extra {
		if x.Heading == heading {
			return x.Value, true
		}
	}
	return "", false
}

// TestReadMessyWorkbook reads the committed hand-made workbook: every value
// a DPO would expect recognised is mapped, and the rest is reported with its
// sheet, row, column and text, and kept.
func TestReadMessyWorkbook(t *testing.T) {
	in, err := exchange.ReadFile(messyFile)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Organisation", func(t *testing.T) {
		if len(in.Organisations) != 1 {
			t.Fatalf("organisations = %d, want 1", len(in.Organisations))
		}
		o := in.Organisations[0]
		want := model.Contact{Name: "Riverside Care CIC", Address: "1 River Street, Leeds", Email: "info@riverside.example.org", Telephone: "0113 496 0000"}
		if o.Name != "Riverside Care CIC" || o.Controller != want {
			t.Errorf("controller = %q %+v", o.Name, o.Controller)
		}
		if o.DPO.Name != "Sam Patel" || o.DPO.Email != "dpo@riverside.example.org" {
			t.Errorf("DPO = %+v", o.DPO)
		}
		if !o.Representative.IsZero() {
			t.Errorf("representative \"N/A\" read as %+v", o.Representative)
		}
	})
	t.Run("Rows", func(t *testing.T) {
		var rows []int
		for _, a := range in.Activities {
			rows = append(rows, a.Row)
		}
		// Row 12 repeats the merged heading and row 14 is empty.
		if want := []int{13, 15, 16, 17, 18}; !slices.Equal(rows, want) {
			t.Fatalf("rows read = %v, want %v", rows, want)
		}
	})
	t.Run("Payroll", func(t *testing.T) {
		a := activityAt(t, in, 13)
		check(t, "business function", a.BusinessFunction, "HR")
		check(t, "purposes", a.Purposes, []string{"Payroll", "pension administration"})
		check(t, "data subjects", a.DataSubjects, []string{"Staff", "volunteers"})
		check(t, "recipients", a.Recipients, []string{"HMRC", "Pension provider"})
		check(t, "special", a.SpecialCategories, []model.SpecialCategory{model.SpecialTradeUnionMembership, model.SpecialHealth})
		check(t, "bases", a.LawfulBases, []model.BasisClaim{{Basis: model.BasisLegalObligation}, {Basis: model.BasisContract}})
		check(t, "article 9", a.Article9Conditions, []model.ConditionClaim{{Condition: model.Art9EmploymentSocialSecurity}})
		check(t, "schedule 1", a.Schedule1Conditions, []model.Schedule1Condition{"sch1_para1"})
		check(t, "transfers", a.Transfers, []model.Transfer{{Destination: "USA", Safeguard: "Standard contractual clauses"}})
		check(t, "dpia required", a.DPIA.Required != nil && !*a.DPIA.Required, true)
		check(t, "retained per policy", a.Paragraph41.RetainedPerPolicy != nil && *a.Paragraph41.RetainedPerPolicy, true)
		check(t, "retention", a.Retention, "6 years after employment ends")
		if v, _ := extraValue(&a.Activity, "Information Asset Owner"); v != "Jane Smith (HR Director)" {
			t.Errorf("unknown column kept as %q", v)
		}
		if v, _ := extraValue(&a.Activity, "Article 6 lawful basis for processing personal data (original text)"); v != "Art 6(1)(c) – legal obligation; contract" {
			t.Errorf("original Article 6 text kept as %q", v)
		}
		if a.Organisation != "Riverside Care CIC" {
			t.Errorf("organisation = %q", a.Organisation)
		}
	})
	t.Run("Clinical", func(t *testing.T) {
		a := activityAt(t, in, 15)
		check(t, "purposes", a.Purposes, []string{"Providing care", "assessment", "treatment"})
		check(t, "personal data", a.PersonalData, []string{"Health data (diagnoses, medication)", "ethnicity", "religion", "sexual orientation"})
		check(t, "special", a.SpecialCategories, []model.SpecialCategory{model.SpecialRacialEthnicOrigin, model.SpecialReligiousBeliefs, model.SpecialHealth, model.SpecialSexLifeOrientation})
		check(t, "bases", a.LawfulBases, []model.BasisClaim{{Basis: model.BasisPublicTask}})
		check(t, "article 9", a.Article9Conditions, []model.ConditionClaim{{Condition: model.Art9HealthSocialCare}})
		check(t, "schedule 1", a.Schedule1Conditions, []model.Schedule1Condition{"sch1_para2"})
		check(t, "dpia", a.DPIA, model.DPIA{Required: a.DPIA.Required, Progress: model.DPIAInProgress})
		check(t, "dpia required", a.DPIA.Required != nil && *a.DPIA.Required, true)

		b := activityAt(t, in, 16)
		check(t, "merged business function", b.BusinessFunction, "Clinical services")
		check(t, "criminal", b.CriminalOffenceData, true)
		check(t, "bases", b.LawfulBases, []model.BasisClaim{{Basis: model.BasisPublicTask}})
		check(t, "article 9", b.Article9Conditions, []model.ConditionClaim{{Condition: model.Art9HealthSocialCare}, {Condition: model.Art9SubstantialPublicInterest}})
		check(t, "schedule 1", b.Schedule1Conditions, []model.Schedule1Condition{"sch1_para18"})
		check(t, "retained n/a", b.Paragraph41.RetainedPerPolicy == nil, true)
	})
	t.Run("Fundraising", func(t *testing.T) {
		a := activityAt(t, in, 17)
		check(t, "business function trimmed", a.BusinessFunction, "fundraising")
		check(t, "special", a.SpecialCategories, []model.SpecialCategory{model.SpecialPoliticalOpinions})
		check(t, "bases", a.LawfulBases, []model.BasisClaim{{Basis: model.BasisLegitimateInterests}})
		check(t, "interest", a.LegitimateInterests, "Keeping supporters informed")
		check(t, "article 9", a.Article9Conditions, []model.ConditionClaim{{Condition: model.Art9ExplicitConsent}})
		check(t, "automated", a.AutomatedDecisions, model.AutomatedDecisions{Exists: true, Description: "profiling of donors"})
		check(t, "dpia", a.DPIA, model.DPIA{Progress: model.DPIACompleted})
		check(t, "schedule 1", a.Schedule1Conditions, []model.Schedule1Condition{"sch1_para10"})
	})

	t.Run("Problems", func(t *testing.T) {
		type where struct {
			row    int
			column string
			text   string
		}
		want := []where{
			{18, "I", "adequacy"}, {18, "L", "Because we must"}, {18, "M", "see policy"}, {18, "P", "maybe"},
			{18, "Q", "whenever"}, {18, "R", "perhaps"}, {18, "S", "paragraph 5"}, {18, "T", "sometimes"},
		}
		var got []where
		for _, p := range in.Problems {
			if p.Sheet != messySheet || p.File != "messy-ico.xlsx" || p.Message == "" || p.Heading == "" {
				t.Errorf("problem lacks its place: %+v", p)
			}
			if p.Severity != model.SeverityWarning {
				t.Errorf("problem should not block: %s", p)
			}
			got = append(got, where{p.Row, p.Column, p.Text})
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("problems at %v\nwant %v", got, want)
		}
		// Every unmapped cell is kept as text.
		a := activityAt(t, in, 18)
		for _, w := range want {
			found := slices.ContainsFunc(a.Extra, func(x model.ExtraField) bool {
				return x.Value == w.text && strings.HasSuffix(x.Heading, "(original text)")
			})
			if !found {
				t.Errorf("cell %s%d %q not kept", w.column, w.row, w.text)
			}
		}
	})
	t.Run("PlanTwice", func(t *testing.T) {
		first := exchange.Plan(nil, in)
		if first.Blocking() {
			t.Fatalf("blocking problems: %v", first.Problems)
		}
		if len(first.Added) != 5 || len(first.AddedOrganisations) != 1 {
			t.Fatalf("first import adds %d activities, %d organisations", len(first.Added), len(first.AddedOrganisations))
		}
		reg := first.Register()
		again, err := exchange.ReadFile(messyFile)
		if err != nil {
			t.Fatal(err)
		}
		second := exchange.Plan(reg, again)
		if len(second.Added)+len(second.Changed)+len(second.AddedOrganisations)+len(second.ChangedOrganisations) > 0 {
			t.Fatalf("re-import changes things: %+v", firstChange(second))
		}
		for _, u := range second.Unchanged {
			if u.MatchedBy != exchange.MatchKey {
				t.Errorf("row %d matched by %q, want %q", u.Row, u.MatchedBy, exchange.MatchKey)
			}
		}
	})
}

func check[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}
