package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// MatchRule says how an incoming activity or organisation was matched to
// one already in the register.
type MatchRule string

const (
	MatchNew  MatchRule = ""   // nothing matched: it will be added
	MatchID   MatchRule = "id" // the file's id column
	MatchName MatchRule = "name"
	// MatchKey: no id; same organisation, business function and purposes
	// (compared ignoring case and spacing).
	MatchKey MatchRule = "organisation + business function + purpose"
)

// FieldChange is one field an import changes, as compact JSON.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
	// Cell is where in the file the new value came from, when the file
	// is a spreadsheet.
	Cell *CellRef `json:"cell,omitempty"`
}

// PlannedActivity is an activity as the import would store it.
type PlannedActivity struct {
	Activity  model.Activity
	Sheet     string
	Row       int
	MatchedBy MatchRule
	Changes   []FieldChange // for a changed activity
	// incoming is the row as read, kept so that Rebase can lay the same
	// fields over a newer copy of the activity.
	incoming ImportedActivity
}

// PlannedOrganisation is an organisation as the import would store it.
type PlannedOrganisation struct {
	Organisation model.Organisation
	MatchedBy    MatchRule
	Changes      []FieldChange
}

// ImportPlan is the preview of an import: what it adds, changes and leaves
// alone, and every problem. Nothing is written until the caller applies
// Changes() (in one transaction, with store.Apply).
type ImportPlan struct {
	File                 string
	Added                []PlannedActivity
	Changed              []PlannedActivity
	Unchanged            []PlannedActivity
	AddedOrganisations   []PlannedOrganisation
	ChangedOrganisations []PlannedOrganisation
	// NewReviewCycles are cycles in the file the register lacks. Only open
	// ones are applied: a signed-off cycle's frozen record belongs to the
	// register that signed it off.
	NewReviewCycles []model.ReviewCycle
	// Missing are activities of the organisations the file covers that
	// the file does not have (rows deleted in the spreadsheet, say), as
	// they are in the register. They are left alone unless the plan was
	// made with PlanOptions.RetireMissing, when Retired holds them retired.
	Missing []PlannedActivity
	Retired []PlannedActivity
	// Unassigned are the rows that name no organisation while the register
	// has several (or none): each is also a blocking problem until the plan
	// is made again with PlanOptions.Organisation. Organisations lists the
	// choices.
	Unassigned    []CellRef
	Organisations []model.Organisation
	// Assets and Suppliers are those in the file that are new to the
	// register or differ from it (upserted by id).
	Assets    []model.InformationAsset
	Suppliers []model.Supplier
	// Notices are the recorded published notices in the file that the
	// register lacks (or holds differently, which the store refuses: a
	// recorded notice is never changed).
	Notices      []model.PublishedNotice
	Problems     []Problem
	opts         PlanOptions
	covered      map[uuid.UUID]bool // organisations the file speaks for
	matched      map[uuid.UUID]bool // register activities a row matched
	incomingOrgs []model.Organisation
	complete     bool
}

// Blocking reports whether any problem stops the import.
func (p *ImportPlan) Blocking() bool {
	return slices.ContainsFunc(p.Problems, func(q Problem) bool { return q.Severity == model.SeverityError })
}

// Changes returns the batch to apply: added and changed organisations and
// activities, and new open review cycles. Applying it to the register the plan was made from, then
// planning the same file again, gives a plan with no changes.
func (p *ImportPlan) Changes() model.Changes {
	var ch model.Changes
	for _, o := range p.AddedOrganisations {
		ch.Organisations = append(ch.Organisations, o.Organisation)
	}
	for _, o := range p.ChangedOrganisations {
		ch.Organisations = append(ch.Organisations, o.Organisation)
	}
	for _, a := range p.Added {
		ch.Activities = append(ch.Activities, a.Activity)
	}
	for _, a := range p.Changed {
		ch.Activities = append(ch.Activities, a.Activity)
	}
	for _, a := range p.Retired {
		ch.Activities = append(ch.Activities, a.Activity)
	}
	for _, c := range p.NewReviewCycles {
		if c.SignOff == nil {
			ch.ReviewCycles = append(ch.ReviewCycles, c)
		}
	}
	ch.InformationAssets, ch.Suppliers = p.Assets, p.Suppliers
	ch.PublishedNotices = p.Notices
	return ch
}

