package ui_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/uistore"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// mustRegister creates a register file in a temporary directory.
// It is the store as cmd/ropa hands it to the user interface.
func mustRegister(tb testing.TB) uistore.Register {
	tb.Helper()
	db, err := store.Create(context.Background(), filepath.Join(tb.TempDir(), "test.ropa"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return uistore.Register{DB: db}
}

// organisations is what mustOrganisation needs: a *store.DB or a
// ui.Register.
type organisations interface {
	CreateOrganisation(context.Context, *model.Organisation) error
}

func mustOrganisation(tb testing.TB, db organisations, name string, inScope bool) *model.Organisation {
	tb.Helper()
	o := &model.Organisation{Name: name, Roles: []model.Role{model.RoleController}, NDOPInScope: inScope}
	if err := db.CreateOrganisation(context.Background(), o); err != nil {
		tb.Fatal(err)
	}
	return o
}

// newEditor shows an editor in a test window of the size the app opens at.
func newEditor(t *testing.T, db ui.Register) (*ui.ActivityEditor, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	e := ui.NewActivityEditor(db, w)
	w.SetContent(e.Content())
	w.Resize(fyne.NewSize(1100, 750))
	ui.WaitIdle(e)
	return e, w
}

func load(e *ui.ActivityEditor, a *model.Activity) {
	e.Load(a)
	ui.WaitIdle(e)
}

func mustJSON(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// saveNew types a new activity into the editor and saves it.
func saveNew(t *testing.T, e *ui.ActivityEditor, org model.Organisation) *model.Activity {
	t.Helper()
	var saved *model.Activity
	e.OnSaved = func(a *model.Activity) { saved = a }
	load(e, &model.Activity{OrganisationID: org.ID})
	w := ui.Widgets(e)
	test.Type(w.Name, "Patient care records")
	test.Type(w.BusinessFunction, "Clinical services")
	test.Tap(ui.SpecialCheck(e, model.SpecialHealth))
	w.Tabs.SelectIndex(ui.TabLawful)
	test.Tap(w.AddBasis)
	basis, reason := ui.BasisRow(e, 0)
	basis.SetSelected(model.LabelOf(model.LawfulBases, model.BasisContract))
	test.Type(reason, "Care is provided under a contract with the client.")
	if err := e.Save(); err != nil {
		t.Fatalf("Save: %v", err)
	}
	if saved == nil {
		t.Fatal("OnSaved was not called")
	}
	return saved
}

func TestEditorSave(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustRegister(t)
		org := mustOrganisation(t, db, "Mind in Harrow", true)
		e, _ := newEditor(t, db)
		changes := 0
		e.OnChanged = func() { changes++ }

		saved := saveNew(t, e, *org)
		if e.Dirty() {
			t.Error("Dirty after Save")
		}
		if changes != 2 {
			t.Errorf("OnChanged called %d times, want 2 (dirty, then clean)", changes)
		}
		got, err := db.Activity(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Patient care records" || got.BusinessFunction != "Clinical services" {
			t.Errorf("stored name %q, business function %q", got.Name, got.BusinessFunction)
		}
		if got.OrganisationID != org.ID || got.Role != model.RoleController || got.Status != model.StatusDraft {
			t.Errorf("stored organisation %v role %q status %q", got.OrganisationID, got.Role, got.Status)
		}
		if !slices.Equal(got.SpecialCategories, []model.SpecialCategory{model.SpecialHealth}) {
			t.Errorf("stored special categories %v", got.SpecialCategories)
		}
		want := []model.BasisClaim{{Basis: model.BasisContract, Reason: "Care is provided under a contract with the client."}}
		if !slices.Equal(got.LawfulBases, want) {
			t.Errorf("stored lawful bases %v, want %v", got.LawfulBases, want)
		}
	})

	t.Run("Update", func(t *testing.T) {
		db := mustRegister(t)
		org := mustOrganisation(t, db, "Mind in Harrow", true)
		e, _ := newEditor(t, db)
		saved := saveNew(t, e, *org)
		load(e, saved)
		w := ui.Widgets(e)
		test.Type(w.Purposes, "Providing care")
		test.Tap(w.AddPurpose)
		if err := e.Save(); err != nil {
			t.Fatal(err)
		}
		got, err := db.Activity(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Purposes, []string{"Providing care"}) {
			t.Errorf("stored purposes %v", got.Purposes)
		}
		list, total, err := db.ListActivities(ctx, model.ActivityFilter{})
		if err != nil || total != 1 || len(list) != 1 {
			t.Errorf("register holds %d activities (%v), want 1", total, err)
		}
	})

	t.Run("ErrNameRequired", func(t *testing.T) {
		db := mustRegister(t)
		org := mustOrganisation(t, db, "Mind in Harrow", true)
		e, _ := newEditor(t, db)
		saved := saveNew(t, e, *org)
		load(e, saved)
		w := ui.Widgets(e)
		w.Name.SetText("")
		w.Tabs.SelectIndex(ui.TabNDOP)

		err := e.Save()
		if model.ErrorCode(err) != model.EINVALID {
			t.Fatalf("Save: %v, want a validation error", err)
		}
		if got := ui.ErrorShown(e, "name"); got != "The activity needs a name." {
			t.Errorf("message beside the name: %q", got)
		}
		if got := w.Tabs.SelectedIndex(); got != 0 {
			t.Errorf("tab %d selected, want the Overview (0)", got)
		}
		if !e.Dirty() {
			t.Error("not dirty after a failed save")
		}
		stored, err := db.Activity(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Name != "Patient care records" {
			t.Errorf("stored name %q changed by a failed save", stored.Name)
		}

		// Fixing it clears the message on the next save.
		test.Type(w.Name, "Care records")
		if err := e.Save(); err != nil {
			t.Fatal(err)
		}
		if got := ui.ErrorShown(e, "name"); got != "" {
			t.Errorf("message still shown after fixing: %q", got)
		}
	})

	t.Run("ErrInvalidRowAndDate", func(t *testing.T) {
		db := mustRegister(t)
		org := mustOrganisation(t, db, "Mind in Harrow", true)
		e, _ := newEditor(t, db)
		load(e, &model.Activity{OrganisationID: org.ID, Name: "Payroll"})
		w := ui.Widgets(e)
		test.Tap(w.AddBasis)                   // a row with no basis chosen
		test.Type(w.LastChecked, "31/13/2026") // no 13th month

		if err := e.Save(); err == nil {
			t.Fatal("Save accepted a basis row with no basis and a malformed date")
		}
		if got := ui.ErrorShown(e, "lawful_bases[0].basis"); got != "An empty value is not an Article 6 lawful basis." {
			t.Errorf("message beside the basis row: %q", got)
		}
		if got := ui.ErrorShown(e, "ndop.last_checked"); got == "" {
			t.Error("no message beside the malformed date")
		}
		if got := w.Tabs.SelectedIndex(); got != 2 {
			t.Errorf("tab %d selected, want Lawful basis (2), the first with a problem", got)
		}
		if _, total, _ := db.ListActivities(ctx, model.ActivityFilter{}); total != 0 {
			t.Errorf("register holds %d activities after a failed save", total)
		}
	})
}

func TestEditorDirtyAndRevert(t *testing.T) {
	db := mustRegister(t)
	org := mustOrganisation(t, db, "Mind in Harrow", true)
	e, _ := newEditor(t, db)
	saved := saveNew(t, e, *org)

	changes := 0
	e.OnChanged = func() { changes++ }
	load(e, saved)
	if e.Dirty() {
		t.Fatal("dirty straight after Load")
	}
	w := ui.Widgets(e)
	test.Type(w.Name, "!")
	if !e.Dirty() || changes != 1 {
		t.Fatalf("after typing: dirty %v, OnChanged %d times", e.Dirty(), changes)
	}
	test.Type(w.Name, "?")
	if changes != 1 {
		t.Errorf("OnChanged called again (%d) while staying dirty", changes)
	}
	// Undoing the edit by hand makes the form clean again.
	w.Name.SetText("Patient care records")
	if e.Dirty() || changes != 2 {
		t.Errorf("after restoring the text: dirty %v, OnChanged %d times", e.Dirty(), changes)
	}

	test.Tap(w.Criminal)
	w.Name.SetText("Something else")
	e.Revert()
	ui.WaitIdle(e)
	if e.Dirty() {
		t.Error("dirty after Revert")
	}
	if w.Name.Text != "Patient care records" || w.Criminal.Checked {
		t.Errorf("after Revert: name %q, criminal %v", w.Name.Text, w.Criminal.Checked)
	}
	if got, want := mustJSON(t, e.Activity()), mustJSON(t, saved); got != want {
		t.Errorf("after Revert the activity differs from the one loaded:\n%s\nwant\n%s", got, want)
	}
}

// TestEditorRoundTrip loads every activity of the example register and
// reads it back from the widgets alone: every field must come back, so no
// field of the model lacks a widget.
func TestEditorRoundTrip(t *testing.T) {
	db := mustRegister(t)
	ex := exchange.Example()
	if err := db.Apply(context.Background(), model.Changes{Organisations: ex.Organisations}); err != nil {
		t.Fatal(err)
	}
	e, _ := newEditor(t, db)
	for _, a := range ex.Activities {
		t.Run(a.Name, func(t *testing.T) {
			load(e, &a)
			if e.Dirty() {
				t.Error("dirty straight after Load")
			}
			// Only what the editor does not show: identity, timestamps, and
			// imported columns (shown read-only).
			base := &model.Activity{ID: a.ID, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, Extra: a.Extra}
			got := ui.ReadOnto(e, base)
			// Check boxes carry which categories, not the order they were
			// recorded in (Activity keeps that, checked below).
			got.SpecialCategories = inListOrder(got.SpecialCategories)
			want := a
			want.SpecialCategories = inListOrder(a.SpecialCategories)
			for _, d := range jsonDiff(t, got, &want) {
				t.Errorf("read back from the widgets: %s", d)
			}
			for _, d := range jsonDiff(t, e.Activity(), &a) {
				t.Errorf("Activity(): %s", d)
			}
		})
	}
}

func TestEditorFocusField(t *testing.T) {
	db := mustRegister(t)
	org := mustOrganisation(t, db, "Mind in Harrow", true)
	e, _ := newEditor(t, db)
	load(e, &model.Activity{OrganisationID: org.ID, Name: "Payroll",
		LawfulBases: []model.BasisClaim{{Basis: model.BasisContract}, {Basis: model.BasisLegalObligation}}})
	w := ui.Widgets(e)
	_, reason1 := ui.BasisRow(e, 1)
	for _, tc := range []struct {
		field string
		tab   int
		focus any
	}{
		{"name", ui.TabOverview, w.Name},
		{"ndop.anonymised", ui.TabNDOP, w.Anonymised},
		{"lawful_bases[1].reason", ui.TabLawful, reason1},
		{"ndop.assessed_by", ui.TabNDOP, w.AssessedBy},
	} {
		e.FocusField(tc.field)
		if got := w.Tabs.SelectedIndex(); got != tc.tab {
			t.Errorf("FocusField(%q): tab %d, want %d", tc.field, got, tc.tab)
		}
		if got := ui.Focused(e); got != tc.focus {
			t.Errorf("FocusField(%q): focus on %T", tc.field, got)
		}
	}
}

func TestEditorTabOrder(t *testing.T) {
	db := mustRegister(t)
	org := mustOrganisation(t, db, "Mind in Harrow", true)
	e, win := newEditor(t, db)
	load(e, &model.Activity{OrganisationID: org.ID, Name: "Payroll",
		LawfulBases: []model.BasisClaim{{Basis: model.BasisContract, Reason: "Employment contract"}}})
	w := ui.Widgets(e)
	basis, reason := ui.BasisRow(e, 0)
	for _, tc := range []struct {
		tab  int
		want []any
	}{
		{ui.TabOverview, []any{w.Organisation, w.Role, w.Name, w.BusinessFunction, w.Owner, w.Description, w.Status}},
		{ui.TabLawful, []any{basis, reason}},
	} {
		w.Tabs.SelectIndex(tc.tab)
		win.Canvas().Focus(tc.want[0].(fyne.Focusable))
		for i, want := range tc.want[1:] {
			// Buttons (a suggestion list's drop-down, a row's delete) are
			// stops too; the test checks the order of the fields.
			test.FocusNext(win.Canvas())
			for _, isButton := win.Canvas().Focused().(*widget.Button); isButton; _, isButton = win.Canvas().Focused().(*widget.Button) {
				test.FocusNext(win.Canvas())
			}
			if got := win.Canvas().Focused(); got != want {
				t.Errorf("tab %d: Tab number %d went to %T, want %T", tc.tab, i+1, got, want)
			}
		}
	}
}

// TestEditorFindingFields checks that every field a consistency check can
// name is one the editor can open, so the Problems view never leads
// nowhere.
func TestEditorFindingFields(t *testing.T) {
	db := mustRegister(t)
	org := mustOrganisation(t, db, "Mind in Harrow", true)
	e, _ := newEditor(t, db)
	bad := &model.Activity{
		OrganisationID: org.ID, Name: "Everything wrong", Role: model.RoleController, Status: model.StatusActive,
		SpecialCategories:   []model.SpecialCategory{model.SpecialHealth},
		CriminalOffenceData: true,
		LargeScale:          true,
		LawfulBases:         []model.BasisClaim{{Basis: model.BasisConsent}, {Basis: model.BasisLegitimateInterests}},
		Article9Conditions:  []model.ConditionClaim{{Condition: model.Art9SubstantialPublicInterest}},
		Schedule1Conditions: []model.Schedule1Condition{"sch1_para6"},
		Transfers:           []model.Transfer{{Destination: "United States"}},
		DPIA:                model.DPIA{Required: new(true)},
		NDOP:                model.NDOPAssessment{Purpose: model.PurposeResearch},
	}
	ex := exchange.Example()
	acts := append([]model.Activity{*bad}, ex.Activities...)
	seen := map[string]bool{}
	for _, a := range acts {
		o := org
		if eo := ex.Organisation(a.OrganisationID); eo != nil {
			o = eo
		}
		for _, f := range model.CheckActivity(&a, o, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)) {
			seen[f.Field] = true
		}
	}
	if len(seen) < 10 {
		t.Fatalf("only %d distinct finding fields; the checks changed?", len(seen))
	}
	t.Logf("%d finding fields", len(seen))
	for field := range seen {
		if !ui.Resolves(e, field) {
			t.Errorf("a finding names %q, which the editor cannot open", field)
		}
	}
}

// TestEditorLawfulQuestions checks that the lawful-basis tab asks what
// follows from the answers: Schedule 1 after condition g, the APD block
// after a paragraph that needs one, and so on.
func TestEditorLawfulQuestions(t *testing.T) {
	db := mustRegister(t)
	org := mustOrganisation(t, db, "Mind in Harrow", true)
	e, _ := newEditor(t, db)
	yes, no := new(true), new(false)
	for _, tc := range []struct {
		name string
		a    model.Activity
		want []string // the conditional parts shown; all others hidden
	}{
		{"Plain", model.Activity{}, nil},
		{"Consent", model.Activity{LawfulBases: []model.BasisClaim{{Basis: model.BasisConsent}}}, []string{"consent_record_link"}},
		{"LegitimateInterests", model.Activity{LawfulBases: []model.BasisClaim{{Basis: model.BasisLegitimateInterests}}},
			[]string{"legitimate_interests", "lia_link"}},
		{"SpecialCategory", model.Activity{SpecialCategories: []model.SpecialCategory{model.SpecialHealth}}, []string{"article9_conditions"}},
		{"ConditionH", model.Activity{SpecialCategories: []model.SpecialCategory{model.SpecialHealth},
			Article9Conditions: []model.ConditionClaim{{Condition: model.Art9HealthSocialCare}}},
			[]string{"article9_conditions", "schedule1_conditions"}},
		{"ConditionANoSchedule1", model.Activity{SpecialCategories: []model.SpecialCategory{model.SpecialHealth},
			Article9Conditions: []model.ConditionClaim{{Condition: model.Art9ExplicitConsent}}},
			[]string{"article9_conditions"}},
		{"Para2NoAPD", model.Activity{SpecialCategories: []model.SpecialCategory{model.SpecialHealth},
			Article9Conditions:  []model.ConditionClaim{{Condition: model.Art9HealthSocialCare}},
			Schedule1Conditions: []model.Schedule1Condition{"sch1_para2"}},
			[]string{"article9_conditions", "schedule1_conditions"}},
		{"Para6NeedsAPD", model.Activity{SpecialCategories: []model.SpecialCategory{model.SpecialHealth},
			Article9Conditions:  []model.ConditionClaim{{Condition: model.Art9SubstantialPublicInterest}},
			Schedule1Conditions: []model.Schedule1Condition{"sch1_para6"}, Paragraph41: model.Paragraph41{RetainedPerPolicy: yes}},
			[]string{"article9_conditions", "schedule1_conditions", "paragraph41"}},
		{"NotRetainedPerPolicy", model.Activity{Schedule1Conditions: []model.Schedule1Condition{"sch1_para1"}, Paragraph41: model.Paragraph41{RetainedPerPolicy: no}},
			[]string{"schedule1_conditions", "paragraph41", "not_adhering_reason"}},
		{"CriminalOffence", model.Activity{CriminalOffenceData: true}, []string{"schedule1_conditions", "article10_basis"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.a
			a.OrganisationID, a.Name = org.ID, "Activity"
			load(e, &a)
			for part, shown := range ui.LawfulShown(e) {
				if want := slices.Contains(tc.want, part); shown != want {
					t.Errorf("%s shown %v, want %v", part, shown, want)
				}
			}
		})
	}

	// Live: ticking a special category as the DPO answers reveals the
	// Article 9 conditions.
	load(e, &model.Activity{OrganisationID: org.ID, Name: "Activity"})
	test.Tap(ui.SpecialCheck(e, model.SpecialGenetic))
	if !ui.LawfulShown(e)["article9_conditions"] {
		t.Error("Article 9 conditions still hidden after ticking a special category")
	}
}

func TestEditorSuggestions(t *testing.T) {
	db := mustRegister(t)
	org := mustOrganisation(t, db, "Mind in Harrow", true)
	e, _ := newEditor(t, db)
	load(e, &model.Activity{OrganisationID: org.ID, Name: "Payroll", Purposes: []string{"Paying staff"}})
	if err := e.Save(); err != nil {
		t.Fatal(err)
	}
	load(e, nil)
	if got := ui.SuggestionsOf(e, "purposes"); !slices.Contains(got, "Paying staff") {
		t.Errorf("purpose suggestions %v, want them to offer %q", got, "Paying staff")
	}
}

// TestEditorNDOP answers the NDOP questions through the tab's widgets and
// checks the verdict shown is the model's for the same answers.
func TestEditorNDOP(t *testing.T) {
	yes, no := new(true), new(false)
	checked := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	cpi := func(n model.NDOPAssessment) model.NDOPAssessment {
		n.Anonymised, n.Identifiable, n.DutyOfConfidence, n.HealthOrCare = no, yes, yes, yes
		return n
	}
	for _, tc := range []struct {
		name    string
		inScope bool
		n       model.NDOPAssessment
		want    model.NDOPVerdict
		shown   []string // questions that must be visible
		hidden  []string // and hidden
	}{
		{name: "NotInScope", inScope: false, want: model.VerdictNotInScope,
			shown: []string{"in_scope_override"}, hidden: []string{"anonymised", "purpose", "check_method"}},
		{name: "NotInScopeOverride", inScope: true, n: model.NDOPAssessment{InScopeOverride: no}, want: model.VerdictNotInScope,
			hidden: []string{"anonymised"}},
		{name: "Unanswered", inScope: true, want: model.VerdictNotAssessed,
			shown: []string{"anonymised"}, hidden: []string{"identifiable", "purpose"}},
		{name: "Anonymised", inScope: true, n: model.NDOPAssessment{Anonymised: yes, AnonymisationJustification: "k-anonymity 10, ICO code"},
			want: model.VerdictDoesNotApply, hidden: []string{"identifiable", "confidentiality_basis"}},
		{name: "NotCPI", inScope: true, n: model.NDOPAssessment{Anonymised: no, Identifiable: no, DutyOfConfidence: yes, HealthOrCare: yes},
			want: model.VerdictDoesNotApply, shown: []string{"health_or_care"}, hidden: []string{"purpose"}},
		{name: "IndividualCare", inScope: true, n: cpi(model.NDOPAssessment{Purpose: model.PurposeIndividualCare}),
			want: model.VerdictDoesNotApply, shown: []string{"purpose"}, hidden: []string{"confidentiality_basis"}},
		{name: "S251Applies", inScope: true, n: cpi(model.NDOPAssessment{Purpose: model.PurposeResearch, ConfidentialityBasis: model.ConfS251,
			NHSNumberAvailable: yes, CheckMethod: model.CheckMESH, LastChecked: checked, OnlyReturnedNumbers: true, AssessedBy: "Zoë", AssessedAt: checked}),
			want: model.VerdictApplies, shown: []string{"s251_ndop_exempt", "nhs_number_available", "check_method", "last_checked", "only_returned_numbers"},
			hidden: []string{"evidence", "policy_exemption"}},
		{name: "S251CAGExempt", inScope: true, n: cpi(model.NDOPAssessment{Purpose: model.PurposeResearch, ConfidentialityBasis: model.ConfS251,
			S251NDOPExempt: true, Evidence: "19/CAG/0123"}),
			want: model.VerdictDoesNotApply, shown: []string{"evidence"}, hidden: []string{"nhs_number_available", "check_method"}},
		{name: "ImpliedConsentResearch", inScope: true, n: cpi(model.NDOPAssessment{Purpose: model.PurposeResearch, ConfidentialityBasis: model.ConfImpliedConsent}),
			want: model.VerdictBlocked, hidden: []string{"nhs_number_available"}},
		{name: "LegalRequirement", inScope: true, n: cpi(model.NDOPAssessment{Purpose: model.PurposeOtherBeyondCare, ConfidentialityBasis: model.ConfLegalRequirement,
			Evidence: "Care Act 2014 s42"}), want: model.VerdictDoesNotApply, shown: []string{"evidence"}},
		{name: "PolicyExemption", inScope: true, n: cpi(model.NDOPAssessment{Purpose: model.PurposePlanning, ConfidentialityBasis: model.ConfPolicyExemption,
			PolicyExemption: "Risk stratification for case finding"}), want: model.VerdictDoesNotApply, shown: []string{"policy_exemption"}},
		{name: "DisproportionateEffort", inScope: true, n: cpi(model.NDOPAssessment{Purpose: model.PurposeResearch, ConfidentialityBasis: model.ConfS251,
			NHSNumberAvailable: no, NHSNumberDisproportionateEffort: true, DisproportionateEffortReason: "Paper archive of 40,000 files."}),
			// ndop.md step 6: no NHS number still applies; disproportionate
			// effort is kept as evidence but no longer asked or decisive.
			want: model.VerdictApplies, shown: []string{"nhs_number_available", "check_method"},
			hidden: []string{"nhs_number_disproportionate_effort"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := mustRegister(t)
			org := mustOrganisation(t, db, "Mind in Harrow", tc.inScope)
			e, _ := newEditor(t, db)
			load(e, &model.Activity{OrganisationID: org.ID, Name: "Research extract"})
			answerNDOP(t, ui.Widgets(e), tc.n)

			if got := e.Activity().NDOP; mustJSON(t, got) != mustJSON(t, tc.n) {
				t.Fatalf("the widgets recorded\n%s\nwant\n%s", mustJSON(t, got), mustJSON(t, tc.n))
			}
			res := model.AssessNDOP(&model.Activity{NDOP: tc.n}, org)
			if res.Verdict != tc.want {
				t.Fatalf("model verdict %q, the test expects %q: %s", res.Verdict, tc.want, res.Reason)
			}
			w := ui.Widgets(e)
			if got, want := w.Verdict.Text, model.LabelOf(model.NDOPVerdicts, res.Verdict); got != want {
				t.Errorf("verdict shown %q, want %q", got, want)
			}
			if w.Reason.Text != res.Reason {
				t.Errorf("reason shown %q, want %q", w.Reason.Text, res.Reason)
			}
			for _, k := range tc.shown {
				if !ui.QuestionShown(e, k) {
					t.Errorf("question %s hidden, want it asked", k)
				}
			}
			for _, k := range tc.hidden {
				if ui.QuestionShown(e, k) {
					t.Errorf("question %s shown, want it skipped", k)
				}
			}
		})
	}
}

// answerNDOP sets the NDOP tab's widgets to n, as a user would.
func answerNDOP(t *testing.T, w ui.EditorWidgets, n model.NDOPAssessment) {
	t.Helper()
	tri := func(s *widget.Select, v *bool) {
		switch {
		case v == nil:
			s.SetSelectedIndex(0)
		case *v:
			s.SetSelectedIndex(1)
		default:
			s.SetSelectedIndex(2)
		}
	}
	text := func(en interface {
		fyne.Focusable
		SetText(string)
	}, s string) {
		en.SetText("")
		if s != "" {
			test.Type(en, s)
		}
	}
	date := func(en *widget.Entry, d time.Time) {
		if d.IsZero() {
			text(en, "")
			return
		}
		text(en, d.Format("2006-01-02"))
	}
	tri(w.Scope, n.InScopeOverride) // same indices: follow, yes, no
	tri(w.Anonymised, n.Anonymised)
	text(w.AnonJustify, n.AnonymisationJustification)
	tri(w.Identifiable, n.Identifiable)
	tri(w.DutyOfConfidence, n.DutyOfConfidence)
	tri(w.HealthOrCare, n.HealthOrCare)
	if n.Purpose != "" {
		w.Purpose.SetSelected(model.LabelOf(model.NDOPPurposes, n.Purpose))
	}
	if n.ConfidentialityBasis != "" {
		w.Basis.SetSelected(model.LabelOf(model.ConfidentialityBases, n.ConfidentialityBasis))
	}
	text(w.PolicyExemption, n.PolicyExemption)
	w.S251Exempt.SetChecked(n.S251NDOPExempt)
	text(w.Evidence, n.Evidence)
	tri(w.NHSNumber, n.NHSNumberAvailable)
	w.Disproportionate.SetChecked(n.NHSNumberDisproportionateEffort)
	text(w.DispReason, n.DisproportionateEffortReason)
	if n.CheckMethod != "" {
		w.CheckMethod.SetSelected(model.LabelOf(model.OptOutCheckMethods, n.CheckMethod))
	}
	date(w.LastChecked, n.LastChecked)
	w.OnlyReturned.SetChecked(n.OnlyReturnedNumbers)
	text(w.AssessedBy, n.AssessedBy)
	date(w.AssessedAt, n.AssessedAt)
}

// jsonDiff names the top-level JSON fields that differ between got and want.
func jsonDiff(tb testing.TB, got, want any) []string {
	tb.Helper()
	var g, w map[string]json.RawMessage
	if err := json.Unmarshal([]byte(mustJSON(tb, got)), &g); err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal([]byte(mustJSON(tb, want)), &w); err != nil {
		tb.Fatal(err)
	}
	var out []string
	for k, wv := range w {
		if gv := g[k]; string(gv) != string(wv) {
			out = append(out, k+": got "+string(gv)+", want "+string(wv))
		}
	}
	for k, gv := range g {
		if _, ok := w[k]; !ok {
			out = append(out, k+": got "+string(gv)+", want nothing")
		}
	}
	slices.Sort(out)
	return out
}

func inListOrder(cats []model.SpecialCategory) []model.SpecialCategory {
	out := slices.Clone(cats)
	pos := func(c model.SpecialCategory) int {
		return slices.IndexFunc(model.SpecialCategories, func(o model.Option[model.SpecialCategory]) bool { return o.Code == c })
	}
	slices.SortFunc(out, func(x, y model.SpecialCategory) int { return pos(x) - pos(y) })
	return out
}
