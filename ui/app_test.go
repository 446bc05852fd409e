package ui_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/internal/uistore"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// opener hands the UI real registers, as cmd/ropa does.
type opener = uistore.Opener

// newApp starts the UI in a test window of the app's default size.
func newApp(t *testing.T) (*ui.App, fyne.Window) {
	t.Helper()
	privateAppFolder(t)
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	u := ui.Create(a, w, opener{})
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		if r := u.Register(); r != nil {
			_ = r.Close()
		}
	})
	return u, w
}

// start opens (or creates) path and waits until the main window is shown.
func start(t *testing.T, u *ui.App, path string) *ui.MainWindow {
	t.Helper()
	u.Start(path)
	ui.Settle(u)
	if u.Register() == nil || u.Main() == nil {
		t.Fatalf("register %s did not open", path)
	}
	return u.Main()
}

// objects lists every object under o, descending into containers and
// widgets' renderers: what the DPO could see or reach.
func objects(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, objects(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, objects(c)...)
		}
	}
	return out
}

// find returns the first object of type T under root that matches.
func find[T fyne.CanvasObject](t *testing.T, root fyne.CanvasObject, match func(T) bool) T {
	t.Helper()
	for _, o := range objects(root) {
		if v, ok := o.(T); ok && match(v) {
			return v
		}
	}
	var zero T
	t.Fatalf("no %T matching under %T", zero, root)
	return zero
}

// overlayButton taps the button labelled text in the topmost dialog.
func overlayButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog is showing; wanted to press %q", text)
	}
	test.Tap(find(t, top, func(b *widget.Button) bool { return b.Text == text }))
}

// typeIn focuses the editor field at path and types text into it.
func typeIn(t *testing.T, u *ui.App, w fyne.Window, path, text string) {
	t.Helper()
	u.Main().Editor().FocusField(path)
	f := w.Canvas().Focused()
	if f == nil {
		t.Fatalf("FocusField(%q) focused nothing", path)
	}
	// Type at the end, after what the field already holds.
	if k, ok := f.(interface{ TypedKey(*fyne.KeyEvent) }); ok {
		k.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	}
	test.Type(f, text)
}