// SkippedCycles counts the signed-off review cycles in the file that an
// import leaves out.
func (p *ImportPlan) SkippedCycles() int {
	n := 0
	for _, c := range p.NewReviewCycles {
		if c.SignOff != nil {
			n++
		}
	}
	return n
}

// Register returns the register the plan would leave when applied to an
// empty one; tests use it to compare round trips without a store.
func (p *ImportPlan) Register() *model.Register {
	ch := p.Changes()
	r := &model.Register{Organisations: ch.Organisations, Activities: ch.Activities, ReviewCycles: p.NewReviewCycles,
		InformationAssets: ch.InformationAssets, Suppliers: ch.Suppliers, PublishedNotices: ch.PublishedNotices}
	if r.ReviewCycles == nil {
		r.ReviewCycles = []model.ReviewCycle{}
	}
	return r
}

// Plan works out what importing in into existing would do. existing may be
// nil for an empty register. It assigns ids (uuid v7) to what is new, so
// the plan's changes are complete as they stand.
func Plan(existing *model.Register, in *Imported) *ImportPlan {
	return PlanWith(existing, in, PlanOptions{})
}

// PlanWith is Plan with the DPO's answers to what the preview asked.
func PlanWith(existing *model.Register, in *Imported, opts PlanOptions) *ImportPlan {
	if existing == nil {
		existing = &model.Register{}
	}
	p := &ImportPlan{File: in.File, Problems: slices.Clone(in.Problems), opts: opts, incomingOrgs: in.Organisations, complete: in.OrganisationsComplete}
	orgIDs := p.planOrganisations(existing, in)
	p.planActivities(existing, in, orgIDs)
	p.planMissing(existing)
	for _, c := range in.ReviewCycles {
		if !slices.ContainsFunc(existing.ReviewCycles, func(e model.ReviewCycle) bool { return e.ID == c.ID }) {
			p.NewReviewCycles = append(p.NewReviewCycles, c)
		}
	}
	p.Assets = changedByID(existing.InformationAssets, in.InformationAssets, func(x *model.InformationAsset) uuid.UUID { return x.ID })
	p.Suppliers = changedByID(existing.Suppliers, in.Suppliers, func(s *model.Supplier) uuid.UUID { return s.ID })
	p.Notices = changedByID(existing.PublishedNotices, in.PublishedNotices, func(n *model.PublishedNotice) uuid.UUID { return n.ID })
	p.planLinks(existing) // ico_links.go: the spreadsheet's links columns
	return p
}

// changedByID returns the items of in that existing lacks, or holds with
// different content (compared as JSON, ignoring nothing: an import keeps
// the file's timestamps).
func changedByID[T any](existing, in []T, id func(*T) uuid.UUID) []T {
	have := map[uuid.UUID][]byte{}
	for i := range existing {
		b, _ := json.Marshal(&existing[i])
		have[id(&existing[i])] = b
	}
	var out []T
	for i := range in {
		b, _ := json.Marshal(&in[i])
		if old, ok := have[id(&in[i])]; ok && bytes.Equal(old, b) {
			continue
		}
		out = append(out, in[i])
	}
	return out
}

// orgResolver maps what an incoming activity says about its organisation
// to the id it will have in the register.
type orgResolver struct {
	byID   map[uuid.UUID]uuid.UUID // incoming or existing id → register id
	byName map[string]uuid.UUID
	only   uuid.UUID // the only organisation, when there is exactly one
	chosen uuid.UUID // PlanOptions.Organisation, resolved
	count  int       // organisations in the register and the file
}

