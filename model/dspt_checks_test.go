package model

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// dsptRegister is a register every DSPT check passes on at now: one
// controller with its ICO number, one activity linked to an owned asset, a
// processor whose contract and certificate run well past now, and a
// sign-off two months old.
func dsptRegister() *Register {
	org := Organisation{ID: uuid.New(), Name: "MHWS", ICORegistration: "ZX000417"}
	a := cleanActivity()
	a.ID, a.OrganisationID, a.Name = uuid.New(), org.ID, "Counselling"
	a.CreatedAt = now.AddDate(-2, 0, 0)
	return &Register{
		Organisations: []Organisation{org},
		Activities:    []Activity{a},
		ReviewCycles: []ReviewCycle{{ID: uuid.New(), Name: "Annual review 2026", StartedAt: now.AddDate(0, -3, 0), IntervalMonths: 12,
			SignOff: &SignOff{By: "Dana Okafor", Date: now.AddDate(0, -2, 0), Statement: "Approved."}}},
		InformationAssets: []InformationAsset{{ID: uuid.New(), Name: "Clinical record system", Owner: "Head of Clinical Services", ActivityIDs: []uuid.UUID{a.ID}}},
		Suppliers: []Supplier{{ID: uuid.New(), Name: "Carenotes Ltd", Role: SupplierProcessor, Agreement: AgreementContract,
			SignedOn: now.AddDate(-1, 0, 0), EndsOn: now.AddDate(2, 0, 0),
			Certifications: []Certification{{Name: "ISO/IEC 27001", Expires: now.AddDate(1, 0, 0)}}}},
	}
}

