package ui

import (
	"image/color"
	"reflect"
	"slices"
	"strings"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// The activity table's columns: one table of them (listColumns), the ones
// shown chosen by the DPO and remembered, fitted to the pane's width so the
// ones that matter show at 1280 px, and the mouse wheel scrolling over the
// frozen Name column too. A new column is a new row in listColumns.

// listColumns is every column the list can show, in order. Name is always
// shown and frozen at the left.
func listColumns() []listColumn {
	return []listColumn{
		{"name", lang.L("Name"), 160, model.SortName, func(s *model.ActivitySummary) (string, widget.Importance) {
			return s.Name, widget.MediumImportance
		}, true},
		{"organisation", lang.L("Organisation"), 110, model.SortOrganisation, func(s *model.ActivitySummary) (string, widget.Importance) {
			return s.Organisation, widget.MediumImportance
		}, true},
		{"business_function", lang.L("Business function"), 150, model.SortBusinessFunction, func(s *model.ActivitySummary) (string, widget.Importance) {
			return s.BusinessFunction, widget.MediumImportance
		}, false},
		// The owner answers "who do I ask?" for DSPT 1.1.2. It is one
		// choice away (Columns…) and a filter, not shown at first: a sixth
		// column at 1280 px cuts the names to a dozen letters beside the
		// editor.
		{"owner", lang.L("Owner"), 110, "", func(s *model.ActivitySummary) (string, widget.Importance) {
			if strings.TrimSpace(s.Owner) == "" {
				return lang.L("No owner"), widget.WarningImportance
			}
			return s.Owner, widget.MediumImportance
		}, false},
		{"status", lang.L("Status"), 64, model.SortStatus, func(s *model.ActivitySummary) (string, widget.Importance) {
			return model.LabelOf(model.Statuses, s.Status), widget.MediumImportance
		}, true},
		{"special_categories", lang.L("Special categories"), 170, "", func(s *model.ActivitySummary) (string, widget.Importance) {
			return joinLabels(model.SpecialCategories, s.SpecialCategories), widget.MediumImportance
		}, false},
		{"lawful_bases", lang.L("Lawful bases"), 170, "", func(s *model.ActivitySummary) (string, widget.Importance) {
			return joinLabels(model.LawfulBases, s.LawfulBases), widget.MediumImportance
		}, false},
		{"ndop", lang.L("National data opt-out"), 160, "", func(s *model.ActivitySummary) (string, widget.Importance) {
			return verdictLabel(s.NDOPVerdict), verdictImportance(s.NDOPVerdict)
		}, false},
		{"review_due", lang.L("Review due"), 104, model.SortLastReview, reviewDue, true},
		{"last_review", lang.L("Last review"), 110, model.SortLastReview, func(s *model.ActivitySummary) (string, widget.Importance) {
			if s.LastReview.IsZero() {
				return lang.L("Never"), widget.MediumImportance
			}
			return s.LastReview.Format("2 Jan 2006"), widget.MediumImportance
		}, false},
		{"problems", lang.L("Problems"), 88, "", problemBadge, true},
	}
}

// reviewDue is when the activity next falls due for review: a year (the
// default interval) after its last review, now if it was never reviewed.
func reviewDue(s *model.ActivitySummary) (string, widget.Importance) {
	switch {
	case s.LastReview.IsZero():
		return lang.L("Now (never reviewed)"), widget.WarningImportance
	case s.ReviewOverdue:
		return s.LastReview.AddDate(0, model.DefaultReviewInterval, 0).Format("2 Jan 2006") + " " + lang.L("(overdue)"), widget.WarningImportance
	}
	return s.LastReview.AddDate(0, model.DefaultReviewInterval, 0).Format("2 Jan 2006"), widget.MediumImportance
}

// chosenColumns is the columns to show: those remembered, else the
// defaults; Name always, first.
func (l *ActivityList) chosenColumns() []int {
	keys := l.settings().ListColumns()
	var out []int
	for i, c := range l.columns {
		if i == 0 || (keys == nil && c.shown) || slices.Contains(keys, c.key) {
			out = append(out, i)
		}
	}
	return out
}

// settings are the app's preferences, where the chosen columns live.
func (l *ActivityList) settings() *Settings {
	return NewSettings(fyne.CurrentApp().Preferences())
}

// Columns are the titles of the columns shown, in order.
func (l *ActivityList) Columns() []string {
	out := make([]string, len(l.visible))
	for i, k := range l.visible {
		out[i] = l.columns[k].title
	}
	return out
}

// ColumnsButton opens the column chooser.
func (l *ActivityList) ColumnsButton() *widget.Button { return l.chooseBtn }

// SetColumns shows the columns with the titles given (Name always), and
// remembers them, as the chooser does.
func (l *ActivityList) SetColumns(titles []string) {
	keys := []string{}
	for _, c := range l.columns {
		if slices.Contains(titles, c.title) {
			keys = append(keys, c.key)
		}
	}
	l.settings().SetListColumns(keys)
	l.visible = l.chosenColumns()
	l.setWidths()
	l.content.Refresh()
	l.table.Refresh()
}

// setWidths gives each column shown its own width, before the pane's
// width is known, and asks for the columns to be fitted again.
func (l *ActivityList) setWidths() {
	l.widths = make([]float32, len(l.visible))
	for i, k := range l.visible {
		l.table.SetColumnWidth(i, l.columns[k].width)
		l.widths[i] = l.columns[k].width
	}
	l.fitted = 0
}

// widthOf is the width column i of the table is drawn at.
func (l *ActivityList) widthOf(i int) float32 {
	if i < len(l.widths) {
		return l.widths[i]
	}
	return 100
}

// fitText is text cut to fit width in style, ending "…" where it is cut.
func fitText(text string, width float32, style fyne.TextStyle) string {
	size := theme.TextSize()
	if width <= 0 || fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	r := []rune(text)
	lo, hi := 0, len(r) // the longest prefix that fits is in [lo, hi)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if fyne.MeasureText(string(r[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid
		}
	}
	return strings.TrimRight(string(r[:lo]), " ") + "…"
}