func (p *ImportPlan) planOrganisations(existing *model.Register, in *Imported) *orgResolver {
	res := &orgResolver{byID: map[uuid.UUID]uuid.UUID{}, byName: map[string]uuid.UUID{}}
	for _, o := range existing.Organisations {
		res.byID[o.ID] = o.ID
		res.byName[normaliseText(o.Name)] = o.ID
	}
	for _, o := range in.Organisations {
		var old *model.Organisation
		rule := MatchNew
		if o.ID != uuid.Nil {
			if old = existing.Organisation(o.ID); old != nil {
				rule = MatchID
			}
		}
		if old == nil {
			if id, ok := res.byName[normaliseText(o.Name)]; ok && o.Name != "" {
				old, rule = existing.Organisation(id), MatchName
			}
		}
		if old == nil {
			if o.ID == uuid.Nil {
				o.ID = uuid.Must(uuid.NewV7())
			}
			if _, dup := res.byID[o.ID]; dup {
				continue
			}
			if err := o.Validate(); err != nil {
				p.Problems = append(p.Problems, Problem{File: in.File, Severity: model.SeverityError, Field: "organisation", Message: fmt.Sprintf("Organisation %q: %s", o.Name, model.ErrorMessage(err))})
			}
			p.AddedOrganisations = append(p.AddedOrganisations, PlannedOrganisation{Organisation: o, MatchedBy: MatchNew})
			res.byName[normaliseText(o.Name)] = o.ID
			res.byID[o.ID] = o.ID
			continue
		}
		if o.ID != uuid.Nil {
			res.byID[o.ID] = old.ID
		}
		p.cover(old.ID)
		merged := mergeOrganisation(*old, o)
		if in.OrganisationsComplete {
			merged = o
			merged.ID, merged.CreatedAt, merged.UpdatedAt = old.ID, old.CreatedAt, old.UpdatedAt
			merged.Revision = old.Revision // saved over the copy planned from
		}
		if changes := diffJSON(*old, merged); len(changes) > 0 {
			p.ChangedOrganisations = append(p.ChangedOrganisations, PlannedOrganisation{Organisation: merged, MatchedBy: rule, Changes: changes})
		}
	}
	all := len(existing.Organisations) + len(p.AddedOrganisations)
	res.count = all
	p.Organisations = append(slices.Clone(existing.Organisations), func() []model.Organisation {
		var out []model.Organisation
		for _, o := range p.AddedOrganisations {
			out = append(out, o.Organisation)
		}
		return out
	}()...)
	if c := p.opts.Organisation; c != "" {
		if id, err := uuid.Parse(c); err == nil && res.byID[id] != uuid.Nil {
			res.chosen = res.byID[id]
		} else if id, ok := res.byName[normaliseText(c)]; ok {
			res.chosen = id
		} else {
			p.Problems = append(p.Problems, Problem{File: in.File, Severity: model.SeverityError, Field: "organisation",
				Message: fmt.Sprintf("The organisation %q chosen for the rows that name none is neither in this file nor in the register.", c)})
		}
	}
	switch {
	case all == 1 && len(existing.Organisations) == 1:
		res.only = existing.Organisations[0].ID
	case all == 1:
		res.only = p.AddedOrganisations[0].Organisation.ID
	}
	return res
}

// mergeOrganisation lays what the file gives over the organisation on
// record: values the file leaves empty (a CSV gives only names) are kept.
func mergeOrganisation(old, in model.Organisation) model.Organisation {
	m := old
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&m.Name, in.Name)
	set(&m.Partnership, in.Partnership)
	set(&m.ICORegistration, in.ICORegistration)
	set(&m.ComplaintsProcedure, in.ComplaintsProcedure)
	if len(in.Roles) > 0 {
		m.Roles = in.Roles
	}
	for _, c := range []struct{ dst, src *model.Contact }{{&m.Controller, &in.Controller}, {&m.DPO, &in.DPO}, {&m.Representative, &in.Representative}} {
		set(&c.dst.Name, c.src.Name)
		set(&c.dst.Address, c.src.Address)
		set(&c.dst.Email, c.src.Email)
		set(&c.dst.Telephone, c.src.Telephone)
	}
	if in.NDOPInScope {
		m.NDOPInScope = true
	}
	if in.NDOPAllPatients {
		m.NDOPAllPatients = true
	}
	return m
}

func (r *orgResolver) resolve(ia *ImportedActivity) (uuid.UUID, string) {
	if ia.OrganisationID != uuid.Nil {
		if id, ok := r.byID[ia.OrganisationID]; ok {
			return id, ""
		}
		if ia.Organisation == "" {
			return uuid.Nil, fmt.Sprintf("The organisation id %s is neither in this file nor in the register.", ia.OrganisationID)
		}
	}
	if ia.Organisation != "" {
		if id, ok := r.byName[normaliseText(ia.Organisation)]; ok {
			return id, ""
		}
		return uuid.Nil, fmt.Sprintf("The organisation %q is neither in this file nor in the register.", ia.Organisation)
	}
	if r.only != uuid.Nil {
		return r.only, ""
	}
	if r.chosen != uuid.Nil {
		return r.chosen, ""
	}
	if r.count == 0 {
		return uuid.Nil, "The row does not say which organisation the activity belongs to, and neither the file nor the register has one. Add the controller's name to the organisation block of the sheet, or a \"ROPA Desk: organisation\" column."
	}
	return uuid.Nil, fmt.Sprintf("The row does not say which organisation the activity belongs to, and there are %d to choose from. Choose the organisation for the rows that name none, or fill in the \"ROPA Desk: organisation\" column.", r.count)
}

