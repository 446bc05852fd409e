package exchange_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// templateCell finds, on the Template sheet, the cell under heading in the
// row whose ROPA Desk activity id is id.
func templateCell(t *testing.T, f *excelize.File, heading string, id uuid.UUID) string {
	t.Helper()
	rows, err := f.GetRows("Template")
	if err != nil {
		t.Fatal(err)
	}
	col, idCol, headRow := -1, -1, -1
	for r, row := range rows {
		for c, v := range row {
			switch v {
			case heading:
				col, headRow = c, r
			case "ROPA Desk: activity id":
				idCol = c
			}
		}
		if col >= 0 {
			break
		}
	}
	if col < 0 || idCol < 0 {
		t.Fatalf("no %q or activity id heading on the Template sheet", heading)
	}
	for r := headRow + 1; r < len(rows); r++ {
		if idCol < len(rows[r]) && rows[r][idCol] == id.String() {
			name, err := excelize.CoordinatesToCellName(col+1, r+1)
			if err != nil {
				t.Fatal(err)
			}
			return name
		}
	}
	t.Fatalf("no row for activity %s", id)
	return ""
}

func planXLSX(t *testing.T, file []byte, into *model.Register) *exchange.ImportPlan {
	t.Helper()
	in, err := exchange.ReadXLSX(bytes.NewReader(file), "links.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range in.Problems {
		t.Errorf("reading: %s", p)
	}
	p := exchange.Plan(into, in)
	for _, q := range p.Problems {
		t.Errorf("planning: %s", q)
	}
	return p
}

func sameSet(a, b []uuid.UUID) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	cmp := func(x, y uuid.UUID) int { return strings.Compare(x.String(), y.String()) }
	slices.SortFunc(a, cmp)
	slices.SortFunc(b, cmp)
	return slices.Equal(a, b)
}

// TestRoundTripLinksXLSX: the ICO spreadsheet's ROPA Desk columns carry
// each activity's information assets and suppliers. Imported back into
// the register it came from, nothing changes; into a register whose links
// have moved since, the file's links come back; a line deleted in Excel
// unlinks that record and nothing else. The visible "Link to contract
// with processor" cell keeps the activity's own text.
func TestRoundTripLinksXLSX(t *testing.T) {
	reg := exchange.Example()
	var buf bytes.Buffer
	if err := exchange.WriteXLSX(&buf, reg); err != nil {
		t.Fatal(err)
	}
	file := buf.Bytes()

	t.Run("SameRegister", func(t *testing.T) {
		p := planXLSX(t, file, exchange.Example())
		if len(p.Assets) != 0 || len(p.Suppliers) != 0 {
			t.Fatalf("re-importing changes %d assets and %d suppliers", len(p.Assets), len(p.Suppliers))
		}
	})

	t.Run("LinksMovedSince", func(t *testing.T) {
		moved := exchange.Example()
		x, s := &moved.InformationAssets[0], &moved.Suppliers[0]
		x.ActivityIDs = x.ActivityIDs[1:]
		var other uuid.UUID
		for _, a := range moved.Activities {
			if !s.Links(a.ID) {
				other = a.ID
				break
			}
		}
		s.ActivityIDs = append(s.ActivityIDs, other)
		p := planXLSX(t, file, moved)
		if len(p.Assets) != 1 || p.Assets[0].ID != x.ID || !sameSet(p.Assets[0].ActivityIDs, reg.InformationAssets[0].ActivityIDs) {
			t.Fatalf("assets planned: %+v, want %s linked to %v", p.Assets, x.Name, reg.InformationAssets[0].ActivityIDs)
		}
		if len(p.Suppliers) != 1 || p.Suppliers[0].ID != s.ID || !sameSet(p.Suppliers[0].ActivityIDs, reg.Suppliers[0].ActivityIDs) {
			t.Fatalf("suppliers planned: %+v", p.Suppliers)
		}
		// Planning never writes into the register it plans from.
		if len(moved.InformationAssets[0].ActivityIDs) != len(reg.InformationAssets[0].ActivityIDs)-1 {
			t.Error("the plan changed the register it was given")
		}
	})

	t.Run("LineDeletedInExcel", func(t *testing.T) {
		x := reg.InformationAssets[0]
		act := x.ActivityIDs[0]
		f, err := excelize.OpenReader(bytes.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		cell := templateCell(t, f, "ROPA Desk: information assets (ids)", act)
		v, err := f.GetCellValue("Template", cell)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(v, x.ID.String()+" "+x.Name) {
			t.Fatalf("the links cell reads %q, want a line %q", v, x.ID.String()+" "+x.Name)
		}
		var kept []string
		for l := range strings.SplitSeq(v, "\n") {
			if !strings.HasPrefix(l, x.ID.String()) {
				kept = append(kept, l)
			}
		}
		if err := f.SetCellValue("Template", cell, strings.Join(kept, "\n")); err != nil {
			t.Fatal(err)
		}
		// The visible contract cell is the activity's own text.
		var a model.Activity
		for _, y := range reg.Activities {
			if y.ID == act {
				a = y
			}
		}
		g, err := f.GetCellValue("Template", templateCell(t, f, "Link to contract with processor", act))
		if err != nil {
			t.Fatal(err)
		}
		if g != a.ProcessorContractLink {
			t.Errorf("Link to contract with processor reads %q, want %q", g, a.ProcessorContractLink)
		}
		var out bytes.Buffer
		if err := f.Write(&out); err != nil {
			t.Fatal(err)
		}
		p := planXLSX(t, out.Bytes(), exchange.Example())
		if len(p.Assets) != 1 || p.Assets[0].ID != x.ID || p.Assets[0].Links(act) ||
			!sameSet(append(p.Assets[0].ActivityIDs, act), x.ActivityIDs) {
			t.Fatalf("after deleting the line, assets planned: %+v", p.Assets)
		}
		if len(p.Suppliers) != 0 {
			t.Errorf("suppliers changed too: %+v", p.Suppliers)
		}
	})
}