func TestCheckDSPT(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(r *Register)
		code   string // "" when nothing fires
		sev    Severity
		field  string
		says   string // words the message must hold
	}{
		{name: "OK", change: func(*Register) {}},
		{name: "ContractEnded", change: func(r *Register) { r.Suppliers[0].EndsOn = now.AddDate(0, 0, -1) },
			code: CodeAgreementEnded, sev: SeverityError, field: "suppliers[0].ends_on", says: `"Agreement ends on"`},
		{name: "PartnerAgreementEndedIsAWarning", change: func(r *Register) {
			r.Suppliers[0].Role, r.Suppliers[0].Agreement = SupplierPartner, AgreementDataSharing
			r.Suppliers[0].EndsOn = now.AddDate(0, 0, -1)
		}, code: CodeAgreementEnded, sev: SeverityWarning, field: "suppliers[0].ends_on", says: "data-sharing agreement"},
		{name: "ContractEndsToday", change: func(r *Register) { r.Suppliers[0].EndsOn = now },
			code: CodeAgreementEndingSoon, sev: SeverityWarning, field: "suppliers[0].ends_on", says: "within 90 days"},
		{name: "ContractEndsIn90Days", change: func(r *Register) { r.Suppliers[0].EndsOn = now.AddDate(0, 0, 90) },
			code: CodeAgreementEndingSoon, sev: SeverityWarning, field: "suppliers[0].ends_on", says: "within 90 days"},
		{name: "ContractEndsIn91Days", change: func(r *Register) { r.Suppliers[0].EndsOn = now.AddDate(0, 0, 91) }},
		{name: "OpenEndedContract", change: func(r *Register) { r.Suppliers[0].EndsOn = time.Time{} }},
		{name: "CertificationExpired", change: func(r *Register) { r.Suppliers[0].Certifications[0].Expires = now.AddDate(0, 0, -3) },
			code: CodeCertificationExpired, sev: SeverityWarning, field: "suppliers[0].certifications[0].expires", says: `"Certification expires on"`},
		{name: "CertificationExpiresToday", change: func(r *Register) { r.Suppliers[0].Certifications[0].Expires = now }},
		{name: "AssetWithoutOwner", change: func(r *Register) { r.InformationAssets[0].Owner = "  " },
			code: CodeAssetWithoutOwner, sev: SeverityWarning, field: "information_assets[0].owner", says: `"Information asset owner"`},
		{name: "ActivityWithoutSystem", change: func(r *Register) { r.InformationAssets[0].ActivityIDs = nil },
			code: CodeSystemsNotRecorded, sev: SeverityWarning, field: "information_assets", says: `"Information assets"`},
		{name: "RetiredActivityWithoutSystem", change: func(r *Register) {
			r.InformationAssets[0].ActivityIDs = nil
			r.Activities[0].Status = StatusRetired
		}},
		{name: "NoAssetRegister", change: func(r *Register) { r.InformationAssets = nil },
			code: CodeNoAssetRegister, sev: SeverityWarning, field: "information_assets", says: "1 activity"},
		{name: "SignOffOlderThanTwelveMonths", change: func(r *Register) { r.ReviewCycles[0].SignOff.Date = now.AddDate(-1, 0, -1) },
			code: CodeSignOffOverdue, sev: SeverityWarning, field: "review_cycles.sign_off", says: "DSPT 1.1.2"},
		{name: "SignOffExactlyTwelveMonths", change: func(r *Register) { r.ReviewCycles[0].SignOff.Date = now.AddDate(-1, 0, 0) }},
		{name: "NeverSignedOffOldRegister", change: func(r *Register) { r.ReviewCycles[0].SignOff = nil },
			code: CodeSignOffOverdue, sev: SeverityWarning, field: "review_cycles.sign_off", says: "never been signed off"},
		{name: "NeverSignedOffNewRegister", change: func(r *Register) {
			r.ReviewCycles[0].SignOff = nil
			r.Activities[0].CreatedAt = now.AddDate(0, -6, 0)
		}},
		{name: "ControllerWithoutICONumber", change: func(r *Register) { r.Organisations[0].ICORegistration = "" },
			code: CodeNoICORegistration, sev: SeverityWarning, field: "organisations[0].ico_registration", says: `"ICO registration number"`},
		{name: "ProcessorOnlyWithoutICONumber", change: func(r *Register) {
			r.Organisations[0].ICORegistration = ""
			r.Activities[0].Role = RoleProcessor
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := dsptRegister()
			tc.change(r)
			got := CheckDSPT(r, now)
			if tc.code == "" {
				if len(got) != 0 {
					t.Fatalf("want no findings, got %+v", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("want one %s finding, got %+v", tc.code, got)
			}
			f := got[0]
			if f.Code != tc.code || f.Severity != tc.sev || f.Field != tc.field {
				t.Errorf("got %s %s at %s, want %s %s at %s", f.Severity, f.Code, f.Field, tc.sev, tc.code, tc.field)
			}
			if !HasFieldLabel(f.Field) || f.FieldLabel != FieldLabel(f.Field) {
				t.Errorf("field %s has no label (got %q)", f.Field, f.FieldLabel)
			}
			if !strings.Contains(f.Message, tc.says) {
				t.Errorf("message %q does not say %q", f.Message, tc.says)
			}
			// A message names fields by label, never by key.
			if strings.Contains(f.Message, "_") {
				t.Errorf("message %q shows a code value or key", f.Message)
			}
		})
	}
}

func TestCheckDSPTNamesTheEntity(t *testing.T) {
	r := dsptRegister()
	r.InformationAssets[0].Owner = ""
	r.Suppliers[0].EndsOn = now.AddDate(0, 0, -1)
	got := CheckDSPT(r, now)
	if len(got) != 2 {
		t.Fatalf("want 2 findings, got %+v", got)
	}
	if got[0].SupplierID != r.Suppliers[0].ID || got[0].Supplier != "Carenotes Ltd" {
		t.Errorf("supplier finding names %v %q", got[0].SupplierID, got[0].Supplier)
	}
	if got[1].AssetID != r.InformationAssets[0].ID || got[1].Asset != "Clinical record system" {
		t.Errorf("asset finding names %v %q", got[1].AssetID, got[1].Asset)
	}
}

func TestAssetAndSupplierValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		err   error
		field string
	}{
		{"AssetOK", (&InformationAsset{Name: "EPR", Criticality: CriticalityHigh, Impact: Impact{Availability: ImpactHigh}}).Validate(), ""},
		{"AssetNameRequired", (&InformationAsset{}).Validate(), "name"},
		{"AssetBadImpact", (&InformationAsset{Name: "EPR", Impact: Impact{Integrity: "huge"}}).Validate(), "impact.integrity"},
		{"AssetBadHosting", (&InformationAsset{Name: "EPR", Hosting: "moon"}).Validate(), "hosting"},
		{"AssetNilLink", (&InformationAsset{Name: "EPR", ActivityIDs: []uuid.UUID{uuid.Nil}}).Validate(), "activity_ids[0]"},
		{"SupplierOK", (&Supplier{Name: "Stripe", Role: SupplierProcessor, TransferMechanism: SafeguardAdequacy}).Validate(), ""},
		{"SupplierRoleRequired", (&Supplier{Name: "Stripe"}).Validate(), "role"},
		{"SupplierEndsBeforeSigned", (&Supplier{Name: "Stripe", Role: SupplierProcessor, SignedOn: now, EndsOn: now.AddDate(0, 0, -1)}).Validate(), "ends_on"},
		{"SupplierCertificationName", (&Supplier{Name: "Stripe", Role: SupplierProcessor, Certifications: []Certification{{Expires: now}}}).Validate(), "certifications[0].name"},
		{"SupplierBadDSPT", (&Supplier{Name: "Stripe", Role: SupplierProcessor, DSPTStatus: "fine"}).Validate(), "dspt_status"},
		{"ActivityBadRetentionClass", func() error {
			a := cleanActivity()
			a.OrganisationID = uuid.New()
			a.RetentionClass = "forever"
			return a.Validate()
		}(), "retention_class"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.field == "" {
				if tc.err != nil {
					t.Fatalf("want valid, got %v", tc.err)
				}
				return
			}
			v, ok := tc.err.(ValidationErrors)
			if !ok || len(v) != 1 || v[0].Field != tc.field {
				t.Fatalf("want one error at %s, got %v", tc.field, tc.err)
			}
		})
	}
}

