package model

import (
	"strings"
	"testing"
)

func TestAudiences(t *testing.T) {
	for in, want := range map[string]string{
		"service_users": AudienceServiceUsers, "Service users": AudienceServiceUsers, " STAFF ": AudienceStaff,
		"Volunteers": "Volunteers", "website visitors": AudienceWebsiteVisitors,
	} {
		if got := AudienceCode(in); got != want {
			t.Errorf("AudienceCode(%q) = %q, want %q", in, got, want)
		}
	}
	if AudienceLabel(AudienceRepresentatives) != "Service users' representatives" || AudienceLabel("Volunteers") != "Volunteers" {
		t.Error("labels")
	}
	a := &Activity{Audiences: []string{AudienceServiceUsers, "Volunteers"}}
	for _, q := range []string{"Service users", "service_users", "volunteers"} {
		if !a.InAudience(q) {
			t.Errorf("not in %q", q)
		}
	}
	if a.InAudience("staff") {
		t.Error("in staff")
	}
}

func TestValidateNoticeFields(t *testing.T) {
	a := &Activity{Name: "X", OrganisationID: [16]byte{1}, Role: RoleController, Status: StatusActive,
		Audiences: []string{"staff", " "}, ProvisionRequirement: ProvisionRequirement{Kind: "maybe"}}
	msg := ErrorMessage(a.Validate())
	for _, want := range []string{"audiences[1]", "provision_requirement.kind", `"maybe" is not a kind of requirement`} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	a.Audiences, a.ProvisionRequirement.Kind = []string{"Volunteers"}, RequirementStatutory
	if err := a.Validate(); err != nil {
		t.Errorf("valid activity refused: %v", err)
	}
}
