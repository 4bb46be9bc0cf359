package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// Run opens the main window on cfg.Store and returns when it is closed.
func Run(a fyne.App, cfg Config) {
	w := newMainWindow(a, cfg, fyneDo)
	w.start()
	w.startDailyBackups()
	w.win.ShowAndRun()
	w.cancel()
}

// navEntry is one place in the sidebar.
type navEntry struct {
	title   string
	icon    fyne.Resource
	content func() fyne.CanvasObject
	refresh func()
}

// mainWindow is the event window: demo banner, sidebar, and the screen the
// sidebar selects. It owns the store for as long as the window shows it.
type mainWindow struct {
	app   fyne.App
	win   fyne.Window
	cfg   Config
	store Store
	do    uiDo

	// ctx is cancelled when the store is let go of, stopping every query
	// the screens still have running.
	ctx    context.Context
	cancel context.CancelFunc

	banner  *fyne.Container
	nav     *widget.List
	body    *fyne.Container
	entries []navEntry
	current int

	dashboard  *dashboardScreen
	people     *peopleScreen
	agenda     *agendaScreen
	exhibitors *exhibitorsScreen
	settings   *settingsScreen
	importer   *importFlow
	notes      *notificationCentre // bell, centre and reminders: notifications.go
	gate       *notificationGate
	sync       *syncParts   // status line, Sync settings, Conflicts: sync_status.go
	desk       *deskScreens // check-in, booth visits and leads: mode.go

	mode    appMode // organiser, or staff at one booth
	visible []int   // the entries the sidebar shows in this mode, in order

	dialogs  dialogStack
	lastSize fyne.Size // as last saved to the preferences
}

// Preference keys: the window's size and the screen it last showed.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
	prefScreen       = "window.screen"
)

const (
	navDashboard = iota
	navPeople
	navCheckIn
	navMyBooth
	navVisitors
	navAgenda
	navExhibitors
	navSettings
)

func newMainWindow(a fyne.App, cfg Config, do uiDo) *mainWindow {
	w := &mainWindow{app: a, cfg: cfg, store: cfg.Store, do: do}
	w.win = a.NewWindow("Fairdesk")
	prefs := a.Preferences()
	w.lastSize = fyne.NewSize(float32(prefs.FloatWithFallback(prefWindowWidth, 1100)), float32(prefs.FloatWithFallback(prefWindowHeight, 720)))
	w.win.Resize(w.lastSize)
	w.win.CenterOnScreen()
	w.win.SetContent(waitingContent(lang.L("Opening the event…")))
	w.addShortcuts()
	w.win.Canvas().SetOnTypedKey(w.onTypedKey)
	w.ctx, w.cancel = context.WithCancel(context.Background())
	return w
}

// setContent shows o, watching its size so that the window's size is
// remembered whenever it changes.
func (w *mainWindow) setContent(o fyne.CanvasObject) {
	w.win.SetContent(container.New(&sizeWatcher{onResize: w.onResized}, o))
}

func (w *mainWindow) onResized() {
	size := w.win.Canvas().Size()
	if size.Width < 100 || size.Height < 100 || size == w.lastSize {
		return
	}
	w.lastSize = size
	prefs := w.app.Preferences()
	prefs.SetFloat(prefWindowWidth, float64(size.Width))
	prefs.SetFloat(prefWindowHeight, float64(size.Height))
}

// sizeWatcher lays out its one child over the whole space and says when
// that space changes.
type sizeWatcher struct {
	size     fyne.Size
	onResize func()
}

func (l *sizeWatcher) MinSize(objects []fyne.CanvasObject) fyne.Size { return objects[0].MinSize() }

func (l *sizeWatcher) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(size)
	if size != l.size {
		l.size = size
		l.onResize()
	}
}

func waitingContent(message string) fyne.CanvasObject {
	bar := widget.NewProgressBarInfinite()
	return container.NewCenter(container.NewVBox(widget.NewLabel(message), bar))
}

// start loads the demo into an empty database, then shows the event.
func (w *mainWindow) start() {
	ctx := w.ctx
	go func() {
		empty, err := w.store.IsEmpty(ctx)
		if err != nil {
			w.do(func() { w.showFatal(fmt.Errorf("read the event: %w", err)) })
			return
		}
		var demoErr error
		if empty && w.cfg.LoadDemo != nil {
			w.do(func() { w.win.SetContent(waitingContent(lang.L("Loading the demo event…"))) })
			demoErr = w.cfg.LoadDemo(ctx)
		}
		w.do(func() {
			w.showEvent(empty && (w.cfg.LoadDemo == nil || demoErr != nil))
			if demoErr != nil {
				w.showError(fmt.Errorf(lang.L("the demo event could not be loaded (%v); set up your own event here instead"), demoErr))
			}
		})
	}()
}

