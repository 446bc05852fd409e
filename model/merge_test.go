package model

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// keysOf lists the keys of fs, in the merge's order.
func keysOf(fs []FieldMerge) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Key)
	}
	return out
}

func TestMergeActivities(t *testing.T) {
	tests := []struct {
		name         string
		theirs, mine func(a *Activity)
		// The fields the merge must list, in order.
		taken, kept, conflicts []string
		choices                map[string]Side
		// check looks at the merged activity.
		check func(t *testing.T, got *Activity)
	}{
		{
			name:   "OnlyTheirs",
			theirs: func(a *Activity) { a.Retention = "12 years after last contact" },
			mine:   func(a *Activity) {},
			taken:  []string{"retention"},
			check: func(t *testing.T, got *Activity) {
				if got.Retention != "12 years after last contact" {
					t.Errorf("retention = %q, want theirs", got.Retention)
				}
			},
		},
		{
			name:   "OnlyYours",
			theirs: func(a *Activity) {},
			mine:   func(a *Activity) { a.Name = "Care records (community)" },
			kept:   []string{"name"},
			check: func(t *testing.T, got *Activity) {
				if got.Name != "Care records (community)" {
					t.Errorf("name = %q, want yours", got.Name)
				}
			},
		},
		{
			name:   "EachADifferentField",
			theirs: func(a *Activity) { a.Retention = "12 years"; a.Recipients = append(a.Recipients, "Auditors") },
			mine:   func(a *Activity) { a.Name = "Care records (community)"; a.Description = "Notes" },
			taken:  []string{"recipients", "retention"},
			kept:   []string{"name", "description"},
			check: func(t *testing.T, got *Activity) {
				if got.Retention != "12 years" || !slices.Equal(got.Recipients, []string{"GPs", "Auditors"}) ||
					got.Name != "Care records (community)" || got.Description != "Notes" {
					t.Errorf("merged = %+v", got)
				}
			},
		},
		{
			name:   "BothTheSameValue",
			theirs: func(a *Activity) { a.Owner = "Head of Care" },
			mine:   func(a *Activity) { a.Owner = "Head of Care" },
			check: func(t *testing.T, got *Activity) {
				if got.Owner != "Head of Care" {
					t.Errorf("owner = %q", got.Owner)
				}
			},
		},
		{
			name:      "BothChoseYours",
			theirs:    func(a *Activity) { a.Description = "Theirs" },
			mine:      func(a *Activity) { a.Description = "Yours" },
			conflicts: []string{"description"},
			choices:   map[string]Side{"description": Yours},
			check: func(t *testing.T, got *Activity) {
				if got.Description != "Yours" {
					t.Errorf("description = %q, want yours", got.Description)
				}
			},
		},
		{
			name:      "BothChoseTheirs",
			theirs:    func(a *Activity) { a.Description = "Theirs" },
			mine:      func(a *Activity) { a.Description = "Yours"; a.Owner = "Me" },
			conflicts: []string{"description"},
			kept:      []string{"owner"},
			choices:   map[string]Side{"description": Theirs},
			check: func(t *testing.T, got *Activity) {
				if got.Description != "Theirs" || got.Owner != "Me" {
					t.Errorf("description %q, owner %q: want theirs and yours", got.Description, got.Owner)
				}
			},
		},
		{
			// Inside an object the table labels key by key, a change on
			// each side to a different key is no conflict.
			name:   "ObjectKeyByKey",
			theirs: func(a *Activity) { a.DPIA.Progress = DPIAInProgress },
			mine:   func(a *Activity) { a.DPIA.Link = "https://intranet/dpia/42" },
			taken:  []string{"dpia.progress"},
			kept:   []string{"dpia.link"},
			check: func(t *testing.T, got *Activity) {
				if got.DPIA.Progress != DPIAInProgress || got.DPIA.Link != "https://intranet/dpia/42" || got.DPIA.Required == nil || !*got.DPIA.Required {
					t.Errorf("dpia = %+v", got.DPIA)
				}
			},
		},
		{
			// A list is one value: an item added on each side collides,
			// and the choice takes that side's whole list.
			name:      "ListsWhole",
			theirs:    func(a *Activity) { a.Recipients = append(a.Recipients, "Auditors") },
			mine:      func(a *Activity) { a.Recipients = append(a.Recipients, "Insurers") },
			conflicts: []string{"recipients"},
			choices:   map[string]Side{"recipients": Theirs},
			check: func(t *testing.T, got *Activity) {
				if !slices.Equal(got.Recipients, []string{"GPs", "Auditors"}) {
					t.Errorf("recipients = %v, want theirs", got.Recipients)
				}
			},
		},
		{
			// automated_decisions.exists has no row of its own, so the
			// object is compared whole rather than named by a key.
			name:      "ObjectWithoutLabelsWhole",
			theirs:    func(a *Activity) { a.AutomatedDecisions.Exists = true },
			mine:      func(a *Activity) { a.AutomatedDecisions.Safeguards = "A person reviews every decision" },
			conflicts: []string{"automated_decisions"},
			choices:   map[string]Side{"automated_decisions": Yours},
			check: func(t *testing.T, got *Activity) {
				if got.AutomatedDecisions.Exists || got.AutomatedDecisions.Safeguards != "A person reviews every decision" {
					t.Errorf("automated decisions = %+v, want yours whole", got.AutomatedDecisions)
				}
			},
		},
		{
			name:   "YouEmptiedAField",
			theirs: func(a *Activity) { a.Owner = "Head of Care" },
			mine:   func(a *Activity) { a.SecurityMeasures = "" },
			taken:  []string{"owner"},
			kept:   []string{"security_measures"},
			check: func(t *testing.T, got *Activity) {
				if got.SecurityMeasures != "" || got.Owner != "Head of Care" {
					t.Errorf("security %q, owner %q", got.SecurityMeasures, got.Owner)
				}
			},
		},
		{
			name:      "TheyEmptiedWhatYouChanged",
			theirs:    func(a *Activity) { a.Retention = "" },
			mine:      func(a *Activity) { a.Retention = "10 years" },
			conflicts: []string{"retention"},
			choices:   map[string]Side{"retention": Theirs},
			check: func(t *testing.T, got *Activity) {
				if got.Retention != "" {
					t.Errorf("retention = %q, want theirs (empty)", got.Retention)
				}
			},
		},
		{
			// The register's own bookkeeping is never listed and always
			// theirs.
			name: "Bookkeeping",
			theirs: func(a *Activity) {
				a.UpdatedAt = now.Add(time.Hour)
				a.Status = StatusRetired
			},
			mine:  func(a *Activity) {},
			taken: []string{"status"},
			check: func(t *testing.T, got *Activity) {
				if !got.UpdatedAt.Equal(now.Add(time.Hour)) || got.ID != cleanActivity().ID {
					t.Errorf("updated %v, id %v: want theirs", got.UpdatedAt, got.ID)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := cleanActivity()
			base.DPIA = DPIA{Required: ptr(true)}
			base.SecurityMeasures = "Encryption at rest"
			base.UpdatedAt = now
			base.Revision = 7
			theirs, mine := cloneForTest(t, base), cloneForTest(t, base)
			theirs.Revision = 9
			tc.theirs(theirs)
			tc.mine(mine)
			m, err := MergeActivities(&base, theirs, mine)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range []struct {
				what      string
				got, want []string
			}{{"taken from theirs", keysOf(m.TakenFromTheirs), tc.taken}, {"kept from yours", keysOf(m.KeptFromYours), tc.kept}, {"conflicts", keysOf(m.Conflicts), tc.conflicts}} {
				if want := append([]string{}, l.want...); !slices.Equal(l.got, want) {
					t.Errorf("%s: %v, want %v", l.what, l.got, want)
				}
			}
			for _, f := range slices.Concat(m.TakenFromTheirs, m.KeptFromYours, m.Conflicts) {
				if f.Label == "" || f.Label == f.Key || strings.Contains(f.Label, "_") || !HasFieldLabel(f.Key) {
					t.Errorf("%s is labelled %q, which is not the field table's words", f.Key, f.Label)
				}
			}
			got, err := m.Result(tc.choices)
			if err != nil {
				t.Fatal(err)
			}
			if got.Revision != 9 {
				t.Errorf("the merge carries revision %d, want theirs (9)", got.Revision)
			}
			tc.check(t, got)
		})
	}
}

func cloneForTest(t *testing.T, a Activity) *Activity {
	t.Helper()
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var c Activity
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	c.Revision = a.Revision
	return &c
}

// TestMergeUnchosenConflict: a conflict without a choice has no result, and
// the refusal names the field in words.
func TestMergeUnchosenConflict(t *testing.T) {
	base := cleanActivity()
	theirs, mine := cloneForTest(t, base), cloneForTest(t, base)
	theirs.Retention, mine.Retention = "Theirs", "Yours"
	m, err := MergeActivities(&base, theirs, mine)
	if err != nil {
		t.Fatal(err)
	}
	c := m.Conflicts[0]
	if string(c.Base) != `"8 years after last contact"` || string(c.Theirs) != `"Theirs"` || string(c.Yours) != `"Yours"` {
		t.Errorf("the conflict's values are %s / %s / %s", c.Base, c.Theirs, c.Yours)
	}
	_, err = m.Result(nil)
	if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), "Retention schedule") {
		t.Fatalf("Result without a choice = %v", err)
	}
	if got := m.Unresolved(map[string]Side{"retention": Unchosen}); !slices.Equal(got, []string{"Retention schedule"}) {
		t.Errorf("Unresolved = %v", got)
	}
}

