package ui_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/uistore"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// TestPDFSameAsRopactl exports the annual-review PDF of one register from
// the GUI and with `ropactl export --format pdf`, for the current state and
// for an open review cycle after a signed-off one, and wants the same bytes:
// both go through report.BuildInput, so the GUI's PDF also lists the
// changes since the previous sign-off.
func TestPDFSameAsRopactl(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "ropactl")
	build := exec.Command("go", "build", "-o", bin, "github.com/ropadesk/ropadesk/cmd/ropactl")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build ropactl: %v\n%s", err, out)
	}
	u, _ := newApp(t)
	path := filepath.Join(dir, "Register.ropa")
	m := start(t, u, path)
	ctx := context.Background()
	db := u.Register().(uistore.Register).DB
	ex := exchange.Example()
	if err := db.Apply(ctx, model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	old := model.ReviewCycle{Name: "Annual review 2025", StartedAt: day.AddDate(0, -1, 0), IntervalMonths: 12}
	if err := db.CreateCycle(ctx, &old); err != nil {
		t.Fatal(err)
	}
	if err := db.SignOff(ctx, old.ID, model.SignOff{By: reviewer, Role: "Data Protection Officer", Date: day, Statement: "Complete and accurate.", Acknowledgement: "The first cycle: activities are reviewed in the next."}); err != nil {
		t.Fatal(err)
	}
	a, err := db.Activity(ctx, ex.Activities[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	a.Retention = "Ten years after the last contact"
	if err := db.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	cycle := model.ReviewCycle{Name: "Annual review 2026", StartedAt: day.AddDate(1, -1, 0), IntervalMonths: 12}
	if err := db.CreateCycle(ctx, &cycle); err != nil {
		t.Fatal(err)
	}

	guiNow := filepath.Join(dir, "gui-now.pdf")
	u.Export(".pdf", guiNow)
	ui.Settle(u)
	m.ShowReview()
	ui.Settle(u)
	guiCycle := filepath.Join(dir, "gui-cycle.pdf")
	m.Review().ExportPDF(guiCycle)
	ui.Settle(u)
	// ropactl may not open a register the GUI holds open.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name, gui string
		args      []string
	}{
		{"CurrentState", guiNow, nil},
		{"OpenCycle", guiCycle, []string{"--cycle", cycle.Name}},
	} {
		t.Run(c.name, func(t *testing.T) {
			gui, err := os.ReadFile(c.gui)
			if err != nil {
				t.Fatalf("the GUI wrote no PDF: %v", err)
			}
			cli := filepath.Join(dir, c.name+"-cli.pdf")
			args := append([]string{"export", path, "--format", "pdf", "--out", cli}, c.args...)
			if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
				t.Fatalf("ropactl %v: %v\n%s", args, err, out)
			}
			want, err := os.ReadFile(cli)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(gui, want) {
				t.Errorf("the GUI's PDF (%d bytes) differs from ropactl's (%d bytes)", len(gui), len(want))
			}
			text, err := exec.Command("pdftotext", "-enc", "UTF-8", c.gui, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			flat := strings.Join(strings.Fields(string(text)), " ")
			for _, w := range []string{"Annual review 2025", "Ten years after the last contact"} {
				if !strings.Contains(flat, w) {
					t.Errorf("the GUI's PDF does not show the change since the previous sign-off: %q is missing", w)
				}
			}
		})
	}
}
