package model

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
)

func validActivity() Activity {
	a := cleanActivity()
	a.OrganisationID = uuid.MustParse("6f1c2a4e-0000-4000-8000-0000000000aa")
	return a
}

// fields returns the fields err names, failing when err is not
// ValidationErrors.
func fields(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var v ValidationErrors
	if !errors.As(err, &v) {
		t.Fatalf("error %v is %T, want ValidationErrors", err, err)
	}
	out := make([]string, len(v))
	for i, e := range v {
		if e.Message == "" {
			t.Errorf("%s: empty message", e.Field)
		}
		out[i] = e.Field
	}
	return out
}

func TestActivityValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(a *Activity)
		want []string
	}{
		{"OK", func(a *Activity) {}, nil},
		{"OKDraftWithGaps", func(a *Activity) {
			a.Status, a.LawfulBases, a.Article9Conditions, a.Retention = StatusDraft, nil, nil, ""
		}, nil},
		{"ErrNameRequired", func(a *Activity) { a.Name = "  " }, []string{"name"}},
		{"ErrOrganisationRequired", func(a *Activity) { a.OrganisationID = uuid.Nil }, []string{"organisation_id"}},
		{"ErrRoleUnknown", func(a *Activity) { a.Role = "owner" }, []string{"role"}},
		{"ErrRoleEmpty", func(a *Activity) { a.Role = "" }, []string{"role"}},
		{"ErrStatusUnknown", func(a *Activity) { a.Status = "live" }, []string{"status"}},
		{"ErrBlankListEntries", func(a *Activity) {
			a.Purposes = []string{"Care", ""}
			a.DataSubjects = []string{" "}
			a.PersonalData = []string{""}
			a.Recipients = []string{""}
			a.JointControllers = []string{""}
			a.ControllersServed = []string{""}
			a.Sources = []string{""}
			a.Locations = []string{""}
		}, []string{"purposes[1]", "data_subjects[0]", "personal_data[0]", "recipients[0]", "joint_controllers[0]",
			"controllers_served[0]", "sources[0]", "locations[0]"}},
		{"ErrSpecialCategory", func(a *Activity) {
			a.SpecialCategories = []SpecialCategory{SpecialHealth, "wealth", SpecialHealth}
		}, []string{"special_categories[1]", "special_categories[2]"}},
		{"ErrSchedule1Condition", func(a *Activity) {
			a.Schedule1Conditions = []Schedule1Condition{"sch1_para5"}
		}, []string{"schedule1_conditions[0]"}},
		{"ErrLawfulBasis", func(a *Activity) {
			a.LawfulBases = []BasisClaim{{Basis: "whim"}, {Basis: BasisPublicTask}, {Basis: BasisPublicTask}}
		}, []string{"lawful_bases[0].basis", "lawful_bases[2].basis"}},
		{"ErrArticle9Condition", func(a *Activity) {
			a.Article9Conditions = conditions("", Art9HealthSocialCare, Art9HealthSocialCare)
		}, []string{"article9_conditions[0].condition", "article9_conditions[2].condition"}},
		{"ErrTransferDestination", func(a *Activity) {
			a.Transfers = []Transfer{{Destination: "USA", Safeguard: "IDTA"}, {Safeguard: "SCCs"}}
		}, []string{"transfers[1].destination"}},
		{"ErrDPIAProgress", func(a *Activity) { a.DPIA.Progress = "done" }, []string{"dpia.progress"}},
		{"ErrNDOPCodes", func(a *Activity) {
			a.NDOP.Purpose, a.NDOP.ConfidentialityBasis, a.NDOP.CheckMethod = "fun", "hope", "email"
		}, []string{"ndop.purpose", "ndop.confidentiality_basis", "ndop.check_method"}},
		{"ErrRightOverride", func(a *Activity) {
			a.RightOverrides = []RightOverride{{Right: RightErasure, Reason: "ok"}, {Right: "fly"}}
		}, []string{"right_overrides[1].right", "right_overrides[1].reason"}},
		{"ErrReview", func(a *Activity) {
			a.Reviews = append(a.Reviews, Review{})
		}, []string{"reviews[1].date", "reviews[1].reviewer", "reviews[1].outcome"}},
		{"ErrExtraHeading", func(a *Activity) {
			a.Extra = []ExtraField{{Heading: "Owner", Value: "IG"}, {Value: "orphan"}}
		}, []string{"extra[1].heading"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := validActivity()
			tt.edit(&a)
			err := a.Validate()
			if got := fields(t, err); !slices.Equal(got, tt.want) {
				t.Errorf("fields = %q, want %q (%v)", got, tt.want, err)
			}
			if tt.want != nil && ErrorCode(err) != EINVALID {
				t.Errorf("ErrorCode = %q, want %q", ErrorCode(err), EINVALID)
			}
		})
	}
}

