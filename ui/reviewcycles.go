package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
)

// ReviewScreen runs the annual review: start a cycle, mark each activity
// reviewed, confirm its national data opt-out decision, sign the cycle off
// and print its PDF.
type ReviewScreen struct {
	reg  reviewRegister
	host reviewHost
	tab  *container.TabItem

	cycleSelect  *widget.Select
	startBtn     *widget.Button
	signOffBtn   *widget.Button
	exportBtn    *widget.Button
	info         *widget.Label
	statement    *widget.Label
	top          *fyne.Container
	progressText *widget.Label
	progress     *widget.ProgressBar
	counts       *widget.Label
	search       *widget.Entry
	unreviewed   *widget.Check
	list         *widget.List
	pickAll      *widget.Check
	bulkBtn      *widget.Button
	picked       map[uuid.UUID]bool // ticked for a bulk review

	title    *widget.Label
	subtitle *widget.Label
	status   *widget.Label
	due      *widget.Label
	verdict  *widget.Label
	reason   *widget.Label
	markBtn  *widget.Button
	openBtn  *widget.Button
	ndopBtn  *widget.Button
	detail   *fyne.Container
	noDetail fyne.CanvasObject
	pane     *fyne.Container

	empty   fyne.CanvasObject
	body    *fyne.Container
	stack   *fyne.Container
	content fyne.CanvasObject

	all      []model.ReviewCycle // newest first
	cycle    *model.ReviewCycle  // the cycle shown; nil when there is none
	items    []reviewItem        // every activity, by name, from the register (its frozen copy once signed off)
	shown    []int               // indexes into items that pass the filters
	selected uuid.UUID
	loads    int // so that a slow load never overwrites a newer one
	// want is the cycle to show: the one the last load was asked for
	// until it ends, then the one shown, so that a Reload while a load
	// runs (a change seen by the watcher just after a new cycle was
	// started) keeps that choice rather than the cycle still shown.
	want     uuid.UUID
	updating bool
}

// reviewRegister is what the Review screen reads and writes of the
// register: what the review use cases in desk need (the cycles, marking,
// signing off, a cycle's frozen copy, the path for the PDF's name) and one
// activity by id, read back after it is marked.
type reviewRegister interface {
	desk.Register
	Activity(ctx context.Context, id uuid.UUID) (*model.Activity, error)
}

// reviewHost is what the Review screen asks of the window holding it; the
// main window is one (asserted in mainwindow.go), a test's small host
// another.
type reviewHost interface {
	// dialogWindow is the window the screen's dialogs open over.
	dialogWindow() fyne.Window
	// showError tells the DPO that something failed.
	showError(err error)
	// userName is the user's own name, offered as the signer of a cycle.
	userName() string
	// reviewer is the name last given as a reviewer, offered in the next
	// review; rememberReviewer keeps it.
	reviewer() string
	rememberReviewer(name string)
	// inEditor is the activity open in the editor, uuid.Nil when none is:
	// marking that one asks about its unsaved changes first.
	inEditor() uuid.UUID
	// confirmLeave runs then once the editor's unsaved changes, if any,
	// are saved or discarded (at once when there are none).
	confirmLeave(then func())
	// openActivity asks about unsaved changes, then shows the activity in
	// the editor, at field when it is not "".
	openActivity(id uuid.UUID, field string)
	// reviewsRecorded is the one "register changed" notification, after
	// reviews are recorded; open is the editor's activity read back after
	// them (nil when it holds none of them), so that the editor shows its
	// review and a later save there does not write the activity without it.
	reviewsRecorded(open *model.Activity)
	// chooseCyclePDF asks where to save the PDF of cycle c, offering
	// name, then writes it as exportCyclePDF does; exportCyclePDF writes
	// it to path in the background with the export's progress dialog.
	chooseCyclePDF(c *model.ReviewCycle, name string)
	exportCyclePDF(c *model.ReviewCycle, path string)
}

