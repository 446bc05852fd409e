package ui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/store"
)

// fileRecords is a register file as the records screens see it: the
// store's methods, and its history in ui's terms, as cmd/ropa hands it
// over (internal/uistore cannot be imported by ui's own tests).
type fileRecords struct{ *store.DB }

func (r fileRecords) History(ctx context.Context, id uuid.UUID) ([]HistoryChange, error) {
	h, err := r.DB.History(ctx, id)
	out := make([]HistoryChange, len(h))
	for i, e := range h {
		out[i] = HistoryChange{Seq: e.Seq, At: e.At, User: e.User, Action: e.Action, Field: e.Field, Old: e.Old, New: e.New}
	}
	return out, err
}

// countingHost is a window that counts what the screens tell it.
type countingHost struct {
	win              fyne.Window
	changed, replace int
}

func (h *countingHost) window() fyne.Window { return h.win }
func (h *countingHost) recordsChanged()     { h.changed++ }
func (h *countingHost) formReplaced()       { h.replace++ }

// TestRecordScreensNeedOnlyTheirHost: the Assets and Suppliers screens
// save, list and show history through recordRegister and the three calls
// of recordHost — no main window — so what they depend on is what they
// declare.
func TestRecordScreensNeedOnlyTheirHost(t *testing.T) {
	a := test.NewTempApp(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.ropa")
	db, err := store.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h := &countingHost{win: a.NewWindow("records")}
	reg := fileRecords{db}

	sup := newSuppliersScreen(reg, h)
	sup.form.name.SetText("Stripe Payments UK Ltd")
	sup.Save()
	settle(nil)
	assets := newAssetsScreen(reg, h)
	assets.form.name.SetText("Clinical record system")
	assets.form.software.SetText("Carenotes")
	assets.Save()
	settle(nil)
	if h.changed != 2 {
		t.Errorf("two saves told the host %d times that records changed", h.changed)
	}

	list, err := db.Assets(ctx)
	if err != nil || len(list) != 1 || list[0].Name != "Clinical record system" || list[0].Software != "Carenotes" {
		t.Fatalf("the file holds assets %+v (%v)", list, err)
	}
	sups, err := db.Suppliers(ctx)
	if err != nil || len(sups) != 1 || sups[0].Name != "Stripe Payments UK Ltd" {
		t.Fatalf("the file holds suppliers %+v (%v)", sups, err)
	}
	assets.New()
	if h.replace != 1 {
		t.Errorf("a new record in the form told the host %d times", h.replace)
	}
	assets.Open(list[0].ID, nil)
	settle(nil)
	if got := assets.Current(); got.Name != "Clinical record system" {
		t.Errorf("opening the asset shows %q", got.Name)
	}
}
