package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// The first-run flow. A register without its organisation cannot say whose
// record it is, and a history without a name says only the computer's
// login: so the first start asks for the user's name on the welcome
// screen, and a new register asks for its organisation (name, ICO
// registration number, DPO) and, again, the name, before the DPO starts.

// buildFirstRun is the name box on the welcome screen, shown while the
// app does not know the user's name.
func (w *Welcome) buildFirstRun() fyne.CanvasObject {
	w.name = &widget.Entry{PlaceHolder: lang.L("e.g. Zoë Ní Bhriain")}
	w.name.OnChanged = func(s string) { w.app.settings.SetUserName(s) }
	w.firstRun = container.NewVBox(
		widget.NewSeparator(),
		&widget.Label{Text: lang.L("First, your name"), TextStyle: fyne.TextStyle{Bold: true}},
		w.name,
		newHelp(lang.L("Recorded in the register's change history beside each change you make. You can change it later under Edit → Your name.")),
	)
	w.refreshFirstRun()
	return w.firstRun
}

// refreshFirstRun shows the name box only while no name is known.
func (w *Welcome) refreshFirstRun() {
	if w.app.settings.UserName() == "" {
		w.firstRun.Show()
	} else {
		w.firstRun.Hide()
	}
}

// WelcomeNameEntry is the welcome screen's "your name" box, shown on the
// first start.
func (u *App) WelcomeNameEntry() *widget.Entry {
	if !u.welcome.firstRun.Visible() {
		return nil
	}
	return u.welcome.name
}

// NewRegister creates a register at path, as File → New register does, and
// asks for its organisation and the user's name.
func (u *App) NewRegister(path string) {
	u.loadThen(path, lang.L("Creating register…"), func(ctx context.Context) (Register, error) {
		return u.opener.Create(ctx, path)
	}, u.askSetup)
}

// askSetup asks who keeps the new register and for whom.
func (u *App) askSetup() {
	reg, m := u.reg, u.main
	if reg == nil || m == nil || reg.ReadOnly() != "" {
		return
	}
	you := newDialogEntry(u.settings.UserName(), lang.L("e.g. Zoë Ní Bhriain"))
	you.Validator = required(lang.L("Say who you are: the history records your name beside each change."))
	org := newDialogEntry("", lang.L("e.g. Mental Health and Wellbeing Services Ltd"))
	org.Validator = required(lang.L("Give the organisation's name."))
	ico := newDialogEntry("", lang.L("e.g. ZA123456"))
	dpo := newDialogEntry("", lang.L("e.g. Zoë Ní Bhriain"))
	email := newDialogEntry("", lang.L("e.g. dpo@example.org.uk"))
	// The model's own check of an address, so the form and a save agree.
	email.Validator = func(s string) error {
		o := model.Organisation{Name: "-", DPO: model.Contact{Email: strings.TrimSpace(s)}}
		var v model.ValidationErrors
		if errors.As(o.Validate(), &v) && len(v) > 0 {
			return errors.New(v[0].Message)
		}
		return nil
	}
	items := []*widget.FormItem{
		{Text: lang.L("Your name"), Widget: you, HintText: lang.L("Recorded in the change history beside each change you make.")},
		{Text: lang.L("Organisation"), Widget: org, HintText: lang.L("The controller whose record this is (UK GDPR Article 30(1)(a)). Add more organisations later on the Organisations tab.")},
		{Text: lang.L("ICO registration number"), Widget: ico, HintText: lang.L("From the ICO's register of fee payers; leave empty if exempt.")},
		{Text: lang.L("Data protection officer"), Widget: dpo, HintText: lang.L("Their name, if the organisation has a DPO (Article 30(1)(a), Article 37).")},
		{Text: lang.L("DPO's email"), Widget: email},
	}
	d := dialog.NewForm(lang.L("Set up your register"), lang.L("Save"), lang.L("Later"), items, func(ok bool) {
		if !ok {
			return
		}
		u.settings.SetUserName(you.Text)
		reg.SetUser(u.settings.UserName())
		o := model.Organisation{
			Name:            strings.TrimSpace(org.Text),
			Roles:           []model.Role{model.RoleController},
			ICORegistration: strings.TrimSpace(ico.Text),
			DPO:             model.Contact{Name: strings.TrimSpace(dpo.Text), Email: strings.TrimSpace(email.Text)},
		}
		inBackground(func() func() {
			err := reg.CreateOrganisation(context.Background(), &o)
			return func() {
				if err != nil {
					u.showError(fmt.Errorf("set up register: %w", err))
					return
				}
				// The one "register changed" notification, not a
				// hand-picked few screens: every screen shows the
				// new organisation.
				if u.main == m {
					m.organisationsChanged()
				}
			}
		})
	}, u.win)
	d.Resize(fyne.NewSize(640, 0))
	showDialog(u.win, d, nil)
	u.win.Canvas().Focus(you)
	if you.Text != "" {
		u.win.Canvas().Focus(org)
	}
}
