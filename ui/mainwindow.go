package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
)

// MainWindow is the screen shown while a register is open: tabs for the
// activities (list beside editor), the organisations and the problems.
type MainWindow struct {
	app *App
	reg Register
	win fyne.Window

	list      *ActivityList
	editor    *ActivityEditor
	orgs      *OrganisationsScreen
	problems  *ProblemsScreen
	status    *StatusBar
	assets    *AssetsScreen
	suppliers *SuppliersScreen

	tabs          *container.AppTabs
	activitiesTab *container.TabItem
	orgsTab       *container.TabItem
	problemsTab   *container.TabItem
	assetsTab     *container.TabItem
	suppliersTab  *container.TabItem
	heading       *widget.Label
	newBtn        *widget.Button
	saveBtn       *widget.Button
	revertBtn     *widget.Button
	duplicateBtn  *widget.Button
	deleteBtn     *widget.Button
	editorPane    *fyne.Container
	editorBody    fyne.CanvasObject
	placeholder   fyne.CanvasObject
	content       fyne.CanvasObject

	organisations []model.Organisation
	current       uuid.UUID // the activity in the editor; uuid.Nil for a new one
	editing       bool      // whether the editor holds an activity at all
	autoSelected  bool
	savedName     string // the name of the activity in the editor, as stored
}

func newMainWindow(u *App, reg Register) *MainWindow {
	m := &MainWindow{app: u, reg: reg, win: u.win}
	m.buildUI()
	return m
}

// List is the activity list.
func (m *MainWindow) List() *ActivityList { return m.list }

// Editor is the activity editor.
func (m *MainWindow) Editor() *ActivityEditor { return m.editor }

// Organisations is the organisations screen.
func (m *MainWindow) Organisations() *OrganisationsScreen { return m.orgs }

// Problems is the problems screen.
func (m *MainWindow) Problems() *ProblemsScreen { return m.problems }

// Assets is the information asset register's screen.
func (m *MainWindow) Assets() *AssetsScreen { return m.assets }

// Suppliers is the supplier list's screen.
func (m *MainWindow) Suppliers() *SuppliersScreen { return m.suppliers }

// Status is the status bar at the foot of the window.
func (m *MainWindow) Status() *StatusBar { return m.status }

// The main window is the Problems, Organisations and Review screens'
// host: the little of it each needs, declared where it is used.
var (
	_ problemsHost      = (*MainWindow)(nil)
	_ organisationsHost = (*MainWindow)(nil)
	_ reviewHost        = (*MainWindow)(nil)
)

func (m *MainWindow) openFinding(f model.Finding) {
	if f.ActivityID == uuid.Nil {
		m.openRegisterLevel(f)
		return
	}
	m.ConfirmLeave(func() {
		m.showActivity(f.ActivityID, func() { m.editor.FocusField(f.Field) })
	})
}

func (m *MainWindow) fieldTab(field string) string { return m.editor.TabTitle(field) }

func (m *MainWindow) setProblemsTitle(title string) {
	m.problemsTab.Text = title
	m.tabs.Refresh()
}

// organisationsChanged is the Organisations screen's save or delete: the
// one "register changed" notification, so that the list, the Problems
// screen and an open editor (its opt-out scope) all show it.
func (m *MainWindow) organisationsChanged() { m.registerChanged() }

// The Review screen's host (reviewcycles.go).

func (m *MainWindow) dialogWindow() fyne.Window    { return m.win }
func (m *MainWindow) showError(err error)          { m.app.showError(err) }
func (m *MainWindow) userName() string             { return m.app.settings.UserName() }
func (m *MainWindow) reviewer() string             { return m.app.settings.Reviewer() }
func (m *MainWindow) rememberReviewer(name string) { m.app.settings.SetReviewer(name) }
func (m *MainWindow) confirmLeave(then func())     { m.ConfirmLeave(then) }
func (m *MainWindow) chooseCyclePDF(c *model.ReviewCycle, name string) {
	m.app.chooseExportFile(desk.PDF, c, name)
}
func (m *MainWindow) exportCyclePDF(c *model.ReviewCycle, path string) {
	m.app.runExport(desk.PDF, c, path)
}

func (m *MainWindow) inEditor() uuid.UUID {
	if !m.editing {
		return uuid.Nil
	}
	return m.current
}

func (m *MainWindow) openActivity(id uuid.UUID, field string) {
	m.ConfirmLeave(func() {
		m.showActivity(id, func() {
			if field != "" {
				m.editor.FocusField(field)
			}
		})
	})
}

