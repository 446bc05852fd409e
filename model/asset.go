package model

import (
	"time"

	"github.com/google/uuid"
)

// InformationAsset is one entry of the information asset register that DSPT
// item 1.1.2 asks for beside the ROPA: a system, service or paper store that
// holds personal data, who owns it, how critical it is and what its loss
// would mean (docs/domain/dspt.md). Activities are linked to it by id, so
// one system can serve many activities and one activity many systems.
type InformationAsset struct {
	ID          uuid.UUID `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	// Software is the product used to manage the data (1.1.2 column 11).
	Software string      `json:"software,omitempty"`
	Hosting  HostingKind `json:"hosting,omitempty"`
	// HostedAt is where, in the DPO's words: a data centre, a cloud
	// region, a filing room; Country is the country it is in.
	HostedAt string `json:"hosted_at,omitempty"`
	Country  string `json:"country,omitempty"`
	// Owner is the information asset owner (IAO) and Administrator the
	// information asset administrator (IAA): CAF A3.a is not achieved
	// while either is missing.
	Owner         string      `json:"owner,omitempty"`
	Administrator string      `json:"administrator,omitempty"`
	Criticality   Criticality `json:"criticality,omitempty"`
	// Dependencies are what the asset needs to run (other systems,
	// networks, a supplier), for business continuity (DSPT 7.1).
	Dependencies []string `json:"dependencies,omitempty"`
	// Impact is the impact of the loss, compromise or disclosure of the
	// data (1.1.2 column 10).
	Impact             Impact `json:"impact,omitzero"`
	SupportMaintenance string `json:"support_maintenance,omitempty"`
	Retention          string `json:"retention,omitempty"`
	ContinuityNotes    string `json:"continuity_notes,omitempty"`
	// SupplierIDs are the suppliers that provide or support the asset.
	SupplierIDs []uuid.UUID `json:"supplier_ids,omitempty"`
	ActivityIDs []uuid.UUID `json:"activity_ids,omitempty"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// Revision is the register's change counter for this asset when it was
	// read, as for an activity (Activity.Revision): a save made from an
	// older copy is refused. Never in JSON.
	Revision int64 `json:"-"`
}

// Impact rates the loss of confidentiality, integrity and availability of
// an asset's data separately, as business impact assessments do.
type Impact struct {
	Confidentiality ImpactLevel `json:"confidentiality,omitempty"`
	Integrity       ImpactLevel `json:"integrity,omitempty"`
	Availability    ImpactLevel `json:"availability,omitempty"`
}

// IsZero reports whether no level is given.
func (i Impact) IsZero() bool {
	return i.Confidentiality == "" && i.Integrity == "" && i.Availability == ""
}

// Links reports whether the asset is linked to activity id.
func (x *InformationAsset) Links(id uuid.UUID) bool {
	for _, a := range x.ActivityIDs {
		if a == id {
			return true
		}
	}
	return false
}

// Validate reports what stops the asset being saved. Field paths are
// relative to the asset ("impact.availability").
func (x *InformationAsset) Validate() error {
	var v ValidationErrors
	if blank(x.Name) {
		v.add("name", "The information asset needs a name, such as the system's.")
	}
	if x.Hosting != "" && !Known(HostingKinds, x.Hosting) {
		v.add("hosting", "%q is not a kind of hosting; choose %s.", x.Hosting, labelList(HostingKinds))
	}
	if x.Criticality != "" && !Known(Criticalities, x.Criticality) {
		v.add("criticality", "%q is not a criticality; choose %s.", x.Criticality, labelList(Criticalities))
	}
	for _, f := range []struct {
		key string
		l   ImpactLevel
	}{{"impact.confidentiality", x.Impact.Confidentiality}, {"impact.integrity", x.Impact.Integrity}, {"impact.availability", x.Impact.Availability}} {
		if f.l != "" && !Known(ImpactLevels, f.l) {
			v.add(f.key, "%q is not an impact level; choose %s.", f.l, labelList(ImpactLevels))
		}
	}
	checkList(&v, "dependencies", x.Dependencies)
	checkIDs(&v, "activity_ids", x.ActivityIDs, "activity")
	checkIDs(&v, "supplier_ids", x.SupplierIDs, "supplier")
	return v.orNil()
}

// checkIDs reports nil and repeated ids in a list of links.
func checkIDs(v *ValidationErrors, field string, ids []uuid.UUID, what string) {
	seen := map[uuid.UUID]bool{}
	for i, id := range ids {
		switch {
		case id == uuid.Nil:
			v.add(indexed(field, i), "A linked %s has no id; remove the link or choose the %s.", what, what)
		case seen[id]:
			v.add(indexed(field, i), "The same %s is linked twice.", what)
		}
		seen[id] = true
	}
}

// labelList is the labels of opts joined for a sentence: "a, b or c".
func labelList[T ~string](opts []Option[T]) string {
	s := ""
	for i, o := range opts {
		switch {
		case i == 0:
		case i == len(opts)-1:
			s += " or "
		default:
			s += ", "
		}
		s += o.Label
	}
	return s
}
