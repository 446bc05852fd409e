// Package registertest is one test suite for every store of a register
// (the .ropa file, package store, and the shared register on PostgreSQL,
// package pgstore): Run takes an opener and checks the behaviours both
// must share — a lossless round trip, the same order, a conflict on a
// stale save, one transaction per Apply, the same history entries, and a
// chain that verifies and catches tampering.
package registertest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// Store is what the suite needs of a store.
type Store interface {
	CreateOrganisation(ctx context.Context, o *model.Organisation) error
	UpdateOrganisation(ctx context.Context, o *model.Organisation) error
	DeleteOrganisation(ctx context.Context, id uuid.UUID) error
	Organisation(ctx context.Context, id uuid.UUID) (*model.Organisation, error)
	CreateActivity(ctx context.Context, a *model.Activity) error
	UpdateActivity(ctx context.Context, a *model.Activity) error
	DeleteActivity(ctx context.Context, id uuid.UUID) error
	Activity(ctx context.Context, id uuid.UUID) (*model.Activity, error)
	Register(ctx context.Context) (*model.Register, error)
	Apply(ctx context.Context, ch model.Changes) error
	ApplyPlanned(ctx context.Context, plan func(cur *model.Register) (model.Changes, error)) error
	HistoryHead(ctx context.Context) (string, error)
	History(ctx context.Context, entityID uuid.UUID) ([]store.HistoryEntry, error)
	VerifyHistory(ctx context.Context) (store.VerifyResult, error)
	Suggestions(ctx context.Context, field string) ([]string, error)
	SetUser(name string)
}

// Opened is a fresh, empty register for one test, and a way to change
// its tables behind the store's back (plain SQL the two databases share),
// to show that verification finds it. Both are closed by the opener's
// cleanup.
type Opened struct {
	Store
	Tamper func(t *testing.T, sql string)
}

// Opener opens a fresh, empty register for t.
type Opener func(t *testing.T) Opened

