package notice

import (
	"time"

	"github.com/ropadesk/ropadesk/model"
)

// Recorded says which recorded published notice a coverage is of: when it
// was recorded, by whom, and the SHA-256 of its text.
type Recorded struct {
	At     time.Time `json:"recorded_at"`
	By     string    `json:"recorded_by"`
	SHA256 string    `json:"sha256"`
}

// CheckRecorded checks a notice recorded in the register against reg (the
// register a PDF shows, which may have changed since the notice was
// recorded). When the notice's organisation or audience no longer selects
// anything (renamed, its activities retired), the coverage has no findings
// and Unchecked says why.
func CheckRecorded(reg *model.Register, n *model.PublishedNotice) *Coverage {
	rec := &Recorded{At: n.RecordedAt, By: n.RecordedBy, SHA256: n.SHA256}
	s, err := Select(reg, n.Organisation, n.Audience)
	if err != nil {
		audience := (&Scope{Audience: n.Audience}).AudienceName()
		return &Coverage{Organisation: n.Organisation, Audience: audience, Notice: n.Source, Recorded: rec,
			Unchecked: "It could not be checked against the register as it is now: " + model.ErrorMessage(err)}
	}
	cov := Check(s, n.Source, n.Text)
	cov.Recorded = rec
	return cov
}
