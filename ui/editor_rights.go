package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// rightRow shows one derived right, the rule behind it, and the DPO's
// override.
type rightRow struct {
	right    model.Right
	answer   *widget.Label
	rule     *widget.Label
	override *widget.Select
	reason   *widget.Entry
	err      *widget.Label
}

// The override choices, by index.
const (
	overrideNone = iota
	overrideAvailable
	overrideUnavailable
)

func (e *ActivityEditor) buildRights() fyne.CanvasObject {
	box := container.NewVBox()
	for _, o := range model.Rights {
		r := &rightRow{
			right:  o.Code,
			answer: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
			rule:   &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}},
			err:    newErrorLabel(),
		}
		r.override = &widget.Select{
			Options:   []string{lang.L("As derived"), lang.L("Override: available"), lang.L("Override: not available")},
			OnChanged: func(string) { e.changed() },
		}
		r.reason = newTextEntry(lang.L("Reason for the override"), e.changed)
		label := container.New(layout.NewCustomPaddedVBoxLayout(0),
			&widget.Label{Text: o.Label, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}},
			newHelp(o.Cite))
		body := container.NewVBox(
			container.NewBorder(nil, nil, fixedWidth(120, r.answer), container.NewVBox(fixedWidth(230, r.override)), r.rule),
			r.reason,
			r.err,
		)
		box.Add(container.New(rowLayout{}, label, body))
		e.lawful.rights = append(e.lawful.rights, r)
	}
	e.bindList("right_overrides", tabLawful, rightsTarget{e}, e.lawful.rights[0].override, e.lawful.rights[0].err)
	return box
}

func (e *ActivityEditor) loadRights(a *model.Activity) {
	for _, r := range e.lawful.rights {
		r.override.SetSelectedIndex(overrideNone)
		r.reason.SetText("")
		for _, o := range a.RightOverrides {
			if o.Right != r.right {
				continue
			}
			if o.Available {
				r.override.SetSelectedIndex(overrideAvailable)
			} else {
				r.override.SetSelectedIndex(overrideUnavailable)
			}
			r.reason.SetText(o.Reason)
		}
	}
}

// readRights writes the overrides in the order of model.Rights, keeping any
// for a right the form does not know.
func (e *ActivityEditor) readRights(a *model.Activity) {
	var out []model.RightOverride
	for _, o := range a.RightOverrides {
		if !model.Known(model.Rights, o.Right) {
			out = append(out, o)
		}
	}
	for _, r := range e.lawful.rights {
		switch r.override.SelectedIndex() {
		case overrideAvailable, overrideUnavailable:
			out = append(out, model.RightOverride{
				Right:     r.right,
				Available: r.override.SelectedIndex() == overrideAvailable,
				Reason:    strings.TrimSpace(r.reason.Text),
			})
		}
	}
	a.RightOverrides = out
}

// refreshRights shows what the rules derive before any override, so the DPO
// sees what they are departing from.
func (e *ActivityEditor) refreshRights(a *model.Activity) {
	plain := *a
	plain.RightOverrides = nil
	derived := model.DeriveRights(&plain)
	for _, r := range e.lawful.rights {
		i := slices.IndexFunc(derived, func(d model.RightAnswer) bool { return d.Right == r.right })
		if i < 0 {
			e.setTabLabel(tabLawful, r.answer, lang.L("Not derived"), r.answer.Importance)
			e.setTabLabel(tabLawful, r.rule, "", r.rule.Importance)
		} else {
			e.setTabLabel(tabLawful, r.answer, answerLabel(derived[i].Answer), r.answer.Importance)
			e.setTabLabel(tabLawful, r.rule, rulesText(derived[i]), r.rule.Importance)
		}
		if r.override.SelectedIndex() > overrideNone {
			r.reason.Show()
		} else {
			r.reason.Hide()
		}
	}
}

// rightsTarget finds the row of "right_overrides[i]": i counts the
// overrides as readRights writes them.
type rightsTarget struct{ e *ActivityEditor }

func (t rightsTarget) target(i int, sub string) (fyne.Focusable, *widget.Label, bool) {
	a := t.e.Activity()
	if i < 0 || i >= len(a.RightOverrides) {
		return nil, nil, false
	}
	for _, r := range t.e.lawful.rights {
		if r.right == a.RightOverrides[i].Right {
			if sub == "reason" {
				return r.reason, r.err, true
			}
			return r.override, r.err, true
		}
	}
	return nil, nil, false
}

func (t rightsTarget) clearErrors() {
	for _, r := range t.e.lawful.rights {
		clearError(r.err)
	}
}

// answerLabel is the words for a derived answer (yes, no, in part, not
// engaged), never its code.
func answerLabel(a model.Answer) string {
	if model.Known(model.Answers, a) {
		return lang.L(model.LabelOf(model.Answers, a))
	}
	return lang.L("Not derived")
}

// rulesText lists the rules behind an answer, one a line, each with the
// exemption that removes or limits the right when there is one.
func rulesText(d model.RightAnswer) string {
	if len(d.Rules) == 0 {
		return d.Rule
	}
	lines := make([]string, 0, len(d.Rules))
	for _, r := range d.Rules {
		line := r.Text
		if r.Exemption != "" && !strings.Contains(line, r.Exemption) {
			line += " (" + r.Exemption + ")"
		}
		lines = append(lines, "• "+line)
	}
	return strings.Join(lines, "\n")
}
