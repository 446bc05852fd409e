package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// ProblemsScreen lists the consistency checks' findings for the whole
// register; picking one opens the activity at the field concerned.
type ProblemsScreen struct {
	reg  activitySource
	host problemsHost

	summary  *widget.Label
	list     *widget.List
	content  fyne.CanvasObject
	findings []model.Finding
}

// activitySource is what the Problems screen reads: every activity with
// its organisation, and what the register-level checks look across.
type activitySource interface {
	EachActivity(ctx context.Context, fn func(a *model.Activity, org *model.Organisation) error) error
	registerLevelSource
}

// problemsHost is what the Problems screen needs from the window it is
// in (the main window).
type problemsHost interface {
	// openFinding opens the finding's activity in the editor at its
	// field, once any unsaved changes are dealt with; a register-level
	// finding opens its asset, supplier, organisation or the review.
	openFinding(f model.Finding)
	// fieldTab is the title of the editor's tab holding a field, "" when
	// the editor shows no such field.
	fieldTab(field string) string
	// setProblemsTitle puts the screen's title, with its count, on its tab.
	setProblemsTitle(title string)
}

func newProblemsScreen(reg activitySource, host problemsHost) *ProblemsScreen {
	p := &ProblemsScreen{reg: reg, host: host}
	p.buildUI()
	return p
}

// Findings are the findings shown, errors first.
func (p *ProblemsScreen) Findings() []model.Finding { return p.findings }

// List is the list of findings.
func (p *ProblemsScreen) List() *widget.List { return p.list }

func (p *ProblemsScreen) buildUI() {
	p.summary = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	p.list = &widget.List{
		Length: func() int { return len(p.findings) },
		CreateItem: func() fyne.CanvasObject {
			icon := widget.NewIcon(theme.WarningIcon())
			activity := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
			message := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
			return container.NewBorder(nil, nil, icon, nil, container.NewVBox(activity, message))
		},
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) {
			f := p.findings[i]
			row := o.(*fyne.Container)
			text := row.Objects[0].(*fyne.Container)
			icon := row.Objects[1].(*widget.Icon)
			if f.Severity == model.SeverityError {
				icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
			} else {
				icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
			}
			// Where picking it leads: the editor's tab holding the field.
			where := findingSubject(f)
			if tab := p.host.fieldTab(f.Field); tab != "" && f.Activity != "" {
				where += " · " + tab
			}
			text.Objects[0].(*widget.Label).SetText(where)
			text.Objects[1].(*widget.Label).SetText(f.Message)
		},
		OnSelected: p.onSelected,
	}
	p.list.ExtendBaseWidget(p.list)
	p.content = container.NewPadded(container.NewBorder(p.summary, nil, nil, nil, p.list))
}

// check runs the consistency checks over every activity of reg once,
// giving both the findings and the summary. Activities are visited one at
// a time, so a large register is never held whole in memory for this.
func check(ctx context.Context, reg activitySource, now time.Time) ([]model.Finding, model.Summary, error) {
	var findings []model.Finding
	sum := model.NewSummary()
	var brief []model.Activity
	err := reg.EachActivity(ctx, func(a *model.Activity, org *model.Organisation) error {
		f := model.CheckActivity(a, org, now)
		findings = append(findings, f...)
		sum.Add(a, org, f)
		brief = append(brief, briefActivity(a))
		return nil
	})
	if err != nil {
		return findings, sum, err
	}
	// The register-level checks (DSPT: suppliers, assets, sign-off, ICO
	// registration), which look across the register (assets_problems.go).
	dspt, err := checkRegisterLevel(ctx, reg, brief, now)
	for _, f := range dspt {
		if f.Severity == model.SeverityError {
			sum.Errors++
		} else {
			sum.Warnings++
		}
	}
	return append(findings, dspt...), sum, err
}

// Refresh runs the checks again in the background.
func (p *ProblemsScreen) Refresh() {
	reg := p.reg
	inBackground(func() func() {
		findings, sum, err := check(context.Background(), reg, clock())
		if err != nil {
			return func() { p.summary.SetText(model.ErrorMessage(err)) }
		}
		// Errors before warnings, keeping the checks' order within each.
		ordered := make([]model.Finding, 0, len(findings))
		for _, sev := range []model.Severity{model.SeverityError, model.SeverityWarning} {
			for _, f := range findings {
				if f.Severity == sev {
					ordered = append(ordered, f)
				}
			}
		}
		return func() {
			p.findings = ordered
			p.list.UnselectAll()
			p.list.Refresh()
			p.summary.SetText(fmt.Sprintf(lang.L("%s and %s across %s · %s with special-category data · %s"),
				countOf(sum.Errors, lang.L("1 error"), lang.L("%d errors")),
				countOf(sum.Warnings, lang.L("1 warning"), lang.L("%d warnings")),
				countOf(sum.Activities, lang.L("1 activity"), lang.L("%d activities")),
				countOf(sum.SpecialCategoryActivities, lang.L("1 activity"), lang.L("%d activities")),
				countOf(sum.ReviewsOverdue, lang.L("1 review overdue"), lang.L("%d reviews overdue"))))
			title := lang.L("Problems")
			if n := sum.Errors + sum.Warnings; n > 0 {
				title = fmt.Sprintf("%s (%d)", title, n)
			}
			p.host.setProblemsTitle(title)
		}
	})
}

func (p *ProblemsScreen) onSelected(i widget.ListItemID) {
	f := p.findings[i]
	p.list.UnselectAll()
	p.host.openFinding(f)
}