// Run runs the suite against the registers open makes.
func Run(t *testing.T, open Opener) {
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, r Opened)
	}{
		{"RoundTrip", testRoundTrip},
		{"Order", testOrder},
		{"UnchangedSaveWritesNothing", testUnchanged},
		{"ConflictOnStaleActivity", testConflictActivity},
		{"ConflictOnStaleOrganisation", testConflictOrganisation},
		{"NotFound", testNotFound},
		{"DeleteOrganisationWithActivities", testDeleteOrganisation},
		{"ApplyAllOrNothing", testApplyAllOrNothing},
		{"ApplyPlanned", testApplyPlanned},
		{"HistoryEntries", testHistoryEntries},
		{"ChainVerifies", testChainVerifies},
		{"TamperedEntryFound", testTamperedEntry},
		{"TamperedBodyFound", testTamperedBody},
		{"Suggestions", testSuggestions},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

var ctx = context.Background()

// Org adds an organisation named name to r.
func Org(t *testing.T, r Store, name string) *model.Organisation {
	t.Helper()
	o := &model.Organisation{Name: name, Roles: []model.Role{model.RoleController}}
	if err := r.CreateOrganisation(ctx, o); err != nil {
		t.Fatalf("create organisation %q: %v", name, err)
	}
	return o
}

// Activity adds a minimal activity named name to r.
func Activity(t *testing.T, r Store, org uuid.UUID, name string) *model.Activity {
	t.Helper()
	a := &model.Activity{OrganisationID: org, Name: name, Role: model.RoleController, Status: model.StatusActive}
	if err := r.CreateActivity(ctx, a); err != nil {
		t.Fatalf("create activity %q: %v", name, err)
	}
	return a
}

func rich(org uuid.UUID) *model.Activity {
	return &model.Activity{
		OrganisationID:    org,
		Name:              "Care records — Zoë Ní Bhriain's team",
		BusinessFunction:  "Clinical services",
		Description:       "Keeping the records of care given to residents.\nTwo lines, \"quoted\" & <escaped>.",
		Role:              model.RoleController,
		Status:            model.StatusActive,
		Purposes:          []string{"Direct care", "Safeguarding"},
		DataSubjects:      []string{"Residents", "Next of kin"},
		PersonalData:      []string{"Name", "Address", "NHS number"},
		SpecialCategories: []model.SpecialCategory{model.SpecialHealth},
		LawfulBases:       []model.BasisClaim{{Basis: model.BasisPublicTask, Reason: "Care Act 2014"}},
		Article9Conditions: []model.ConditionClaim{
			{Condition: model.Art9HealthSocialCare, Reason: "Provision of care"},
		},
		Recipients: []string{"GP practices"},
	}
}

func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func testRoundTrip(t *testing.T, r Opened) {
	org := Org(t, r, "Jobs in Mind")
	a := rich(org.ID)
	if err := r.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	if a.ID == uuid.Nil || a.Revision == 0 || a.CreatedAt.IsZero() {
		t.Fatalf("create did not set the id, revision and times: %+v", a)
	}
	got, err := r.Activity(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if asJSON(t, got) != asJSON(t, a) || got.Revision != a.Revision {
		t.Errorf("read back differs:\n got %s (rev %d)\nwant %s (rev %d)", asJSON(t, got), got.Revision, asJSON(t, a), a.Revision)
	}
	gotOrg, err := r.Organisation(ctx, org.ID)
	if err != nil {
		t.Fatal(err)
	}
	if asJSON(t, gotOrg) != asJSON(t, org) || gotOrg.Revision != org.Revision {
		t.Errorf("organisation read back differs:\n got %s\nwant %s", asJSON(t, gotOrg), asJSON(t, org))
	}
	reg, err := r.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Activities) != 1 || asJSON(t, reg.Activities[0]) != asJSON(t, a) || reg.Activities[0].Revision != a.Revision {
		t.Errorf("Register gives %s, want the one activity %s", asJSON(t, reg.Activities), asJSON(t, a))
	}
}

// testOrder: organisations by name ignoring ASCII case, then activities by
// organisation and name, as the SQLite store orders them.
func testOrder(t *testing.T, r Opened) {
	b := Org(t, r, "beta trust")
	a := Org(t, r, "Alpha Mind")
	z := Org(t, r, "Zoë")
	for _, n := range []string{"payroll", "Appraisals", "CCTV", "ébauche"} {
		Activity(t, r, b.ID, n)
	}
	Activity(t, r, a.ID, "Referrals")
	Activity(t, r, z.ID, "Aardvark")
	reg, err := r.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var orgs, acts []string
	for _, o := range reg.Organisations {
		orgs = append(orgs, o.Name)
	}
	for _, x := range reg.Activities {
		acts = append(acts, x.Name)
	}
	if got, want := strings.Join(orgs, "|"), "Alpha Mind|beta trust|Zoë"; got != want {
		t.Errorf("organisations in order %s, want %s", got, want)
	}
	if got, want := strings.Join(acts, "|"), "Referrals|Appraisals|CCTV|payroll|ébauche|Aardvark"; got != want {
		t.Errorf("activities in order %s, want %s", got, want)
	}
}

func testUnchanged(t *testing.T, r Opened) {
	org := Org(t, r, "Jobs in Mind")
	a := Activity(t, r, org.ID, "Payroll")
	head, _ := r.HistoryHead(ctx)
	rev := a.Revision
	if err := r.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	if after, _ := r.HistoryHead(ctx); after != head || a.Revision != rev {
		t.Errorf("an unchanged save wrote history (head %s → %s, revision %d → %d)", head, after, rev, a.Revision)
	}
}

func testConflictActivity(t *testing.T, r Opened) {
	org := Org(t, r, "Jobs in Mind")
	a := Activity(t, r, org.ID, "Payroll")
	mine, theirs := *a, *a
	r.SetUser("Alice")
	theirs.Description = "theirs"
	if err := r.UpdateActivity(ctx, &theirs); err != nil {
		t.Fatal(err)
	}
	r.SetUser("Bob")
	mine.Description = "mine"
	err := r.UpdateActivity(ctx, &mine)
	if model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("a save from a stale copy gave %v, want a conflict", err)
	}
	if msg := model.ErrorMessage(err); !strings.Contains(msg, `"Payroll"`) || !strings.Contains(msg, "by Alice") {
		t.Errorf("the conflict does not say what changed and who changed it: %s", msg)
	}
	got, _ := r.Activity(ctx, a.ID)
	if got.Description != "theirs" {
		t.Errorf("after the refused save the activity says %q, want theirs", got.Description)
	}
	// Reloaded, the same change saves.
	got.Description = "mine"
	if err := r.UpdateActivity(ctx, got); err != nil {
		t.Fatalf("a save from the reloaded copy: %v", err)
	}
}

