package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// EditorWidgets exposes the editor's widgets to the external tests, which
// drive them as a user would.
type EditorWidgets struct {
	Tabs             *container.AppTabs
	Organisation     *widget.Select
	Role             *widget.Select
	Description      *textArea
	Status           *widget.Select
	Name             *widget.Entry
	BusinessFunction *widget.SelectEntry
	Owner            *widget.Entry
	Purposes         *widget.SelectEntry
	AddPurpose       *widget.Button
	Criminal         *widget.Check

	AddBasis *widget.Button

	// NDOP tab.
	Scope            *widget.Select
	Anonymised       *widget.Select
	AnonJustify      *textArea
	Identifiable     *widget.Select
	DutyOfConfidence *widget.Select
	HealthOrCare     *widget.Select
	Purpose          *widget.Select
	Basis            *widget.Select
	PolicyExemption  *widget.Entry
	S251Exempt       *widget.Check
	Evidence         *widget.Entry
	NHSNumber        *widget.Select
	Disproportionate *widget.Check
	DispReason       *textArea
	CheckMethod      *widget.Select
	LastChecked      *widget.Entry
	OnlyReturned     *widget.Check
	AssessedBy       *widget.Entry
	AssessedAt       *widget.Entry
	Verdict          *widget.Label
	Reason           *widget.Label
}

func Widgets(e *ActivityEditor) EditorWidgets {
	n := &e.ndop
	return EditorWidgets{
		Tabs:             e.tabs,
		Organisation:     e.overview.organisation,
		Role:             e.overview.role.Select,
		Description:      e.overview.description,
		Owner:            e.overview.owner,
		Status:           e.overview.status.Select,
		Name:             e.overview.name,
		BusinessFunction: e.overview.businessFunction,
		Purposes:         e.overview.purposes.input,
		AddPurpose:       e.overview.purposes.addBtn,
		Criminal:         e.data.criminal,
		AddBasis:         e.lists["lawful_bases"].focus.(*widget.Button),
		Scope:            n.scope,
		Anonymised:       n.anonymised.Select,
		AnonJustify:      n.anonJustify,
		Identifiable:     n.identifiable.Select,
		DutyOfConfidence: n.dutyOfConfidence.Select,
		HealthOrCare:     n.healthOrCare.Select,
		Purpose:          n.purpose.Select,
		Basis:            n.basis.Select,
		PolicyExemption:  n.policyExemption,
		S251Exempt:       n.s251Exempt,
		Evidence:         n.evidence,
		NHSNumber:        n.nhsNumber.Select,
		Disproportionate: n.disproportionate,
		DispReason:       n.dispReason,
		CheckMethod:      n.checkMethod.Select,
		LastChecked:      n.lastChecked.Entry,
		OnlyReturned:     n.onlyReturned,
		AssessedBy:       n.assessedBy,
		AssessedAt:       n.assessedAt.Entry,
		Verdict:          n.verdict,
		Reason:           n.reason,
	}
}

// SpecialCheck returns the check box of a special category.
func SpecialCheck(e *ActivityEditor, c model.SpecialCategory) *widget.Check {
	for i, o := range model.SpecialCategories {
		if o.Code == c {
			return e.data.special[i]
		}
	}
	return nil
}

// BasisRow returns the basis select and reason entry of row i.
func BasisRow(e *ActivityEditor, i int) (*widget.Select, *textArea) {
	r := e.lawful.bases.rows[i]
	return r.code.Select, r.reason
}

// ErrorShown returns the message shown beside the field at path, "" when
// none is visible.
func ErrorShown(e *ActivityEditor, path string) string {
	t, ok := e.resolve(path)
	if !ok || t.err == nil || !t.err.Visible() {
		return ""
	}
	return t.err.Text
}

// QuestionShown reports whether the NDOP question with the JSON key is
// visible.
func QuestionShown(e *ActivityEditor, key string) bool {
	if key == "check_method" || key == "last_checked" || key == "only_returned_numbers" {
		if !e.ndop.checkingBox.Visible() {
			return false
		}
	}
	return e.ndop.questions[key].row.Visible()
}

// Focused returns what has keyboard focus in the editor's window.
func Focused(e *ActivityEditor) any { return e.win.Canvas().Focused() }

// WaitIdle waits for background loading (suggestions) to finish, so a test
// touches widgets only after it has.
func WaitIdle(e *ActivityEditor) { e.bg.Wait() }

// SuggestionsOf returns the suggestions offered by the list field key.
func SuggestionsOf(e *ActivityEditor, key string) []string {
	for _, l := range e.suggestionLists() {
		if l.key == key {
			return l.suggested
		}
	}
	return nil
}

// ReadOnto builds the activity from the widgets alone, over base rather
// than the activity loaded, to show which fields the widgets carry.
func ReadOnto(e *ActivityEditor, base *model.Activity) *model.Activity {
	saved := e.loaded
	e.loaded = base
	defer func() { e.loaded = saved }()
	return e.Activity()
}

// Scroll returns the scroll container of tab i.
func Scroll(e *ActivityEditor, i int) *container.Scroll { return e.scrolls[i] }

// Resolves reports whether the editor knows where the field at path is.
func Resolves(e *ActivityEditor, path string) bool {
	_, ok := e.resolve(path)
	return ok
}

// LawfulShown reports which of the Lawful basis tab's conditional parts are
// visible.
func LawfulShown(e *ActivityEditor) map[string]bool {
	t := &e.lawful
	return map[string]bool{
		"legitimate_interests": t.liField.row.Visible(),
		"lia_link":             t.liaField.row.Visible(),
		"consent_record_link":  t.consentField.row.Visible(),
		"article9_conditions":  t.conditionsField.row.Visible(),
		"schedule1_conditions": t.schedule1Field.row.Visible(),
		"paragraph41":          t.apdBox.Visible(),
		"not_adhering_reason":  t.notAdheringField.row.Visible(),
		"article10_basis":      t.article10Field.row.Visible(),
	}
}

// MultiLineFields returns every multi-line text field in the editor, shown
// or hidden, and how many multi-line entries are not textAreas (each one a
// field that would lose spaces where its lines wrap).
func MultiLineFields(e *ActivityEditor) (areas []*textArea, bare int) {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *textArea:
			areas = append(areas, v)
			return
		case *widget.Entry:
			if v.MultiLine {
				bare++
			}
		}
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	// Tabs lay out only the tab showing: walk each tab's content.
	for _, it := range e.tabs.Items {
		walk(it.Content)
	}
	return areas, bare
}

// ShowDialog shows d with the keys every dialog of the app answers.
func ShowDialog(win fyne.Window, d dialog.Dialog, enter func()) { showDialog(win, d, enter) }

// NewTextArea returns the editor's multi-line field, for tests of its keys.
func NewTextArea() *textArea { return newTextArea("", 3, nil) }

// RightShown returns the answer and rules the Lawful basis tab shows for r.
func RightShown(e *ActivityEditor, r model.Right) (answer, rules string) {
	for _, row := range e.lawful.rights {
		if row.right == r {
			return row.answer.Text, row.rule.Text
		}
	}
	return "", ""
}

// EntryOf returns the entry o is or wraps (a textArea), nil for others.
func EntryOf(o fyne.CanvasObject) *widget.Entry {
	switch v := o.(type) {
	case *widget.Entry:
		return v
	case *textArea:
		return &v.Entry
	case *dialogEntry:
		return &v.Entry
	}
	return nil
}
