package ui_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
	"github.com/ropadesk/ropadesk/ui"
)

// TestSharedReviewAndPDF: on a shared register the Review screen starts a
// cycle and marks an activity reviewed (read back from the server through
// another connection), and the GUI's annual-review PDF, for the register
// and for the cycle, has the same bytes as `ropactl export --format pdf`
// on the same address.
func TestSharedReviewAndPDF(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "ropactl")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/ropadesk/ropadesk/cmd/ropactl").CombinedOutput(); err != nil {
		t.Fatalf("build ropactl: %v\n%s", err, out)
	}
	ctx := context.Background()
	srv := pgtest.Start(t)
	address := srv.Database(t)
	other, err := pgstore.Open(ctx, address)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ex := exchange.Example()
	if err := other.Apply(ctx, model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		t.Fatal(err)
	}

	u, w := newApp(t)
	u.Settings().SetUserName(reviewer)
	m := start(t, u, address)
	m.ShowReview()
	ui.Settle(u)
	s := m.Review()
	if s == nil {
		t.Fatal("no Review tab on a shared register")
	}
	startCycle(t, u, w, s, "Annual review 2026")
	c := s.Cycle()
	if c == nil {
		t.Fatal("no cycle started on the shared register")
	}
	first := ex.Activities[0]
	markReviewed(t, u, w, s, first.ID, "No change", "Checked with the service lead.", false)
	if r := reviewIn(t, other, first.ID, c.ID); r == nil || r.Reviewer != reviewer {
		t.Fatalf("the server holds review %+v, want one by %s in the cycle", r, reviewer)
	}
	if got := s.ProgressText(); got != "1 of 19 activities reviewed" {
		t.Errorf("progress %q", got)
	}

	guiNow := filepath.Join(dir, "gui-now.pdf")
	u.Export(".pdf", guiNow)
	ui.Settle(u)
	guiCycle := filepath.Join(dir, "gui-cycle.pdf")
	s.ExportPDF(guiCycle)
	ui.Settle(u)
	for _, tc := range []struct {
		name, gui string
		args      []string
	}{
		{"CurrentState", guiNow, nil},
		{"Cycle", guiCycle, []string{"--cycle", c.Name}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gui, err := os.ReadFile(tc.gui)
			if err != nil {
				t.Fatalf("the GUI wrote no PDF: %v", err)
			}
			cli := filepath.Join(dir, tc.name+"-cli.pdf")
			args := append([]string{"export", address, "--format", "pdf", "--out", cli}, tc.args...)
			cmd := exec.Command(bin, args...)
			cmd.Env = append(os.Environ(), "ROPA_USER="+reviewer)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("ropactl %v: %v\n%s", args, err, out)
			}
			want, err := os.ReadFile(cli)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(gui, want) {
				t.Errorf("the GUI's PDF of the shared register (%d bytes) differs from ropactl's (%d bytes)", len(gui), len(want))
			}
		})
	}
}
