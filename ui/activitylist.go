package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// listPageSize is how many rows one query fetches. The table only asks for
// the rows on screen, so a register of 10,000 activities costs a few pages.
const listPageSize = 100

// maxCachedPages bounds memory when the DPO scrolls through a huge register.
const maxCachedPages = 40

// listColumn is one column of the activity table (activitylist_columns.go
// lays them out and lets the DPO choose them).
type listColumn struct {
	key   string // remembered in the preferences; never shown
	title string
	width float32       // the least it is drawn at; Name takes what is spare
	sort  model.SortKey // "" when the column cannot be sorted
	text  func(s *model.ActivitySummary) (string, widget.Importance)
	// shown: in the list until the DPO chooses otherwise. The defaults are
	// what a review needs and fit the list's pane at 1280 px.
	shown bool
}

// ActivityList is the searchable, filterable, sortable table of activities.
// Rows are fetched a page at a time in the background and cached, so it
// stays responsive however large the register is.
type ActivityList struct {
	reg Register

	// OnSelected is called when the DPO picks an activity.
	OnSelected func(s model.ActivitySummary)

	search      *widget.Entry
	orgSelect   *widget.Select
	roleSelect  *widget.Select
	statSelect  *widget.Select
	ownerSelect *widget.Select
	owners      []string // the owner filter's choices after its first two
	special     *widget.Check
	ndop        *widget.Check
	overdue     *widget.Check
	problems    *widget.Check
	count       *widget.Label
	countHolder *fyne.Container
	table       *widget.Table
	columns     []listColumn
	visible     []int // indexes into columns, in order
	chooseBtn   *widget.Button
	scroller    *container.Scroll // the table's own scroll, for the wheel over the Name column
	fitted      float32           // the width the columns were last fitted to
	nameWidth   float32           // the Name column's width as fitted
	widths      []float32         // each shown column's width as fitted
	content     fyne.CanvasObject
	searchDelay debouncer

	orgs   []model.Organisation
	filter model.ActivityFilter

	// Touched only on the UI goroutine.
	gen      int // bumps when the filter changes, so stale pages are dropped
	total    int
	pages    map[int][]model.ActivitySummary
	pending  map[int]bool
	selected uuid.UUID
}

// NewActivityList builds the list over reg. Call Reload to fill it.
func NewActivityList(reg Register) *ActivityList {
	l := &ActivityList{
		reg:     reg,
		filter:  model.ActivityFilter{Sort: model.SortName},
		pages:   map[int][]model.ActivitySummary{},
		pending: map[int]bool{},
		// Long enough to pass over a typist's next key, short enough that
		// results follow the last key within 150 ms at 10,000 activities.
		searchDelay: debouncer{delay: 60 * time.Millisecond},
	}
	l.buildUI()
	return l
}

// Content is the list's widget tree.
func (l *ActivityList) Content() fyne.CanvasObject { return l.content }

// Count is the label saying how many activities match; the main window
// places it.
func (l *ActivityList) Count() fyne.CanvasObject { return l.count }

// SetCountHolder names the container the count sits in, laid out again
// when the count's text changes: Fyne does not re-lay out a parent when a
// label grows, and "1 activity" set after the first layout kept the empty
// label's width and spilled over the editor beside it.
func (l *ActivityList) SetCountHolder(c *fyne.Container) { l.countHolder = c }

func (l *ActivityList) setCount(text string) {
	l.count.SetText(text)
	if l.countHolder != nil {
		l.countHolder.Refresh()
	}
}

// Table is the table of activities; rows are activities in the current order.
func (l *ActivityList) Table() *widget.Table { return l.table }

// SearchEntry is the search box; typing in it filters the list.
func (l *ActivityList) SearchEntry() *widget.Entry { return l.search }

// Total is how many activities match the current search and filters.
func (l *ActivityList) Total() int { return l.total }