// newReviewScreen builds the Review screen over reg, held by host; it
// loads on Reload.
func newReviewScreen(reg reviewRegister, host reviewHost) *ReviewScreen {
	s := &ReviewScreen{reg: reg, host: host}
	s.buildUI()
	return s
}

// reviewItem is one activity as the review sees it.
type reviewItem struct {
	a       *model.Activity
	org     string
	review  *model.Review // its review in the cycle shown, or nil
	ndop    model.NDOPResult
	overdue bool
	// ndopDue: the opt-out assessment is due again, by model's rule on
	// the screen's day.
	ndopDue bool
}

// reviewTab is the tab's content: a widget, so that the main window can
// find the screen among its tabs without a field of its own.
type reviewTab struct {
	widget.BaseWidget
	screen *ReviewScreen
}

func (t *reviewTab) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.screen.content)
}

// addReviewTab adds the Review tab. The screen loads when its tab is
// chosen, so opening a register does not read the whole register one more
// time.
func (m *MainWindow) addReviewTab() {
	s := newReviewScreen(m.reg, m)
	t := &reviewTab{screen: s}
	t.ExtendBaseWidget(t)
	s.tab = container.NewTabItemWithIcon(lang.L("Review"), theme.ConfirmIcon(), t)
	m.tabs.Append(s.tab)
	prev := m.tabs.OnSelected
	m.tabs.OnSelected = func(item *container.TabItem) {
		if prev != nil {
			prev(item)
		}
		if item == s.tab {
			s.Reload()
		}
	}
}

// Review is the Review screen, or nil when the register keeps no review
// cycles.
func (m *MainWindow) Review() *ReviewScreen {
	for _, item := range m.tabs.Items {
		if t, ok := item.Content.(*reviewTab); ok {
			return t.screen
		}
	}
	return nil
}

// ShowReview switches to the Review tab (which reloads it).
func (m *MainWindow) ShowReview() {
	if s := m.Review(); s != nil {
		m.tabs.Select(s.tab)
	}
}

// Cycle is the review cycle shown, or nil.
func (s *ReviewScreen) Cycle() *model.ReviewCycle { return s.cycle }

// Cycles are the register's review cycles, newest first.
func (s *ReviewScreen) Cycles() []model.ReviewCycle { return s.all }

// CycleSelect chooses the cycle shown.
func (s *ReviewScreen) CycleSelect() *widget.Select { return s.cycleSelect }

// StartButton opens the dialog that starts a review cycle.
func (s *ReviewScreen) StartButton() *widget.Button { return s.startBtn }

// MarkButton opens the form that marks the selected activity reviewed.
func (s *ReviewScreen) MarkButton() *widget.Button { return s.markBtn }

// OpenButton opens the selected activity in the editor.
func (s *ReviewScreen) OpenButton() *widget.Button { return s.openBtn }

// SignOffButton opens the sign-off dialog.
func (s *ReviewScreen) SignOffButton() *widget.Button { return s.signOffBtn }

// ExportButton exports the cycle's PDF.
func (s *ReviewScreen) ExportButton() *widget.Button { return s.exportBtn }

// UnreviewedOnly is the "not yet reviewed" filter.
func (s *ReviewScreen) UnreviewedOnly() *widget.Check { return s.unreviewed }

// ProgressText is the "n of m activities reviewed" line.
func (s *ReviewScreen) ProgressText() string { return s.progressText.Text }

// Summary is the cycle's state and its counts by outcome, as shown.
func (s *ReviewScreen) Summary() string { return s.info.Text + "\n" + s.counts.Text }

// Shown lists the ids of the activities in the list, in order.
func (s *ReviewScreen) Shown() []uuid.UUID {
	out := make([]uuid.UUID, len(s.shown))
	for i, k := range s.shown {
		out[i] = s.items[k].a.ID
	}
	return out
}

// Select selects the activity with id in the list, if it is shown.
func (s *ReviewScreen) Select(id uuid.UUID) {
	for i, k := range s.shown {
		if s.items[k].a.ID == id {
			s.list.Select(i)
			s.list.ScrollTo(i)
			return
		}
	}
}

