package report

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// fieldDiff is one changed field: its label, the value before and after,
// and the history entry that last set it (zero when the history does not
// say, as for a register imported from a spreadsheet).
type fieldDiff struct {
	label    string
	old, new string
	by       Change
}

type activityDiff struct {
	a      *model.Activity
	fields []fieldDiff
}

type orgDiff struct {
	name   string
	fields []fieldDiff
}

// changeSet is what changed between the previous signed-off cycle's frozen
// copy and the register shown.
type changeSet struct {
	added, retired []*model.Activity
	removed        []*model.Activity // from the previous copy
	changed        []activityDiff
	orgs           []orgDiff
	settings       []fieldDiff // what is kept: the backup rotation
	fieldCount     int
	// who holds the history entries by entity id and field ("" for
	// create and delete), oldest first.
	who map[uuid.UUID]map[string][]Change
}

// by finds who set field of entity id to the value it has now (value is
// its JSON; "" matches any): the last entry that wrote that value. Matching
// the value, not the time, keeps the answer right however the sign-off
// date and the moment of each change compare.
func (cs *changeSet) by(id uuid.UUID, field string, value []byte) Change {
	entries := cs.who[id][field]
	for i := len(entries) - 1; i >= 0; i-- {
		if value == nil || jsonEqual(entries[i].New, value) {
			return entries[i]
		}
	}
	return Change{}
}

func jsonEqual(a string, b []byte) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

func newChangeSet(reg, prev *model.Register, history []Change) (*changeSet, error) {
	cs := &changeSet{who: map[uuid.UUID]map[string][]Change{}}
	for _, c := range history {
		m := cs.who[c.EntityID]
		if m == nil {
			m = map[string][]Change{}
			cs.who[c.EntityID] = m
		}
		m[c.Field] = append(m[c.Field], c)
	}
	before := map[uuid.UUID]*model.Activity{}
	for i := range prev.Activities {
		before[prev.Activities[i].ID] = &prev.Activities[i]
	}
	now := map[uuid.UUID]bool{}
	for i := range reg.Activities {
		a := &reg.Activities[i]
		now[a.ID] = true
		old, ok := before[a.ID]
		if !ok {
			cs.added = append(cs.added, a)
			continue
		}
		if a.Status == model.StatusRetired && old.Status != model.StatusRetired {
			cs.retired = append(cs.retired, a)
		}
		keys, err := changedFields(old, a)
		if err != nil {
			return nil, err
		}
		if len(keys) == 0 {
			continue
		}
		ad := activityDiff{a: a}
		now, err := fieldsOf(a)
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			ad.fields = append(ad.fields, fieldDiff{
				label: fieldLabel(k), old: activityValue(old, k, prev), new: activityValue(a, k, reg), by: cs.by(a.ID, k, orNull(now[k])),
			})
		}
		cs.fieldCount += len(ad.fields)
		cs.changed = append(cs.changed, ad)
	}
	for i := range prev.Activities {
		if a := &prev.Activities[i]; !now[a.ID] {
			cs.removed = append(cs.removed, a)
		}
	}
	for i := range reg.Organisations {
		o := &reg.Organisations[i]
		old := prev.Organisation(o.ID)
		od := orgDiff{name: o.Name}
		if old == nil {
			od.fields = append(od.fields, fieldDiff{label: "Added to the register", old: "", new: o.Name, by: cs.by(o.ID, "", nil)})
		} else {
			now, err := orgFields(o)
			if err != nil {
				return nil, err
			}
			for _, f := range organisationFields {
				ov, nv := organisationValue(old, f.key), organisationValue(o, f.key)
				if ov != nv {
					od.fields = append(od.fields, fieldDiff{label: f.label, old: ov, new: nv, by: cs.by(o.ID, f.key, orNull(now[f.key]))})
				}
			}
		}
		if len(od.fields) > 0 {
			cs.fieldCount += len(od.fields)
			cs.orgs = append(cs.orgs, od)
		}
	}
	for i := range prev.Organisations {
		if o := &prev.Organisations[i]; reg.Organisation(o.ID) == nil {
			cs.orgs = append(cs.orgs, orgDiff{name: o.Name, fields: []fieldDiff{{label: "Removed from the register", old: o.Name, by: cs.by(o.ID, "", nil)}}})
		}
	}
	return cs, nil
}

// byOn is "Ann Smith, 3 March 2026", or "Not in the history" when the
// change came from outside it (an import that replaced the register).
func byOn(c Change) string {
	if c.At.IsZero() {
		return "Not in the change history"
	}
	who := c.User
	if who == "" {
		who = "Unknown user"
	}
	return fmt.Sprintf("%s, %s", who, shortDate(c.At))
}

