package ui_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/internal/sqlitetest"
	"github.com/ropadesk/ropadesk/internal/uistore"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// historyDB is a register as cmd/ropa's adapter hands it over.
type historyDB = uistore.Register

// volumeDB is a register that says it lives on a network drive.
type volumeDB struct{ historyDB }

func (volumeDB) VolumeNote() string {
	return "Register on a network drive: using the rollback journal."
}

// wrapOpener is the test opener handing over wrapped registers.
type wrapOpener struct {
	opener
	wrap func(*store.DB) ui.Register
}

func (o wrapOpener) Create(ctx context.Context, path string) (ui.Register, error) {
	db, err := store.Create(ctx, path)
	if err != nil {
		return nil, err
	}
	return o.wrap(db), nil
}

func (o wrapOpener) Open(ctx context.Context, path string) (ui.Register, error) {
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return o.wrap(db), nil
}

// newWrappedApp is newApp with an opener that wraps each register.
func newWrappedApp(t *testing.T, wrap func(*store.DB) ui.Register) (*ui.App, fyne.Window) {
	t.Helper()
	privateAppFolder(t)
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	u := ui.Create(a, w, wrapOpener{wrap: wrap})
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		if r := u.Register(); r != nil {
			_ = r.Close()
		}
	})
	return u, w
}

// historyRow is the labels' text of the history's row for change i and
// its restore button.
func historyRow(v *ui.HistoryView, i int) (string, *widget.Button) { return rowText(v.Row(i)) }

func TestEditorHistoryRestore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "h.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetUser("Dana Scully")
	org := mustOrganisation(t, db, "MHWS", false)
	a := &model.Activity{OrganisationID: org.ID, Name: "Payroll", Role: model.RoleController, Status: model.StatusActive, Retention: "Six years"}
	if err := db.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	for _, r := range []string{"Seven years", "Eight years"} {
		a.Retention = r
		if err := db.UpdateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	u, _ := newWrappedApp(t, func(db *store.DB) ui.Register { return historyDB{DB: db} })
	m := start(t, u, path)
	if m.Current() != a.ID {
		t.Fatalf("editor shows %v, want %v", m.Current(), a.ID)
	}
	e := m.Editor()
	h := e.History()
	if h == nil {
		t.Fatal("no history view for a register that keeps history")
	}
	before := len(h.Changes())
	// Newest first: the create, then two retention changes.
	first := -1
	for i, c := range h.Changes() {
		if c.Field == "retention" && c.Old == `"Six years"` {
			first = i
		}
	}
	if before < 3 || first < 0 || h.Changes()[before-1].Action != "create" {
		t.Fatalf("history = %+v", h.Changes())
	}
	text, restore := historyRow(h, first)
	if !strings.Contains(text, "Dana Scully") || !strings.Contains(text, "Before | Six years | After | Seven years") {
		t.Fatalf("row shows %q", text)
	}

	test.Tap(restore)
	if !e.Dirty() || e.Activity().Retention != "Six years" {
		t.Fatalf("after restore: dirty %v, retention %q", e.Dirty(), e.Activity().Retention)
	}
	if got, _ := u.Register().Activity(ctx, a.ID); got.Retention != "Eight years" {
		t.Fatalf("restore saved before the DPO did: %q", got.Retention)
	}
	m.Save()
	ui.Settle(u)
	if e.Dirty() {
		t.Fatal("still dirty after Save")
	}
	got, err := u.Register().Activity(ctx, a.ID)
	if err != nil || got.Retention != "Six years" {
		t.Fatalf("store holds %+v, %v; want retention Six years", got, err)
	}
	changes := h.Changes()
	if len(changes) != before+1 {
		t.Fatalf("history has %d changes after the restore was saved, want %d: %+v", len(changes), before+1, changes)
	}
	if c := changes[0]; c.Field != "retention" || c.Old != `"Eight years"` || c.New != `"Six years"` {
		t.Fatalf("newest change = %+v", c)
	}

	t.Run("ErrNotInForm", func(t *testing.T) {
		err := e.RestoreField("extra", `[{"heading":"Owner","value":"HR"}]`)
		if model.ErrorCode(err) != model.EINVALID || e.Dirty() {
			t.Fatalf("restoring a field the form does not carry: %v, dirty %v", err, e.Dirty())
		}
	})
	t.Run("ErrID", func(t *testing.T) {
		if err := e.RestoreField("id", `"`+uuid.NewString()+`"`); model.ErrorCode(err) != model.EINVALID {
			t.Fatalf("restoring the id: %v", err)
		}
	})
	t.Run("Revert", func(t *testing.T) {
		if err := e.RestoreField("retention", ""); err != nil {
			t.Fatal(err)
		}
		if e.Activity().Retention != "" || !e.Dirty() {
			t.Fatalf("restoring no value: retention %q, dirty %v", e.Activity().Retention, e.Dirty())
		}
		m.Revert()
		if e.Activity().Retention != "Six years" || e.Dirty() {
			t.Fatalf("revert after restore: retention %q, dirty %v", e.Activity().Retention, e.Dirty())
		}
	})
}

