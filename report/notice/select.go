// Package notice writes privacy notices (UK GDPR Articles 13 and 14) from the
// register and checks a published notice against it, item by item of the
// ICO checklist in shared/domain/privacy-notices.md. It reads the register
// and never changes it; everything it returns is deterministic, so the same
// register and notice give the same bytes.
package notice

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

// Scope is what one notice speaks for: one organisation, or every partner of
// a partnership (Community Living Well speaks for six controllers at once),
// and the activities of the chosen audience.
type Scope struct {
	// Name is what the notice calls the organisation: its name, or the
	// partnership's.
	Name          string
	Partnership   bool
	Organisations []model.Organisation
	// Audience is the audience code or the DPO's own name; empty means
	// every activity the organisations control.
	Audience   string
	Activities []model.Activity
}

// AudienceName is the audience as a person reads it.
func (s *Scope) AudienceName() string {
	if s.Audience == "" {
		return "everyone"
	}
	return model.AudienceLabel(model.AudienceCode(s.Audience))
}

// Select finds the organisation (or partnership) called org and the
// activities of audience. An empty audience selects every activity the
// organisations hold as controller or joint controller. Retired activities
// are left out: a notice describes what is done now.
func Select(reg *model.Register, org, audience string) (*Scope, error) {
	want := strings.TrimSpace(org)
	if want == "" {
		return nil, model.Errorf(model.EINVALID, "Say which organisation the notice is for.")
	}
	s := &Scope{Audience: strings.TrimSpace(audience)}
	for _, o := range reg.Organisations {
		if strings.EqualFold(o.Name, want) {
			s.Name = o.Name
			s.Organisations = []model.Organisation{o}
			break
		}
	}
	if s.Organisations == nil {
		for _, o := range reg.Organisations {
			if o.Partnership != "" && strings.EqualFold(o.Partnership, want) {
				s.Name, s.Partnership = o.Partnership, true
				s.Organisations = append(s.Organisations, o)
			}
		}
	}
	if s.Organisations == nil {
		return nil, model.Errorf(model.ENOTFOUND, "The register has no organisation or partnership called %q. It has: %s.", want, strings.Join(Names(reg), ", "))
	}
	ids := map[[16]byte]bool{}
	for _, o := range s.Organisations {
		ids[o.ID] = true
	}
	for _, a := range reg.Activities {
		if !ids[a.OrganisationID] || a.Status == model.StatusRetired {
			continue
		}
		if s.Audience == "" {
			if a.Role != model.RoleProcessor {
				s.Activities = append(s.Activities, a)
			}
		} else if a.InAudience(s.Audience) {
			s.Activities = append(s.Activities, a)
		}
	}
	if len(s.Activities) == 0 {
		if s.Audience != "" {
			return nil, model.Errorf(model.ENOTFOUND, "No activity of %s belongs to the notice for %q. Audiences recorded: %s.", s.Name, s.AudienceName(), orNone(AudiencesOf(reg, s.Organisations)))
		}
		return nil, model.Errorf(model.ENOTFOUND, "%s has no current activities to describe.", s.Name)
	}
	// Sorted so that the notice does not depend on the order the store
	// lists activities in.
	slices.SortStableFunc(s.Activities, func(a, b model.Activity) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.ID.String(), b.ID.String()))
	})
	return s, nil
}

// Names lists the organisations and partnerships a notice can be for, in the
// register's order.
func Names(reg *model.Register) []string {
	var out []string
	for _, o := range reg.Organisations {
		if o.Partnership != "" && !slices.Contains(out, o.Partnership) {
			out = append(out, o.Partnership)
		}
		out = append(out, o.Name)
	}
	return out
}

// AudiencesOf lists the audiences recorded on the organisations' activities,
// known ones first in their standard order, then the DPO's own names.
func AudiencesOf(reg *model.Register, orgs []model.Organisation) []string {
	ids := map[[16]byte]bool{}
	for _, o := range orgs {
		ids[o.ID] = true
	}
	seen := map[string]bool{}
	var own []string
	for _, a := range reg.Activities {
		if !ids[a.OrganisationID] {
			continue
		}
		for _, x := range a.Audiences {
			c := model.AudienceCode(x)
			if !seen[strings.ToLower(c)] {
				seen[strings.ToLower(c)] = true
				if !model.Known(model.Audiences, c) {
					own = append(own, c)
				}
			}
		}
	}
	var out []string
	for _, o := range model.Audiences {
		if seen[o.Code] {
			out = append(out, o.Label)
		}
	}
	slices.Sort(own)
	return append(out, own...)
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}