func TestRetentionSchedule(t *testing.T) {
	if len(RetentionSchedule) < 4 {
		t.Fatalf("the schedule has %d classes", len(RetentionSchedule))
	}
	seen := map[string]bool{}
	for _, c := range RetentionSchedule {
		if seen[c.Code] || c.Code != strings.ToLower(c.Code) || c.Class == "" || c.Period == "" || c.Trigger == "" || c.Action == "" || c.Source == "" {
			t.Errorf("class %+v is repeated or incomplete", c)
		}
		seen[c.Code] = true
	}
	m := RetentionClassByCode("nhs_maternity")
	if m == nil || m.Period != "25 years" || m.Trigger != "Birth of the last child" {
		t.Fatalf("maternity class = %+v", m)
	}
	if got := m.Describe(); got != "Maternity records: 25 years (from: birth of the last child); review, and destroy if no longer needed (NHS Records Management Code of Practice 2021, Appendix II)." {
		t.Errorf("Describe = %q", got)
	}
	if mh := RetentionClassByCode("nhs_mental_health"); mh == nil || !strings.HasPrefix(mh.Period, "20 years") {
		t.Errorf("mental health class = %+v", mh)
	}
	// An activity pointing at a class has its retention recorded.
	a := cleanActivity()
	a.Retention, a.RetentionClass = "", "nhs_adult_health"
	for _, f := range CheckActivity(&a, nil, now) {
		if f.Code == CodeNoRetention {
			t.Errorf("an activity with a retention class is flagged: %s", f.Message)
		}
	}
}

func TestDSPTEvidenceMap(t *testing.T) {
	r := dsptRegister()
	ev := DSPTEvidenceMap(r, now)
	if len(ev) != 8 {
		t.Fatalf("%d items", len(ev))
	}
	byItem := map[string]DSPTEvidence{}
	for _, e := range ev {
		byItem[e.Item] = e
	}
	if e := byItem["1.1.2"]; !strings.Contains(e.Evidence, "last signed off on 1 April 2026 by Dana Okafor") || e.Gaps != "" {
		t.Errorf("1.1.2: %+v", e)
	}
	if e := byItem["1.1.3"]; !strings.Contains(e.Evidence, "MHWS ZX000417") || e.Gaps != "" {
		t.Errorf("1.1.3: %+v", e)
	}
	if e := byItem["CAF A3.a"]; e.Gaps != "1 asset without an administrator" {
		t.Errorf("A3.a: %+v", e)
	}
	r.InformationAssets[0].Owner, r.InformationAssets[0].Administrator = "", "IT Manager"
	r.Suppliers[0].EndsOn = now.AddDate(0, 0, -1)
	r.Organisations[0].ICORegistration = ""
	byItem = map[string]DSPTEvidence{}
	for _, e := range DSPTEvidenceMap(r, now) {
		byItem[e.Item] = e
	}
	if e := byItem["CAF A3.a"]; e.Gaps != "1 asset without an owner" {
		t.Errorf("A3.a after removing the owner: %+v", e)
	}
	if e := byItem["10.1.2, 10.2.1, 10.2.2"]; e.Gaps != "1 agreement ended" {
		t.Errorf("10.x: %+v", e)
	}
	if e := byItem["1.1.3"]; e.Gaps != "1 controller without an ICO registration number" {
		t.Errorf("1.1.3: %+v", e)
	}
}