func TestStatusBar(t *testing.T) {
	path, _ := seed(t, 2)
	u, _ := newWrappedApp(t, func(db *store.DB) ui.Register { return volumeDB{historyDB{DB: db}} })
	m := start(t, u, path)
	status := m.Status().Text()
	for _, want := range []string{"Last good backup:", "Backed up today.", "network drive"} {
		if !strings.Contains(status, want) {
			t.Errorf("status bar %q does not say %q", status, want)
		}
	}
	if strings.Contains(status, "Read-only") {
		t.Errorf("status bar of a writable register: %q", status)
	}
	list, err := store.ListBackups(store.DefaultBackupDir(path))
	if err != nil || len(list) != 1 || !list[0].OK {
		t.Fatalf("backups after opening: %+v, %v", list, err)
	}

	// Opening again the same day makes no second backup.
	u.CloseRegister()
	ui.Settle(u)
	start(t, u, path)
	if list, _ := store.ListBackups(store.DefaultBackupDir(path)); len(list) != 1 {
		t.Fatalf("reopening made another backup: %d", len(list))
	}
}

func TestReadOnlyRegister(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		says    string
	}{
		{"SecondInstance", func(t *testing.T, path string) {
			// The first instance keeps the register open, and its lock.
			db, err := store.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
		}, "open"},
		{"NewerSchema", func(t *testing.T, path string) {
			d, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			if _, err := d.Exec(`PRAGMA user_version = 999`); err != nil {
				t.Fatal(err)
			}
		}, "newer version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, ids := seed(t, 2)
			tt.prepare(t, path)
			u, w := newWrappedApp(t, func(db *store.DB) ui.Register { return historyDB{DB: db} })
			m := start(t, u, path)
			reason := u.Register().ReadOnly()
			if !strings.Contains(reason, tt.says) {
				t.Fatalf("ReadOnly() = %q, want it to say %q", reason, tt.says)
			}
			if s := m.Status().Text(); !strings.Contains(s, "Read-only:") || !strings.Contains(s, tt.says) {
				t.Errorf("status bar %q does not give the reason", s)
			}
			if !strings.Contains(w.Title(), "read-only") {
				t.Errorf("title %q", w.Title())
			}
			if m.Current() != ids[0] {
				t.Fatalf("editor shows %v, want %v", m.Current(), ids[0])
			}

			e := m.Editor()
			ew := ui.Widgets(e)
			for name, d := range map[string]fyne.Disableable{
				"name": ew.Name, "organisation": ew.Organisation, "purposes": ew.Purposes,
				"criminal": ew.Criminal, "NDOP scope": ew.Scope,
				"health check": ui.SpecialCheck(e, model.SpecialHealth),
			} {
				if !d.Disabled() {
					t.Errorf("%s is editable in a read-only register", name)
				}
			}
			if ew.AddBasis.Visible() && !ew.AddBasis.Disabled() {
				t.Error("Add a lawful basis is offered in a read-only register")
			}
			test.Type(ew.Name, "typed anyway")
			if e.Dirty() {
				t.Error("typing into a read-only register made the editor dirty")
			}
			for _, text := range []string{"Save", "New activity", "Duplicate", "Delete"} {
				btn := findButton(t, w.Content(), text)
				if !btn.Disabled() {
					t.Errorf("%s is enabled in a read-only register", text)
				}
			}
			if h := e.History(); h != nil {
				if _, restore := historyRow(h, 0); restore != nil && restore.Visible() {
					t.Error("a read-only register offers to restore a value")
				}
			}
			if err := e.RestoreField("name", `"Renamed"`); model.ErrorCode(err) != model.EREADONLY {
				t.Errorf("RestoreField on a read-only register: %v", err)
			}

			orgs := m.Organisations()
			if !orgs.NameEntry().Disabled() || !orgs.SaveButton().Disabled() {
				t.Error("the organisations screen is editable in a read-only register")
			}
			tabs := find(t, w.Content(), func(x *container.AppTabs) bool {
				return len(x.Items) > 1 && x.Items[1].Text == "Organisations"
			})
			tabs.SelectIndex(1)
			if !findButton(t, w.Content(), "New organisation").Disabled() {
				t.Error("New organisation is enabled in a read-only register")
			}
			if list, _ := store.ListBackups(store.DefaultBackupDir(path)); len(list) != 0 {
				t.Errorf("a read-only register was backed up: %+v", list)
			}
		})
	}
}

