package ui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// App is the root of the user interface: it holds the open register and
// swaps between the welcome screen and the main window.
type App struct {
	app      fyne.App
	win      fyne.Window
	opener   Opener
	settings *Settings

	reg     Register
	backups *dailyBackups // the open register's daily backups, nil if none
	main    *MainWindow
	// stopWatch ends the open register's change watch (changes.go).
	stopWatch func()
	welcome   *Welcome
	root      *fyne.Container
	// shortcuts are the keyboard shortcuts setMenus bound, in menu order:
	// Help → Keyboard shortcuts lists exactly these.
	shortcuts []shortcutHelp
	// lastOrgChoice is the export dialog's organisation box, for tests.
	lastOrgChoice *orgChoice
}

// Create builds the interface into win: content, main menu and the close
// prompt. Call Start to open a register or show the welcome screen.
func Create(a fyne.App, win fyne.Window, o Opener) *App {
	u := &App{app: a, win: win, opener: o, settings: NewSettings(a.Preferences())}
	// Fyne's default colours fall below WCAG AA in places (theme.go).
	a.Settings().SetTheme(NewTheme())
	u.welcome = newWelcome(u)
	u.root = container.NewStack(u.welcome.content)
	win.SetContent(u.root)
	win.Resize(u.settings.WindowSize())
	win.SetCloseIntercept(u.onCloseWindow)
	u.setMenus()
	u.setTitle()
	return u
}

// Start opens path (creating it if it does not exist); with no path it
// reopens the last register, or shows the welcome screen.
func (u *App) Start(path string) {
	if isSharedAddress(path) {
		u.OpenFile(path)
		return
	}
	if path != "" {
		// The recent files list needs paths that work from any folder.
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
	}
	switch {
	case path != "":
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			u.CreateFile(path)
			return
		}
		u.OpenFile(path)
	case isSharedAddress(u.settings.LastRegister()):
		u.OpenFile(u.settings.LastRegister())
	case u.settings.LastRegister() != "":
		if _, err := os.Stat(u.settings.LastRegister()); err == nil {
			u.OpenFile(u.settings.LastRegister())
			return
		}
		u.showWelcome()
	default:
		u.showWelcome()
	}
}

// Register is the open register, or nil.
func (u *App) Register() Register { return u.reg }

// Main is the main window's screen, or nil while no register is open.
func (u *App) Main() *MainWindow { return u.main }

// Settings are the app's preferences.
func (u *App) Settings() *Settings { return u.settings }

// Window is the app's window.
func (u *App) Window() fyne.Window { return u.win }

// OpenFile opens the register at path in the background, showing progress,
// after asking about unsaved changes in the one open now.
func (u *App) OpenFile(path string) {
	if isSharedAddress(path) {
		u.connectShared(path)
		return
	}
	u.load(path, lang.L("Opening register…"), func(ctx context.Context) (Register, error) {
		return u.opener.Open(ctx, path)
	})
}

// CreateFile creates a new, empty register at path and opens it.
func (u *App) CreateFile(path string) {
	u.load(path, lang.L("Creating register…"), func(ctx context.Context) (Register, error) {
		return u.opener.Create(ctx, path)
	})
}

// OpenExample opens the example register kept in the app's data folder,
// writing it there first if this is the first time.
func (u *App) OpenExample() {
	path := filepath.Join(u.dataDir(), "Example register"+registerExt)
	u.load(path, lang.L("Opening the example register…"), func(ctx context.Context) (Register, error) {
		if _, err := os.Stat(path); err == nil {
			return u.opener.Open(ctx, path)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("make data folder: %w", err)
		}
		reg, err := u.opener.Create(ctx, path)
		if err != nil {
			return nil, err
		}
		ex := exchange.Example()
		if err := reg.Apply(ctx, model.Changes{Organisations: ex.Organisations, Activities: ex.Activities,
			InformationAssets: ex.InformationAssets, Suppliers: ex.Suppliers}); err != nil {
			_ = reg.Close()
			_ = os.Remove(path)
			return nil, fmt.Errorf("write example register: %w", err)
		}
		return reg, nil
	})
}

// registerExt is the file extension of a register.
const registerExt = ".ropa"

// dataDir is where the app keeps files of its own, such as the example.
func (u *App) dataDir() string {
	if root := u.app.Storage().RootURI(); root != nil && root.Path() != "" {
		return root.Path()
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return os.TempDir()
	}
	return filepath.Join(dir, "ROPA Desk")
}

