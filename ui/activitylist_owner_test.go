package ui_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// TestActivityListOwner: the list shows each activity's owner (and says
// when there is none), and the owner filter offers the owners recorded and
// narrows the list to one of them, or to the activities without one.
func TestActivityListOwner(t *testing.T) {
	u, _ := newApp(t)
	m := start(t, u, filepath.Join(t.TempDir(), "Register.ropa"))
	org := mustOrganisation(t, u.Register(), "MHWS", true)
	for _, a := range []struct{ name, owner string }{
		{"Care records", "Clinical Director"},
		{"Complaints", "Clinical Director"},
		{"Payroll", "Finance Manager"},
		{"Newsletter", ""},
	} {
		x := &model.Activity{OrganisationID: org.ID, Name: a.name, Owner: a.owner, Role: model.RoleController, Status: model.StatusActive}
		if err := u.Register().CreateActivity(context.Background(), x); err != nil {
			t.Fatal(err)
		}
	}
	m.Reload()
	ui.Settle(u)
	l := m.List()
	// The owner is one choice away (Columns…), as a DPO would add it.
	l.SetColumns(append(l.Columns(), "Owner"))
	ui.Settle(u)
	// The Owner column, found by its header as the DPO reads it; its
	// cells as the table draws them.
	tbl := l.Table()
	_, cols := tbl.Length()
	col := -1
	for c := range cols {
		h := tbl.CreateHeader()
		tbl.UpdateHeader(widget.TableCellID{Row: -1, Col: c}, h)
		if h.(*widget.Button).Text == "Owner" {
			col = c
		}
	}
	if col < 0 {
		t.Fatal("the list has no Owner column")
	}
	var shown []string
	for row := range l.Total() {
		cell := tbl.CreateCell()
		tbl.UpdateCell(widget.TableCellID{Row: row, Col: col}, cell)
		shown = append(shown, find(t, cell, func(*widget.Label) bool { return true }).Text)
	}
	// By name: Care records, Complaints, Newsletter, Payroll.
	// A long owner is cut to fit its column, with an ellipsis.
	want := []string{"Clinical Director", "Clinical Director", "No owner", "Finance Manager"}
	if len(shown) != len(want) {
		t.Fatalf("the Owner column shows %q, want %q", shown, want)
	}
	for i := range want {
		if !drawn(shown[i:i+1], want[i]) {
			t.Fatalf("the Owner column shows %q, want %q", shown, want)
		}
	}

	sel := l.OwnerFilter()
	if !slices.Equal(sel.Options, []string{"Any owner", "No owner recorded", "Clinical Director", "Finance Manager"}) {
		t.Fatalf("the owner filter offers %q", sel.Options)
	}
	sel.SetSelected("Clinical Director")
	ui.Settle(u)
	if l.Total() != 2 {
		t.Fatalf("filtered by Clinical Director: %d activities, want 2", l.Total())
	}
	for i := range 2 {
		if r, ok := l.Row(i); !ok || r.Owner != "Clinical Director" {
			t.Errorf("row %d: %+v", i, r)
		}
	}
	sel.SetSelected("No owner recorded")
	ui.Settle(u)
	if r, ok := l.Row(0); l.Total() != 1 || !ok || r.Name != "Newsletter" {
		t.Fatalf("no owner: %d activities, first %+v", l.Total(), r)
	}
	sel.SetSelected("Any owner")
	ui.Settle(u)
	if l.Total() != 4 {
		t.Fatalf("any owner: %d activities", l.Total())
	}
}
