package exchange_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// roundTrip writes r with write, reads it back with read, plans it into an
// empty register and returns the register that plan would leave.
func roundTrip(t testing.TB, r *model.Register, format string) *model.Register {
	t.Helper()
	var buf bytes.Buffer
	var in *exchange.Imported
	var err error
	switch format {
	case "xlsx":
		if err := exchange.WriteXLSX(&buf, r); err != nil {
			t.Fatalf("WriteXLSX: %v", err)
		}
		in, err = exchange.ReadXLSX(bytes.NewReader(buf.Bytes()), "round.xlsx")
	case "csv":
		if err := exchange.WriteCSV(&buf, r); err != nil {
			t.Fatalf("WriteCSV: %v", err)
		}
		in, err = exchange.ReadCSV(bytes.NewReader(buf.Bytes()), "round.csv")
	}
	if err != nil {
		t.Fatalf("read %s: %v", format, err)
	}
	for _, p := range in.Problems {
		t.Errorf("problem reading our own %s: %s", format, p)
	}
	plan := exchange.Plan(nil, in)
	for _, p := range plan.Problems {
		t.Errorf("plan problem: %s", p)
	}
	return plan.Register()
}

func jsonOf(t testing.TB, r *model.Register) string {
	t.Helper()
	return string(mustWrite(t, r))
}

// diffLines returns the first differing line of two texts, for a readable
// failure.
func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths differ: %d vs %d lines", len(al), len(bl))
}

func TestRoundTripXLSX(t *testing.T) {
	for _, tc := range []struct {
		name string
		reg  *model.Register
	}{
		{"Example", exchange.Example()},
		{"Random", randomRegister(rand.New(rand.NewPCG(1, 2)), 3, 40)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The ICO spreadsheet carries activities' owners and retention
			// classes and their links to assets and suppliers, but not the
			// asset and supplier records themselves: those round-trip
			// through JSON (TestRoundTripLinksXLSX covers the links).
			tc.reg.InformationAssets, tc.reg.Suppliers = nil, nil
			want := jsonOf(t, tc.reg)
			once := roundTrip(t, tc.reg, "xlsx")
			if got := jsonOf(t, once); got != want {
				t.Fatalf("register → XLSX → register differs: %s", diffLines(want, got))
			}
			twice := roundTrip(t, once, "xlsx")
			if got := jsonOf(t, twice); got != want {
				t.Fatalf("second round trip differs: %s", diffLines(want, got))
			}
		})
	}
}

// TestRoundTripCSV: CSV carries activities and organisation names only, so
// the comparison is of activities.
func TestRoundTripCSV(t *testing.T) {
	for _, tc := range []struct {
		name string
		reg  *model.Register
	}{
		{"Example", exchange.Example()},
		{"Random", randomRegister(rand.New(rand.NewPCG(3, 4)), 3, 40)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Links to assets and suppliers need the records in the
			// register (TestRoundTripLinksXLSX); this compares activities.
			tc.reg.InformationAssets, tc.reg.Suppliers = nil, nil
			back := roundTrip(t, tc.reg, "csv")
			want := &model.Register{Organisations: tc.reg.Organisations, Activities: tc.reg.Activities}
			got := &model.Register{Organisations: tc.reg.Organisations, Activities: back.Activities}
			if w, g := jsonOf(t, want), jsonOf(t, got); w != g {
				t.Fatalf("register → CSV → register differs: %s", diffLines(w, g))
			}
		})
	}
}

// TestReimportNoChanges: planning the same export into the register it came
// from changes nothing, and every activity is matched by id.
func TestReimportNoChanges(t *testing.T) {
	reg := exchange.Example()
	for _, format := range []string{"xlsx", "csv"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			var in *exchange.Imported
			var err error
			if format == "xlsx" {
				if err := exchange.WriteXLSX(&buf, reg); err != nil {
					t.Fatal(err)
				}
				in, err = exchange.ReadXLSX(&buf, "same.xlsx")
			} else {
				if err := exchange.WriteCSV(&buf, reg); err != nil {
					t.Fatal(err)
				}
				in, err = exchange.ReadCSV(&buf, "same.csv")
			}
			if err != nil {
				t.Fatal(err)
			}
			p := exchange.Plan(reg, in)
			if len(p.Added)+len(p.Changed)+len(p.AddedOrganisations)+len(p.ChangedOrganisations) != 0 {
				t.Fatalf("re-import plans changes: %d added, %d changed, %d orgs added, %d orgs changed; first: %+v",
					len(p.Added), len(p.Changed), len(p.AddedOrganisations), len(p.ChangedOrganisations), firstChange(p))
			}
			if len(p.Unchanged) != len(reg.Activities) {
				t.Fatalf("unchanged = %d, want %d", len(p.Unchanged), len(reg.Activities))
			}
			for _, u := range p.Unchanged {
				if u.MatchedBy != exchange.MatchID {
					t.Fatalf("row %d matched by %q, want id", u.Row, u.MatchedBy)
				}
			}
			ch := p.Changes()
			if len(ch.Activities)+len(ch.Organisations) != 0 {
				t.Fatalf("Changes() not empty: %+v", ch)
			}
		})
	}
}

