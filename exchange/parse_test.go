package exchange

import (
	"reflect"
	"testing"

	"github.com/ropadesk/ropadesk/model"
)

func TestRecogniseBases(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []model.LawfulBasis
	}{
		{"6(1)(c)", []model.LawfulBasis{model.BasisLegalObligation}},
		{"Art 6 1 e – public task", []model.LawfulBasis{model.BasisPublicTask}},
		{"Article 6(1)(f)", []model.LawfulBasis{model.BasisLegitimateInterests}},
		{"art. 6.1.a", []model.LawfulBasis{model.BasisConsent}},
		{"Legal obligation", []model.LawfulBasis{model.BasisLegalObligation}},
		{"legitimate interest(s)", []model.LawfulBasis{model.BasisLegitimateInterests}},
		{"Legitimate Interests", []model.LawfulBasis{model.BasisLegitimateInterests}},
		{"consent", []model.LawfulBasis{model.BasisConsent}},
		{"CONTRACT", []model.LawfulBasis{model.BasisContract}},
		{"vital interests", []model.LawfulBasis{model.BasisVitalInterests}},
		{"public task/official authority", []model.LawfulBasis{model.BasisPublicTask}},
		{"Task in the public interest", []model.LawfulBasis{model.BasisPublicTask}},
		{"6(1)(b) and 6(1)(c)", []model.LawfulBasis{model.BasisContract, model.BasisLegalObligation}},
		{"16(1)(a) of the Act", nil},
		{"Because we must", nil},
		{"", nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := RecogniseBases(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("RecogniseBases(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseBases(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      string
		want    []model.BasisClaim
		unknown []string
	}{
		{"OK", "Contract (Art 6(1)(b)): to pay staff", []model.BasisClaim{{Basis: model.BasisContract, Reason: "to pay staff"}}, nil},
		{"Semicolons", "6(1)(c); 6(1)(e)", []model.BasisClaim{{Basis: model.BasisLegalObligation}, {Basis: model.BasisPublicTask}}, nil},
		{"Lines", "• Consent: newsletter\n• Legitimate interests: fraud checks", []model.BasisClaim{{Basis: model.BasisConsent, Reason: "newsletter"}, {Basis: model.BasisLegitimateInterests, Reason: "fraud checks"}}, nil},
		{"ReasonWithSemicolon", "Public task (Art 6(1)(e)): NHS Act; Care Act", []model.BasisClaim{{Basis: model.BasisPublicTask, Reason: "NHS Act; Care Act"}}, nil},
		{"Unknown", "consent; whatever", []model.BasisClaim{{Basis: model.BasisConsent}}, []string{"whatever"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, unknown := ParseBases(tc.in)
			if !reflect.DeepEqual(got, tc.want) || !reflect.DeepEqual(unknown, tc.unknown) {
				t.Errorf("ParseBases(%q) = %+v, %q; want %+v, %q", tc.in, got, unknown, tc.want, tc.unknown)
			}
			if tc.unknown == nil {
				back, _ := ParseBases(RenderBases(got))
				if !reflect.DeepEqual(back, got) {
					t.Errorf("render/parse: %+v → %q → %+v", got, RenderBases(got), back)
				}
			}
		})
	}
}

func TestRecogniseConditions(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []model.Article9Condition
	}{
		{"9(2)(h)", []model.Article9Condition{model.Art9HealthSocialCare}},
		{"Art. 9(2)(f)", []model.Article9Condition{model.Art9LegalClaims}},
		{"art 9 2 a", []model.Article9Condition{model.Art9ExplicitConsent}},
		{"health or social care", []model.Article9Condition{model.Art9HealthSocialCare}},
		{"Health and social care", []model.Article9Condition{model.Art9HealthSocialCare}},
		{"explicit consent", []model.Article9Condition{model.Art9ExplicitConsent}},
		{"public health", []model.Article9Condition{model.Art9PublicHealth}},
		{"Employment law", []model.Article9Condition{model.Art9EmploymentSocialSecurity}},
		{"substantial public interest", []model.Article9Condition{model.Art9SubstantialPublicInterest}},
		{"archiving, research and statistics", []model.Article9Condition{model.Art9ArchivingResearch}},
		{"legal claims", []model.Article9Condition{model.Art9LegalClaims}},
		{"consent", nil},
		{"see policy", nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := RecogniseConditions(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("RecogniseConditions(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseSchedule1(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []model.Schedule1Condition
		bad  int
	}{
		{"Schedule 1 Part 1 para 2", []model.Schedule1Condition{"sch1_para2"}, 0},
		{"Sch1 para 18", []model.Schedule1Condition{"sch1_para18"}, 0},
		{"paragraph 10", []model.Schedule1Condition{"sch1_para10"}, 0},
		{"Sch 1, para. 6", []model.Schedule1Condition{"sch1_para6"}, 0},
		{"paragraphs 10 and 18", []model.Schedule1Condition{"sch1_para10", "sch1_para18"}, 0},
		{"Health or social care purposes", []model.Schedule1Condition{"sch1_para2"}, 0},
		{"Safeguarding of children and individuals at risk", []model.Schedule1Condition{"sch1_para18"}, 0},
		{"preventing fraud", []model.Schedule1Condition{"sch1_para14"}, 0},
		{"paragraph 5", nil, 1},
		{"para 99", nil, 1},
		{"see APD", nil, 0},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, bad := ParseSchedule1(tc.in)
			if !reflect.DeepEqual(got, tc.want) || len(bad) != tc.bad {
				t.Errorf("ParseSchedule1(%q) = %v, bad %v; want %v, %d bad", tc.in, got, bad, tc.want, tc.bad)
			}
		})
	}
	t.Run("RenderParse", func(t *testing.T) {
		var all []model.Schedule1Condition
		for _, o := range model.Schedule1Conditions {
			all = append(all, o.Code)
		}
		if got, bad := ParseSchedule1(RenderSchedule1(all)); !reflect.DeepEqual(got, all) || bad != nil {
			t.Errorf("render → parse of every condition = %v, %v", got, bad)
		}
	})
}

func TestRecogniseSpecial(t *testing.T) {
	for _, tc := range []struct {
		in       string
		want     []model.SpecialCategory
		criminal bool
	}{
		{"health", []model.SpecialCategory{model.SpecialHealth}, false},
		{"Medical history", []model.SpecialCategory{model.SpecialHealth}, false},
		{"diagnoses", []model.SpecialCategory{model.SpecialHealth}, false},
		{"Ethnicity", []model.SpecialCategory{model.SpecialRacialEthnicOrigin}, false},
		{"race", []model.SpecialCategory{model.SpecialRacialEthnicOrigin}, false},
		{"sexual orientation", []model.SpecialCategory{model.SpecialSexLifeOrientation}, false},
		{"Religion or belief", []model.SpecialCategory{model.SpecialReligiousBeliefs}, false},
		{"trade union membership", []model.SpecialCategory{model.SpecialTradeUnionMembership}, false},
		{"Biometric data", []model.SpecialCategory{model.SpecialBiometric}, false},
		// A genetic test result is genetic data and, as a test result, health data.
		{"genetic test results", []model.SpecialCategory{model.SpecialGenetic, model.SpecialHealth}, false},
		{"political opinions", []model.SpecialCategory{model.SpecialPoliticalOpinions}, false},
		{"DBS check, criminal convictions", nil, true},
		{"Name, address, email", nil, false},
		{"trace ID", nil, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, crim := RecogniseSpecial(splitList(tc.in))
			if !reflect.DeepEqual(got, tc.want) || crim != tc.criminal {
				t.Errorf("RecogniseSpecial(%q) = %v, %v; want %v, %v", tc.in, got, crim, tc.want, tc.criminal)
			}
		})
	}
}

func TestParseYesNo(t *testing.T) {
	yes, no := true, false
	for _, tc := range []struct {
		in   string
		want *bool
		ok   bool
	}{
		{"Yes", &yes, true}, {"y", &yes, true}, {" YES ", &yes, true}, {"Yes - completed", &yes, true},
		{"No", &no, true}, {"N", &no, true}, {"no.", &no, true}, {"Not required", &no, true},
		{"N/A", nil, true}, {"", nil, true}, {"Not applicable", nil, true}, {"TBC", nil, true},
		{"maybe", nil, false}, {"sometimes", nil, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := parseYesNo(tc.in)
			if ok != tc.ok || (got == nil) != (tc.want == nil) || (got != nil && *got != *tc.want) {
				t.Errorf("parseYesNo(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestSplitList(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"a, b, c", []string{"a", "b", "c"}},
		{"a; b;c", []string{"a", "b", "c"}},
		{"a\nb\r\nc", []string{"a", "b", "c"}},
		{"• one\n• two\n- three\n1. four", []string{"one", "two", "three", "four"}},
		{"Health data (diagnoses, medication), ethnicity", []string{"Health data (diagnoses, medication)", "ethnicity"}},
		{"  ,, a ,", []string{"a"}},
		{"N/A", nil},
		{"None", nil},
		{"", nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := splitList(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("splitList(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseDPIAProgress(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want model.DPIAProgress
		ok   bool
	}{
		{"Completed", model.DPIACompleted, true}, {"done", model.DPIACompleted, true},
		{"In progress", model.DPIAInProgress, true}, {"ongoing", model.DPIAInProgress, true},
		{"Not started", model.DPIANotStarted, true}, {"N/A", "", true}, {"whenever", "", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got, ok := ParseDPIAProgress(tc.in); got != tc.want || ok != tc.ok {
				t.Errorf("ParseDPIAProgress(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestParseAutomated(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want model.AutomatedDecisions
	}{
		{"No", model.AutomatedDecisions{}},
		{"N/A", model.AutomatedDecisions{}},
		{"Yes: credit scoring", model.AutomatedDecisions{Exists: true, Description: "credit scoring"}},
		{"Yes, credit scoring", model.AutomatedDecisions{Exists: true, Description: "credit scoring"}},
		{"Profiling for marketing", model.AutomatedDecisions{Exists: true, Description: "Profiling for marketing"}},
		{RenderAutomated(model.AutomatedDecisions{Exists: true, SignificantEffects: true, Description: "loan: decisions"}),
			model.AutomatedDecisions{Exists: true, SignificantEffects: true, Description: "loan: decisions"}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := ParseAutomated(tc.in); got != tc.want {
				t.Errorf("ParseAutomated(%q) = %+v, want %+v", tc.in, got, tc.want)
			}
		})
	}
}

func TestMatchHeading(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want columnRef
	}{
		{"Business function", colBusinessFunction},
		{"  BUSINESS   FUNCTION ", colBusinessFunction},
		{"Name and contact details of joint controller", colJointController},
		{"Name and contact details of joint controller (If Applicable)", colJointController},
		{"Retention schedule", colRetention},
		{"Data Protection Act 2018 Schedule Condition for processing", colSchedule1},
		{"Data Protection Act 2018 Schedule 1 Condition for processing", colSchedule1},
		{"ROPA Desk: activity id", icoColumnCount + rdActivityID},
		{"Information Asset Owner", noColumn},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := matchHeading(tc.in); got != tc.want {
				t.Errorf("matchHeading(%q) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
	t.Run("AllThirty", func(t *testing.T) {
		if len(icoColumns) != 30 {
			t.Fatalf("%d ICO columns", len(icoColumns))
		}
		for i, c := range icoColumns {
			if matchHeading(c.Heading) != columnRef(i) {
				t.Errorf("heading %q does not match its own column", c.Heading)
			}
		}
	})
}