// Row returns the summary shown in row, if that page has been fetched.
func (l *ActivityList) Row(row int) (model.ActivitySummary, bool) {
	page, ok := l.pages[row/listPageSize]
	if !ok || row%listPageSize >= len(page) {
		return model.ActivitySummary{}, false
	}
	return page[row%listPageSize], true
}

func (l *ActivityList) buildUI() {
	l.columns = listColumns()
	l.visible = l.chosenColumns()

	l.search = &widget.Entry{PlaceHolder: lang.L("Search activities…")}
	l.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	l.search.OnChanged = func(string) { l.searchDelay.call(l.applyFilters) }

	l.orgSelect = &widget.Select{PlaceHolder: lang.L("All organisations"), OnChanged: func(string) { l.applyFilters() }}
	l.roleSelect = &widget.Select{
		Options:     append([]string{lang.L("Any role")}, labels(model.Roles)...),
		PlaceHolder: lang.L("Any role"),
		OnChanged:   func(string) { l.applyFilters() },
	}
	l.statSelect = &widget.Select{
		Options:     append([]string{lang.L("Any status")}, labels(model.Statuses)...),
		PlaceHolder: lang.L("Any status"),
		OnChanged:   func(string) { l.applyFilters() },
	}
	l.ownerSelect = &widget.Select{
		Options:     []string{lang.L("Any owner"), lang.L("No owner recorded")},
		PlaceHolder: lang.L("Any owner"),
		OnChanged:   func(string) { l.applyFilters() },
	}
	onCheck := func(bool) { l.applyFilters() }
	l.special = &widget.Check{Text: lang.L("Special category"), OnChanged: onCheck}
	l.ndop = &widget.Check{Text: lang.L("Opt-out applies"), OnChanged: onCheck}
	l.overdue = &widget.Check{Text: lang.L("Review overdue"), OnChanged: onCheck}
	l.problems = &widget.Check{Text: lang.L("Has problems"), OnChanged: onCheck}
	l.count = &widget.Label{TextStyle: fyne.TextStyle{Italic: true}}

	l.table = &widget.Table{
		Length:            func() (int, int) { return l.total, len(l.visible) },
		CreateCell:        l.createCell,
		UpdateCell:        l.updateCell,
		CreateHeader:      l.createHeader,
		UpdateHeader:      l.updateHeader,
		ShowHeaderRow:     true,
		StickyColumnCount: 1,
		OnSelected:        l.onSelected,
	}
	l.table.ExtendBaseWidget(l.table)
	l.setWidths()
	l.chooseBtn = &widget.Button{Text: lang.L("Columns…"), Icon: theme.ListIcon(), Importance: widget.LowImportance, OnTapped: l.chooseColumns}

	// The filters wrap onto two short rows so the list pane stays narrow
	// enough to leave the editor room on a laptop screen.
	filters := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(l.roleSelect, l.statSelect), container.NewGridWithColumns(2, l.orgSelect, l.ownerSelect)),
		container.NewGridWithColumns(2, l.special, l.ndop, l.overdue, l.problems),
	)
	l.content = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, l.chooseBtn, l.search), filters), nil, nil, nil,
		container.New(&fitColumns{l: l}, l.table, newWheelStrip(l)))
}

// SetOrganisations refreshes the organisation filter's choices.
func (l *ActivityList) SetOrganisations(orgs []model.Organisation) {
	l.orgs = orgs
	opts := []string{lang.L("All organisations")}
	for _, o := range orgs {
		opts = append(opts, o.Name)
	}
	l.orgSelect.SetOptions(opts)
	l.loadOwners()
}

// loadOwners offers the owners recorded on activities in the owner
// filter, keeping the one chosen.
func (l *ActivityList) loadOwners() {
	reg := l.reg
	inBackground(func() func() {
		owners, err := reg.Suggestions(context.Background(), "owner")
		return func() {
			if err != nil {
				l.setCount(model.ErrorMessage(err))
				return
			}
			// One choice per owner: the filter ignores case and spaces.
			l.owners = l.owners[:0]
			seen := map[string]bool{}
			for _, o := range owners {
				if k := strings.ToLower(strings.TrimSpace(o)); !seen[k] {
					seen[k] = true
					l.owners = append(l.owners, o)
				}
			}
			l.ownerSelect.Options = append([]string{lang.L("Any owner"), lang.L("No owner recorded")}, l.owners...)
			l.ownerSelect.Refresh()
		}
	})
}

