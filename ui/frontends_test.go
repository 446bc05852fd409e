package ui_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// buildRopactl builds the command-line tool into a temporary folder, so a
// test can run the CLI path exactly as a DPO's script does.
// It is built once per test run, into a folder removed when the run ends.
func buildRopactl(t *testing.T) string {
	t.Helper()
	ropactl.once.Do(func() {
		// In the system's temporary folder as the run began, not in the
		// test's own (privateAppFolder), which goes when that test ends.
		dir, err := os.MkdirTemp(systemTemp, "ropactl-test-")
		if err != nil {
			ropactl.err = err
			return
		}
		ropactl.path = filepath.Join(dir, "ropactl")
		cmd := exec.Command("go", "build", "-o", ropactl.path, "github.com/ropadesk/ropadesk/cmd/ropactl")
		if out, err := cmd.CombinedOutput(); err != nil {
			ropactl.err = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if ropactl.err != nil {
		t.Fatalf("build ropactl: %v", ropactl.err)
	}
	return ropactl.path
}

// systemTemp is the temporary folder before any test gave itself its own.
var systemTemp = os.TempDir()

var ropactl struct {
	once sync.Once
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if ropactl.path != "" {
		os.RemoveAll(filepath.Dir(ropactl.path))
	}
	os.Exit(code)
}

// TestGUIAndCLIExportTheSameBytes exports one register from the app's
// File → Export and with `ropactl export` and compares the files byte for
// byte: the README promises "same state, same bytes", and both go through
// desk.Export. The register has a signed-off cycle before the current
// state, so the PDF's "changes since the last review" (which the app's
// copy once left out) is part of what is compared.
func TestGUIAndCLIExportTheSameBytes(t *testing.T) {
	bin := buildRopactl(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.ropa")
	run := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("ropactl %v: %v\n%s", args, err, out)
		}
	}
	run("example", path)
	run("review", "start", path, "--name", "Annual review 2025", "--date", "2025-03-01")
	run("review", "mark", path, "--cycle", "Annual review 2025", "--all", "--outcome", "no_change", "--reviewer", "Zoë Ní Bhriain", "--date", "2025-03-02")
	run("review", "signoff", path, "--cycle", "Annual review 2025", "--by", "Zoë Ní Bhriain", "--role", "Data Protection Officer", "--statement", "Complete and accurate.", "--date", "2025-03-03")

	u, w := newApp(t)
	start(t, u, path)
	for _, f := range desk.Formats {
		t.Run(string(f), func(t *testing.T) {
			gui := filepath.Join(dir, "gui-"+string(f)+f.Ext())
			cli := filepath.Join(dir, "cli-"+string(f)+f.Ext())
			u.ExportAs(f, gui)
			ui.Settle(u)
			overlayButton(t, w, "OK") // "Export finished"
			run("export", path, "--format", string(f), "--out", cli)
			a, err := os.ReadFile(gui)
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(cli)
			if err != nil {
				t.Fatal(err)
			}
			if len(a) == 0 || !bytes.Equal(a, b) {
				t.Fatalf("the app's %s (%d bytes) and ropactl's (%d bytes) differ", f, len(a), len(b))
			}
		})
	}
}

// TestImportOpenReviewCycle imports the app's own XLSX of a register with
// an open review cycle into an empty register through File → Import: it
// imports everything, the cycle once, and shows no error afterwards. (The
// app once re-created the cycles Apply had already created, and then
// reported "There is already a review cycle called …".)
func TestImportOpenReviewCycle(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	srcPath := filepath.Join(dir, "source.ropa")
	src, err := store.Create(ctx, srcPath)
	if err != nil {
		t.Fatal(err)
	}
	ex := exchange.Example()
	if err := src.Apply(ctx, model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		t.Fatal(err)
	}
	cycle, err := desk.StartReview(ctx, src, "Annual review 2026", 12, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	first, err := src.Activity(ctx, ex.Activities[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	review := model.Review{Date: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Reviewer: "Zoë Ní Bhriain", Outcome: model.OutcomeNoChange}
	if err := desk.MarkReviewed(ctx, src, cycle, []*model.Activity{first}, review); err != nil {
		t.Fatal(err)
	}
	xlsx := filepath.Join(dir, "source.xlsx")
	if err := desk.ExportFile(ctx, src, desk.XLSX, xlsx, desk.ExportOptions{Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	src.Close()

	u, w := newApp(t)
	start(t, u, filepath.Join(dir, "empty.ropa"))
	u.PreviewImport(xlsx)
	ui.Settle(u)
	overlayButton(t, w, "Import")
	ui.Settle(u)
	if top := w.Canvas().Overlays().Top(); top != nil {
		var texts []string
		for _, o := range objects(top) {
			if l, ok := o.(*widget.Label); ok {
				texts = append(texts, l.Text)
			}
		}
		t.Fatalf("a dialog shows after the import: %q", texts)
	}
	cycles, err := u.Register().Cycles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cycles) != 1 || cycles[0].Name != "Annual review 2026" || cycles[0].SignOff != nil {
		t.Fatalf("cycles after import: %+v", cycles)
	}
	if got := u.Main().List().Total(); got != len(ex.Activities) {
		t.Errorf("list shows %d activities after import, want %d", got, len(ex.Activities))
	}
}