// matchKey compares purposes as words, ignoring how they were split into
// items: a cell "Payroll, pensions" read back as two items still matches
// the single purpose it was written from.
func matchKey(org uuid.UUID, bf string, purposes []string) string {
	p := keySeparators.Replace(strings.Join(purposes, " "))
	return org.String() + "\x00" + normaliseText(bf) + "\x00" + normaliseText(p)
}

var keySeparators = strings.NewReplacer(",", " ", ";", " ", "•", " ", "\n", " ")

func (p *ImportPlan) planActivities(existing *model.Register, in *Imported, orgs *orgResolver) {
	p.matched = map[uuid.UUID]bool{}
	byID := map[uuid.UUID]*model.Activity{}
	byKey := map[string][]*model.Activity{}
	for i := range existing.Activities {
		a := &existing.Activities[i]
		byID[a.ID] = a
		k := matchKey(a.OrganisationID, a.BusinessFunction, a.Purposes)
		byKey[k] = append(byKey[k], a)
	}
	claimed := map[uuid.UUID]int{} // existing id → row that matched it
	for _, ia := range in.Activities {
		prob := func(sev model.Severity, field, format string, args ...any) {
			p.Problems = append(p.Problems, Problem{File: in.File, Sheet: ia.Sheet, Row: ia.Row, Field: field, Severity: sev, Message: fmt.Sprintf(format, args...)})
		}
		// A row that names no organisation but carries the id of an
		// activity on record belongs where that activity does.
		if ia.OrganisationID == uuid.Nil && ia.Organisation == "" && ia.ID != uuid.Nil {
			if old := byID[ia.ID]; old != nil {
				ia.OrganisationID = old.OrganisationID
			}
		}
		orgID, why := orgs.resolve(&ia)
		if why != "" {
			prob(model.SeverityError, "organisation_id", "%s", why)
			if ia.Organisation == "" && ia.OrganisationID == uuid.Nil && orgs.count > 0 {
				p.Unassigned = append(p.Unassigned, CellRef{Sheet: ia.Sheet, Row: ia.Row})
			}
			continue
		}
		ia.OrganisationID = orgID
		p.cover(orgID)

		var old *model.Activity
		rule := MatchNew
		if ia.ID != uuid.Nil {
			if old = byID[ia.ID]; old != nil {
				rule = MatchID
			}
		} else {
			for _, cand := range byKey[matchKey(orgID, ia.BusinessFunction, ia.Purposes)] {
				if _, taken := claimed[cand.ID]; !taken {
					old, rule = cand, MatchKey
					break
				}
			}
		}
		if old != nil {
			if row, taken := claimed[old.ID]; taken {
				prob(model.SeverityError, "id", "This row matches the same activity (%q) as row %d; the file has it twice.", old.Name, row)
				continue
			}
			claimed[old.ID] = ia.Row
			p.matched[old.ID] = true
		}

		pa := PlannedActivity{Sheet: ia.Sheet, Row: ia.Row, MatchedBy: rule, incoming: ia}
		if old == nil {
			pa.Activity = ia.Activity
			if pa.Activity.ID == uuid.Nil {
				pa.Activity.ID = uuid.Must(uuid.NewV7())
			} else if _, dup := claimed[pa.Activity.ID]; dup {
				prob(model.SeverityError, "id", "The activity id %s appears twice in the file.", pa.Activity.ID)
				continue
			}
			claimed[pa.Activity.ID] = ia.Row
		} else {
			merged, err := mergeActivity(*old, ia)
			if err != nil {
				prob(model.SeverityError, "", "Could not merge this row into %q: %v", old.Name, err)
				continue
			}
			merged.Revision = old.Revision // saved over the copy planned from
			pa.Activity = merged
			pa.Changes = diffJSON(*old, merged)
			for i, c := range pa.Changes {
				if ref, ok := ia.Cells[c.Field]; ok {
					pa.Changes[i].Cell = &ref
				}
			}
		}
		if err := pa.Activity.Validate(); err != nil {
			var v model.ValidationErrors
			if ve, ok := err.(model.ValidationErrors); ok {
				v = ve
			}
			for _, fe := range v {
				prob(model.SeverityError, fe.Field, "Activity %q: %s", pa.Activity.Name, fe.Message)
			}
		}
		switch {
		case old == nil:
			p.Added = append(p.Added, pa)
		case len(pa.Changes) > 0:
			p.Changed = append(p.Changed, pa)
		default:
			p.Unchanged = append(p.Unchanged, pa)
		}
	}
}