func activities(t *testing.T, reg ui.Register, f model.ActivityFilter) []model.ActivitySummary {
	t.Helper()
	rows, _, err := reg.ListActivities(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestDPOStory walks through issue 3's story on the real screens: each step
// checks what the register file holds afterwards.
func TestDPOStory(t *testing.T) {
	u, w := newApp(t)
	path := filepath.Join(t.TempDir(), "Register.ropa")
	m := start(t, u, path)
	reg := u.Register()
	if reg.Path() != path {
		t.Fatalf("opened %s, want %s", reg.Path(), path)
	}
	if got := w.Title(); got != "Register.ropa — ROPA Desk" {
		t.Errorf("title = %q", got)
	}
	ctx := context.Background()

	t.Run("AddOrganisation", func(t *testing.T) {
		orgs := m.Organisations()
		test.Type(orgs.NameEntry(), "Mental Health and Wellbeing Services")
		test.Tap(orgs.SaveButton())
		ui.Settle(u)
		got, err := reg.Organisations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Name != "Mental Health and Wellbeing Services" {
			t.Fatalf("organisations = %+v", got)
		}
	})

	var id uuid.UUID
	t.Run("AddActivity", func(t *testing.T) {
		m.NewActivity()
		ui.Settle(u)
		typeIn(t, u, w, "name", "Staff wellbeing referrals")

		// A special category: tick Health on the Data and people tab.
		u.Main().Editor().FocusField("special_categories")
		test.Tap(find(t, m.Editor().Content(), func(c *widget.Check) bool { return c.Text == "Health" }))

		// A lawful basis: add a row, then choose the basis in it.
		u.Main().Editor().FocusField("lawful_bases")
		test.Tap(w.Canvas().Focused().(*widget.Button))
		u.Main().Editor().FocusField("lawful_bases[0].basis")
		// The editor's select wraps widget.Select; choosing goes through it.
		sel, ok := w.Canvas().Focused().(interface{ SetSelected(string) })
		if !ok {
			t.Fatalf("lawful_bases[0].basis focused %T, want a select", w.Canvas().Focused())
		}
		sel.SetSelected(model.LabelOf(model.LawfulBases, model.BasisLegalObligation))
		if !m.Editor().Dirty() {
			t.Fatal("editor not dirty after typing")
		}

		m.Save()
		ui.Settle(u)
		rows := activities(t, reg, model.ActivityFilter{})
		if len(rows) != 1 {
			t.Fatalf("store holds %d activities, want 1", len(rows))
		}
		id = rows[0].ID
		a, err := reg.Activity(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Name != "Staff wellbeing referrals" {
			t.Errorf("name = %q", a.Name)
		}
		if !slices.Equal(a.SpecialCategories, []model.SpecialCategory{model.SpecialHealth}) {
			t.Errorf("special categories = %v", a.SpecialCategories)
		}
		if !a.HasBasis(model.BasisLegalObligation) || len(a.LawfulBases) != 1 {
			t.Errorf("lawful bases = %+v", a.LawfulBases)
		}
		if m.Editor().Dirty() || m.Current() != id {
			t.Errorf("after save: dirty %v, current %v, want clean and %v", m.Editor().Dirty(), m.Current(), id)
		}
	})

	t.Run("FindBySearch", func(t *testing.T) {
		list := m.List()
		test.Type(list.SearchEntry(), "nothing like it")
		ui.Settle(u)
		if list.Total() != 0 {
			t.Fatalf("search for a missing word lists %d", list.Total())
		}
		list.SearchEntry().SetText("")
		test.Type(list.SearchEntry(), "wellbeing")
		ui.Settle(u)
		row, ok := list.Row(0)
		if list.Total() != 1 || !ok || row.ID != id {
			t.Fatalf("search lists %d, first %+v; want the saved activity", list.Total(), row)
		}
		if row.Organisation != "Mental Health and Wellbeing Services" || len(row.SpecialCategories) != 1 {
			t.Errorf("row = %+v", row)
		}
	})

	t.Run("Edit", func(t *testing.T) {
		// Pick it from the list, as the DPO would after searching.
		m.List().Table().Select(widget.TableCellID{Row: 0, Col: 0})
		ui.Settle(u)
		if m.Current() != id {
			t.Fatalf("editor shows %v, want %v", m.Current(), id)
		}
		typeIn(t, u, w, "business_function", "Human resources")
		m.Save()
		ui.Settle(u)
		a, err := reg.Activity(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.BusinessFunction != "Human resources" {
			t.Errorf("business function = %q", a.BusinessFunction)
		}
	})

	t.Run("ValidationMessage", func(t *testing.T) {
		m.Editor().FocusField("name")
		w.Canvas().Focused().(*widget.Entry).SetText("")
		m.Save()
		ui.Settle(u)
		find(t, m.Editor().Content(), func(l *widget.Label) bool {
			return l.Visible() && strings.Contains(l.Text, "The activity needs a name.")
		})
		a, err := reg.Activity(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Name != "Staff wellbeing referrals" {
			t.Errorf("a failed save changed the name to %q", a.Name)
		}
		m.Revert()
		if m.Editor().Dirty() || m.Editor().Activity().Name != "Staff wellbeing referrals" {
			t.Errorf("revert left %q, dirty %v", m.Editor().Activity().Name, m.Editor().Dirty())
		}
	})

	t.Run("Delete", func(t *testing.T) {
		m.Delete()
		overlayButton(t, w, "Cancel")
		ui.Settle(u)
		if _, err := reg.Activity(ctx, id); err != nil {
			t.Fatalf("cancelled delete: %v", err)
		}
		m.Delete()
		overlayButton(t, w, "Delete")
		ui.Settle(u)
		_, err := reg.Activity(ctx, id)
		if model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("after delete, Activity gives %v; want not found", err)
		}
		if m.List().Total() != 0 {
			t.Errorf("list still shows %d", m.List().Total())
		}
	})
}

// seed writes a register with one organisation and n activities, in one
// batch as an import would.
func seed(t testing.TB, n int) (path string, ids []uuid.UUID) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "big.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	org := model.Organisation{ID: uuid.Must(uuid.NewV7()), Name: "Northshire Care Trust", NDOPInScope: true}
	ch := model.Changes{Organisations: []model.Organisation{org}}
	for i := range n {
		a := model.Activity{
			ID:               uuid.Must(uuid.NewV7()),
			OrganisationID:   org.ID,
			Role:             model.RoleController,
			Status:           model.StatusActive,
			Name:             fmt.Sprintf("Activity %05d", i),
			BusinessFunction: fmt.Sprintf("Function %d", i%17),
			LawfulBases:      []model.BasisClaim{{Basis: model.BasisPublicTask, Reason: "Statutory duty"}},
		}
		if i%3 == 0 {
			a.SpecialCategories = []model.SpecialCategory{model.SpecialHealth}
		}
		ids = append(ids, a.ID)
		ch.Activities = append(ch.Activities, a)
	}
	if err := db.Apply(ctx, ch); err != nil {
		t.Fatal(err)
	}
	return path, ids
}

// cellTexts is the text of every label the activity table draws.
func cellTexts(tbl *widget.Table) []string {
	var out []string
	for _, o := range objects(tbl) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			out = append(out, l.Text)
		}
	}
	return out
}

func TestListTenThousand(t *testing.T) {
	path, _ := seed(t, 10000)
	u, _ := newApp(t)
	m := start(t, u, path)
	list := m.List()
	if list.Total() != 10000 {
		t.Fatalf("total = %d, want 10000", list.Total())
	}
	if r, ok := list.Row(0); !ok || r.Name != "Activity 00000" {
		t.Fatalf("first row = %+v, %v", r, ok)
	}
	if texts := cellTexts(list.Table()); !slices.Contains(texts, "Activity 00000") {
		t.Fatalf("first page not drawn: %q", texts)
	}

	list.Table().ScrollToBottom()
	ui.Settle(u) // the table asked for the last page; let it arrive
	list.Table().Refresh()
	if r, ok := list.Row(9999); !ok || r.Name != "Activity 09999" {
		t.Fatalf("last row = %+v, %v", r, ok)
	}
	texts := cellTexts(list.Table())
	if !slices.Contains(texts, "Activity 09999") {
		t.Fatalf("last row not drawn after scrolling: %q", texts)
	}
	if slices.Contains(texts, "…") {
		t.Errorf("rows still waiting for data after scrolling: %q", texts)
	}

	// Search narrows 10,000 rows; sorting by name descending reverses them.
	test.Type(list.SearchEntry(), "09998")
	ui.Settle(u)
	if list.Total() != 1 {
		t.Errorf("search lists %d, want 1", list.Total())
	}
	list.SearchEntry().SetText("")
	ui.Settle(u)
	list.SortBy(model.SortName) // already by name: reverses
	ui.Settle(u)
	if r, ok := list.Row(0); !ok || r.Name != "Activity 09999" {
		t.Errorf("after reversing, first row = %+v", r)
	}
}

func TestDirtyPromptOnSwitch(t *testing.T) {
	path, ids := seed(t, 2)
	ctx := context.Background()
	u, w := newApp(t)
	m := start(t, u, path)
	if m.Current() != ids[0] {
		t.Fatalf("opened on %v, want the first activity %v", m.Current(), ids[0])
	}
	typeIn(t, u, w, "name", " (edited)")
	if !m.Editor().Dirty() {
		t.Fatal("typing did not make the editor dirty")
	}

	pick := func() { m.List().Table().Select(widget.TableCellID{Row: 1, Col: 0}); ui.Settle(u) }

	t.Run("Cancel", func(t *testing.T) {
		pick()
		overlayButton(t, w, "Cancel")
		ui.Settle(u)
		if m.Current() != ids[0] || !m.Editor().Dirty() {
			t.Fatalf("after cancel: current %v dirty %v; want to stay on the edited activity", m.Current(), m.Editor().Dirty())
		}
	})
	t.Run("Discard", func(t *testing.T) {
		pick()
		overlayButton(t, w, "Discard")
		ui.Settle(u)
		if m.Current() != ids[1] {
			t.Fatalf("after discard, current = %v", m.Current())
		}
		a, err := reg(u).Activity(ctx, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if a.Name != "Activity 00000" {
			t.Errorf("discarded edit was saved: %q", a.Name)
		}
	})
	t.Run("Save", func(t *testing.T) {
		typeIn(t, u, w, "name", " (edited)")
		m.List().Table().Select(widget.TableCellID{Row: 0, Col: 0})
		ui.Settle(u)
		overlayButton(t, w, "Save")
		ui.Settle(u)
		if m.Current() != ids[0] {
			t.Fatalf("after save, current = %v", m.Current())
		}
		a, err := reg(u).Activity(ctx, ids[1])
		if err != nil {
			t.Fatal(err)
		}
		if a.Name != "Activity 00001 (edited)" {
			t.Errorf("saved name = %q", a.Name)
		}
	})
}

func TestCloseWindowAsksFirst(t *testing.T) {
	path, ids := seed(t, 1)
	u, w := newApp(t)
	m := start(t, u, path)
	typeIn(t, u, w, "name", "!")
	closed := false
	w.SetOnClosed(func() { closed = true })
	m.ConfirmLeave(func() { closed = true })
	overlayButton(t, w, "Cancel")
	if closed {
		t.Fatal("cancel closed anyway")
	}
	m.ConfirmLeave(func() { closed = true })
	overlayButton(t, w, "Save")
	ui.Settle(u)
	if !closed {
		t.Fatal("save did not go on to close")
	}
	a, err := reg(u).Activity(context.Background(), ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "Activity 00000!" {
		t.Errorf("name = %q", a.Name)
	}
}

func TestOpenNotARegister(t *testing.T) {
	u, w := newApp(t)
	path := filepath.Join(t.TempDir(), "notes.ropa")
	if err := writeFile(path, "shopping list"); err != nil {
		t.Fatal(err)
	}
	u.Start(path)
	ui.Settle(u)
	if u.Register() != nil {
		t.Fatal("a text file opened as a register")
	}
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no error shown")
	}
	find(t, top, func(l *widget.Label) bool { return strings.Contains(strings.ToLower(l.Text), "register") })
}

func reg(u *ui.App) ui.Register { return u.Register() }

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o600) }

// privateAppFolder gives the test its own app folder. Fyne's test storage
// is the system's temporary folder, so without this every test (and every
// test process on the machine) would open the same example register, and
// one still held by an earlier test would open read-only.
func privateAppFolder(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
}