func (s *ReviewScreen) buildUI() {
	s.cycleSelect = &widget.Select{PlaceHolder: lang.L("(No review cycle yet)"), OnChanged: s.onCycleChosen}
	s.startBtn = &widget.Button{Text: lang.L("Start review cycle…"), Icon: theme.ContentAddIcon(), OnTapped: s.onStart}
	s.signOffBtn = &widget.Button{Text: lang.L("Sign off…"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: s.onSignOff}
	s.exportBtn = &widget.Button{Text: lang.L("Export PDF of this cycle…"), Icon: theme.DocumentSaveIcon(), OnTapped: s.onExport}
	s.info = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.statement = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
	s.statement.Hide()
	s.progressText = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	s.progress = &widget.ProgressBar{}
	s.progress.ExtendBaseWidget(s.progress)
	s.counts = &widget.Label{Wrapping: fyne.TextWrapWord}

	s.search = &widget.Entry{PlaceHolder: lang.L("Search activities…")}
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = func(string) { s.applyFilter() }
	s.unreviewed = &widget.Check{Text: lang.L("Not yet reviewed only"), OnChanged: func(bool) { s.applyFilter() }}
	s.list = &widget.List{
		Length:     func() int { return len(s.shown) },
		CreateItem: s.createRow,
		UpdateItem: s.updateRow,
		OnSelected: s.onSelected,
	}
	s.list.ExtendBaseWidget(s.list)

	s.title = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord}
	s.subtitle = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.due = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.verdict = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	s.reason = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.markBtn = &widget.Button{Text: lang.L("Mark reviewed…"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: s.onMark}
	s.openBtn = &widget.Button{Text: lang.L("Open activity"), Icon: theme.DocumentIcon(), OnTapped: func() { s.openSelected("") }}
	s.ndopBtn = &widget.Button{Text: lang.L("Redo the NDOP assessment"), Icon: theme.ViewRefreshIcon(), OnTapped: func() { s.openSelected("ndop") }}
	s.detail = container.NewVBox(
		s.title, s.subtitle,
		container.NewHBox(s.markBtn, s.openBtn),
		widget.NewSeparator(),
		newHeading(lang.L("In this review cycle")), s.status, s.due,
		widget.NewSeparator(),
		newHeading(lang.L("National data opt-out")), s.verdict, s.reason,
		newHelp(lang.L("When marking the review, confirm that this decision still holds, or redo the assessment first. NHS England national data opt-out policy; DSPT.")),
		container.NewHBox(s.ndopBtn),
	)
	s.noDetail = container.NewCenter(&widget.Label{Text: lang.L("Choose an activity to review it."), Importance: widget.LowImportance})
	s.pane = container.NewStack(s.noDetail)

	s.top = container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(&widget.Label{Text: lang.L("Review cycle")}, fixedWidth(340, s.cycleSelect), s.startBtn),
			container.NewHBox(s.exportBtn, s.signOffBtn), layout.NewSpacer()),
		s.info, s.statement,
		container.NewBorder(nil, nil, s.progressText, nil, s.progress),
		s.counts,
		widget.NewSeparator(),
	)
	bulk := s.buildBulk()
	left := container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, s.unreviewed, s.search), bulk), nil, nil, nil, s.list)
	split := container.NewHSplit(left, container.NewPadded(container.NewVScroll(s.pane)))
	split.Offset = 0.55
	s.body = container.NewBorder(s.top, nil, nil, nil, split)

	start := &widget.Button{Text: lang.L("Start review cycle…"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: s.onStart}
	s.empty = container.NewCenter(container.NewVBox(
		&widget.Label{Text: lang.L("No review cycle yet"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Alignment: fyne.TextAlignCenter},
		&widget.Label{Text: lang.L("Review every activity at least once a year: start a cycle, such as \"Annual review 2026\",\nmark each activity reviewed, then sign the cycle off and export its PDF for the auditor."), Alignment: fyne.TextAlignCenter},
		container.NewCenter(start),
	))
	s.stack = container.NewStack(s.empty)
	s.content = container.NewPadded(s.stack)
	s.show()
}

// Reload reads the cycles and the register again, keeping the cycle and
// the activity shown.
func (s *ReviewScreen) Reload() {
	s.load(s.want)
}

// load reads the cycles and shows the one with id (the newest if id is not
// among them).
func (s *ReviewScreen) load(id uuid.UUID) {
	s.loads++
	seq := s.loads
	s.want = id
	reg := s.reg
	inBackground(func() func() {
		ctx := context.Background()
		all, err := reg.Cycles(ctx)
		var (
			cycle *model.ReviewCycle
			r     *model.Register
		)
		if err == nil {
			slices.Reverse(all)
			for i := range all {
				if all[i].ID == id || cycle == nil {
					cycle = &all[i]
				}
				if all[i].ID == id {
					break
				}
			}
			r, err = cycleRegister(ctx, reg, cycle)
		}
		var items []reviewItem
		if err == nil && cycle != nil {
			items = reviewItems(r, cycle, clock())
		}
		return func() {
			if seq != s.loads {
				return
			}
			if err == nil {
				s.all, s.cycle, s.items = all, cycle, items
			}
			s.want = uuid.Nil
			if s.cycle != nil {
				s.want = s.cycle.ID
			}
			if err != nil {
				s.host.showError(fmt.Errorf("load review cycles: %w", err))
				return
			}
			s.show()
		}
	})
}

// reviewItems lists r's activities by name with their state in cycle c.
func reviewItems(r *model.Register, c *model.ReviewCycle, now time.Time) []reviewItem {
	items := make([]reviewItem, 0, len(r.Activities))
	for i := range r.Activities {
		a := &r.Activities[i]
		it := reviewItem{a: a, overdue: model.ReviewOverdue(a, c.IntervalMonths, now)}
		org := r.Organisation(a.OrganisationID)
		if org != nil {
			it.org = org.Name
		}
		it.ndop = model.AssessNDOP(a, org)
		it.ndopDue = model.NDOPReassessmentDueAt(a.Role, a.Status, it.ndop.Verdict, it.ndop.DueAt, now)
		for j := range a.Reviews {
			if a.Reviews[j].CycleID == c.ID {
				it.review = &a.Reviews[j]
			}
		}
		items = append(items, it)
	}
	slices.SortStableFunc(items, func(x, y reviewItem) int {
		if n := strings.Compare(strings.ToLower(x.a.Name), strings.ToLower(y.a.Name)); n != 0 {
			return n
		}
		return strings.Compare(x.org, y.org)
	})
	return items
}

// cycleRegister is what a cycle is shown from: the register as frozen at
// sign-off, or as it stands while the cycle is open.
func cycleRegister(ctx context.Context, reg desk.Register, c *model.ReviewCycle) (*model.Register, error) {
	if c == nil {
		return reg.Register(ctx)
	}
	return desk.CycleRegister(ctx, reg, c)
}

// show puts the loaded cycles and register on the screen.
func (s *ReviewScreen) show() {
	s.updating = true
	defer func() { s.updating = false }()
	writable := s.reg.ReadOnly() == ""
	setEnabled(s.startBtn, writable)

	opts := make([]string, len(s.all))
	sel := -1
	for i := range s.all {
		opts[i] = cycleLabel(&s.all[i])
		if s.cycle != nil && s.all[i].ID == s.cycle.ID {
			sel = i
		}
	}
	s.cycleSelect.Options = opts
	if sel >= 0 {
		s.cycleSelect.SetSelectedIndex(sel)
	} else {
		s.cycleSelect.ClearSelected()
	}
	if s.cycle == nil {
		s.stack.Objects = []fyne.CanvasObject{s.empty}
		s.stack.Refresh()
		return
	}
	s.stack.Objects = []fyne.CanvasObject{s.body}
	s.stack.Refresh()

	c := s.cycle
	reviewed, overdue, ndopDue := 0, 0, 0
	byOutcome := map[model.ReviewOutcome]int{}
	for _, it := range s.items {
		if it.review != nil {
			reviewed++
			byOutcome[it.review.Outcome]++
		}
		if it.overdue {
			overdue++
		}
		if it.ndopDue {
			ndopDue++
		}
	}
	total := len(s.items)
	s.progressText.SetText(fmt.Sprintf(lang.L("%d of %d activities reviewed"), reviewed, total))
	if total > 0 {
		s.progress.SetValue(float64(reviewed) / float64(total))
	} else {
		s.progress.SetValue(0)
	}
	parts := make([]string, 0, len(model.ReviewOutcomes)+2)
	for _, o := range model.ReviewOutcomes {
		parts = append(parts, fmt.Sprintf("%s: %d", o.Label, byOutcome[o.Code]))
	}
	parts = append(parts, fmt.Sprintf(lang.L("Not reviewed: %d"), total-reviewed), fmt.Sprintf(lang.L("Overdue for review: %d"), overdue))
	if ndopDue > 0 {
		parts = append(parts, fmt.Sprintf(lang.L("NDOP reassessment due: %d"), ndopDue))
	}
	s.counts.SetText(strings.Join(parts, "  ·  "))

	if c.SignOff != nil {
		s.info.SetText(fmt.Sprintf(lang.L("Signed off by %s on %s. The cycle is closed: it shows the register as it stood then."),
			c.SignOff.By, longDate(c.SignOff.Date)))
		s.info.Importance = widget.SuccessImportance
		s.info.TextStyle.Bold = true
		s.statement.SetText("“" + strings.TrimSpace(c.SignOff.Statement) + "”")
		s.statement.Show()
	} else {
		s.info.SetText(fmt.Sprintf(lang.L("Started %s · open · each activity is next due for review %d months after its review in this cycle."),
			longDate(c.StartedAt), c.IntervalMonths))
		s.info.Importance = widget.MediumImportance
		s.info.TextStyle.Bold = false
		s.statement.Hide()
	}
	// Wrapped labels change height with their text; the boxes around
	// them only lay out again when refreshed.
	s.top.Refresh()
	s.body.Refresh()
	open := writable && c.SignOff == nil
	setEnabled(s.signOffBtn, open)
	s.exportBtn.Enable()
	s.applyFilter()
}

// cycleLabel names a cycle in the selector, with its state.
func cycleLabel(c *model.ReviewCycle) string {
	if c.SignOff != nil {
		return fmt.Sprintf(lang.L("%s (signed off %s)"), c.Name, c.SignOff.Date.Format(dateLayout))
	}
	return fmt.Sprintf(lang.L("%s (open)"), c.Name)
}

// longDate is how the screen writes a date in a sentence.
func longDate(t time.Time) string { return t.Format("2 January 2006") }

// applyFilter recomputes which activities the list shows and keeps the
// selection on the same activity when it is still shown.
func (s *ReviewScreen) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(s.search.Text))
	s.shown = s.shown[:0]
	for i, it := range s.items {
		if s.unreviewed.Checked && it.review != nil {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(it.a.Name), q) && !strings.Contains(strings.ToLower(it.org), q) {
			continue
		}
		s.shown = append(s.shown, i)
	}
	s.list.UnselectAll()
	s.list.Refresh()
	if s.selected != uuid.Nil {
		s.Select(s.selected)
	}
	s.showDetail()
	s.updateBulk()
}

func (s *ReviewScreen) onCycleChosen(string) {
	if s.updating {
		return
	}
	i := s.cycleSelect.SelectedIndex()
	if i < 0 || i >= len(s.all) {
		return
	}
	s.load(s.all[i].ID)
}

// openSelected opens the selected activity in the editor, at field if not
// empty, asking first about unsaved changes to the one open there.
func (s *ReviewScreen) openSelected(field string) {
	it := s.current()
	if it == nil {
		return
	}
	s.host.openActivity(it.a.ID, field)
}