// TestMergeEveryFieldInWords changes every field of an activity on both
// sides and checks that each conflict is named by the field table, in the
// table's order: the dialog never shows a key.
func TestMergeEveryFieldInWords(t *testing.T) {
	base := Activity{}
	var theirs, mine Activity
	fill(reflect.ValueOf(&theirs).Elem(), 1)
	fill(reflect.ValueOf(&mine).Elem(), 2)
	mine.ID, mine.CreatedAt, mine.UpdatedAt = theirs.ID, theirs.CreatedAt, theirs.UpdatedAt
	m, err := MergeActivities(&base, &theirs, &mine)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Conflicts) < len(ActivityFields())-3 { // less the three yes/no fields
		t.Fatalf("only %d conflicts between two different activities", len(m.Conflicts))
	}
	last := -1
	for _, c := range m.Conflicts {
		if !HasFieldLabel(c.Key) || strings.Contains(c.Label, "_") {
			t.Errorf("conflict %s labelled %q", c.Key, c.Label)
		}
		top, _, _ := strings.Cut(c.Key, ".")
		i := fieldOrder()[top]
		if i < last {
			t.Errorf("%s is out of the table's order", c.Key)
		}
		last = i
	}
	all := map[string]Side{}
	for _, c := range m.Conflicts {
		all[c.Key] = Yours
	}
	got, err := m.Result(all)
	if err != nil {
		t.Fatal(err)
	}
	got.Revision = mine.Revision
	if !reflect.DeepEqual(jsonOf(t, got), jsonOf(t, &mine)) {
		t.Errorf("choosing yours everywhere does not give yours:\n got %s\nwant %s", jsonOf(t, got), jsonOf(t, &mine))
	}
}

