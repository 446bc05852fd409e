package exchange_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// TestExampleCareRecordsNoErasure: the example's care records (health care
// under Art 9(2)(h), with a contract basis among others) carry no right to
// erasure, and the JSON export says so with the Art 17(3)(c) rule and the
// rules version.
func TestExampleCareRecordsNoErasure(t *testing.T) {
	var buf bytes.Buffer
	if err := exchange.WriteJSON(&buf, exchange.Example(), testNow); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Derived struct {
			RulesVersion string `json:"rules_version"`
			Adequacy     struct {
				AsOf   string `json:"as_of"`
				Source string `json:"source"`
			} `json:"adequacy_list"`
		} `json:"derived"`
		Activities []struct {
			Name    string `json:"name"`
			Derived struct {
				Rights []struct {
					Right     string `json:"right"`
					Available bool   `json:"available"`
					Answer    string `json:"answer"`
					Rules     []struct {
						Exemption string `json:"exemption"`
					} `json:"rules"`
				} `json:"rights"`
				Transfers []struct {
					Destination string `json:"destination"`
					Adequacy    bool   `json:"adequacy"`
				} `json:"transfers"`
			} `json:"derived"`
		} `json:"activities"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Derived.RulesVersion != model.RulesVersion || doc.Derived.Adequacy.AsOf == "" || doc.Derived.Adequacy.Source == "" {
		t.Errorf("derived: %+v", doc.Derived)
	}
	found := false
	for _, a := range doc.Activities {
		if a.Name != "Care records: diagnoses, treatment and care" {
			continue
		}
		found = true
		for _, r := range a.Derived.Rights {
			if r.Right != string(model.RightErasure) {
				continue
			}
			if r.Available || r.Answer != "no" {
				t.Errorf("care records erasure: available %v answer %q, want no", r.Available, r.Answer)
			}
			if !slices.ContainsFunc(r.Rules, func(x struct {
				Exemption string `json:"exemption"`
			}) bool {
				return x.Exemption == "Art 17(3)(c)"
			}) {
				t.Errorf("care records erasure rules lack Art 17(3)(c): %+v", r.Rules)
			}
		}
	}
	if !found {
		t.Fatal("no care records activity in the example")
	}
	// The payments activity transfers to Ireland: covered by adequacy.
	for _, a := range doc.Activities {
		for _, tr := range a.Derived.Transfers {
			if tr.Destination == "Ireland (payment provider's EU entity)" && !tr.Adequacy {
				t.Errorf("%s: Ireland not covered by adequacy", a.Name)
			}
		}
	}
}