// mergeActivity lays the fields the file supplied over the activity on
// record, key by key of the JSON form, so that a file without (say) reviews
// leaves the reviews alone.
func mergeActivity(old model.Activity, in ImportedActivity) (model.Activity, error) {
	m, err := mergeActivityFields(old, in)
	// The merge is saved over old, so it carries old's revision: a JSON
	// round trip drops it, and the store would refuse the save as stale.
	m.Revision = old.Revision
	return m, err
}

func mergeActivityFields(old model.Activity, in ImportedActivity) (model.Activity, error) {
	if in.Fields == nil {
		m := in.Activity
		m.ID, m.OrganisationID = old.ID, in.OrganisationID
		if m.CreatedAt.IsZero() {
			m.CreatedAt = old.CreatedAt
		}
		return m, nil
	}
	om, err := toMap(old)
	if err != nil {
		return old, err
	}
	im, err := toMap(in.Activity)
	if err != nil {
		return old, err
	}
	whole := map[string]bool{}
	for _, f := range in.Fields {
		if f == "created_at" || f == "updated_at" || strings.Contains(f, ".") {
			continue
		}
		whole[f] = true
		if v, ok := im[f]; ok {
			om[f] = v
		} else {
			delete(om, f)
		}
	}
	// "dpia.link": one key of an object, when the file has that column but
	// not the others (the ICO template's DPIA, breach and paragraph 41
	// columns), so the keys it lacks keep their values.
	for _, f := range in.Fields {
		top, sub, nested := strings.Cut(f, ".")
		if !nested || whole[top] {
			continue
		}
		if err := setSubKey(om, im, top, sub); err != nil {
			return old, err
		}
	}
	data, err := json.Marshal(om)
	if err != nil {
		return old, err
	}
	var m model.Activity
	if err := json.Unmarshal(data, &m); err != nil {
		return old, err
	}
	m.ID, m.OrganisationID = old.ID, in.OrganisationID
	m.CreatedAt, m.UpdatedAt = old.CreatedAt, old.UpdatedAt
	return m, nil
}

func setSubKey(om, im map[string]json.RawMessage, top, sub string) error {
	on := map[string]json.RawMessage{}
	if raw, ok := om[top]; ok {
		if err := json.Unmarshal(raw, &on); err != nil {
			return err
		}
	}
	inner := map[string]json.RawMessage{}
	if raw, ok := im[top]; ok {
		if err := json.Unmarshal(raw, &inner); err != nil {
			return err
		}
	}
	if v, ok := inner[sub]; ok {
		on[sub] = v
	} else {
		delete(on, sub)
	}
	if len(on) == 0 {
		delete(om, top)
		return nil
	}
	data, err := json.Marshal(on)
	if err != nil {
		return err
	}
	om[top] = data
	return nil
}

func toMap(v any) (map[string]json.RawMessage, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	return m, json.Unmarshal(data, &m)
}

// diffJSON lists the keys whose values differ, ignoring timestamps, which
// record when rather than what.
func diffJSON(old, new any) []FieldChange {
	// Most re-imported activities are unchanged: compare whole first.
	if a, err := json.Marshal(old); err == nil {
		if b, err := json.Marshal(new); err == nil && bytes.Equal(a, b) {
			return nil
		}
	}
	om, err1 := toMap(old)
	nm, err2 := toMap(new)
	if err1 != nil || err2 != nil {
		return []FieldChange{{Field: "*", Old: fmt.Sprint(err1), New: fmt.Sprint(err2)}}
	}
	keys := map[string]bool{}
	for k := range om {
		keys[k] = true
	}
	for k := range nm {
		keys[k] = true
	}
	var out []FieldChange
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		if k == "created_at" || k == "updated_at" {
			continue
		}
		if !bytes.Equal(om[k], nm[k]) {
			out = append(out, FieldChange{Field: k, Old: string(om[k]), New: string(nm[k])})
		}
	}
	return out
}
