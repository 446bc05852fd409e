package ui_test

import (
	"context"
	"testing"

	"github.com/ropadesk/ropadesk/model"
)

// TestEditorKeepsNewLawFields checks that the fields added for the
// December 2026 rules are shown and survive a save from the editor, which
// used to rebuild transfers and automated decisions without them.
func TestEditorKeepsNewLawFields(t *testing.T) {
	db := mustRegister(t)
	org := &model.Organisation{Name: "Harrow Council", Roles: []model.Role{model.RoleController}, PublicAuthority: true}
	if err := db.CreateOrganisation(context.Background(), org); err != nil {
		t.Fatal(err)
	}
	a := &model.Activity{
		OrganisationID: org.ID, Name: "Safeguarding referrals", Role: model.RoleController, Status: model.StatusDraft,
		LawfulBases:        []model.BasisClaim{{Basis: model.BasisRecognisedLegitimateInterest, Reason: "Safeguarding."}},
		RecognisedInterest: model.RecognisedInterest{Condition: model.RLISafeguarding, Necessity: "No other way to protect the child."},
		OutsidePublicTasks: true,
		Transfers:          []model.Transfer{{Destination: "United States", Safeguard: "Certified", SafeguardKind: model.SafeguardAdequacy, DPFCertified: true}},
		AutomatedDecisions: model.AutomatedDecisions{Exists: true, Description: "Risk score", SignificantEffects: true, Safeguards: "A social worker reviews every score."},
	}
	if err := db.CreateActivity(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	e, _ := newEditor(t, db)
	stored, err := db.Activity(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	load(e, stored)
	got := e.Activity()
	if got.RecognisedInterest != a.RecognisedInterest || !got.OutsidePublicTasks {
		t.Errorf("recognised interest %+v, outside public tasks %v", got.RecognisedInterest, got.OutsidePublicTasks)
	}
	if len(got.Transfers) != 1 || got.Transfers[0].SafeguardKind != model.SafeguardAdequacy || !got.Transfers[0].DPFCertified {
		t.Errorf("transfers %+v", got.Transfers)
	}
	if got.AutomatedDecisions.Safeguards != a.AutomatedDecisions.Safeguards {
		t.Errorf("automated decision safeguards %q", got.AutomatedDecisions.Safeguards)
	}
	if e.Dirty() {
		t.Error("dirty straight after Load")
	}
	if err := e.Save(); err != nil {
		t.Fatalf("Save: %v", err)
	}
	back, err := db.Activity(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if back.Transfers[0].SafeguardKind != model.SafeguardAdequacy || !back.Transfers[0].DPFCertified || back.AutomatedDecisions.Safeguards == "" {
		t.Errorf("after save: transfers %+v, automated decisions %+v", back.Transfers, back.AutomatedDecisions)
	}
}