// OwnerFilter is the owner filter's choice.
func (l *ActivityList) OwnerFilter() *widget.Select { return l.ownerSelect }

// Focus puts the cursor in the search box (Find).
func (l *ActivityList) Focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(l.search); c != nil {
		c.Focus(l.search)
	}
}

func (l *ActivityList) applyFilters() {
	f := model.ActivityFilter{
		Query:         strings.TrimSpace(l.search.Text),
		HasSpecial:    l.special.Checked,
		NDOPApplies:   l.ndop.Checked,
		ReviewOverdue: l.overdue.Checked,
		HasProblems:   l.problems.Checked,
		Sort:          l.filter.Sort,
		Desc:          l.filter.Desc,
	}
	if i := l.orgSelect.SelectedIndex(); i > 0 && i-1 < len(l.orgs) {
		f.OrganisationID = l.orgs[i-1].ID
	}
	if i := l.roleSelect.SelectedIndex(); i > 0 {
		f.Role = model.Roles[i-1].Code
	}
	if i := l.statSelect.SelectedIndex(); i > 0 {
		f.Status = model.Statuses[i-1].Code
	}
	switch i := l.ownerSelect.SelectedIndex(); {
	case i == 1:
		f.NoOwner = true
	case i > 1 && i-2 < len(l.owners):
		f.Owner = l.owners[i-2]
	}
	l.filter = f
	// A shorter list would otherwise stay scrolled past its end, showing
	// nothing while the count says how many there are.
	l.table.ScrollToTop()
	l.Reload()
}

// Reload drops every cached page and fetches the first again, keeping the
// selection if the selected activity is still listed.
func (l *ActivityList) Reload() {
	l.gen++
	l.pages = map[int][]model.ActivitySummary{}
	l.pending = map[int]bool{}
	l.fetch(0, true)
}

// fetch loads one page in the background. first also updates the total,
// which is how a reload learns how many rows the table has.
func (l *ActivityList) fetch(page int, first bool) {
	if l.pending[page] {
		return
	}
	l.pending[page] = true
	gen, f, reg := l.gen, l.filter, l.reg
	// What is overdue is asked with the screens' clock each time the list
	// loads, never remembered from an earlier load.
	f.Now = clock()
	f.Offset, f.Limit = page*listPageSize, listPageSize
	inBackground(func() func() {
		rows, total, err := reg.ListActivities(context.Background(), f)
		return func() {
			if gen != l.gen {
				return
			}
			delete(l.pending, page)
			if err != nil {
				l.setCount(model.ErrorMessage(err))
				return
			}
			l.evict(page)
			l.pages[page] = rows
			if first || total != l.total {
				l.total = total
				l.setCount(countText(total))
			}
			l.table.Refresh()
		}
	})
}

// evict keeps the cache bounded by dropping the pages furthest from the one
// being added.
func (l *ActivityList) evict(near int) {
	for len(l.pages) >= maxCachedPages {
		far, dist := -1, -1
		for p := range l.pages {
			if d := abs(p - near); d > dist {
				far, dist = p, d
			}
		}
		delete(l.pages, far)
	}
}

func (l *ActivityList) createCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	// Not the label's own truncation: in a table cell Fyne 2.7.1 draws the
	// whole text over the next columns (fitText cuts it instead).
	label := &widget.Label{}
	return container.NewStack(bg, label)
}