func TestOrganisationValidate(t *testing.T) {
	tests := []struct {
		name string
		org  Organisation
		want []string
	}{
		{"OK", Organisation{Name: "MHWS", Roles: []Role{RoleController, RoleProcessor},
			DPO: Contact{Email: "dpo@mhws.example"}}, nil},
		{"ErrNameRequired", Organisation{}, []string{"name"}},
		{"ErrRole", Organisation{Name: "X", Roles: []Role{"boss"}}, []string{"roles[0]"}},
		{"ErrEmails", Organisation{Name: "X", Controller: Contact{Email: "nope"}, DPO: Contact{Email: "a@"},
			Representative: Contact{Email: "rep at x"}}, []string{"controller.email", "dpo.email", "representative.email"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fields(t, tt.org.Validate()); !slices.Equal(got, tt.want) {
				t.Errorf("fields = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReviewCycleValidate(t *testing.T) {
	day := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		cycle ReviewCycle
		want  []string
	}{
		{"OK", ReviewCycle{Name: "Annual review 2026", IntervalMonths: 12}, nil},
		{"OKSignedOff", ReviewCycle{Name: "Annual review 2026", IntervalMonths: 12,
			SignOff: &SignOff{By: "A. Patel", Date: day, Statement: "Reviewed."}}, nil},
		{"ErrNameRequired", ReviewCycle{IntervalMonths: 12}, []string{"name"}},
		{"ErrIntervalZero", ReviewCycle{Name: "R", IntervalMonths: 0}, []string{"interval_months"}},
		{"ErrIntervalTooLong", ReviewCycle{Name: "R", IntervalMonths: 61}, []string{"interval_months"}},
		{"ErrSignOffIncomplete", ReviewCycle{Name: "R", IntervalMonths: 12, SignOff: &SignOff{}},
			[]string{"sign_off.by", "sign_off.date", "sign_off.statement"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fields(t, tt.cycle.Validate()); !slices.Equal(got, tt.want) {
				t.Errorf("fields = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestValidationErrorsFor(t *testing.T) {
	v := ValidationErrors{
		{Field: "lawful_bases[0].basis", Message: "a"},
		{Field: "lawful_bases_note", Message: "b"},
		{Field: "ndop.purpose", Message: "c"},
		{Field: "ndop", Message: "d"},
	}
	if got := v.For("lawful_bases"); !slices.Equal(got, []string{"a"}) {
		t.Errorf("For(lawful_bases) = %q", got)
	}
	if got := v.For("ndop"); !slices.Equal(got, []string{"c", "d"}) {
		t.Errorf("For(ndop) = %q", got)
	}
}

func TestErrorCodeAndMessage(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		code, msg string
	}{
		{"Nil", nil, "", ""},
		{"Error", fmt.Errorf("save: %w", Errorf(ENOTFOUND, "No activity %d.", 7)), ENOTFOUND, "No activity 7."},
		{"Validation", fmt.Errorf("save: %w", ValidationErrors{{Field: "name", Message: "Needs a name."}}), EINVALID, "name: Needs a name."},
		{"Other", errors.New("disk full"), EINTERNAL, "An internal error occurred: disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorCode(tt.err); got != tt.code {
				t.Errorf("ErrorCode = %q, want %q", got, tt.code)
			}
			if got := ErrorMessage(tt.err); got != tt.msg {
				t.Errorf("ErrorMessage = %q, want %q", got, tt.msg)
			}
		})
	}
}
