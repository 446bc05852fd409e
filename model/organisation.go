package model

import (
	"time"

	"github.com/google/uuid"
)

// Contact is a name and the ways to reach them, as the ICO template's
// organisation block asks for the controller, the DPO and the representative.
type Contact struct {
	Name      string `json:"name,omitempty"`
	Address   string `json:"address,omitempty"`
	Email     string `json:"email,omitempty"`
	Telephone string `json:"telephone,omitempty"`
}

// IsZero reports whether no detail is recorded.
func (c Contact) IsZero() bool { return c == Contact{} }

// Organisation is a controller (and perhaps processor) whose activities the
// register records (Article 30(1)(a)). A partnership such as Community Living
// Well is several organisations sharing a Partnership name, because each
// partner is its own controller.
type Organisation struct {
	ID          uuid.UUID `json:"id"`
	Name        string    `json:"name"`
	Partnership string    `json:"partnership,omitempty"`
	// Roles the organisation takes in the register: an organisation can be a
	// controller for some activities and a processor for others.
	Roles           []Role  `json:"roles,omitempty"`
	ICORegistration string  `json:"ico_registration,omitempty"`
	Controller      Contact `json:"controller"`
	DPO             Contact `json:"dpo"`
	Representative  Contact `json:"representative"`
	// NDOPInScope: the organisation provides or coordinates publicly funded
	// health or adult social care in England, so the national data opt-out
	// binds it.
	NDOPInScope bool `json:"ndop_in_scope"`
	// NDOPAllPatients: the organisation applies the opt-out to private
	// patients too, as MHWS chose to.
	NDOPAllPatients bool `json:"ndop_all_patients,omitempty"`
	// PublicAuthority: the organisation is a public authority, which may
	// not rely on legitimate interests or recognised legitimate interest
	// for its tasks (Art 6(1), last subparagraph).
	PublicAuthority bool `json:"public_authority,omitempty"`
	// ComplaintsProcedure: how a person complains to the organisation about
	// its use of their data (DUAA 2025, from 19 June 2026), as a notice says it.
	ComplaintsProcedure string    `json:"complaints_procedure,omitempty"`
	CreatedAt           time.Time `json:"created_at"`
	UpdatedAt           time.Time `json:"updated_at"`

	// Revision is the register's change counter for this organisation when it
	// was read (the sequence number of its latest history entry). An
	// update must carry the revision it was made from; the store refuses
	// it (ECONFLICT) if someone changed the organisation since. Local to
	// one register, so never in JSON: not in the stored body, the history,
	// exports or fingerprints.
	Revision int64 `json:"-"`
}

// Validate reports every missing or unknown value, naming the field.
func (o *Organisation) Validate() error {
	var v ValidationErrors
	if blank(o.Name) {
		v.add("name", "The organisation needs a name.")
	}
	for i, r := range o.Roles {
		if !Known(Roles, r) {
			v.add(indexed("roles", i), "%q is not a role; use controller, processor or joint_controller.", r)
		}
	}
	checkEmail(&v, "controller.email", o.Controller.Email)
	checkEmail(&v, "dpo.email", o.DPO.Email)
	checkEmail(&v, "representative.email", o.Representative.Email)
	return v.orNil()
}