// load runs open in the background behind a progress dialog, then shows the
// register it returns in place of the current one.
func (u *App) load(path, title string, open func(context.Context) (Register, error)) {
	u.loadThen(path, title, open, nil)
}

// loadThen is load, calling then (if not nil) once the register is shown.
func (u *App) loadThen(path, title string, open func(context.Context) (Register, error), then func()) {
	u.confirmLeave(func() {
		done := showBusy(u.win, title, registerName(path))
		inBackground(func() func() {
			reg, err := open(context.Background())
			return func() {
				done()
				if err != nil {
					u.showError(fmt.Errorf("open register %s: %w", path, err))
					if u.reg == nil {
						u.showWelcome()
					}
					return
				}
				u.setRegister(reg)
				if then != nil {
					then()
				}
			}
		})
	})
}

// setRegister closes the current register and shows reg in the main window.
func (u *App) setRegister(reg Register) {
	u.closeRegister()
	if u.settings.UserName() != "" {
		reg.SetUser(u.settings.UserName())
	}
	u.reg = reg
	u.settings.AddRecentFile(reg.Path())
	u.main = newMainWindow(u, reg)
	u.root.Objects = []fyne.CanvasObject{u.main.content}
	u.root.Refresh()
	u.setMenus()
	u.setTitle()
	u.main.Reload()
	u.stopWatch = u.main.watchRegister()
	u.checkRegister(reg, u.main)
}

// closeRegister closes the open register without asking; callers ask first.
func (u *App) closeRegister() {
	if u.reg == nil {
		return
	}
	u.backups.stop()
	u.backups = nil
	u.stopWatching()
	if err := u.reg.Close(); err != nil {
		log.Printf("close register %s: %v", u.reg.Path(), err)
	}
	u.reg, u.main = nil, nil
}

// stopWatching ends the watch for changes to the open register, which
// holds a connection of its own, so that it goes before the register
// closes (or is replaced by a restore).
func (u *App) stopWatching() {
	if u.stopWatch != nil {
		u.stopWatch()
		u.stopWatch = nil
	}
}

// CloseRegister asks about unsaved changes, closes the register and goes
// back to the welcome screen.
func (u *App) CloseRegister() {
	u.confirmLeave(func() {
		u.closeRegister()
		u.settings.ForgetLastRegister()
		u.showWelcome()
		u.setMenus()
	})
}

func (u *App) showWelcome() {
	u.welcome.refresh()
	u.root.Objects = []fyne.CanvasObject{u.welcome.content}
	u.root.Refresh()
	u.setTitle()
}

// confirmLeave runs then at once, or after the DPO has saved or discarded
// the activity being edited.
func (u *App) confirmLeave(then func()) {
	if u.main == nil {
		then()
		return
	}
	// The Assets and Suppliers screens keep their own unsaved edits.
	m := u.main
	m.assets.confirmLeave(func() { m.suppliers.confirmLeave(func() { m.ConfirmLeave(then) }) })
}

// Shutdown closes the register without asking, releasing its lock, for
// when the app is told to stop (logout, SIGTERM) rather than closed by the
// DPO; saved work is already on disk, every save being its own
// transaction, and unsaved edits are kept as a draft (safety_draft.go).
// Call it on the UI goroutine.
func (u *App) Shutdown() {
	u.keepDraft()
	u.closeRegister()
}

func (u *App) onCloseWindow() {
	u.confirmLeave(func() {
		u.settings.SetWindowSize(u.win.Canvas().Size())
		u.rememberPlacement()
		u.closeRegister()
		u.win.Close()
	})
}

// setTitle names the register file, and says when it is read-only.
func (u *App) setTitle() {
	title := "ROPA Desk"
	if u.reg != nil {
		title = registerName(u.reg.Path()) + " — ROPA Desk"
		if u.reg.ReadOnly() != "" {
			title += " " + lang.L("(read-only)")
		}
		if u.main != nil && u.main.editor.Dirty() {
			title = "• " + title
		}
	}
	u.win.SetTitle(title)
}

// showError shows err's message for the DPO and logs the detail.
func (u *App) showError(err error) {
	log.Print(err)
	dialog.ShowError(errors.New(personMessage(err)), u.win)
}

// personMessage is errorMessage (oserrors.go) without the field paths of a
// validation error: in a dialog the person needs the sentences, and the
// paths (such as "sign_off.role") are for the log and the editor.
func personMessage(err error) string {
	var v model.ValidationErrors
	if errors.As(err, &v) {
		msgs := make([]string, len(v))
		for i, e := range v {
			msgs[i] = e.Message
		}
		return strings.Join(msgs, "\n")
	}
	return errorMessage(err)
}