// showEvent builds the screens over the current store, opening on the
// event settings when there is no event yet.
func (w *mainWindow) showEvent(setUpFirst bool) {
	w.dashboard = newDashboardScreen(w.ctx, w.store, w.do)
	w.people = newPeopleScreen(w.ctx, w.store, w.do)
	w.people.win = w.win
	w.people.showDialog = w.dialogs.show
	w.agenda = newAgendaScreen(w.ctx, w.store, w.do)
	w.exhibitors = newExhibitorsScreen(w.ctx, w.store, w.do)
	w.settings = newSettingsScreen(w.ctx, w.store, w.do, w.onEventSaved)
	w.settings.path = w.cfg.Path
	w.settings.onNewEvent = w.onStartNewEvent
	w.settings.onOpenDemo = w.onOpenDemo
	w.settings.onImport = w.onImport
	w.settings.onExport = w.onExport
	w.importer = newImportFlow(w.ctx, w.store, w.do, w.win, &w.dialogs, w.onImported)
	w.addBackupAndLanguage() // backup_settings.go
	w.addNotifications()     // notifications.go
	w.buildDesk()
	w.entries = []navEntry{
		navDashboard:  {lang.L("Dashboard"), theme.HomeIcon(), func() fyne.CanvasObject { return w.dashboard.content }, w.dashboard.refresh},
		navPeople:     {lang.L("People"), theme.AccountIcon(), func() fyne.CanvasObject { return w.people.content }, w.people.refresh},
		navCheckIn:    {lang.L("Check-in"), theme.ConfirmIcon(), func() fyne.CanvasObject { return w.desk.checkIn.content }, w.desk.checkIn.refresh},
		navMyBooth:    {lang.L("My booth"), theme.HomeIcon(), func() fyne.CanvasObject { return w.desk.myBooth.content }, w.desk.myBooth.refresh},
		navVisitors:   {lang.L("Visitors and leads"), theme.AccountIcon(), func() fyne.CanvasObject { return w.desk.visitors.content }, w.desk.visitors.refresh},
		navAgenda:     {lang.L("Agenda"), theme.CalendarIcon(), func() fyne.CanvasObject { return w.agenda.content }, w.agenda.refresh},
		navExhibitors: {lang.L("Exhibitors and booths"), theme.GridIcon(), func() fyne.CanvasObject { return w.exhibitors.content }, w.exhibitors.refresh},
		navSettings:   {lang.L("Settings"), theme.SettingsIcon(), func() fyne.CanvasObject { return w.settings.content }, w.settings.refresh},
	}
	w.addSync()
	w.visible = visibleFor(w.mode, len(w.entries))
	w.buildUI()
	w.readEvent()
	switch screen := w.app.Preferences().IntWithFallback(prefScreen, navDashboard); {
	case setUpFirst:
		w.selectScreen(navSettings)
	case screen >= 0 && screen < len(w.entries):
		w.selectScreen(screen)
	default:
		w.selectScreen(navDashboard)
	}
	if !setUpFirst {
		w.askModeIfUnset()
	}
}

func (w *mainWindow) buildUI() {
	w.nav = &widget.List{
		Length: func() int { return len(w.visible) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Exhibitors and booths"))
		},
		UpdateItem: func(id widget.ListItemID, item fyne.CanvasObject) {
			row := item.(*fyne.Container)
			e := w.entries[w.entryAt(id)]
			row.Objects[0].(*widget.Icon).SetResource(e.icon)
			row.Objects[1].(*widget.Label).SetText(e.title)
		},
		OnSelected: w.onNavigate,
	}
	w.nav.ExtendBaseWidget(w.nav)
	w.body = container.NewStack()
	w.banner = w.demoBanner()
	w.banner.Hide()
	sidebar := container.NewBorder(nil, nil, nil, widget.NewSeparator(), w.nav)
	page := container.NewPadded(w.body)
	w.setContent(container.NewBorder(w.withBell(w.banner), w.syncBar(), sidebar, nil, page))
	w.win.SetMainMenu(w.withSyncMenu(w.mainMenu()))
}

func (w *mainWindow) demoBanner() *fyne.Container {
	background := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	background.CornerRadius = theme.InputRadiusSize()
	text := &widget.Label{Text: lang.L("This is a demo event: the people, companies and sessions are made up."),
		TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	start := &widget.Button{Text: lang.L("Start a new event"), Icon: theme.DocumentCreateIcon(), OnTapped: w.onStartNewEvent}
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), start, text)
	return container.NewPadded(container.NewStack(background, container.NewPadded(row)))
}

func (w *mainWindow) onNavigate(row widget.ListItemID) {
	id := w.entryAt(row)
	if id < 0 {
		return
	}
	w.current = id
	w.app.Preferences().SetInt(prefScreen, id)
	w.body.Objects = []fyne.CanvasObject{w.entries[id].content()}
	w.body.Refresh()
	w.entries[id].refresh()
}

// onFindShortcut (Ctrl+F) goes to the people list and its search.
func (w *mainWindow) onFindShortcut(fyne.Shortcut) { w.onFind() }

func (w *mainWindow) onFind() {
	if w.people == nil {
		return
	}
	if w.mode.Exhibitor {
		w.onFindVisitor()
		return
	}
	if w.current != navPeople {
		w.selectScreen(navPeople)
	}
	w.people.focusSearch(w.win.Canvas())
}

