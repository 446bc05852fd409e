package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// editorRow is one row of a rowSet: a lawful basis with its reason, a
// transfer, a review.
type editorRow interface {
	object() fyne.CanvasObject
	errLabel() *widget.Label
	// focus returns the widget for a sub-field ("reason"), or the first.
	focus(sub string) fyne.Focusable
}

// rowSet is a list of editable rows that can be added and removed. Row i
// is the i-th element of the model's slice, so "transfers[i]" finds it.
type rowSet[R editorRow] struct {
	box     *fyne.Container
	rows    []R
	changed func()
}

func newRowSet[R editorRow](changed func()) *rowSet[R] {
	return &rowSet[R]{box: container.NewVBox(), changed: changed}
}

func (s *rowSet[R]) add(r R) {
	s.rows = append(s.rows, r)
	s.box.Add(r.object())
}

func (s *rowSet[R]) remove(r R) {
	i := slices.IndexFunc(s.rows, func(x R) bool { return x.object() == r.object() })
	if i < 0 {
		return
	}
	s.rows = slices.Delete(s.rows, i, i+1)
	s.box.Remove(r.object())
	s.changed()
}

func (s *rowSet[R]) clear() {
	s.rows = nil
	s.box.RemoveAll()
}

func (s *rowSet[R]) target(i int, sub string) (fyne.Focusable, *widget.Label, bool) {
	if i < 0 || i >= len(s.rows) {
		return nil, nil, false
	}
	return s.rows[i].focus(sub), s.rows[i].errLabel(), true
}

func (s *rowSet[R]) clearErrors() {
	for _, r := range s.rows {
		clearError(r.errLabel())
	}
}
