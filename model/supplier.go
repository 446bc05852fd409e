package model

import (
	"time"

	"github.com/google/uuid"
)

// Supplier is an organisation that handles the register's personal data
// for it or with it, and the agreement that governs that: the supplier list
// of DSPT 10.1.2 and 1.1.2 column 7 (a written contract or data-sharing
// agreement, and when it ends).
type Supplier struct {
	ID   uuid.UUID    `json:"id"`
	Name string       `json:"name"`
	Role SupplierRole `json:"role"`
	// Agreement is the kind of written agreement, AgreementLink where it
	// is kept; SignedOn and EndsOn its dates (EndsOn zero: open-ended).
	Agreement     AgreementKind `json:"agreement,omitempty"`
	AgreementLink string        `json:"agreement_link,omitempty"`
	SignedOn      time.Time     `json:"signed_on,omitzero"`
	EndsOn        time.Time     `json:"ends_on,omitzero"`

	Certifications []Certification `json:"certifications,omitempty"`
	// DSPTStatus is the supplier's own published DSPT status, and
	// DSPTOrgCode the organisation code it is published under.
	DSPTStatus  DSPTStatus `json:"dspt_status,omitempty"`
	DSPTOrgCode string     `json:"dspt_org_code,omitempty"`

	// Locations are where the supplier processes the data; a location
	// outside the UK needs TransferMechanism.
	Locations         []string      `json:"locations,omitempty"`
	TransferMechanism SafeguardKind `json:"transfer_mechanism,omitempty"`
	SubProcessors     []string      `json:"sub_processors,omitempty"`
	ActivityIDs       []uuid.UUID   `json:"activity_ids,omitempty"`
	Notes             string        `json:"notes,omitempty"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// Revision is the register's change counter for this supplier when it
	// was read (see Activity.Revision). Never in JSON.
	Revision int64 `json:"-"`
}

// Certification is a security certification the supplier holds, such as
// ISO/IEC 27001 or Cyber Essentials Plus, with the day it expires.
type Certification struct {
	Name    string    `json:"name"`
	Expires time.Time `json:"expires,omitzero"`
}

// Links reports whether the supplier is linked to activity id.
func (s *Supplier) Links(id uuid.UUID) bool {
	for _, a := range s.ActivityIDs {
		if a == id {
			return true
		}
	}
	return false
}

// Validate reports what stops the supplier being saved. Field paths are
// relative to the supplier ("certifications[0].name").
func (s *Supplier) Validate() error {
	var v ValidationErrors
	if blank(s.Name) {
		v.add("name", "The supplier needs a name.")
	}
	if !Known(SupplierRoles, s.Role) {
		v.add("role", "%s is not a supplier role; choose %s.", quoteOrEmpty(string(s.Role)), labelList(SupplierRoles))
	}
	if s.Agreement != "" && !Known(AgreementKinds, s.Agreement) {
		v.add("agreement", "%q is not a kind of agreement; choose %s.", s.Agreement, labelList(AgreementKinds))
	}
	if !s.SignedOn.IsZero() && !s.EndsOn.IsZero() && s.EndsOn.Before(s.SignedOn) {
		v.add("ends_on", "The agreement ends on %s, before it was signed on %s.", day(s.EndsOn), day(s.SignedOn))
	}
	if s.DSPTStatus != "" && !Known(DSPTStatuses, s.DSPTStatus) {
		v.add("dspt_status", "%q is not a DSPT status; choose %s.", s.DSPTStatus, labelList(DSPTStatuses))
	}
	if s.TransferMechanism != "" && !Known(SafeguardKinds, s.TransferMechanism) {
		v.add("transfer_mechanism", "%q is not a kind of transfer safeguard; choose %s.", s.TransferMechanism, labelList(SafeguardKinds))
	}
	for i, c := range s.Certifications {
		if blank(c.Name) {
			v.add(indexed("certifications", i)+".name", "A certification needs its name, such as \"Cyber Essentials Plus\".")
		}
	}
	checkList(&v, "locations", s.Locations)
	checkList(&v, "sub_processors", s.SubProcessors)
	checkIDs(&v, "activity_ids", s.ActivityIDs, "activity")
	return v.orNil()
}
