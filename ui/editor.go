package ui

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// ActivityEditor is the tabbed form for one processing activity. The
// widgets are the truth while editing: Activity builds the activity from
// them on top of the one last loaded, so fields the form does not show (the
// ID, timestamps, unknown spreadsheet columns) survive an edit.
type ActivityEditor struct {
	// OnSaved is called after a successful save with the activity as stored.
	OnSaved func(a *model.Activity)
	// OnChanged is called when Dirty changes.
	OnChanged func()

	reg Register
	win fyne.Window

	loaded   *model.Activity
	baseline string
	dirty    bool
	loading  bool
	orgs     []model.Organisation
	// loadGen tells a late suggestions result which Load it belongs to.
	loadGen int
	bg      sync.WaitGroup

	tabs    *container.AppTabs
	scrolls []*container.Scroll
	// minSizes are the tabs' content sizes at the last layout, to notice
	// when rows were added or questions shown.
	minSizes []fyne.Size
	general  *widget.Label
	content  fyne.CanvasObject

	targets map[string]target
	lists   map[string]listTarget

	overview  overviewTab
	data      dataTab
	lawful    lawfulTab
	sharing   sharingTab
	retention retentionTab
	ndop      ndopTab
	reviews   reviewsTab
	// links are the assets and suppliers linking the activity
	// (assets_editorlinks.go).
	links editorLinks

	// history is nil when the register keeps no history; historyGen tells
	// a late history result which Load or Save it belongs to.
	history    *HistoryView
	historyGen int
	// readOnly keeps disabled fields legible; nil when the register is
	// writable.
	readOnly   []*container.ThemeOverride
	staleTheme []bool
}

// target is where a field's messages go and what gets focus.
type target struct {
	tab   int
	focus fyne.Focusable
	err   *widget.Label
}

// indexedField is a widget holding a list, whose messages name an item:
// "purposes[2]", "lawful_bases[1].reason".
type indexedField interface {
	target(i int, sub string) (fyne.Focusable, *widget.Label, bool)
	clearErrors()
}

type listTarget struct {
	target
	list indexedField
}

// NewActivityEditor builds the editor. win is used to move keyboard focus;
// it may be nil.
func NewActivityEditor(reg Register, win fyne.Window) *ActivityEditor {
	e := &ActivityEditor{
		reg:     reg,
		win:     win,
		targets: map[string]target{},
		lists:   map[string]listTarget{},
	}
	e.buildUI()
	e.Load(nil)
	return e
}

func (e *ActivityEditor) buildUI() {
	e.general = newErrorLabel()
	e.tabs = e.buildTabs() // editor_tabs.go: the one table of the tabs
	e.content = container.NewBorder(e.general, nil, nil, nil, e.tabs)
	e.buildHistory()
	e.buildReadOnly()
}

// Content returns the tabbed editor.
func (e *ActivityEditor) Content() fyne.CanvasObject { return e.content }

// bind records where the messages of a field path go.
func (e *ActivityEditor) bind(path string, tab int, focus fyne.Focusable, err *widget.Label) {
	e.targets[path] = target{tab: tab, focus: focus, err: err}
}

// bindList records a list widget: messages about an item go beside the
// item, others to err.
func (e *ActivityEditor) bindList(name string, tab int, list indexedField, focus fyne.Focusable, err *widget.Label) {
	e.lists[name] = listTarget{target: target{tab: tab, focus: focus, err: err}, list: list}
}

// changed is every widget's change handler, so it runs on every
// keystroke: it refreshes what depends on other answers and works out
// whether the activity differs from the one loaded. To keep a keystroke
// cheap (BenchmarkEditorKeystroke) it reads the form once, refreshes only
// the derived labels whose words change (setLabel), and lays out only the
// tab in view: AppTabs lays a tab out when it opens it
// (TestEditorLaysOutATabChangedOutOfView).
func (e *ActivityEditor) changed() {
	if e.loading {
		return
	}
	a := e.Activity()
	e.refreshDependentOn(a)
	e.relayoutTab(e.tabs.SelectedIndex(), false)
	dirty := snapshotOf(a) != e.baseline
	if dirty != e.dirty {
		e.dirty = dirty
		if e.OnChanged != nil {
			e.OnChanged()
		}
	}
}

// refreshDependent shows and hides the questions that depend on other
// answers, and updates what is derived (rights, the NDOP verdict).
func (e *ActivityEditor) refreshDependent() { e.refreshDependentOn(e.Activity()) }

// refreshDependentOn is refreshDependent for a, the activity as the form
// holds it.
func (e *ActivityEditor) refreshDependentOn(a *model.Activity) {
	e.refreshOverview(a)
	e.refreshLawful(a)
	e.refreshRetention(a)
	e.refreshNDOP(a)
}

// relayout lays the tab in view out again when its content's size has
// changed (or always, with force): a container lays itself out when
// something is added, but its parents only when their own size changes.
// The other tabs are left alone: laying a tab out re-measures every wrapped
// label on it, and doing all seven made opening an activity cost over
// 100 ms (BenchmarkGUIOpenActivity). AppTabs refreshes every tab's content
// when one is selected, so a tab changed out of view is laid out when
// opened (TestEditorLaysOutATabChangedOutOfView,
// TestEditorLaysOutATabLoadedOutOfView).
func (e *ActivityEditor) relayout(force bool) {
	e.relayoutTab(e.tabs.SelectedIndex(), force)
}