func testConflictOrganisation(t *testing.T, r Opened) {
	org := Org(t, r, "Jobs in Mind")
	mine, theirs := *org, *org
	theirs.ICORegistration = "Z1111111"
	if err := r.UpdateOrganisation(ctx, &theirs); err != nil {
		t.Fatal(err)
	}
	mine.ICORegistration = "Z2222222"
	if err := r.UpdateOrganisation(ctx, &mine); model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("a stale organisation save gave %v, want a conflict", err)
	}
	got, _ := r.Organisation(ctx, org.ID)
	if got.ICORegistration != "Z1111111" {
		t.Errorf("after the refused save the registration is %q", got.ICORegistration)
	}
}

func testNotFound(t *testing.T, r Opened) {
	if _, err := r.Activity(ctx, uuid.New()); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("a missing activity gave %v", err)
	}
	if _, err := r.Organisation(ctx, uuid.New()); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("a missing organisation gave %v", err)
	}
	if err := r.DeleteActivity(ctx, uuid.New()); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("deleting a missing activity gave %v", err)
	}
	a := &model.Activity{OrganisationID: uuid.New(), Name: "Orphan", Role: model.RoleController, Status: model.StatusActive}
	if err := r.CreateActivity(ctx, a); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("an activity of a missing organisation gave %v", err)
	}
}

func testDeleteOrganisation(t *testing.T, r Opened) {
	org := Org(t, r, "Jobs in Mind")
	a := Activity(t, r, org.ID, "Payroll")
	if err := r.DeleteOrganisation(ctx, org.ID); model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("deleting an organisation with an activity gave %v", err)
	}
	if err := r.DeleteActivity(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := r.DeleteOrganisation(ctx, org.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Activity(ctx, a.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("a deleted activity reads as %v", err)
	}
}

func testApplyAllOrNothing(t *testing.T, r Opened) {
	org := Org(t, r, "Jobs in Mind")
	a := Activity(t, r, org.ID, "Payroll")
	head, _ := r.HistoryHead(ctx)
	stale := *a
	stale.Revision = 0
	stale.Description = "stale"
	fresh := model.Activity{OrganisationID: org.ID, Name: "New one", Role: model.RoleController, Status: model.StatusActive}
	err := r.Apply(ctx, model.Changes{Activities: []model.Activity{fresh, stale}})
	if model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("Apply with a stale copy gave %v, want a conflict", err)
	}
	invalid := model.Activity{OrganisationID: org.ID, Role: model.RoleController, Status: model.StatusActive}
	if err := r.Apply(ctx, model.Changes{Activities: []model.Activity{fresh, invalid}}); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("Apply with an invalid activity gave %v", err)
	}
	reg, _ := r.Register(ctx)
	if after, _ := r.HistoryHead(ctx); len(reg.Activities) != 1 || after != head {
		t.Errorf("a refused Apply left %d activities and moved the history", len(reg.Activities))
	}
	// Kept times and a new id: an export brought back.
	when := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	fresh.ID = uuid.New()
	fresh.CreatedAt, fresh.UpdatedAt = when, when
	ch := model.Changes{Activities: []model.Activity{fresh}, DeleteActivities: []uuid.UUID{a.ID}}
	if err := r.Apply(ctx, ch); err != nil {
		t.Fatal(err)
	}
	got, err := r.Activity(ctx, fresh.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.CreatedAt.Equal(when) || got.Revision != ch.Activities[0].Revision {
		t.Errorf("Apply kept created %v (want %v), revision %d (told %d)", got.CreatedAt, when, got.Revision, ch.Activities[0].Revision)
	}
}