// chooseColumns asks which columns to show.
func (l *ActivityList) chooseColumns() {
	win := fyne.CurrentApp().Driver().CanvasForObject(l.table)
	var w fyne.Window
	for _, x := range fyne.CurrentApp().Driver().AllWindows() {
		if x.Canvas() == win {
			w = x
		}
	}
	if w == nil {
		return
	}
	checks := container.NewVBox()
	for i, c := range l.columns {
		ch := &widget.Check{Text: c.title, Checked: slices.Contains(l.visible, i)}
		if i == 0 {
			ch.Disable() // the list names each activity
		}
		checks.Add(ch)
	}
	d := dialog.NewCustomConfirm(lang.L("Columns"), lang.L("Show"), lang.L("Cancel"),
		container.NewVBox(newHelp(lang.L("Choose the columns the list shows. Name is always shown.")), checks), func(ok bool) {
			if !ok {
				return
			}
			var titles []string
			for _, o := range checks.Objects {
				if ch := o.(*widget.Check); ch.Checked {
					titles = append(titles, ch.Text)
				}
			}
			l.SetColumns(titles)
		}, w)
	showDialog(w, d, nil)
}

// fitColumns lays the table out at its size and fits the columns shown to
// its width: each at least its own width, what is spare to Name and
// Organisation, so nothing is cut off while the columns fit, and the table
// scrolls sideways only when they do not.
type fitColumns struct{ l *ActivityList }

func (f *fitColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize()
}

func (f *fitColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l := f.l
	if size.Width != l.fitted && size.Width > 0 {
		l.fitted = size.Width
		sep := theme.Padding() // the table's divider between columns
		need := float32(0)
		for _, k := range l.visible {
			need += l.columns[k].width + sep
		}
		// Room for the vertical scroll bar.
		spare := size.Width - need - theme.ScrollBarSize() - sep
		// Short of room (the editor beside the list wants its width), Name
		// and Organisation give up some of theirs, down to a floor, before
		// the table has to scroll sideways.
		short := max(0, -spare)
		fromName := min(short, 50)
		fromOrg := min(short-fromName, 30)
		spare = max(0, spare)
		l.widths = make([]float32, len(l.visible))
		for i, k := range l.visible {
			w := l.columns[k].width
			switch l.columns[k].key {
			case "name":
				w += spare*0.6 - fromName
			case "organisation":
				w += spare*0.4 - fromOrg
			}
			l.table.SetColumnWidth(i, w)
			l.widths[i] = w
			if i == 0 {
				l.nameWidth = w
			}
		}
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
	if len(objs) > 1 {
		// Over the Name column's cells, below its header.
		head := l.createHeader().MinSize().Height + theme.Padding()
		objs[1].Move(fyne.NewPos(0, head))
		objs[1].Resize(fyne.NewSize(l.nameWidth, max(0, size.Height-head)))
	}
}

// wheelStrip lies over the frozen Name column and hands the mouse wheel
// to the table. Fyne 2.7 draws that column under a clip that takes the
// wheel and does nothing with it, so the list did not scroll while the
// pointer was over the names. The strip takes no taps or hovers: those
// still reach the cells beneath.
type wheelStrip struct {
	widget.BaseWidget
	l *ActivityList
}

func newWheelStrip(l *ActivityList) *wheelStrip {
	s := &wheelStrip{l: l}
	s.ExtendBaseWidget(s)
	return s
}

func (s *wheelStrip) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// Scrolled scrolls the table as the wheel over its other columns does.
func (s *wheelStrip) Scrolled(ev *fyne.ScrollEvent) {
	sc := s.l.tableScroll()
	if sc == nil || sc.Content == nil {
		return
	}
	off := sc.Offset
	off.Y = min(max(0, off.Y-ev.Scrolled.DY), max(0, sc.Content.MinSize().Height-sc.Size().Height))
	s.l.table.ScrollToOffset(off)
}

// tableScroll is the table's own scroll container. Fyne keeps it in the
// table's unexported field "content" and offers no way to scroll by a
// wheel's amount, so it is read by reflection; if a Fyne upgrade renames
// it, this returns nil and the wheel over Name does nothing again
// (TestListWheelOverName fails).
func (l *ActivityList) tableScroll() *container.Scroll {
	if l.scroller != nil {
		return l.scroller
	}
	f := reflect.ValueOf(l.table).Elem().FieldByName("content")
	if !f.IsValid() || f.Kind() != reflect.Pointer || f.IsNil() {
		return nil
	}
	s, ok := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(*container.Scroll)
	if ok {
		l.scroller = s
	}
	return l.scroller
}

// ScrollOffset is how far down the table is scrolled, in pixels.
func (l *ActivityList) ScrollOffset() float32 {
	if s := l.tableScroll(); s != nil {
		return s.Offset.Y
	}
	return -1
}