// relayoutTab is relayout for the tab i alone.
func (e *ActivityEditor) relayoutTab(i int, force bool) {
	if len(e.minSizes) != len(e.scrolls) {
		e.minSizes = make([]fyne.Size, len(e.scrolls))
	}
	if i < 0 || i >= len(e.scrolls) {
		return
	}
	s := e.scrolls[i]
	ms := s.Content.MinSize()
	if !force && ms == e.minSizes[i] {
		return
	}
	e.minSizes[i] = ms
	// Refreshing a scroll refreshes its content too: refreshing the
	// content again would measure every label twice.
	s.Refresh()
}

func (e *ActivityEditor) snapshot() string { return snapshotOf(e.Activity()) }

// snapshotOf is what dirty compares: the activity's JSON.
func snapshotOf(a *model.Activity) string {
	b, err := json.Marshal(a)
	if err != nil {
		return ""
	}
	return string(b)
}

// Load shows a (a new activity when a is nil or has no ID) and clears dirty.
func (e *ActivityEditor) Load(a *model.Activity) {
	if a == nil {
		a = &model.Activity{}
	}
	a = cloneActivity(a)
	e.loadOrganisations()
	if a.ID == uuid.Nil {
		if a.Role == "" {
			a.Role = model.RoleController
		}
		if a.Status == "" {
			a.Status = model.StatusDraft
		}
		if a.OrganisationID == uuid.Nil && len(e.orgs) == 1 {
			a.OrganisationID = e.orgs[0].ID
		}
	}
	e.loaded = a
	e.showWidgets(a)
	e.baseline = e.snapshot()
	wasDirty := e.dirty
	e.dirty = false
	if wasDirty && e.OnChanged != nil {
		e.OnChanged()
	}
	e.loadSuggestions()
	e.loadHistory(a.ID)
	e.loadRecordLinks(a.ID)
	e.applyReadOnly()
}

func (e *ActivityEditor) loadOrganisations() {
	if e.reg == nil {
		return
	}
	orgs, err := e.reg.Organisations(context.Background())
	if err != nil {
		log.Printf("editor: list organisations: %v", err)
		showError(e.general, model.ErrorMessage(err))
		return
	}
	e.orgs = orgs
	e.setOrganisationOptions()
}

// loadSuggestions fetches the values already used in the register for the
// list fields, in the background, so a large register does not delay
// showing the activity.
func (e *ActivityEditor) loadSuggestions() {
	if e.reg == nil {
		return
	}
	e.loadGen++
	gen := e.loadGen
	lists := e.suggestionLists()
	keys := make([]string, 0, len(lists)+1)
	for _, l := range lists {
		keys = append(keys, l.key)
	}
	keys = append(keys, "business_function")
	reg := e.reg
	e.bg.Add(1)
	go func() {
		defer e.bg.Done()
		found := map[string][]string{}
		for _, k := range keys {
			s, err := reg.Suggestions(context.Background(), k)
			if err != nil {
				log.Printf("editor: suggestions for %s: %v", k, err)
				continue
			}
			found[k] = s
		}
		fyne.DoAndWait(func() {
			if gen != e.loadGen {
				return
			}
			for _, l := range lists {
				l.setSuggestions(found[l.key])
			}
			e.overview.businessFunction.SetOptions(found["business_function"])
		})
	}()
}

func (e *ActivityEditor) suggestionLists() []*listField {
	return []*listField{
		e.overview.purposes, e.overview.controllersServed,
		e.data.subjects, e.data.personal,
		e.sharing.recipients, e.sharing.jointControllers,
		e.retention.sources, e.retention.locations,
	}
}

// Activity returns the activity as currently edited. Dates that do not
// parse come back as zero; Save reports them.
func (e *ActivityEditor) Activity() *model.Activity {
	a := cloneActivity(e.loaded)
	e.readOverview(a)
	e.readData(a)
	e.readLawful(a)
	e.readSharing(a)
	e.readRetention(a)
	e.readNDOP(a)
	e.readReviews(a)
	return a
}

// Dirty reports whether the form differs from the activity last loaded or
// saved.
func (e *ActivityEditor) Dirty() bool { return e.dirty }

// Save validates the activity, shows each problem beside its field and
// opens the tab of the first; when there is none it creates or updates the
// activity in the register.
func (e *ActivityEditor) Save() error {
	e.clearErrors()
	a := e.Activity()
	problems := e.dateProblems()
	var verr model.ValidationErrors
	if err := a.Validate(); errors.As(err, &verr) {
		problems = append(problems, verr...)
	}
	if len(problems) > 0 {
		e.showProblems(problems)
		return problems
	}
	ctx := context.Background()
	var err error
	if a.ID == uuid.Nil {
		err = e.reg.CreateActivity(ctx, a)
	} else {
		err = e.reg.UpdateActivity(ctx, a)
	}
	if err != nil {
		// The store validates too, and may know more (a vanished
		// organisation): show its messages the same way.
		if errors.As(err, &verr) {
			e.showProblems(verr)
			return verr
		}
		return err
	}
	e.relayout(false) // the messages of an earlier attempt are gone
	e.loaded = cloneActivity(a)
	e.baseline = e.snapshot()
	if e.dirty {
		e.dirty = false
		if e.OnChanged != nil {
			e.OnChanged()
		}
	}
	e.loadHistory(a.ID)
	if e.OnSaved != nil {
		e.OnSaved(cloneActivity(a))
	}
	return nil
}