// reviewsRecorded loads open into the editor when it is the activity
// there and has no unsaved changes, at once rather than by the
// notification's own read, then tells every screen the register changed.
func (m *MainWindow) reviewsRecorded(open *model.Activity) {
	if open != nil && m.editing && m.current == open.ID && !m.editor.Dirty() {
		m.editor.Load(open)
		m.savedName = open.Name
		m.updateButtons()
	}
	m.afterChange()
}

// ShowEditorTab shows the activity editor at its tab i (View → Activity:
// …, Alt+1 … Alt+7).
func (m *MainWindow) ShowEditorTab(i int) {
	m.tabs.Select(m.activitiesTab)
	m.editor.SelectTab(i)
}

// Current is the id of the activity in the editor (uuid.Nil for a new one).
func (m *MainWindow) Current() uuid.UUID { return m.current }

func (m *MainWindow) buildUI() {
	readOnly := m.reg.ReadOnly() != ""

	m.list = NewActivityList(m.reg)
	m.list.OnSelected = m.onListSelected

	m.editor = NewActivityEditor(m.reg, m.win)
	m.editor.OnSaved = m.onSaved
	m.editor.OnChanged = m.onEditorChanged

	m.heading = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Truncation: fyne.TextTruncateEllipsis}
	m.newBtn = &widget.Button{Text: lang.L("New activity"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: m.NewActivity}
	m.saveBtn = &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: m.Save}
	m.revertBtn = &widget.Button{Text: lang.L("Revert"), Icon: theme.ContentUndoIcon(), OnTapped: m.Revert}
	m.duplicateBtn = &widget.Button{Text: lang.L("Duplicate"), Icon: theme.ContentCopyIcon(), OnTapped: m.Duplicate}
	m.deleteBtn = &widget.Button{Text: lang.L("Delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: m.Delete}

	m.placeholder = container.NewCenter(&widget.Label{
		Text:       lang.L("Choose an activity from the list, or create a new one."),
		Importance: widget.LowImportance,
	})
	bar := container.NewVBox(m.heading, container.NewHBox(m.saveBtn, m.revertBtn, layout.NewSpacer(), m.duplicateBtn, m.deleteBtn))
	m.editorBody = container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), nil, nil, nil, m.editor.Content())
	m.editorPane = container.NewStack(m.placeholder)

	head := container.NewBorder(nil, nil, m.newBtn, m.list.Count())
	m.list.SetCountHolder(head)
	left := container.NewBorder(head, nil, nil, nil, m.list.Content())
	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(m.editorPane))
	split.Offset = 0.46

	m.orgs = newOrganisationsScreen(m.reg, m.win, m)
	m.problems = newProblemsScreen(m.reg, m)

	m.activitiesTab = container.NewTabItemWithIcon(lang.L("Activities"), theme.ListIcon(), split)
	m.orgsTab = container.NewTabItemWithIcon(lang.L("Organisations"), theme.AccountIcon(), m.orgs.content)
	m.problemsTab = container.NewTabItemWithIcon(lang.L("Problems"), theme.WarningIcon(), m.problems.content)
	m.tabs = container.NewAppTabs(m.activitiesTab, m.orgsTab, m.problemsTab)
	m.addReviewTab() // reviewcycles.go; only when the register keeps review cycles
	m.assets, m.suppliers = newAssetsScreen(m.reg, m), newSuppliersScreen(m.reg, m)
	m.wireEditorLinks()
	m.assetsTab = container.NewTabItemWithIcon(lang.L("Assets"), theme.StorageIcon(), m.assets.content)
	m.suppliersTab = container.NewTabItemWithIcon(lang.L("Suppliers"), theme.HomeIcon(), m.suppliers.content)
	m.tabs.Append(m.assetsTab)
	m.tabs.Append(m.suppliersTab)
	prev := m.tabs.OnSelected
	m.tabs.OnSelected = func(item *container.TabItem) {
		if prev != nil {
			prev(item)
		}
		// A list scrolled to its selection while its tab was hidden (of
		// no height) shows it off screen; scroll again now it has one.
		switch item {
		case m.assetsTab:
			m.assets.scrollToCurrent()
		case m.suppliersTab:
			m.suppliers.scrollToCurrent()
		}
	}

	var top fyne.CanvasObject
	if readOnly {
		top = m.readOnlyBanner() // readonly.go
	}
	m.status = newStatusBar(m.reg.Path())
	m.status.SetReadOnly(m.reg.ReadOnly())
	m.content = container.NewBorder(top, m.status.Content(), nil, nil, m.tabs)
	m.updateButtons()
}

// Reload fetches everything every screen shows again.
func (m *MainWindow) Reload() { m.registerChanged() }

