package model_test

import (
	"fmt"
	"testing"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
)

// withAssets adds the benchmark sizes to a synthetic register:
// 2,000 information assets, each serving 5 activities, and 500 suppliers,
// each serving 20, so every activity has an asset and a supplier.
func withAssets(r *model.Register) *model.Register {
	n := len(r.Activities)
	for i := range 2000 {
		x := model.InformationAsset{ID: uuid.New(), Name: fmt.Sprintf("System %d", i), Owner: "IAO",
			Criticality: model.CriticalityHigh, Impact: model.Impact{Confidentiality: model.ImpactHigh}}
		for k := range 5 {
			x.ActivityIDs = append(x.ActivityIDs, r.Activities[(i*5+k)%n].ID)
		}
		r.InformationAssets = append(r.InformationAssets, x)
	}
	for i := range 500 {
		s := model.Supplier{ID: uuid.New(), Name: fmt.Sprintf("Supplier %d", i), Role: model.SupplierProcessor,
			Agreement: model.AgreementContract, EndsOn: synth.Epoch.AddDate(0, 0, i%200),
			Certifications: []model.Certification{{Name: "ISO/IEC 27001", Expires: synth.Epoch.AddDate(0, 0, i%100-50)}}}
		for k := range 20 {
			s.ActivityIDs = append(s.ActivityIDs, r.Activities[(i*20+k)%n].ID)
		}
		r.Suppliers = append(r.Suppliers, s)
	}
	return r
}

// BenchmarkCheckRegister10kWithAssets is every consistency check, the DSPT
// ones included, at 10,000 activities, 2,000 assets and 500 suppliers.
func BenchmarkCheckRegister10kWithAssets(b *testing.B) {
	r := withAssets(synth.Register(10_000, 1))
	for b.Loop() {
		if f := model.CheckRegister(r, synth.Epoch); len(f) == 0 {
			b.Fatal("no findings")
		}
	}
}

// BenchmarkDSPTTable10k is the 1.1.2 table and the evidence map at the
// same size: what 'export --format dspt' and the PDF's DSPT section build.
func BenchmarkDSPTTable10k(b *testing.B) {
	r := withAssets(synth.Register(10_000, 1))
	for b.Loop() {
		if rows := model.DSPTTable(r); len(rows) == 0 || len(rows[0].Assets) == 0 {
			b.Fatal("no rows, or no assets linked")
		}
		if ev := model.DSPTEvidenceMap(r, synth.Epoch); len(ev) != 8 {
			b.Fatal(len(ev))
		}
	}
}
