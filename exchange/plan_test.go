package exchange_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

func TestPlan(t *testing.T) {
	reg := exchange.Example()
	org := reg.Organisations[0]
	var target *model.Activity
	for i := range reg.Activities {
		if reg.Activities[i].OrganisationID == org.ID {
			target = &reg.Activities[i]
			break
		}
	}
	target.DPIA = model.DPIA{Link: "https://example.org/dpia"}
	target.Paragraph41.APDLink = "https://example.org/apd"
	// An ICO-only file: no ROPA Desk columns, so no ids; the organisation
	// is named by name. It has the DPIA "required?" column but not the
	// link, which must survive the merge.
	csvText := func(retention string) string {
		return "Business function,Purpose of processing,Retention schedule,Article 6 lawful basis for processing personal data,Data Protection Impact Assessment required?,ROPA Desk: organisation\n" +
			csvField(target.BusinessFunction) + "," + csvField(strings.Join(target.Purposes, "\n")) + "," + csvField(retention) + ",6(1)(c),Yes," + csvField(org.Name) + "\n" +
			"New function,Brand new purpose,1 year,consent,No," + csvField(org.Name) + "\n"
	}
	t.Run("MatchByKey", func(t *testing.T) {
		in, err := exchange.ReadCSV(strings.NewReader(csvText("Ten years")), "ico.csv")
		if err != nil {
			t.Fatal(err)
		}
		p := exchange.Plan(reg, in)
		if p.Blocking() {
			t.Fatalf("blocking: %v", p.Problems)
		}
		if len(p.Added) != 1 || len(p.Changed) != 1 || p.Added[0].Activity.Name != "Brand new purpose" {
			t.Fatalf("added %d, changed %d", len(p.Added), len(p.Changed))
		}
		ch := p.Changed[0]
		if ch.MatchedBy != exchange.MatchKey || ch.Activity.ID != target.ID || ch.Row != 2 {
			t.Fatalf("matched by %q to %s at row %d", ch.MatchedBy, ch.Activity.ID, ch.Row)
		}
		fields := map[string]exchange.FieldChange{}
		for _, c := range ch.Changes {
			fields[c.Field] = c
		}
		if c, ok := fields["retention"]; !ok || c.New != `"Ten years"` {
			t.Errorf("retention change = %+v", c)
		}
		if _, ok := fields["lawful_bases"]; !ok {
			t.Errorf("no lawful_bases change in %+v", ch.Changes)
		}
		for _, kept := range []string{"reviews", "ndop", "name", "special_categories", "personal_data"} {
			if _, ok := fields[kept]; ok {
				t.Errorf("%s changed although the file has no column for it", kept)
			}
		}
		if d := ch.Activity.DPIA; d.Link != "https://example.org/dpia" || d.Required == nil || !*d.Required {
			t.Errorf("DPIA merged as %+v", d)
		}
		if ch.Activity.Paragraph41.APDLink != "https://example.org/apd" {
			t.Errorf("APD link lost: %+v", ch.Activity.Paragraph41)
		}
		got := p.Changes()
		if len(got.Activities) != 2 || len(got.Organisations) != 0 {
			t.Fatalf("Changes() = %d activities, %d organisations", len(got.Activities), len(got.Organisations))
		}
		if got.Activities[0].OrganisationID != org.ID || got.Activities[1].OrganisationID != org.ID {
			t.Errorf("organisation not resolved by name")
		}
	})
	t.Run("ErrUnknownOrganisation", func(t *testing.T) {
		text := "Business function,Purpose of processing\nHR,Payroll\n"
		in, err := exchange.ReadCSV(strings.NewReader(text), "noorg.csv")
		if err != nil {
			t.Fatal(err)
		}
		p := exchange.Plan(reg, in) // several organisations: which one?
		if !p.Blocking() || p.Problems[0].Row != 2 {
			t.Fatalf("problems = %v", p.Problems)
		}
		if p := exchange.Plan(&model.Register{Organisations: reg.Organisations[:1]}, in); p.Blocking() {
			t.Fatalf("with one organisation: %v", p.Problems)
		}
	})
	t.Run("JSONFile", func(t *testing.T) {
		reg := exchange.Example()
		path := filepath.Join(t.TempDir(), "reg.json")
		if err := os.WriteFile(path, mustWrite(t, reg), 0o600); err != nil {
			t.Fatal(err)
		}
		in, err := exchange.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if p := exchange.Plan(reg, in); len(p.Added)+len(p.Changed) != 0 || len(p.Unchanged) != len(reg.Activities) {
			t.Fatalf("JSON re-import: %d added, %d changed", len(p.Added), len(p.Changed))
		}
		changed := exchange.Example()
		changed.Activities[0].Retention = "changed"
		changed.Organisations[0].ICORegistration = ""
		var buf bytes.Buffer
		if err := exchange.WriteJSON(&buf, changed, testNow); err != nil {
			t.Fatal(err)
		}
		r2, err := exchange.ReadJSON(&buf)
		if err != nil {
			t.Fatal(err)
		}
		p := exchange.Plan(reg, exchange.FromRegister(r2, "changed.json"))
		if len(p.Changed) != 1 || p.Changed[0].MatchedBy != exchange.MatchID || len(p.Changed[0].Changes) != 1 {
			t.Fatalf("changed = %+v", p.Changed)
		}
		if reg.Organisations[0].ICORegistration != "" && (len(p.ChangedOrganisations) != 1 || p.ChangedOrganisations[0].Organisation.ICORegistration != "") {
			t.Errorf("a complete file should clear the ICO registration: %+v", p.ChangedOrganisations)
		}
	})
}

func csvField(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
