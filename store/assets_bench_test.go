package store_test

import (
	"fmt"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// benchAssets gives the benchmark register issue 20's sizes: 2,000
// information assets, each serving 5 activities, and 500 suppliers, each
// serving 20, so every benchmark that opens, loads or verifies the register
// carries them too.
func benchAssets(r *model.Register) (assets []model.InformationAsset, suppliers []model.Supplier) {
	n := len(r.Activities)
	for i := range 500 {
		s := model.Supplier{ID: uuid.New(), Name: fmt.Sprintf("Supplier %03d", i), Role: model.SupplierProcessor,
			Agreement: model.AgreementContract, Locations: []string{"United Kingdom"},
			Certifications: []model.Certification{{Name: "ISO/IEC 27001"}}}
		for k := range 20 {
			s.ActivityIDs = append(s.ActivityIDs, r.Activities[(i*20+k)%n].ID)
		}
		suppliers = append(suppliers, s)
	}
	for i := range 2000 {
		x := model.InformationAsset{ID: uuid.New(), Name: fmt.Sprintf("System %04d", i), Owner: "Information asset owner",
			Software: "Record system", Criticality: model.CriticalityHigh,
			Impact:      model.Impact{Confidentiality: model.ImpactHigh, Integrity: model.ImpactMedium, Availability: model.ImpactLow},
			SupplierIDs: []uuid.UUID{suppliers[i%len(suppliers)].ID}}
		for k := range 5 {
			x.ActivityIDs = append(x.ActivityIDs, r.Activities[(i*5+k)%n].ID)
		}
		assets = append(assets, x)
	}
	return assets, suppliers
}