func (m *MainWindow) reloadOrganisations() {
	reg := m.reg
	inBackground(func() func() {
		orgs, err := reg.Organisations(context.Background())
		return func() {
			if err != nil {
				m.app.showError(fmt.Errorf("list organisations: %w", err))
				return
			}
			m.organisations = orgs
			m.list.SetOrganisations(orgs)
			m.orgs.setOrganisations(orgs)
			m.autoSelectFirst()
		}
	})
}

// autoSelectFirst opens the first activity once, so a register never opens
// on an empty editor when it has activities to show.
func (m *MainWindow) autoSelectFirst() {
	if m.autoSelected || m.editing {
		return
	}
	m.autoSelected = true
	reg := m.reg
	inBackground(func() func() {
		rows, _, err := reg.ListActivities(context.Background(), model.ActivityFilter{Sort: model.SortName, Limit: 1})
		if err != nil || len(rows) == 0 {
			return nil
		}
		return func() {
			if !m.editing {
				m.showActivity(rows[0].ID, nil)
			}
		}
	})
}

// ShowView switches to the Activities, Organisations or Problems tab.
func (m *MainWindow) ShowView(item *container.TabItem) { m.tabs.Select(item) }

func (m *MainWindow) onListSelected(s model.ActivitySummary) {
	if m.editing && s.ID == m.current {
		return
	}
	m.ConfirmLeave(func() { m.showActivity(s.ID, nil) })
	// Until the DPO has answered, the highlight stays on the activity being
	// edited; showActivity moves it.
	m.list.Select(m.current)
}

// showActivity loads the activity with id into the editor, then runs
// after (if not nil).
func (m *MainWindow) showActivity(id uuid.UUID, after func()) {
	reg := m.reg
	inBackground(func() func() {
		a, err := reg.Activity(context.Background(), id)
		return func() {
			if err != nil {
				m.app.showError(fmt.Errorf("load activity: %w", err))
				return
			}
			m.loadIntoEditor(a)
			if after != nil {
				after()
			}
		}
	})
}

func (m *MainWindow) loadIntoEditor(a *model.Activity) {
	m.editor.Load(a)
	m.current, m.savedName = a.ID, a.Name
	m.editing = true
	m.list.Select(a.ID)
	// Refreshing the pane would refresh every widget of every tab of the
	// editor (AppTabs refreshes all its tabs' contents), which Load has just
	// brought up to date: lay the pane out and repaint it instead, and only
	// when the editor was not already shown (BenchmarkGUIOpenActivity).
	if len(m.editorPane.Objects) != 1 || m.editorPane.Objects[0] != m.editorBody {
		m.editorPane.Objects = []fyne.CanvasObject{m.editorBody}
		m.editorPane.Layout.Layout(m.editorPane.Objects, m.editorPane.Size())
		canvas.Refresh(m.editorPane)
	}
	m.tabs.Select(m.activitiesTab)
	m.updateButtons()
	m.app.setTitle()
}

// ConfirmLeave runs then at once if the editor has no unsaved changes;
// otherwise it asks Save, Discard or Cancel first, so that work is never
// lost silently.
func (m *MainWindow) ConfirmLeave(then func()) {
	if !m.editing || !m.editor.Dirty() {
		then()
		return
	}
	name := m.editor.Activity().Name
	if name == "" {
		name = lang.L("the new activity")
	}
	msg := &widget.Label{Text: fmt.Sprintf(lang.L("Save the changes to %s?"), name), Wrapping: fyne.TextWrapWord}
	var d *dialog.CustomDialog
	save := &widget.Button{Text: lang.L("Save"), Importance: widget.HighImportance, OnTapped: func() {
		d.Hide()
		if m.saveEditor() {
			then()
		}
	}}
	discard := &widget.Button{Text: lang.L("Discard"), Importance: widget.DangerImportance, OnTapped: func() {
		d.Hide()
		m.editor.Revert()
		then()
	}}
	cancel := &widget.Button{Text: lang.L("Cancel"), OnTapped: func() { d.Hide() }}
	d = dialog.NewCustomWithoutButtons(lang.L("Unsaved changes"), msg, m.win)
	d.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	d.Resize(fyne.NewSize(420, 0))
	showDialog(m.win, d, save.OnTapped)
}

// NewActivity starts a new activity in the editor.
func (m *MainWindow) NewActivity() {
	if m.reg.ReadOnly() != "" {
		return
	}
	if len(m.organisations) == 0 {
		dialog.ShowInformation(lang.L("Add an organisation first"),
			lang.L("Every activity belongs to an organisation. Add yours on the Organisations tab, then create the activity."), m.win)
		m.tabs.Select(m.orgsTab)
		return
	}
	m.ConfirmLeave(func() {
		a := &model.Activity{
			OrganisationID: m.organisations[0].ID,
			Role:           model.RoleController,
			Status:         model.StatusDraft,
		}
		if id := m.list.filter.OrganisationID; id != uuid.Nil {
			a.OrganisationID = id
		}
		m.loadIntoEditor(a)
		m.editor.FocusField("name")
	})
}