// readEvent sets the title and the demo banner from the stored event.
func (w *mainWindow) readEvent() {
	ctx := w.ctx
	go func() {
		event, err := w.store.Event(ctx)
		w.do(func() {
			if errors.Is(err, context.Canceled) {
				return
			}
			if err != nil && !errors.Is(err, data.ErrNotFound) {
				w.win.SetTitle("Fairdesk")
				return
			}
			w.showEventHeader(event, err == nil)
		})
	}()
}

func (w *mainWindow) showEventHeader(event data.Event, exists bool) {
	if !exists || event.Name == "" {
		w.win.SetTitle("Fairdesk — " + lang.L("new event"))
	} else {
		w.win.SetTitle("Fairdesk — " + event.Name)
	}
	if exists && event.IsDemo {
		w.banner.Show()
	} else {
		w.banner.Hide()
	}
	// The banner sits in nested containers (beside the bell): lay the whole
	// window out again, or it keeps the height it had while hidden.
	if c := w.win.Content(); c != nil {
		c.Refresh()
	}
}

func (w *mainWindow) onEventSaved(event data.Event) {
	w.showEventHeader(event, true)
}

// onStartNewEvent asks first: the current event is put aside, not
// deleted, but the window does change under the user.
func (w *mainWindow) onStartNewEvent() {
	if w.cfg.StartNewEvent == nil {
		return
	}
	name := lang.L("the event database")
	if w.cfg.Path != "" {
		name = filepath.Base(w.cfg.Path)
	}
	message := &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf(lang.L("The current event is kept as a copy beside %s "+
		"(named %s.<date and time>.<demo or event>.bak), and an empty event opens for you to name and date."), name, name)}
	w.dialogs.show(dialog.NewCustomConfirm(lang.L("Start a new event?"), lang.L("Start a new event"), lang.L("Keep this event"),
		atLeastWide(message, 420), func(ok bool) {
			if ok {
				w.switchStore(lang.L("Setting up a new event…"), w.cfg.StartNewEvent, true)
			}
		}, w.win))
}

// startNewEvent starts a new event without asking (tests).
func (w *mainWindow) startNewEvent() {
	w.switchStore(lang.L("Setting up a new event…"), w.cfg.StartNewEvent, true)
}

// onOpenDemo opens the demo event in a fresh database beside the current
// one, which stays as it is.
func (w *mainWindow) onOpenDemo() {
	if w.cfg.OpenDemo == nil {
		return
	}
	message := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("The demo goes into a new database file beside this one; " +
		"this event's file stays as it is. Fairdesk then shows the demo.")}
	w.dialogs.show(dialog.NewCustomConfirm(lang.L("Open the demo event?"), lang.L("Open the demo"), lang.L("Cancel"),
		atLeastWide(message, 420), func(ok bool) {
			if ok {
				w.switchStore(lang.L("Loading the demo event…"), w.cfg.OpenDemo, false)
			}
		}, w.win))
}

// switchStore lets go of the current store and shows the one open hands
// back. open returns the store to carry on with (the old one, reopened,
// when it failed) or nil when there is none, and where the new one lives
// (or what was kept, for a new event).
func (w *mainWindow) switchStore(waiting string, open func(context.Context) (Store, string, error), newEvent bool) {
	if open == nil {
		return
	}
	w.cancel() // stop the screens' queries before the store goes away
	w.win.SetContent(waitingContent(waiting))
	go func() {
		st, where, err := open(context.Background())
		w.do(func() {
			w.ctx, w.cancel = context.WithCancel(context.Background())
			if st == nil {
				w.showFatal(fmt.Errorf("open the event: %w", err))
				return
			}
			w.store = st
			if err != nil {
				w.showEvent(false)
				w.showError(fmt.Errorf(lang.L("that did not work (%v); the event you had open is still open, unchanged"), err))
				return
			}
			if newEvent {
				w.showEvent(true)
				w.dialogs.show(dialog.NewInformation(lang.L("New event"), fmt.Sprintf(lang.L("The previous event was kept as %s.\n"+
					"Give your event a name, dates and a time zone, then save."), where), w.win))
				return
			}
			w.cfg.Path = where
			w.showEvent(false)
		})
	}()
}

// showError tells what went wrong in a dialog that Escape closes.
func (w *mainWindow) showError(err error) {
	w.dialogs.show(dialog.NewError(err, w.win))
}

// onImported shows what an import changed on every screen.
func (w *mainWindow) onImported() {
	if w.current >= 0 && w.current < len(w.entries) {
		w.entries[w.current].refresh()
	}
}

// showFatal replaces the window's content with what went wrong and what to
// do, when there is no store to show.
func (w *mainWindow) showFatal(err error) {
	w.win.SetTitle("Fairdesk")
	w.win.SetContent(problemContent(w.app, lang.L("Fairdesk cannot show the event"), err, w.cfg.Path))
}

// atLeastWide gives wrapping text a width to wrap at inside dialogs, which
// otherwise squeeze it to a column of single words.
func atLeastWide(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	spacer := canvas.NewRectangle(nil)
	spacer.SetMinSize(fyne.NewSize(width, 0))
	return container.NewStack(spacer, o)
}
