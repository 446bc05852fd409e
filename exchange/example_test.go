package exchange_test

import (
	"bytes"
	"reflect"
	"slices"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

func findActivity(t *testing.T, r *model.Register, name string) *model.Activity {
	t.Helper()
	for i := range r.Activities {
		if r.Activities[i].Name == name {
			return &r.Activities[i]
		}
	}
	t.Fatalf("the example has no activity %q", name)
	return nil
}

func TestExampleValidates(t *testing.T) {
	r := exchange.Example()
	if n := len(r.Activities); n < 12 || n > 20 {
		t.Errorf("%d activities; the example should have 12 to 20", n)
	}
	ids := map[any]string{}
	for i := range r.Organisations {
		o := &r.Organisations[i]
		if err := o.Validate(); err != nil {
			t.Errorf("organisation %q: %v", o.Name, err)
		}
		if prev, dup := ids[o.ID]; dup {
			t.Errorf("organisation %q has the id of %q", o.Name, prev)
		}
		ids[o.ID] = o.Name
		if o.ID.Version() != 7 {
			t.Errorf("organisation %q: id is version %d, want 7", o.Name, o.ID.Version())
		}
	}
	for i := range r.Activities {
		a := &r.Activities[i]
		if err := a.Validate(); err != nil {
			t.Errorf("activity %q: %v", a.Name, err)
		}
		if r.Organisation(a.OrganisationID) == nil {
			t.Errorf("activity %q belongs to no organisation of the example", a.Name)
		}
		if prev, dup := ids[a.ID]; dup {
			t.Errorf("activity %q has the id of %q", a.Name, prev)
		}
		ids[a.ID] = a.Name
		for _, rv := range a.Reviews {
			if prev, dup := ids[rv.ID]; dup {
				t.Errorf("a review of %q has the id of %q", a.Name, prev)
			}
			ids[rv.ID] = a.Name + " review"
		}
	}
}

func TestExampleMHWS(t *testing.T) {
	r := exchange.Example()
	care := findActivity(t, r, "Care records: diagnoses, treatment and care")
	if !slices.Contains(care.SpecialCategories, model.SpecialHealth) {
		t.Errorf("care records special categories %v lack health", care.SpecialCategories)
	}
	org := r.Organisation(care.OrganisationID)
	if org.Name != "Mental Health and Well Being Services Ltd" || !org.NDOPInScope || !org.NDOPAllPatients {
		t.Errorf("care records organisation: %q in scope %v all patients %v", org.Name, org.NDOPInScope, org.NDOPAllPatients)
	}
	for _, f := range model.CheckActivity(care, org, testNow) {
		if f.Severity == model.SeverityError {
			t.Errorf("care records must be clean; error finding %s on %s: %s", f.Code, f.Field, f.Message)
		}
	}
	verdicts := []struct {
		activity string
		want     model.NDOPVerdict
	}{
		{"Care records: diagnoses, treatment and care", model.VerdictDoesNotApply},
		{"Research and service improvement", model.VerdictApplies},
		{"Disclosures to legal representatives and courts", model.VerdictDoesNotApply},
		{"Online account", model.VerdictDoesNotApply},
		{"Community Living Well wellbeing service", model.VerdictNotInScope},
	}
	for _, v := range verdicts {
		a := findActivity(t, r, v.activity)
		got := model.AssessNDOP(a, r.Organisation(a.OrganisationID))
		if got.Verdict != v.want {
			t.Errorf("%s: NDOP verdict %s (%s), want %s", v.activity, got.Verdict, got.Reason, v.want)
		}
	}
}

func TestExampleCommunityLivingWell(t *testing.T) {
	r := exchange.Example()
	var partners []string
	processors := 0
	for _, o := range r.Organisations {
		if o.Partnership != "Community Living Well" {
			continue
		}
		partners = append(partners, o.Name)
		if !slices.Contains(o.Roles, model.RoleController) {
			t.Errorf("%s is not a controller", o.Name)
		}
		if slices.Contains(o.Roles, model.RoleProcessor) {
			processors++
		}
	}
	if len(partners) != 6 {
		t.Errorf("Community Living Well has %d organisations, want 6: %v", len(partners), partners)
	}
	if processors != 1 {
		t.Errorf("%d partners are processors, want 1 (Kensington and Chelsea Mind)", processors)
	}
	web := findActivity(t, r, "Community Living Well website (managed for the partnership)")
	if web.Role != model.RoleProcessor || len(web.ControllersServed) != 5 {
		t.Errorf("website: role %s, serving %v; want processor for the five other partners", web.Role, web.ControllersServed)
	}
	news := findActivity(t, r, "Newsletter and peer-support updates")
	if !news.HasBasis(model.BasisConsent) || news.ConsentRecordLink == "" {
		t.Error("the newsletter must rely on consent with a consent record linked")
	}
}

// TestExampleUTF8 guards the characters the PDF must print.
func TestExampleUTF8(t *testing.T) {
	r := exchange.Example()
	dpo := r.Organisations[0].DPO
	if dpo.Name != "Zoë Ní Bhriain" || !bytes.Contains([]byte(dpo.Address), []byte("Ynys Môn")) {
		t.Errorf("MHWS DPO %q at %q: want the non-ASCII name and Welsh address", dpo.Name, dpo.Address)
	}
}

func TestExampleDeterministic(t *testing.T) {
	a, b := exchange.Example(), exchange.Example()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls to Example differ")
	}
	if !bytes.Equal(mustWrite(t, a), mustWrite(t, b)) {
		t.Fatal("two exports of the example differ")
	}
	// Each call is a fresh copy: changing one must not change the next.
	a.Activities[0].Purposes[0] = "changed"
	a.Activities[10].DataSubjects[0] = "changed"
	c := exchange.Example()
	if c.Activities[0].Purposes[0] == "changed" || c.Activities[11].DataSubjects[0] == "changed" {
		t.Fatal("Example shares slices between calls or activities")
	}
}
