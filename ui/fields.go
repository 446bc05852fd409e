package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// labelWidth is the width of the label column of the editor's forms. A fixed
// width, rather than the widest label of each section, keeps every section of
// a tab aligned on the same edge.
const labelWidth float32 = 210

// dateLayout is how dates are shown in a date field: ISO, which no reader
// misreads. Typing accepts UK forms too (parseDate).
const dateLayout = "2006-01-02"

// newHelp returns the short help shown under a widget, citing where the field
// comes from in law or guidance.
func newHelp(text string) *widget.Label {
	return &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}, SizeName: theme.SizeNameCaptionText}
}

// newErrorLabel returns the red label that shows a validation message under
// a widget; it stays hidden until there is a message.
func newErrorLabel() *widget.Label {
	l := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	l.Hide()
	return l
}

func showError(l *widget.Label, msg string) {
	if l.Visible() && l.Text != "" {
		msg = l.Text + "\n" + msg
	}
	l.SetText(msg)
	l.Show()
}

func clearError(l *widget.Label) {
	if l.Text == "" && !l.Visible() {
		return
	}
	l.SetText("")
	l.Hide()
}

// newHeading returns a section heading inside a tab.
func newHeading(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
}

// field is one labelled row of a form: the label on the left, the widget with
// its help and error label on the right.
type field struct {
	row *fyne.Container
	err *widget.Label
}

func newField(label, help string, obj fyne.CanvasObject) *field {
	f := &field{err: newErrorLabel()}
	// Help and message sit close under their widget, so it is clear which
	// widget they belong to.
	body := container.New(layout.NewCustomPaddedVBoxLayout(0), obj)
	if help != "" {
		body.Add(newHelp(help))
	}
	body.Add(f.err)
	l := &widget.Label{Text: label, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	f.row = container.New(rowLayout{}, l, body)
	return f
}

// newQuestion is a field for a questionnaire: the question above the widget,
// because questions are sentences too long for a label column.
func newQuestion(question, help string, obj fyne.CanvasObject) *field {
	f := &field{err: newErrorLabel()}
	q := &widget.Label{Text: question, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	f.row = container.NewVBox(q, obj)
	if help != "" {
		f.row.Add(newHelp(help))
	}
	f.row.Add(f.err)
	return f
}

func (f *field) setVisible(v bool) {
	if v == f.row.Visible() {
		return
	}
	if v {
		f.row.Show()
	} else {
		f.row.Hide()
	}
}

// rowLayout puts a label in a fixed-width column and gives the rest of the
// width to the body.
type rowLayout struct{}

func (rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	l, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(labelWidth+pad+b.Width, max(l.Height, b.Height))
}

func (rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(labelWidth, objs[0].MinSize().Height))
	objs[1].Move(fyne.NewPos(labelWidth+pad, 0))
	objs[1].Resize(fyne.NewSize(size.Width-labelWidth-pad, size.Height))
}

// newTextEntry returns a one-line entry that reports changes.
func newTextEntry(placeholder string, changed func()) *widget.Entry {
	return &widget.Entry{PlaceHolder: placeholder, OnChanged: func(string) { changed() }}
}

// newReasonEntry returns an entry for a sentence or two beside a choice,
// wrapping so the whole reason can be read.
func newReasonEntry(placeholder string, changed func()) *textArea {
	return newTextArea(placeholder, 2, changed)
}

// newLongEntry returns a multi-line entry for free text such as a
// description or a retention schedule.
func newLongEntry(placeholder string, changed func()) *textArea {
	return newTextArea(placeholder, 3, changed)
}

func newCheck(text string, changed func()) *widget.Check {
	return &widget.Check{Text: text, OnChanged: func(bool) { changed() }}
}

// enumSelect shows an enumeration by its labels and gives back codes.
type enumSelect[T ~string] struct {
	Select *widget.Select
	opts   []model.Option[T]
}

// newEnumSelect returns a select over opts. With blank, the first choice
// records no value, for enumerations that may be left unanswered.
func newEnumSelect[T ~string](opts []model.Option[T], blank bool, changed func()) *enumSelect[T] {
	var labels []string
	if blank {
		labels = append(labels, lang.L("Not recorded"))
	}
	for _, o := range opts {
		labels = append(labels, o.Label)
	}
	s := &enumSelect[T]{opts: opts}
	s.Select = &widget.Select{Options: labels, PlaceHolder: lang.L("(Choose one)"), OnChanged: func(string) { changed() }}
	return s
}

func (s *enumSelect[T]) get() T {
	for _, o := range s.opts {
		if o.Label == s.Select.Selected {
			return o.Code
		}
	}
	return ""
}

func (s *enumSelect[T]) set(code T) {
	if code == "" || !model.Known(s.opts, code) {
		s.Select.ClearSelected()
		return
	}
	s.Select.SetSelected(model.LabelOf(s.opts, code))
}

// triState answers a yes/no question that may not be answered yet, as the
// model's *bool fields do.
type triState struct {
	Select *widget.Select
}

func newTriState(changed func()) *triState {
	return &triState{Select: &widget.Select{
		Options:     []string{lang.L("Not answered"), lang.L("Yes"), lang.L("No")},
		PlaceHolder: lang.L("Not answered"),
		OnChanged:   func(string) { changed() },
	}}
}

func (t *triState) get() *bool {
	switch t.Select.SelectedIndex() {
	case 1:
		return new(true)
	case 2:
		return new(false)
	}
	return nil
}

func (t *triState) set(v *bool) {
	switch {
	case v == nil:
		t.Select.SetSelectedIndex(0)
	case *v:
		t.Select.SetSelectedIndex(1)
	default:
		t.Select.SetSelectedIndex(2)
	}
}

func isTrue(v *bool) bool  { return v != nil && *v }
func isFalse(v *bool) bool { return v != nil && !*v }

// fixedWidth gives obj a set width (and its own height), for selects beside
// an entry in a row, which would otherwise change width with their text.
func fixedWidth(w float32, obj fyne.CanvasObject) *fyne.Container {
	return container.New(fixedWidthLayout(w), obj)
}

type fixedWidthLayout float32

func (l fixedWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(float32(l), objs[0].MinSize().Height)
}

func (l fixedWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(min(float32(l), size.Width), size.Height))
}