// Save saves the activity in the editor.
func (m *MainWindow) Save() {
	if m.editing {
		m.saveEditor()
	}
}

// saveEditor saves and reports success. Validation messages are shown by
// the editor beside the fields; anything else gets a dialog.
func (m *MainWindow) saveEditor() bool {
	err := m.editor.Save()
	if err == nil {
		return true
	}
	switch model.ErrorCode(err) {
	case model.EINVALID:
	case model.ECONFLICT:
		m.resolveConflict(err)
	default:
		m.app.showError(fmt.Errorf("save activity: %w", err))
	}
	return false
}

// Revert throws away the editor's unsaved changes.
func (m *MainWindow) Revert() {
	if m.editing {
		m.editor.Revert()
	}
}

// Duplicate saves a copy of the current activity, named "… (copy)", and
// opens it. The copy has its own id and no reviews: it has not been reviewed.
func (m *MainWindow) Duplicate() {
	if !m.editing || m.current == uuid.Nil || m.reg.ReadOnly() != "" {
		return
	}
	m.ConfirmLeave(func() {
		reg, id := m.reg, m.current
		inBackground(func() func() {
			ctx := context.Background()
			a, err := reg.Activity(ctx, id)
			if err == nil {
				a.ID = uuid.Nil
				a.Name += " " + lang.L("(copy)")
				a.Reviews = nil
				a.CreatedAt, a.UpdatedAt = time.Time{}, time.Time{}
				err = reg.CreateActivity(ctx, a)
			}
			return func() {
				if err != nil {
					m.app.showError(fmt.Errorf("duplicate activity: %w", err))
					return
				}
				m.loadIntoEditor(a)
				m.afterChange()
			}
		})
	})
}

// Delete asks for confirmation, then deletes the current activity.
func (m *MainWindow) Delete() {
	if !m.editing || m.reg.ReadOnly() != "" {
		return
	}
	if m.current == uuid.Nil {
		// Nothing saved yet: deleting means dropping the draft.
		m.editor.Revert()
		m.clearEditor()
		return
	}
	name := m.editor.Activity().Name
	d := dialog.NewConfirm(lang.L("Delete activity"),
		fmt.Sprintf(lang.L("Delete %q from the register? Its change history is kept, but the activity cannot be restored from here."), name),
		func(ok bool) {
			if !ok {
				return
			}
			reg, id := m.reg, m.current
			inBackground(func() func() {
				err := reg.DeleteActivity(context.Background(), id)
				return func() {
					if err != nil {
						m.app.showError(fmt.Errorf("delete activity: %w", err))
						return
					}
					m.editor.Revert()
					m.clearEditor()
					m.afterChange()
				}
			})
		}, m.win)
	d.SetConfirmText(lang.L("Delete"))
	d.SetDismissText(lang.L("Cancel"))
	d.SetConfirmImportance(widget.DangerImportance)
	showDialog(m.win, d, nil)
}

func (m *MainWindow) clearEditor() {
	m.current, m.editing = uuid.Nil, false
	m.list.Select(uuid.Nil)
	m.editorPane.Objects = []fyne.CanvasObject{m.placeholder}
	m.editorPane.Refresh()
	m.updateButtons()
	m.app.setTitle()
}

func (m *MainWindow) onSaved(a *model.Activity) {
	m.current, m.savedName = a.ID, a.Name
	m.list.Select(a.ID)
	m.afterChange()
	m.updateButtons()
	m.app.setTitle()
}

// afterChange tells every screen the register changed.
func (m *MainWindow) afterChange() { m.registerChanged() }

func (m *MainWindow) onEditorChanged() {
	m.updateButtons()
	m.app.setTitle()
}

// updateButtons enables what makes sense for the editor's state.
func (m *MainWindow) updateButtons() {
	writable := m.reg.ReadOnly() == ""
	dirty := m.editing && m.editor.Dirty()
	// The heading names the activity as saved: the editor only reports
	// when it becomes dirty, so a name being typed would show half-typed.
	name := lang.L("New activity")
	if m.editing && m.current != uuid.Nil && m.savedName != "" {
		name = m.savedName
	}
	m.heading.SetText(name)
	setEnabled(m.newBtn, writable)
	setEnabled(m.saveBtn, writable && dirty)
	setEnabled(m.revertBtn, dirty)
	setEnabled(m.duplicateBtn, writable && m.editing && m.current != uuid.Nil)
	setEnabled(m.deleteBtn, writable && m.editing)
}

func setEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}