func firstChange(p *exchange.ImportPlan) any {
	switch {
	case len(p.Changed) > 0:
		return p.Changed[0].Changes
	case len(p.ChangedOrganisations) > 0:
		return p.ChangedOrganisations[0].Changes
	case len(p.Added) > 0:
		return p.Added[0].Activity.Name
	}
	return nil
}

// randomRegister fills every field of every activity with random values
// from a fixed seed, including text that the ICO columns cannot carry
// exactly (commas, semicolons, bullets, quotes, non-Latin script).
func randomRegister(rng *rand.Rand, orgs, acts int) *model.Register {
	words := []string{"care", "Ümlaut", "naïve café", "日本語", "staff, volunteers", "a; b", "\"quoted\"", "- dash first",
		"line\nbreak", "(bracket, inside)", "O'Brien & Sons", "health", "payroll", "x", "  ", "N/A", "yes", "=SUM(A1)", "emoji 🙂"}
	word := func() string {
		w := strings.TrimSpace(words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))])
		if w == "" {
			w = "blank"
		}
		return w
	}
	list := func() []string {
		n := rng.IntN(4)
		if n == 0 {
			return nil
		}
		out := make([]string, n)
		for i := range out {
			out[i] = word()
		}
		return out
	}
	b := func() bool { return rng.IntN(2) == 0 }
	pb := func() *bool {
		if rng.IntN(3) == 0 {
			return nil
		}
		v := b()
		return &v
	}
	id := func() uuid.UUID {
		var u uuid.UUID
		for i := range u {
			u[i] = byte(rng.UintN(256))
		}
		u[6] = u[6]&0x0f | 0x70
		u[8] = u[8]&0x3f | 0x80
		return u
	}
	tm := func() time.Time {
		return time.Date(2020+rng.IntN(6), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1e9), time.UTC)
	}
	pick := func(n int) int { return rng.IntN(n) }

	r := &model.Register{ReviewCycles: []model.ReviewCycle{}}
	for i := range orgs {
		o := model.Organisation{
			ID: id(), Name: fmt.Sprintf("Org %d %s", i, word()), Partnership: word(),
			Roles:           []model.Role{model.Roles[pick(3)].Code},
			ICORegistration: fmt.Sprintf("ZA%06d", rng.IntN(1e6)),
			Controller:      model.Contact{Name: word(), Address: word() + "\n" + word(), Email: "c@example.org", Telephone: "01632 960000"},
			DPO:             model.Contact{Name: word(), Email: "dpo@example.org"},
			Representative:  model.Contact{Name: word()},
			NDOPInScope:     b(), NDOPAllPatients: b(), CreatedAt: tm(), UpdatedAt: tm(),
		}
		r.Organisations = append(r.Organisations, o)
	}
	cycle := model.ReviewCycle{ID: id(), Name: "Annual review 2025", StartedAt: tm(), IntervalMonths: 12,
		SignOff: &model.SignOff{By: word(), Date: tm(), Statement: word()}}
	r.ReviewCycles = append(r.ReviewCycles, cycle)
	extraHeads := []string{"Owner", "Notes, misc", "Système"}
	for i := range acts {
		a := model.Activity{
			ID: id(), OrganisationID: r.Organisations[pick(orgs)].ID, Role: model.Roles[pick(3)].Code,
			ControllersServed: list(), BusinessFunction: word(), Name: fmt.Sprintf("Activity %d %s", i, word()),
			Description: word() + "\n\n" + word(), Status: model.Statuses[pick(3)].Code, Purposes: list(),
			DataSubjects: list(), PersonalData: list(), CriminalOffenceData: b(), LargeScale: b(),
			Article10Basis: word(), LegitimateInterests: word(), LIALink: "https://example.org/lia/" + fmt.Sprint(i),
			ConsentRecordLink: word(), Recipients: list(), JointControllers: list(), ProcessorContractLink: word(),
			Retention: word(), SecurityMeasures: word(), Sources: list(), Locations: list(),
			AutomatedDecisions: model.AutomatedDecisions{Exists: b(), Description: word(), SignificantEffects: b()},
			DPIA:               model.DPIA{Required: pb(), Progress: model.DPIAProgresses[pick(3)].Code, Link: word()},
			Breach:             model.Breach{Occurred: b(), Link: word()},
			CreatedAt:          tm(), UpdatedAt: tm(),
		}
		for _, o := range model.SpecialCategories {
			if b() {
				a.SpecialCategories = append(a.SpecialCategories, o.Code)
			}
		}
		for _, o := range model.LawfulBases {
			if pick(3) == 0 {
				a.LawfulBases = append(a.LawfulBases, model.BasisClaim{Basis: o.Code, Reason: word()})
			}
		}
		for _, o := range model.Article9Conditions {
			if pick(4) == 0 {
				a.Article9Conditions = append(a.Article9Conditions, model.ConditionClaim{Condition: o.Code, Reason: word()})
			}
		}
		for _, o := range model.Schedule1Conditions {
			if pick(10) == 0 {
				a.Schedule1Conditions = append(a.Schedule1Conditions, o.Code)
			}
		}
		a.Paragraph41 = model.Paragraph41{APDLink: word(), Article6Explanation: word(), RetainedPerPolicy: pb(), NotAdheringReason: word(), RetentionPolicyLink: word()}
		for range pick(3) {
			a.Transfers = append(a.Transfers, model.Transfer{Destination: word(), Safeguard: word(), Exceptional: b()})
		}
		a.NDOP = model.NDOPAssessment{
			InScopeOverride: pb(), Identifiable: pb(), DutyOfConfidence: pb(), HealthOrCare: pb(), Anonymised: pb(),
			AnonymisationJustification: word(), Purpose: model.NDOPPurposes[pick(len(model.NDOPPurposes))].Code,
			ConfidentialityBasis: model.ConfidentialityBases[pick(len(model.ConfidentialityBases))].Code,
			Evidence:             word(), PolicyExemption: word(), S251NDOPExempt: b(), NHSNumberAvailable: pb(),
			NHSNumberDisproportionateEffort: b(), DisproportionateEffortReason: word(),
			CheckMethod: model.OptOutCheckMethods[pick(2)].Code, LastChecked: tm(), OnlyReturnedNumbers: b(),
			AssessedBy: word(), AssessedAt: tm(),
		}
		for range pick(3) {
			a.RightOverrides = append(a.RightOverrides, model.RightOverride{Right: model.Rights[pick(len(model.Rights))].Code, Available: b(), Reason: word()})
		}
		for range pick(3) {
			rv := model.Review{ID: id(), Date: tm(), Reviewer: word(), Outcome: model.ReviewOutcomes[pick(3)].Code, Notes: word(), NDOPConfirmed: b()}
			if b() {
				rv.CycleID = cycle.ID
			}
			a.Reviews = append(a.Reviews, rv)
		}
		// Extra headings keep one global order, as a spreadsheet's columns do.
		for _, h := range extraHeads {
			if b() {
				a.Extra = append(a.Extra, model.ExtraField{Heading: h, Value: word()})
			}
		}
		r.Activities = append(r.Activities, a)
	}
	return r
}

// TestDataCellsWrapByDefault: a data cell of the Template sheet carries no
// style of its own (a reader then formats nothing) and the workbook's
// default format wraps its text and aligns it to the top, as the DPO
// reads long cells in Excel.
func TestDataCellsWrapByDefault(t *testing.T) {
	var buf bytes.Buffer
	if err := exchange.WriteXLSX(&buf, exchange.Example()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, cell := range []string{"A10", "L10", "AE10"} {
		v, err := f.GetCellValue(exchange.SheetTemplate, cell)
		if err != nil || v == "" {
			t.Fatalf("cell %s: %q, %v; want a value to check the style of", cell, v, err)
		}
		if id, err := f.GetCellStyle(exchange.SheetTemplate, cell); err != nil || id != 0 {
			t.Errorf("cell %s has style %d (%v), want the default", cell, id, err)
		}
	}
	st, err := f.GetStyle(0)
	if err != nil {
		t.Fatal(err)
	}
	if st.Alignment == nil || !st.Alignment.WrapText || st.Alignment.Vertical != "top" {
		t.Errorf("the default format's alignment is %+v, want wrapped text at the top", st.Alignment)
	}
}