func (l *ActivityList) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	bg, label := stack.Objects[0].(*canvas.Rectangle), stack.Objects[1].(*widget.Label)
	s, ok := l.Row(id.Row)
	if !ok {
		l.fetch(id.Row/listPageSize, false)
		bg.FillColor = color.Transparent
		bg.Refresh()
		label.Importance = widget.LowImportance
		label.SetText("…")
		return
	}
	if s.ID == l.selected {
		bg.FillColor = theme.Color(theme.ColorNameSelection)
	} else {
		bg.FillColor = color.Transparent
	}
	bg.Refresh()
	if id.Col >= len(l.visible) {
		return
	}
	text, imp := l.columns[l.visible[id.Col]].text(&s)
	label.Importance = imp
	label.TextStyle.Bold = id.Col == 0
	label.SetText(fitText(text, l.widthOf(id.Col)-2*theme.InnerPadding(), label.TextStyle))
}

func (l *ActivityList) createHeader() fyne.CanvasObject {
	b := &widget.Button{Importance: widget.LowImportance, Alignment: widget.ButtonAlignLeading, IconPlacement: widget.ButtonIconTrailingText}
	b.ExtendBaseWidget(b)
	return b
}

func (l *ActivityList) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 {
		b.SetText("")
		return
	}
	if id.Col >= len(l.visible) {
		return
	}
	c := l.columns[l.visible[id.Col]]
	// Cut to fit, leaving room for the sort arrow on the sorted column.
	room := l.widthOf(id.Col) - 2*theme.InnerPadding()
	if c.sort != "" && c.sort == l.filter.Sort {
		room -= theme.IconInlineSize() + theme.Padding()
	}
	b.Text = fitText(c.title, room, fyne.TextStyle{Bold: true})
	b.Icon = nil
	if c.sort != "" && c.sort == l.filter.Sort {
		b.Icon = theme.MenuDropDownIcon()
		if l.filter.Desc {
			b.Icon = theme.MenuDropUpIcon()
		}
	}
	b.OnTapped = nil
	if c.sort != "" {
		b.OnTapped = func() { l.SortBy(c.sort) }
	}
	b.Refresh()
}

// SortBy orders the list by key; asking for the current key again reverses
// the order, as clicking a column header does in a file manager.
func (l *ActivityList) SortBy(key model.SortKey) {
	if l.filter.Sort == key {
		l.filter.Desc = !l.filter.Desc
	} else {
		l.filter.Sort, l.filter.Desc = key, false
	}
	l.table.ScrollToTop()
	l.Reload()
}

func (l *ActivityList) onSelected(id widget.TableCellID) {
	// The table selects cells; the list highlights whole rows itself.
	l.table.Unselect(id)
	s, ok := l.Row(id.Row)
	if !ok {
		return
	}
	if l.OnSelected != nil {
		l.OnSelected(s)
	}
}

// Select highlights the activity with id (uuid.Nil for none).
func (l *ActivityList) Select(id uuid.UUID) {
	l.selected = id
	l.table.Refresh()
}

func countText(n int) string {
	if n == 1 {
		return lang.L("1 activity")
	}
	return fmt.Sprintf(lang.L("%d activities"), n)
}

func problemBadge(s *model.ActivitySummary) (string, widget.Importance) {
	switch {
	case s.Errors > 0 && s.Warnings > 0:
		return countOf(s.Errors, lang.L("1 error"), lang.L("%d errors")) + ", " +
			countOf(s.Warnings, lang.L("1 warning"), lang.L("%d warnings")), widget.DangerImportance
	case s.Errors == 1:
		return lang.L("1 error"), widget.DangerImportance
	case s.Errors > 0:
		return fmt.Sprintf(lang.L("%d errors"), s.Errors), widget.DangerImportance
	case s.Warnings == 1:
		return lang.L("1 warning"), widget.WarningImportance
	case s.Warnings > 0:
		return fmt.Sprintf(lang.L("%d warnings"), s.Warnings), widget.WarningImportance
	}
	return lang.L("None"), widget.SuccessImportance
}

func joinLabels[T ~string](opts []model.Option[T], codes []T) string {
	if len(codes) == 0 {
		return "—"
	}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = model.LabelOf(opts, c)
	}
	return strings.Join(out, ", ")
}

func labels[T ~string](opts []model.Option[T]) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Label
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
