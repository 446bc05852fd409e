package ui_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/ui"
)

// drawn reports whether one of texts is name, or name cut to fit its
// column with an ellipsis.
func drawn(texts []string, name string) bool {
	for _, s := range texts {
		if s == name {
			return true
		}
		if p, ok := strings.CutSuffix(s, "…"); ok && len(p) >= 3 && strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// headerRight is where the header of column title ends, from the table's
// left edge, or -1 when it is not drawn.
func headerRight(t *testing.T, tbl *widget.Table, title string) float32 {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	for _, o := range objects(tbl) {
		if b, ok := o.(*widget.Button); ok && drawn([]string{b.Text}, title) && b.Visible() {
			return d.AbsolutePositionForObject(b).X - d.AbsolutePositionForObject(tbl).X + b.Size().Width
		}
	}
	return -1
}

// TestListColumnsAt1280 opens a register in a 1280×800 window: the columns
// that matter are all drawn inside the list, a chosen column is
// remembered, the wheel scrolls over the frozen Name column, and ticking a
// filter after scrolling to the bottom shows rows, not a blank list.
func TestListColumnsAt1280(t *testing.T) {
	path, _ := seed(t, 2000)
	u, w := newApp(t)
	m := start(t, u, path)
	list := m.List()
	want := []string{"Name", "Organisation", "Status", "Review due", "Problems"}
	if got := list.Columns(); !slices.Equal(got, want) {
		t.Fatalf("columns shown %q, want %q", got, want)
	}
	tbl := list.Table()
	// With an activity open, as the DPO works: the editor takes its width.
	tbl.Select(widget.TableCellID{Row: 1, Col: 0})
	ui.Settle(u)
	for _, title := range want {
		right := headerRight(t, tbl, title)
		if right < 0 || right > tbl.Size().Width {
			t.Errorf("column %q ends at %.0f px, outside the list's %.0f px at 1280", title, right, tbl.Size().Width)
		}
	}
	maybeShot(t, w, "list-1280.png")

	t.Run("ChooseColumns", func(t *testing.T) {
		test.Tap(list.ColumnsButton())
		top := overlay(t, w)
		test.Tap(find(t, top, func(c *widget.Check) bool { return c.Text == "Business function" }))
		test.Tap(find(t, top, func(c *widget.Check) bool { return c.Text == "Problems" }))
		overlayButton(t, w, "Show")
		if got := list.Columns(); !slices.Contains(got, "Business function") || slices.Contains(got, "Problems") {
			t.Errorf("after choosing, columns %q", got)
		}
		// A list made afresh (the next start) shows the same columns.
		if got := ui.NewActivityList(u.Register()).Columns(); !slices.Equal(got, list.Columns()) {
			t.Errorf("a new list shows %q, want the chosen %q", got, list.Columns())
		}
		list.SetColumns(want)
	})

	t.Run("WheelOverName", func(t *testing.T) {
		var name fyne.CanvasObject
		for _, o := range objects(tbl) {
			if l, ok := o.(*widget.Label); ok && l.Text == "Activity 00003" {
				name = l
			}
		}
		if name == nil {
			t.Fatal("row 4's name is not drawn")
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(name).Add(fyne.NewPos(5, 5))
		test.Scroll(w.Canvas(), pos, 0, -300)
		if off := list.ScrollOffset(); off <= 0 {
			t.Errorf("the wheel over the Name column scrolled the list to %.0f px", off)
		}
	})

	t.Run("FilterAfterScrollingToBottom", func(t *testing.T) {
		tbl.ScrollToBottom()
		ui.Settle(u)
		test.Tap(find(t, list.Content(), func(c *widget.Check) bool { return c.Text == "Special category" }))
		ui.Settle(u)
		tbl.Refresh()
		if list.Total() != 667 {
			t.Fatalf("filter lists %d, want 667", list.Total())
		}
		var names []string
		for _, s := range cellTexts(tbl) {
			if n, ok := strings.CutPrefix(s, "Activity "); ok {
				names = append(names, s)
				if i, err := strconv.Atoi(n); err != nil || i%3 != 0 {
					t.Errorf("the list draws %q, which the filter leaves out", s)
				}
			}
		}
		// A list scrolled past its new end draws a stale row or none.
		if len(names) < 5 {
			t.Errorf("after ticking a filter at the bottom, the list draws %q (scrolled to %.0f px)", names, list.ScrollOffset())
		}
	})
}
