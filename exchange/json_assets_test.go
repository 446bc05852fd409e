package exchange_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// TestJSONAssetsRoundTrip: information assets, suppliers and an activity's
// owner and retention class come back from a document as they went in, and
// an import plan carries them to the store.
func TestJSONAssetsRoundTrip(t *testing.T) {
	r := exchange.Example()
	if len(r.InformationAssets) == 0 || len(r.Suppliers) == 0 {
		t.Fatal("the example register has no assets or suppliers to round-trip")
	}
	r.Activities[0].Owner = "Head of Clinical Services"
	r.Activities[0].RetentionClass = "nhs_mental_health"
	first := mustWrite(t, r)
	for _, key := range []string{`"information_assets": [`, `"suppliers": [`, `"owner": "Head of Clinical Services"`, `"retention_class": "nhs_mental_health"`, `"impact": {`, `"certifications": [`} {
		if !bytes.Contains(first, []byte(key)) {
			t.Errorf("the document lacks %s", key)
		}
	}
	got, err := exchange.ReadJSON(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	if second := mustWrite(t, got); !bytes.Equal(first, second) {
		t.Fatalf("round trip changed the document:\n%s", firstDiff(first, second))
	}
	// Planned into an empty register, everything is added; planned into
	// the register it came from, nothing.
	p := exchange.Plan(nil, exchange.FromRegister(got, "register.json"))
	ch := p.Changes()
	if len(ch.InformationAssets) != len(r.InformationAssets) || len(ch.Suppliers) != len(r.Suppliers) {
		t.Errorf("plan into an empty register carries %d assets and %d suppliers", len(ch.InformationAssets), len(ch.Suppliers))
	}
	p = exchange.Plan(got, exchange.FromRegister(got, "register.json"))
	if ch := p.Changes(); len(ch.InformationAssets) != 0 || len(ch.Suppliers) != 0 {
		t.Errorf("plan into the same register carries %d assets and %d suppliers", len(ch.InformationAssets), len(ch.Suppliers))
	}
}

// TestJSONWithoutAssetsUnchanged: a register without assets or suppliers
// writes no such keys, so documents of older registers keep their bytes.
func TestJSONWithoutAssetsUnchanged(t *testing.T) {
	r := exchange.Example()
	r.InformationAssets, r.Suppliers = nil, nil
	doc := mustWrite(t, r)
	if bytes.Contains(doc, []byte(`"information_assets"`)) || bytes.Contains(doc, []byte(`"suppliers"`)) {
		t.Error("a register without assets writes the keys")
	}
}

func TestReadJSONAssetProblems(t *testing.T) {
	r := exchange.Example()
	r.InformationAssets[0].ActivityIDs = append(r.InformationAssets[0].ActivityIDs, uuid.New())
	r.InformationAssets[1].Impact.Availability = "severe"
	r.Suppliers[0].EndsOn = r.Suppliers[0].SignedOn.Add(-24 * time.Hour)
	r.Suppliers[1].ID = r.Suppliers[0].ID
	_, err := exchange.ReadJSON(bytes.NewReader(mustWrite(t, r)))
	if model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("want EINVALID, got %v", err)
	}
	msg := model.ErrorMessage(err)
	for _, want := range []string{
		"information_assets[0]", "activity_ids[", "is not the id of any activity",
		"information_assets[1]", "is not an impact level",
		"suppliers[0]", "before it was signed",
		"suppliers[1]", "is also the id of suppliers[0]",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}
