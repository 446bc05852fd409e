package report

import (
	"slices"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// ForOrganisation is r narrowed to the organisation with id: that
// organisation, its activities, and the information assets and suppliers
// linked to them (their links to other organisations' activities left
// out). Review cycles are the register's and kept whole. An export for one
// organisation of a shared register (a partnership's) is made from it, so
// its title, its organisation block and its findings are that
// organisation's alone. r is not changed.
func ForOrganisation(r *model.Register, id uuid.UUID) (*model.Register, error) {
	o := r.Organisation(id)
	if o == nil {
		return nil, model.Errorf(model.ENOTFOUND, "The organisation to export is not in the register.")
	}
	out := &model.Register{Organisations: []model.Organisation{*o}, ReviewCycles: r.ReviewCycles}
	kept := map[uuid.UUID]bool{}
	for _, a := range r.Activities {
		if a.OrganisationID == id {
			out.Activities = append(out.Activities, a)
			kept[a.ID] = true
		}
	}
	linked := func(ids []uuid.UUID) []uuid.UUID {
		return slices.DeleteFunc(slices.Clone(ids), func(x uuid.UUID) bool { return !kept[x] })
	}
	for _, x := range r.InformationAssets {
		if ids := linked(x.ActivityIDs); len(ids) > 0 {
			x.ActivityIDs = ids
			out.InformationAssets = append(out.InformationAssets, x)
		}
	}
	for _, s := range r.Suppliers {
		if ids := linked(s.ActivityIDs); len(ids) > 0 {
			s.ActivityIDs = ids
			out.Suppliers = append(out.Suppliers, s)
		}
	}
	return out, nil
}

// narrow restricts in to one organisation (BuildInput with
// Options.OrganisationID): the register and the previous snapshot it is
// compared with, the changes to those two alone, and the title.
func (in *Input) narrow(id uuid.UUID) error {
	r, err := ForOrganisation(in.Register, id)
	if err != nil {
		return err
	}
	in.Register = r
	in.Organisation = r.Organisations[0].Name
	ids := map[uuid.UUID]bool{id: true}
	for _, a := range r.Activities {
		ids[a.ID] = true
	}
	if in.Previous != nil {
		if p, err := ForOrganisation(in.Previous, id); err == nil {
			in.Previous = p
			for _, a := range p.Activities {
				ids[a.ID] = true
			}
		} else {
			// The organisation is newer than the previous sign-off: all of
			// it is new since then.
			in.Previous = &model.Register{ReviewCycles: in.Previous.ReviewCycles}
		}
	}
	in.Changes = slices.DeleteFunc(in.Changes, func(c Change) bool { return !ids[c.EntityID] })
	return nil
}