// findButton is the button labelled text anywhere under root.
func findButton(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	return find(t, root, func(b *widget.Button) bool { return b.Text == text })
}

func TestDamagedRegisterOffersRestore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "damaged.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	org := mustOrganisation(t, db, "MHWS", false)
	// Enough activities to fill many pages, so that overwriting one page
	// damages the table without making the file unreadable.
	ch := model.Changes{}
	for i := range 60 {
		ch.Activities = append(ch.Activities, model.Activity{
			ID: uuid.Must(uuid.NewV7()), OrganisationID: org.ID, Name: fmt.Sprintf("Activity %02d", i),
			Role: model.RoleController, Status: model.StatusActive,
			Description: strings.Repeat("Kept for the care of residents. ", 40),
		})
	}
	if err := db.Apply(ctx, ch); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Backup(ctx, ""); err != nil {
		t.Fatal(err)
	}
	db.Close()
	sqlitetest.OverwriteTableRoot(t, path, "activities")

	u, w := newApp(t)
	u.Start(path)
	ui.Settle(u)
	reg := u.Register()
	if reg == nil || reg.ReadOnly() == "" {
		t.Fatalf("a damaged register did not open read-only: %v", reg)
	}
	if !strings.Contains(u.Main().Status().Text(), "damaged") {
		t.Errorf("status bar %q", u.Main().Status().Text())
	}
	offer := overlayWith(t, w, "A good backup from")
	test.Tap(find(t, offer, func(b *widget.Button) bool { return b.Text == "Restore" }))
	ui.Settle(u)

	reg = u.Register()
	if reg.ReadOnly() != "" || reg.(ui.RegisterHealth).Damaged() {
		t.Fatalf("after restore: read-only %q", reg.ReadOnly())
	}
	if rows := activities(t, reg, model.ActivityFilter{}); len(rows) != 60 {
		t.Fatalf("restored register lists %d activities, want 60", len(rows))
	}
	if u.Main().List().Total() != 60 {
		t.Errorf("the list shows %d after restore", u.Main().List().Total())
	}
}

// overlayWith is the dialog showing a label that contains text.
func overlayWith(t *testing.T, w fyne.Window, text string) fyne.CanvasObject {
	t.Helper()
	var shown []string
	for _, o := range w.Canvas().Overlays().List() {
		for _, x := range objects(o) {
			if l, ok := x.(*widget.Label); ok {
				shown = append(shown, l.Text)
				if strings.Contains(l.Text, text) {
					return o
				}
			}
		}
	}
	t.Fatalf("no dialog says %q; dialogs say %q", text, shown)
	return nil
}

// A register left open past midnight still gets that day's backup: the app
// checks again while it runs, not only when the register is opened.
func TestDailyBackupWhileOpen(t *testing.T) {
	old := ui.SetBackupCheckInterval(20 * time.Millisecond)
	t.Cleanup(func() { ui.SetBackupCheckInterval(old) })
	path, _ := seed(t, 2)
	u, _ := newWrappedApp(t, func(db *store.DB) ui.Register { return historyDB{DB: db} })
	start(t, u, path)
	dir := store.DefaultBackupDir(path)
	if list, _ := store.ListBackups(dir); len(list) != 1 {
		t.Fatalf("backups after opening: %d, want 1", len(list))
	}
	// Losing today's backup stands in for the day turning over. The checks
	// run on their own goroutine, so one may be writing into the folder
	// while it is removed: try again until the folder is gone.
	for tries := 0; ; tries++ {
		err := os.RemoveAll(dir)
		if err == nil {
			break
		}
		if tries == 100 {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		time.Sleep(30 * time.Millisecond)
		ui.Settle(u)
		if list, _ := store.ListBackups(dir); len(list) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no new backup was made while the register stayed open")
		}
	}
	// Once the register is closed the checks stop.
	u.CloseRegister()
	ui.Settle(u)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	ui.Settle(u)
	if list, _ := store.ListBackups(dir); len(list) != 0 {
		t.Fatalf("a closed register was backed up: %d", len(list))
	}
}
