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
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// Run opens the main window on cfg.Store and returns when it is closed.
func Run(a fyne.App, cfg Config) {
	w := newMainWindow(a, cfg, fyneDo)
	w.start()
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
}

const (
	navDashboard = iota
	navPeople
	navAgenda
	navExhibitors
	navSettings
)

func newMainWindow(a fyne.App, cfg Config, do uiDo) *mainWindow {
	w := &mainWindow{app: a, cfg: cfg, store: cfg.Store, do: do}
	w.win = a.NewWindow("Fairdesk")
	w.win.Resize(fyne.NewSize(1100, 720))
	w.win.CenterOnScreen()
	w.win.SetContent(waitingContent("Opening the event…"))
	w.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, w.onFindShortcut)
	w.ctx, w.cancel = context.WithCancel(context.Background())
	return w
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
			w.do(func() { w.win.SetContent(waitingContent("Loading the demo event…")) })
			demoErr = w.cfg.LoadDemo(ctx)
		}
		w.do(func() {
			w.showEvent(empty && (w.cfg.LoadDemo == nil || demoErr != nil))
			if demoErr != nil {
				dialog.ShowError(fmt.Errorf("the demo event could not be loaded (%v); set up your own event here instead", demoErr), w.win)
			}
		})
	}()
}

// showEvent builds the screens over the current store, opening on the
// event settings when there is no event yet.
func (w *mainWindow) showEvent(setUpFirst bool) {
	w.dashboard = newDashboardScreen(w.ctx, w.store, w.do)
	w.people = newPeopleScreen(w.ctx, w.store, w.do)
	w.agenda = newAgendaScreen(w.ctx, w.store, w.do)
	w.exhibitors = newExhibitorsScreen(w.ctx, w.store, w.do)
	w.settings = newSettingsScreen(w.ctx, w.store, w.do, w.onEventSaved)
	w.entries = []navEntry{
		navDashboard:  {"Dashboard", theme.HomeIcon(), func() fyne.CanvasObject { return w.dashboard.content }, w.dashboard.refresh},
		navPeople:     {"People", theme.AccountIcon(), func() fyne.CanvasObject { return w.people.content }, w.people.refresh},
		navAgenda:     {"Agenda", theme.CalendarIcon(), func() fyne.CanvasObject { return w.agenda.content }, w.agenda.refresh},
		navExhibitors: {"Exhibitors and booths", theme.GridIcon(), func() fyne.CanvasObject { return w.exhibitors.content }, w.exhibitors.refresh},
		navSettings:   {"Settings", theme.SettingsIcon(), func() fyne.CanvasObject { return w.settings.content }, w.settings.refresh},
	}
	w.buildUI()
	w.readEvent()
	if setUpFirst {
		w.nav.Select(navSettings)
	} else {
		w.nav.Select(navDashboard)
	}
}

func (w *mainWindow) buildUI() {
	w.nav = &widget.List{
		Length: func() int { return len(w.entries) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Exhibitors and booths"))
		},
		UpdateItem: func(id widget.ListItemID, item fyne.CanvasObject) {
			row := item.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(w.entries[id].icon)
			row.Objects[1].(*widget.Label).SetText(w.entries[id].title)
		},
		OnSelected: w.onNavigate,
	}
	w.nav.ExtendBaseWidget(w.nav)
	w.body = container.NewStack()
	w.banner = w.demoBanner()
	w.banner.Hide()
	sidebar := container.NewBorder(nil, nil, nil, widget.NewSeparator(), w.nav)
	page := container.NewPadded(w.body)
	w.win.SetContent(container.NewBorder(w.banner, nil, sidebar, nil, page))
}

func (w *mainWindow) demoBanner() *fyne.Container {
	background := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	background.CornerRadius = theme.InputRadiusSize()
	text := &widget.Label{Text: "This is a demo event: the people, companies and sessions are made up.",
		TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	start := &widget.Button{Text: "Start a new event", Icon: theme.DocumentCreateIcon(), OnTapped: w.onStartNewEvent}
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), start, text)
	return container.NewPadded(container.NewStack(background, container.NewPadded(row)))
}

func (w *mainWindow) onNavigate(id widget.ListItemID) {
	w.current = id
	w.body.Objects = []fyne.CanvasObject{w.entries[id].content()}
	w.body.Refresh()
	w.entries[id].refresh()
}

// onFindShortcut (Ctrl+F) goes to the people list and its search.
func (w *mainWindow) onFindShortcut(fyne.Shortcut) {
	if w.people == nil {
		return
	}
	if w.current != navPeople {
		w.nav.Select(navPeople)
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
		w.win.SetTitle("Fairdesk — new event")
	} else {
		w.win.SetTitle("Fairdesk — " + event.Name)
	}
	if exists && event.IsDemo {
		w.banner.Show()
	} else {
		w.banner.Hide()
	}
}

func (w *mainWindow) onEventSaved(event data.Event) {
	w.showEventHeader(event, true)
}

// onStartNewEvent asks first: the demo is put aside, not deleted, but the
// window does change under the user.
func (w *mainWindow) onStartNewEvent() {
	if w.cfg.StartNewEvent == nil {
		return
	}
	name := "the event database"
	if w.cfg.Path != "" {
		name = filepath.Base(w.cfg.Path)
	}
	message := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "The demo event is kept as a copy beside " + name +
		" (named " + name + ".<date and time>.demo.bak), and an empty event opens for you to name and date."}
	dialog.ShowCustomConfirm("Start a new event?", "Start a new event", "Keep the demo", atLeastWide(message, 420),
		func(ok bool) {
			if ok {
				w.startNewEvent()
			}
		}, w.win)
}

func (w *mainWindow) startNewEvent() {
	w.cancel() // stop the screens' queries before the store goes away
	w.win.SetContent(waitingContent("Setting up a new event…"))
	go func() {
		st, kept, err := w.cfg.StartNewEvent(context.Background())
		w.do(func() {
			w.ctx, w.cancel = context.WithCancel(context.Background())
			if st == nil {
				w.showFatal(fmt.Errorf("start a new event: %w", err))
				return
			}
			w.store = st
			if err != nil {
				w.showEvent(false)
				dialog.ShowError(fmt.Errorf("could not start a new event (%v); the demo event is still open, unchanged", err), w.win)
				return
			}
			w.showEvent(true)
			dialog.ShowInformation("New event", "The demo event was kept as "+kept+
				".\nGive your event a name, dates and a time zone, then save.", w.win)
		})
	}()
}

// showFatal replaces the window's content with what went wrong and what to
// do, when there is no store to show.
func (w *mainWindow) showFatal(err error) {
	w.win.SetTitle("Fairdesk")
	w.win.SetContent(problemContent(w.app, "Fairdesk cannot show the event", err, w.cfg.Path))
}

// atLeastWide gives wrapping text a width to wrap at inside dialogs, which
// otherwise squeeze it to a column of single words.
func atLeastWide(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	spacer := canvas.NewRectangle(nil)
	spacer.SetMinSize(fyne.NewSize(width, 0))
	return container.NewStack(spacer, o)
}
