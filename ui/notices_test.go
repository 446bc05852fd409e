package ui_test

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/uistore"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

const mhwsName = "Mental Health and Well Being Services Ltd"

// openExampleRegister opens a register holding the example data.
func openExampleRegister(t *testing.T) (*ui.App, fyne.Window, *store.DB) {
	t.Helper()
	u, w := newApp(t)
	start(t, u, filepath.Join(t.TempDir(), "Register.ropa"))
	ex := exchange.Example()
	db := u.Register().(uistore.Register).DB
	if err := db.Apply(context.Background(), model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		t.Fatal(err)
	}
	return u, w, db
}

func richText(rt *widget.RichText) string {
	var b strings.Builder
	for _, s := range rt.Segments {
		if t, ok := s.(interface{ Textual() string }); ok {
			b.WriteString(t.Textual() + "\n")
		}
		if l, ok := s.(*widget.ListSegment); ok {
			for _, it := range l.Items {
				if t, ok := it.(interface{ Textual() string }); ok {
					b.WriteString(t.Textual() + "\n")
				}
			}
		}
	}
	return b.String()
}

func TestNoticePreview(t *testing.T) {
	u, _, db := openExampleRegister(t)
	reg, err := db.Register(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s := ui.NewNoticesScreen(u, reg)
	wg := s.Widgets()
	wg.Organisation.SetSelected(mhwsName)
	wg.Audience.SetSelected("Service users")
	text := richText(wg.Preview)
	for _, want := range []string{"Who we are", "Research and service improvement", "The national data opt-out", "Your rights", "How to complain to us"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%.600s", want, text)
		}
	}
	if strings.Contains(text, "Art 6") {
		t.Error("article numbers shown without the option")
	}
	wg.Articles.SetChecked(true)
	if !strings.Contains(s.Markdown(), "UK GDPR Art 6(1)") {
		t.Error("article option ignored")
	}
	wg.Articles.SetChecked(false)

	test.Tap(wg.Copy)
	if got := fyne.CurrentApp().Clipboard().Content(); got != s.Markdown() || !strings.HasPrefix(got, "# Privacy notice for service users") {
		t.Errorf("clipboard: %.100q", got)
	}

	// A partnership: all six partners in one notice.
	wg.Organisation.SetSelected("Community Living Well")
	if wg.Audience.Selected == "" || !strings.Contains(s.Markdown(), "partnership of six organisations") {
		t.Errorf("partnership notice: audience %q\n%.400s", wg.Audience.Selected, s.Markdown())
	}

	if dir := os.Getenv("ROPA_NOTICE_SHOT"); dir != "" {
		wg.Organisation.SetSelected(mhwsName)
		wg.Audience.SetSelected("Service users")
		w := test.NewWindow(wg.Content)
		defer w.Close()
		w.Resize(fyne.NewSize(1000, 720))
		shot(t, w, filepath.Join(dir, "notice-preview.png"))
	}
}

func TestNoticeMenuAndCheck(t *testing.T) {
	u, w, db := openExampleRegister(t)
	reg, err := db.Register(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	u.ShowNotices()
	ui.Settle(u)
	top := overlay(t, w)
	rt := find(t, top, func(r *widget.RichText) bool { return strings.Contains(richText(r), "Who we are") })
	if rt == nil {
		t.Fatal("no preview in the dialog")
	}

	s := ui.NewNoticesScreen(u, reg)
	s.Widgets().Organisation.SetSelected(mhwsName)
	s.Widgets().Audience.SetSelected("Service users")
	before := sha256File(t, path)
	s.CheckFile("../report/notice/testdata/mhws-privacy-notice.txt")
	ui.Settle(u)
	cov := overlay(t, w)
	summary := find(t, cov, func(l *widget.Label) bool { return strings.Contains(l.Text, "REQUIRED gaps") })
	if !strings.Contains(summary.Text, "Mental Health and Well Being Services Ltd, notice for service users") {
		t.Errorf("summary %q", summary.Text)
	}
	if sha256File(t, path) != before {
		t.Error("checking a notice changed the register")
	}

	// A bad file says what is wrong, in words.
	empty := filepath.Join(t.TempDir(), "empty.txt")
	os.WriteFile(empty, nil, 0o600)
	s.CheckFile(empty)
	ui.Settle(u)
	errDlg := overlay(t, w)
	find(t, errDlg, func(l *widget.Label) bool { return strings.Contains(l.Text, "is empty") })
}

func sha256File(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestOrganisationComplaintsProcedure(t *testing.T) {
	u, _, db := openExampleRegister(t)
	m := u.Main()
	m.Reload()
	ui.Settle(u)
	s := m.Organisations()
	if !strings.Contains(s.ComplaintsEntry().Text, "acknowledge your complaint") {
		t.Fatalf("complaints procedure not shown: %q (editing %q)", s.ComplaintsEntry().Text, s.NameEntry().Text)
	}
	s.ComplaintsEntry().SetText("Write to the DPO; we reply within 20 days.")
	test.Tap(s.SaveButton())
	ui.Settle(u)
	orgs, err := db.Organisations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, o := range orgs {
		if o.Name == s.NameEntry().Text && o.ComplaintsProcedure == "Write to the DPO; we reply within 20 days." {
			found = true
		}
	}
	if !found {
		t.Error("complaints procedure not saved")
	}
}
