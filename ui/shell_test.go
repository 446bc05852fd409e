package ui_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/ropadesk/ropadesk/ui"
)

func TestSettingsRecentFiles(t *testing.T) {
	dir := t.TempDir()
	file := func(i int) string {
		p := filepath.Join(dir, fmt.Sprintf("r%d.ropa", i))
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	s := ui.NewSettings(test.NewTempApp(t).Preferences())
	for i := range 10 {
		s.AddRecentFile(file(i))
	}
	s.AddRecentFile(file(5)) // reopening moves it to the top, once
	got := s.RecentFiles()
	want := []string{file(5), file(9), file(8), file(7), file(6), file(4), file(3), file(2)}
	if !slices.Equal(got, want) {
		t.Errorf("recent = %v\nwant %v", got, want)
	}
	if s.LastRegister() != file(5) {
		t.Errorf("last register = %q", s.LastRegister())
	}
	if err := os.Remove(file(9)); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(s.RecentFiles(), file(9)) {
		t.Error("a deleted file is still offered")
	}
	s.ForgetLastRegister()
	if s.LastRegister() != "" {
		t.Error("ForgetLastRegister kept it")
	}
}

func TestStartReopensLastRegister(t *testing.T) {
	path, _ := seed(t, 3)
	a := test.NewTempApp(t)
	ui.NewSettings(a.Preferences()).AddRecentFile(path)
	w := test.NewWindow(nil)
	defer w.Close()
	u := ui.Create(a, w, opener{})
	u.Start("")
	ui.Settle(u)
	if u.Register() == nil || u.Register().Path() != path {
		t.Fatalf("did not reopen %s", path)
	}
	defer u.Register().Close()
	if u.Main().List().Total() != 3 {
		t.Errorf("list shows %d", u.Main().List().Total())
	}
}

func TestProblemOpensActivityAtField(t *testing.T) {
	// Seeded activities record no retention period, which the rules always
	// flag (legal-bases.md: "no retention period … warnings"), so there is
	// a finding to open whatever else the rules come to say.
	path, _ := seed(t, 3)
	u, w := newApp(t)
	start(t, u, path)
	p := u.Main().Problems()
	if len(p.Findings()) == 0 {
		t.Fatal("the Problems screen lists no findings for activities without a retention period")
	}
	f := p.Findings()[0]
	if f.Field == "" {
		t.Fatalf("the first finding (%s) names no field to open", f.Message)
	}
	// Opening a finding loads its activity, whichever was open before.
	p.List().Select(0)
	ui.Settle(u)
	if u.Main().Current() != f.ActivityID {
		t.Fatalf("editor shows %v, want %v (%s)", u.Main().Current(), f.ActivityID, f.Activity)
	}
	if w.Canvas().Focused() == nil {
		t.Errorf("nothing focused for field %q", f.Field)
	}
}

func TestBackupsRestoreReopens(t *testing.T) {
	path, ids := seed(t, 2)
	ctx := context.Background()
	u, _ := newApp(t)
	start(t, u, path)

	d := u.ShowBackups()
	if d == nil {
		t.Fatal("no backups dialog")
	}
	ui.Settle(u)
	test.Tap(d.BackUpButton())
	ui.Settle(u)
	if len(d.Backups()) == 0 {
		t.Fatalf("no backup listed after backing up; status %q", d.Status())
	}

	// A change after the backup, which the restore must undo.
	if err := u.Register().DeleteActivity(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	old := u.Register()
	d.Confirm = func(_, _ string, done func(bool)) { done(true) }
	d.List().Select(0)
	test.Tap(d.RestoreButton())
	ui.Settle(u)

	if u.Register() == old {
		t.Fatal("the UI still holds the closed register")
	}
	if _, err := u.Register().Activity(ctx, ids[1]); err != nil {
		t.Fatalf("restored register lacks the deleted activity: %v (status %q)", err, d.Status())
	}
	if u.Main().List().Total() != 2 {
		t.Errorf("list shows %d after restore, want 2", u.Main().List().Total())
	}
}