// fitRows makes a multi-line entry tall enough for the text it was loaded
// with, between lo and hi rows, guessing perLine characters to a line.
func fitRows(e *textArea, lo, hi, perLine int) {
	rows := 1
	for _, para := range strings.Split(e.Text, "\n") {
		rows += len([]rune(para)) / perLine
	}
	rows += strings.Count(e.Text, "\n")
	e.SetMinRowsVisible(min(hi, max(lo, rows)))
}

// newSplitRow lays out left (at a set width), center (taking the rest) and
// right (at its own width, may be nil) in a row. Unlike a border container
// it keeps them in that order in the tree, so Tab moves left to right.
func newSplitRow(leftWidth float32, left, center, right fyne.CanvasObject) *fyne.Container {
	objs := []fyne.CanvasObject{left, center}
	if right != nil {
		objs = append(objs, right)
	}
	return container.New(splitLayout(leftWidth), objs...)
}

type splitLayout float32

func (l splitLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	w := float32(l) + pad + objs[1].MinSize().Width
	h := max(objs[0].MinSize().Height, objs[1].MinSize().Height)
	if len(objs) > 2 {
		r := objs[2].MinSize()
		w += pad + r.Width
		h = max(h, r.Height)
	}
	return fyne.NewSize(w, h)
}

func (l splitLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	left := float32(l)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(left, objs[0].MinSize().Height))
	right := float32(0)
	if len(objs) > 2 {
		r := objs[2].MinSize()
		right = r.Width + pad
		objs[2].Move(fyne.NewPos(size.Width-r.Width, 0))
		objs[2].Resize(r)
	}
	objs[1].Move(fyne.NewPos(left+pad, 0))
	objs[1].Resize(fyne.NewSize(size.Width-left-pad-right, size.Height))
}