func testApplyPlanned(t *testing.T, r Opened) {
	org := Org(t, r, "Jobs in Mind")
	Activity(t, r, org.ID, "Payroll")
	err := r.ApplyPlanned(ctx, func(cur *model.Register) (model.Changes, error) {
		var ch model.Changes
		for _, a := range cur.Activities {
			a.Description = "planned on " + a.Name
			ch.Activities = append(ch.Activities, a)
		}
		return ch, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	reg, _ := r.Register(ctx)
	if reg.Activities[0].Description != "planned on Payroll" {
		t.Errorf("ApplyPlanned wrote %q", reg.Activities[0].Description)
	}
}

func testHistoryEntries(t *testing.T, r Opened) {
	r.SetUser("Dana DPO")
	org := Org(t, r, "Jobs in Mind")
	a := Activity(t, r, org.ID, "Payroll")
	a.Description = "Paying staff"
	a.Owner = "Finance"
	if err := r.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := r.DeleteActivity(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	h, err := r.History(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range h {
		got = append(got, e.Action+":"+e.Field+":"+e.New)
		if e.User != "Dana DPO" || e.Entity != store.EntityActivity || e.EntityID != a.ID {
			t.Errorf("entry %d: user %q entity %s %s", e.Seq, e.User, e.Entity, e.EntityID)
		}
	}
	// One entry per changed key, in key order: the description, the owner
	// and the update time.
	want := []string{"create::" + h[0].New, `update:description:"Paying staff"`, `update:owner:"Finance"`, "update:updated_at:" + h[3].New, "delete::"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("history:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if h[1].Seq != h[0].Seq+1 || h[1].PrevHash != h[0].Hash {
		t.Errorf("entries are not chained: %+v", h[:2])
	}
}

func testChainVerifies(t *testing.T, r Opened) {
	org := Org(t, r, "Jobs in Mind")
	for i := 0; i < 5; i++ {
		a := Activity(t, r, org.ID, "Activity "+string(rune('A'+i)))
		a.Description = "changed"
		if err := r.UpdateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	org.ICORegistration = "Z3333333"
	if err := r.UpdateOrganisation(ctx, org); err != nil {
		t.Fatal(err)
	}
	res, err := r.VerifyHistory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := r.HistoryHead(ctx)
	if !res.OK() || res.Head != head || res.Entries < 17 {
		t.Errorf("verify: %d entries, head %s (store says %s), problems %+v", res.Entries, res.Head, head, res.Problems)
	}
}

func testTamperedEntry(t *testing.T, r Opened) {
	org := Org(t, r, "Jobs in Mind")
	Activity(t, r, org.ID, "Payroll")
	r.Tamper(t, `UPDATE history SET "user" = 'someone else' WHERE seq = 2`)
	res, err := r.VerifyHistory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() || !strings.Contains(res.Problems[0].Message, "History entry 2") {
		t.Errorf("an altered entry was not found: %+v", res.Problems)
	}
}

func testTamperedBody(t *testing.T, r Opened) {
	org := Org(t, r, "Jobs in Mind")
	Activity(t, r, org.ID, "Payroll")
	r.Tamper(t, `UPDATE activities SET body = replace(body, 'Payroll', 'Payrol')`)
	res, err := r.VerifyHistory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range res.Problems {
		found = found || strings.Contains(p.Message, "changed outside ROPA Desk")
	}
	if !found {
		t.Errorf("a body edited outside the app was not found: %+v", res.Problems)
	}
}
