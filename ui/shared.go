package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// A shared register lives on a PostgreSQL server (issue 21). The app opens
// it wherever it opens a file: from the command line, the recent
// registers, and File → Connect to a shared register…. Its address
// (postgres://…) is what the app keeps, never with a password in it: the
// password comes from the standard PostgreSQL places (PGPASSFILE,
// PGPASSWORD) or from the person, asked each time.

// SharedOpener connects to shared registers; cmd/ropa's Opener is one.
type SharedOpener interface {
	// Connect opens the shared register at address. ask is called, off
	// the UI goroutine, when the server wants a password that the
	// address and the standard places do not give; it returns "" when
	// the person gives none.
	Connect(ctx context.Context, address string, ask func(where string) (string, error)) (Register, error)
}

// SharedLocation is a register on a server: SharedWhere names it for a
// person (database, server and the role signed in as).
type SharedLocation interface {
	SharedWhere() string
}

// isSharedAddress reports whether path is a shared register's address
// rather than a file's path. Settings and the screens must not treat it as
// a path (filepath.Clean would turn "postgres://" into "postgres:/").
func isSharedAddress(path string) bool {
	return strings.HasPrefix(path, "postgres://") || strings.HasPrefix(path, "postgresql://")
}

// registerName is the short name of a register for a title, a busy
// dialog or an exported file's name: the file's name, or a shared
// register's database name.
func registerName(path string) string {
	if isSharedAddress(path) {
		if u, err := url.Parse(path); err == nil {
			if db := strings.Trim(u.Path, "/"); db != "" {
				return db
			}
			return u.Hostname()
		}
		return path
	}
	return filepath.Base(path)
}

// registerBaseName is registerName without the file's extension, for the
// name of a file exported from it.
func registerBaseName(path string) string {
	n := registerName(path)
	if isSharedAddress(path) {
		return n
	}
	return strings.TrimSuffix(n, filepath.Ext(n))
}

// registerPlace says where a register is, for the recent registers: the
// file's folder, or the shared register's server.
func registerPlace(path string) string {
	if isSharedAddress(path) {
		if u, err := url.Parse(path); err == nil {
			who := ""
			if u.User != nil && u.User.Username() != "" {
				who = u.User.Username() + "@"
			}
			return lang.L("shared, on") + " " + who + u.Host
		}
	}
	return shortDir(path)
}

// connectShared opens the shared register at address in the background,
// asking for its password if the server wants one.
func (u *App) connectShared(address string) {
	so, ok := u.opener.(SharedOpener)
	if !ok {
		u.showError(errors.New(lang.L("This copy of ROPA Desk cannot open shared registers.")))
		return
	}
	u.load(address, lang.L("Connecting to the shared register…"), func(ctx context.Context) (Register, error) {
		return so.Connect(ctx, address, u.askPassword)
	})
}

// askPassword asks, on the UI goroutine, for the password of the shared
// register where names, and waits for the answer: "" if the person
// cancels. It is called from the background connection.
func (u *App) askPassword(where string) (string, error) {
	answer := make(chan string, 1)
	var once sync.Once
	reply := func(pw string) { once.Do(func() { answer <- pw }) }
	runOnUI(func() {
		pw := widget.NewPasswordEntry()
		msg := &widget.Label{Text: fmt.Sprintf(lang.L("The server asks for your password to open the shared register %s. It is used for this connection only and kept nowhere."), where),
			Wrapping: fyne.TextWrapWord}
		d := dialog.NewCustomConfirm(lang.L("Password for the shared register"), lang.L("Connect"), lang.L("Cancel"),
			container.NewVBox(msg, widget.NewForm(widget.NewFormItem(lang.L("Password"), pw))),
			func(ok bool) {
				if ok {
					reply(pw.Text)
				}
				reply("")
			}, u.win)
		pw.OnSubmitted = func(string) {
			reply(pw.Text)
			d.Hide()
		}
		d.Resize(fyne.NewSize(520, d.MinSize().Height))
		d.Show()
		u.win.Canvas().Focus(pw)
	})
	return <-answer, nil
}

// ShowConnectShared asks for a shared register's address and opens it.
func (u *App) ShowConnectShared() {
	addr := widget.NewEntry()
	addr.SetPlaceHolder("postgres://you@server.example.nhs.uk/ropa?sslmode=verify-full")
	for _, p := range u.settings.RecentFiles() {
		if isSharedAddress(p) {
			addr.SetText(p) // the last one used, to connect again or edit
			break
		}
	}
	addr.Validator = func(s string) error {
		if !isSharedAddress(strings.TrimSpace(s)) {
			return errors.New(lang.L("The address of a shared register starts with postgres://"))
		}
		return nil
	}
	help := &widget.Label{Text: lang.L("Your IT department gives you the address: the server, the register's database and your user name. Leave the password out: you are asked for it, or it is read from your PostgreSQL password file."), Wrapping: fyne.TextWrapWord}
	form := widget.NewForm(widget.NewFormItem(lang.L("Address"), addr))
	var d dialog.Dialog
	connect := func() {
		if err := addr.Validate(); err != nil {
			u.showError(err)
			return
		}
		d.Hide()
		u.OpenFile(strings.TrimSpace(addr.Text))
	}
	addr.OnSubmitted = func(string) { connect() }
	d = dialog.NewCustomConfirm(lang.L("Connect to a shared register"), lang.L("Connect"), lang.L("Cancel"),
		container.NewVBox(help, form), func(ok bool) {
			if ok {
				connect()
			}
		}, u.win)
	d.Resize(fyne.NewSize(640, d.MinSize().Height))
	d.Show()
	u.win.Canvas().Focus(addr)
}