// fill sets every field of v to a value made from seed, so two seeds give
// two records differing everywhere.
func fill(v reflect.Value, seed int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(strings.Repeat("x", seed))
	case reflect.Bool:
		v.SetBool(seed != 0) // both sides true: a yes/no has no third value
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(seed))
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), seed)
		}
	case reflect.Uint8:
		v.SetUint(uint64(seed))
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), seed, seed)
		for i := range seed {
			fill(s.Index(i), seed)
		}
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), seed)
		v.Set(p)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(now.AddDate(0, 0, seed)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), seed)
			}
		}
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMergeOrganisations(t *testing.T) {
	base := Organisation{Name: "Jobs in Mind", Roles: []Role{RoleController},
		Controller: Contact{Name: "Jobs in Mind", Email: "info@jim.example"}, Revision: 3}
	theirs, mine := base, base
	theirs.Revision = 5
	theirs.Controller.Email = "privacy@jim.example"
	theirs.Name = "Jobs in Mind (Kensington)"
	theirs.ICORegistration = "ZA123456"
	mine.Controller.Name = "Jobs in Mind Ltd"
	mine.Name = "Jobs in Mind Ltd"
	mine.DPO = Contact{Name: "A. Patel"}
	m, err := MergeOrganisations(&base, &theirs, &mine)
	if err != nil {
		t.Fatal(err)
	}
	if got := keysOf(m.TakenFromTheirs); !slices.Equal(got, []string{"ico_registration", "controller.email"}) {
		t.Errorf("taken from theirs: %v", got)
	}
	if got := keysOf(m.KeptFromYours); !slices.Equal(got, []string{"controller.name", "dpo.name"}) {
		t.Errorf("kept from yours: %v", got)
	}
	if len(m.Conflicts) != 1 || m.Conflicts[0].Key != "name" || m.Conflicts[0].Label != "Name of the organisation" {
		t.Fatalf("conflicts: %+v", m.Conflicts)
	}
	for _, f := range slices.Concat(m.TakenFromTheirs, m.KeptFromYours) {
		if !HasFieldLabel("organisations."+f.Key) || strings.Contains(f.Label, "_") {
			t.Errorf("%s labelled %q", f.Key, f.Label)
		}
	}
	for _, side := range []Side{Yours, Theirs} {
		got, err := m.Result(map[string]Side{"name": side})
		if err != nil {
			t.Fatal(err)
		}
		want := map[Side]string{Yours: mine.Name, Theirs: theirs.Name}[side]
		if got.Name != want || got.Controller != (Contact{Name: "Jobs in Mind Ltd", Email: "privacy@jim.example"}) ||
			got.DPO.Name != "A. Patel" || got.ICORegistration != "ZA123456" || got.Revision != 5 {
			t.Errorf("choosing %d gives %+v", side, got)
		}
	}
}

// TestOrganisationFieldsInTheTable: every field of an organisation a merge
// can name has a row, so its conflicts read in words.
func TestOrganisationFieldsInTheTable(t *testing.T) {
	var walk func(prefix string, typ reflect.Type)
	walk = func(prefix string, typ reflect.Type) {
		for i := range typ.NumField() {
			name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			switch name {
			case "", "-", "id", "created_at", "updated_at":
				continue
			}
			if !HasFieldLabel(prefix + name) {
				t.Errorf("the organisation's field %s has no label", prefix+name)
			}
			if typ.Field(i).Type.Kind() == reflect.Struct {
				walk(prefix+name+".", typ.Field(i).Type)
			}
		}
	}
	walk("organisations.", reflect.TypeFor[Organisation]())
}
