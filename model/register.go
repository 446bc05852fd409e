package model

import (
	"time"

	"github.com/google/uuid"
)

// Register is the whole record: what a .ropa file holds and what the JSON
// format carries.
type Register struct {
	Organisations []Organisation `json:"organisations"`
	Activities    []Activity     `json:"activities"`
	ReviewCycles  []ReviewCycle  `json:"review_cycles,omitempty"`
	// The information asset register and the supplier list (DSPT 1.1.2,
	// 7.1, 10.1.2). omitempty keeps a register without them, and its
	// fingerprint, as it was before they existed.
	InformationAssets []InformationAsset `json:"information_assets,omitempty"`
	Suppliers         []Supplier         `json:"suppliers,omitempty"`
	// PublishedNotices are the privacy notices the DPO checked against
	// the register and recorded for the annual review, oldest first;
	// omitempty, as above.
	PublishedNotices []PublishedNotice `json:"published_notices,omitempty"`
}

// Organisation returns the organisation with id, or nil.
func (r *Register) Organisation(id uuid.UUID) *Organisation {
	for i := range r.Organisations {
		if r.Organisations[i].ID == id {
			return &r.Organisations[i]
		}
	}
	return nil
}

// DefaultReviewInterval is how often an activity is due for review when the
// register does not say otherwise (ICO Accountability Framework: regularly;
// MHWS: annually).
const DefaultReviewInterval = 12

// ReviewCycle is one round of review of the whole register, such as "Annual
// review 2026". Once signed off it is frozen: the store keeps what it
// recorded and refuses changes.
type ReviewCycle struct {
	ID        uuid.UUID `json:"id"`
	Name      string    `json:"name"`
	StartedAt time.Time `json:"started_at"`
	// IntervalMonths sets when the next review falls due after this one.
	IntervalMonths int      `json:"interval_months"`
	SignOff        *SignOff `json:"sign_off,omitempty"`
	// Revision is 1 for an open cycle and 2 once signed off, the only
	// change a cycle has; see Activity.Revision.
	Revision int64 `json:"-"`
}

// Validate reports what is missing from a cycle.
func (c *ReviewCycle) Validate() error {
	var v ValidationErrors
	if blank(c.Name) {
		v.add("name", "The review cycle needs a name, such as \"Annual review 2026\".")
	}
	if c.IntervalMonths < 1 || c.IntervalMonths > 60 {
		v.add("interval_months", "The review interval must be between 1 and 60 months, not %d.", c.IntervalMonths)
	}
	if s := c.SignOff; s != nil {
		if blank(s.By) {
			v.add("sign_off.by", "Sign-off needs the name of the person signing.")
		}
		if s.Date.IsZero() {
			v.add("sign_off.date", "Sign-off needs a date.")
		}
		if blank(s.Statement) {
			v.add("sign_off.statement", "Sign-off needs a statement.")
		}
	}
	return v.orNil()
}

// SortKey orders the activity list.
type SortKey string

const (
	SortName             SortKey = "name"
	SortOrganisation     SortKey = "organisation"
	SortBusinessFunction SortKey = "business_function"
	SortStatus           SortKey = "status"
	SortLastReview       SortKey = "last_review"
	SortUpdated          SortKey = "updated"
)

// ActivityFilter selects and orders activities for the list. Zero values
// mean "any"; the boolean filters only narrow when true.
type ActivityFilter struct {
	Query          string
	OrganisationID uuid.UUID
	Role           Role
	Status         Status
	HasSpecial     bool
	NDOPApplies    bool
	ReviewOverdue  bool
	HasProblems    bool
	// Owner keeps the activities whose owner is this text (ignoring case
	// and surrounding spaces); NoOwner those with no owner recorded.
	Owner         string
	NoOwner       bool
	Sort          SortKey
	Desc          bool
	Offset, Limit int
	// Now decides what is overdue; zero means the current time.
	Now time.Time
}

// ActivitySummary is one row of the activity list: enough to draw it
// without loading the whole activity.
type ActivitySummary struct {
	ID               uuid.UUID
	OrganisationID   uuid.UUID
	Organisation     string
	Name             string
	BusinessFunction string
	// Owner is the activity's owner, as recorded.
	Owner             string
	Role              Role
	Status            Status
	SpecialCategories []SpecialCategory
	LawfulBases       []LawfulBasis
	NDOPVerdict       NDOPVerdict
	LastReview        time.Time
	ReviewOverdue     bool
	// NDOPReassessmentDue: the opt-out assessment is due again (a
	// warning, counted in Warnings), worked out when the list is read.
	NDOPReassessmentDue bool
	Errors, Warnings    int
}

// Changes is a batch of edits applied in one transaction: an import, the
// example register, a restore. Organisations and activities are upserted by
// id (created when the id is new, updated otherwise). ReviewCycles are
// created and must be open: a signed-off cycle's frozen record belongs to
// the register that signed it off.
type Changes struct {
	Organisations    []Organisation
	Activities       []Activity
	DeleteActivities []uuid.UUID
	ReviewCycles     []ReviewCycle
	// Information assets and suppliers are upserted by id, like
	// activities.
	InformationAssets []InformationAsset
	Suppliers         []Supplier
	// PublishedNotices are recorded when their id is new; one the
	// register holds already must be identical (a recorded notice is
	// never changed).
	PublishedNotices []PublishedNotice
}