// Revert puts back the activity as last loaded or saved.
func (e *ActivityEditor) Revert() { e.Load(e.loaded) }

// FocusField opens the tab holding the field at the JSON path field (as in
// a model.Finding or model.FieldError) and gives its widget focus.
func (e *ActivityEditor) FocusField(field string) {
	t, ok := e.resolve(field)
	if !ok {
		return
	}
	e.tabs.SelectIndex(t.tab)
	if t.focus == nil {
		return
	}
	if obj, isObj := t.focus.(fyne.CanvasObject); isObj {
		e.scrollTo(t.tab, obj)
	}
	if e.win != nil {
		e.win.Canvas().Focus(t.focus)
	}
}

// SetHistory puts a view of the activity's change history in the space kept
// for it on the Reviews tab.
func (e *ActivityEditor) SetHistory(obj fyne.CanvasObject) {
	e.reviews.history.Objects = []fyne.CanvasObject{obj}
	e.reviews.history.Refresh()
}

// scrollTo scrolls a tab so that obj is in view.
func (e *ActivityEditor) scrollTo(tab int, obj fyne.CanvasObject) {
	s := e.scrolls[tab]
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(obj).Y - d.AbsolutePositionForObject(s.Content).Y
	if y < s.Offset.Y || y > s.Offset.Y+s.Size().Height-obj.Size().Height {
		s.ScrollToOffset(fyne.NewPos(0, max(0, y-theme.Padding()*4)))
	}
}

// resolve finds where the messages of a JSON path go. A path the form does
// not know exactly falls back to its parent ("dpia.link.x" → "dpia.link").
func (e *ActivityEditor) resolve(path string) (target, bool) {
	if i := strings.IndexByte(path, '['); i > 0 {
		if lt, ok := e.lists[path[:i]]; ok {
			rest := path[i+1:]
			if j := strings.IndexByte(rest, ']'); j > 0 {
				if n, err := strconv.Atoi(rest[:j]); err == nil {
					sub := strings.TrimPrefix(rest[j+1:], ".")
					if f, l, ok := lt.list.target(n, sub); ok {
						return target{tab: lt.tab, focus: f, err: l}, true
					}
				}
			}
			return lt.target, true
		}
	}
	for p := path; p != ""; {
		if t, ok := e.targets[p]; ok {
			return t, true
		}
		if lt, ok := e.lists[p]; ok {
			return lt.target, true
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return target{}, false
}

func (e *ActivityEditor) clearErrors() {
	clearError(e.general)
	for _, t := range e.targets {
		clearError(t.err)
	}
	for _, lt := range e.lists {
		clearError(lt.err)
		lt.list.clearErrors()
	}
}

// showProblems puts each message beside its field and opens the tab of the
// first problem.
func (e *ActivityEditor) showProblems(problems model.ValidationErrors) {
	first := -1
	var firstTarget target
	for _, p := range problems {
		t, ok := e.resolve(p.Field)
		if !ok || t.err == nil {
			showError(e.general, p.Message)
			continue
		}
		showError(t.err, p.Message)
		if first < 0 || t.tab < first {
			first, firstTarget = t.tab, t
		}
	}
	e.relayout(false)
	if first >= 0 {
		e.tabs.SelectIndex(first)
		if e.win != nil && firstTarget.focus != nil {
			e.win.Canvas().Focus(firstTarget.focus)
		}
	}
}

// dateProblems reports the date entries whose text is not a date.
func (e *ActivityEditor) dateProblems() model.ValidationErrors {
	var v model.ValidationErrors
	check := func(path string, d *dateEntry) {
		if _, ok := d.get(); !ok {
			v = append(v, model.FieldError{Field: path, Message: dateMessage()})
		}
	}
	check("ndop.last_checked", e.ndop.lastChecked)
	check("ndop.assessed_at", e.ndop.assessedAt)
	for i, r := range e.reviews.rows.rows {
		check("reviews["+strconv.Itoa(i)+"].date", r.date)
	}
	return v
}

// cloneActivity copies a through its JSON form, the one deep copy that
// cannot forget a field added later.
func cloneActivity(a *model.Activity) *model.Activity {
	b, err := json.Marshal(a)
	if err != nil {
		panic("editor: marshal activity: " + err.Error())
	}
	var c model.Activity
	if err := json.Unmarshal(b, &c); err != nil {
		panic("editor: unmarshal activity: " + err.Error())
	}
	c.Revision = a.Revision // not in JSON; the store refuses a save without it
	return &c
}