func (d *doc) changesSection() error {
	d.section(titleChanges)
	if d.in.Previous == nil || d.changes == nil {
		d.paragraph(stBody, "There is no previous signed-off review cycle to compare with, so no changes are listed. "+
			"The next review will be compared with this one.")
		return nil
	}
	cs := d.changes
	d.paragraph(stBody, d.comparedWith()+" Review records and timestamps are not counted as changes. "+
		"“By” names who made the change and when, from the register's change history.")
	d.space(3)
	small := stTable
	who := textStyle{sans, "", 7.5, colMuted}
	actRow := func(a *model.Activity, org string, c Change) []cell {
		return []cell{
			{text: d.refs[a.ID], style: textStyle{mono, "", 7, colAccent}},
			{text: activityTitle(a), style: stSmallBold},
			{text: org, style: small},
			{text: byOn(c), style: who},
		}
	}
	listCols := []column{{"Ref", 16, "L"}, {"Activity", 62, "L"}, {"Organisation", 46, "L"}, {"By", contentW - 124, "L"}}
	var rows [][]cell
	var links []int
	for _, a := range cs.added {
		rows = append(rows, actRow(a, orgName(d.reg, a), cs.by(a.ID, "", nil)))
		links = append(links, d.actLinks[a.ID])
	}
	d.changeTable(fmt.Sprintf("Activities added (%d)", len(cs.added)), "No activities were added.", listCols, rows, links)
	rows, links = nil, nil
	for _, a := range cs.retired {
		rows = append(rows, actRow(a, orgName(d.reg, a), cs.by(a.ID, "status", []byte(`"retired"`))))
		links = append(links, d.actLinks[a.ID])
	}
	d.changeTable(fmt.Sprintf("Activities retired (%d)", len(cs.retired)), "No activities were retired.", listCols, rows, links)
	rows = nil
	// A deleted activity keeps the number it had: references come from
	// the history, so the previous copy's numbers are the ones printed
	// then.
	prevRefs := references(d.in.Previous, d.in.Entries)
	for _, a := range cs.removed {
		r := actRow(a, orgName(d.in.Previous, a), cs.by(a.ID, "", nil))
		r[0].text = prevRefs[a.ID]
		rows = append(rows, r)
	}
	d.changeTable(fmt.Sprintf("Activities deleted (%d)", len(cs.removed)), "No activities were deleted.", listCols, rows, nil)

	diffCols := []column{{"Field", 34, "L"}, {"Was", 48, "L"}, {"Now", 48, "L"}, {"By", contentW - 130, "L"}}
	rows, links = nil, nil
	for _, ad := range cs.changed {
		for i, f := range ad.fields {
			if i == 0 {
				rows = append(rows, []cell{{text: d.refs[ad.a.ID] + "  " + activityTitle(ad.a), style: stSmallBold}, {}, {}, {}})
				links = append(links, d.actLinks[ad.a.ID])
			}
			rows = append(rows, diffRow(f, who))
			links = append(links, d.actLinks[ad.a.ID])
		}
	}
	d.changeTable(fmt.Sprintf("Activities changed (%d)", len(cs.changed)), "No activities were changed.", diffCols, rows, links)
	rows = nil
	for _, od := range cs.orgs {
		for i, f := range od.fields {
			if i == 0 {
				rows = append(rows, []cell{{text: od.name, style: stSmallBold}, {}, {}, {}})
			}
			rows = append(rows, diffRow(f, who))
		}
	}
	d.changeTable(fmt.Sprintf("Organisations changed (%d)", len(cs.orgs)), "No organisation's details were changed.", diffCols, rows, nil)
	rows = nil
	for _, f := range cs.settings {
		rows = append(rows, diffRow(f, who))
	}
	d.changeTable(fmt.Sprintf("Register settings changed (%d)", len(cs.settings)), "No register setting was changed.", diffCols, rows, nil)
	return d.ctx.Err()
}

func diffRow(f fieldDiff, who textStyle) []cell {
	return []cell{
		{text: f.label, style: stTable},
		{text: clip(f.old, 240), style: textStyle{sans, "", 8, colMuted}},
		{text: "→ " + clip(f.new, 240), style: textStyle{sans, "", 8, colInk}},
		{text: byOn(f.by), style: who},
	}
}

// comparedWith names the cycle the changes are counted from.
func (d *doc) comparedWith() string {
	p := d.in.PreviousCycle
	if p == nil || p.SignOff == nil {
		return "Compared with the register as frozen at the previous sign-off."
	}
	return fmt.Sprintf("Compared with the register as signed off in “%s” on %s by %s.", p.Name, longDate(p.SignOff.Date), p.SignOff.By)
}

func (d *doc) changeTable(title, none string, cols []column, rows [][]cell, links []int) {
	d.subheading(title, 15)
	if len(rows) == 0 {
		d.paragraph(stMissing, none)
		d.space(3)
		return
	}
	d.linkedTable(cols, rows, links, stTableHead)
	d.space(5)
}

// orNull is a field's JSON, or null for a field the JSON leaves out
// (omitempty), as the history records a removed value.
func orNull(v json.RawMessage) []byte {
	if v == nil {
		return []byte("null")
	}
	return v
}

func orgFields(o *model.Organisation) (map[string]json.RawMessage, error) {
	data, err := json.Marshal(o)
	if err != nil {
		return nil, fmt.Errorf("compare organisation %s: %w", o.ID, err)
	}
	var m map[string]json.RawMessage
	err = json.Unmarshal(data, &m)
	return m, err
}
