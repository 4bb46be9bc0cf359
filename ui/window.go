package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"time"

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
	w.takeOpenedLater()
	w.win.ShowAndRun()
	w.cancel()
}

// navEntry is one place in the sidebar.
type navEntry struct {
	title   string
	icon    fyne.Resource
	content fyne.CanvasObject
	refresh func()
}

// mainWindow is the event window: demo banner, sidebar, and the screen the
// sidebar selects. It owns the store for as long as the window shows it.
type mainWindow struct {
	app   fyne.App
	win   fyne.Window
	cfg   Config
	store *data.Store
	do    uiDo

	// ctx is cancelled when the store is let go of, stopping every query
	// the screens still have running.
	ctx    context.Context
	cancel context.CancelFunc

	banner      *fyne.Container
	bannerStart *widget.Button // hidden in booth-staff mode
	nav         *widget.List
	body        *fyne.Container
	entries     []navEntry
	current     int

	dashboard  *dashboardScreen
	people     *peopleScreen
	agenda     *agendaScreen
	exhibitors *exhibitorsScreen
	meetings   *meetingsScreen
	settings   *settingsScreen
	boothSet   *boothSettingsScreen // Settings in booth-staff mode: booth_settings.go
	importer   *importFlow
	backup     *backupSection      // in Settings; also offers the backup the app was opened with
	notes      *notificationCentre // bell, centre and reminders: notifications.go
	gate       *notificationGate   // kept across stores: it remembers the desktop's refusal
	sync       *syncParts          // status line, Sync settings, Conflicts: window_sync.go
	desk       *deskScreens        // check-in, booth visits and leads

	mode    appMode // organiser, or staff at one booth
	visible []int   // the entries the sidebar shows in this mode, in order

	dialogs  dialogStack
	lastSize fyne.Size         // as last saved to the preferences
	probe    fyne.CanvasObject // Placement's, shown behind the content
	placed   bool              // the window was put where it was last time

	// keepingScreen is set while the sidebar is put back on the current
	// screen (the user chose to stay on a form with unsaved changes).
	keepingScreen bool
}

// Preference keys: the window's size and the screen it last showed.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
	prefWindowX      = "window.x"
	prefWindowY      = "window.y"
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
	navMeetings
	navSettings
	navConflicts
	navBoothSettings // Settings in booth-staff mode
)

func newMainWindow(a fyne.App, cfg Config, do uiDo) *mainWindow {
	w := &mainWindow{app: a, cfg: cfg, store: cfg.Store, do: do}
	w.win = a.NewWindow("Fairdesk")
	prefs := a.Preferences()
	w.lastSize = initialWindowSize(prefs, cfg.Screen)
	w.win.Resize(w.lastSize)
	w.win.CenterOnScreen()
	w.win.SetContent(waitingContent(lang.L("Opening the event…")))
	w.addShortcuts()
	w.win.Canvas().SetOnTypedKey(w.onTypedKey)
	w.win.SetCloseIntercept(w.onQuitRequested)
	w.dialogs.canvas = w.win.Canvas()
	w.ctx, w.cancel = context.WithCancel(context.Background())
	w.gate = newNotificationGate(prefs, desktopNotifier{})
	return w
}

// setContent shows o, watching its size so that the window's size is
// remembered whenever it changes.
func (w *mainWindow) setContent(o fyne.CanvasObject) {
	if probe := w.placeProbe(); probe != nil {
		o = container.NewStack(probe, o)
	}
	w.win.SetContent(container.New(&sizeWatcher{onResize: w.onResized}, o))
}

func (w *mainWindow) onResized() {
	size := w.win.Canvas().Size()
	if size.Width < 100 || size.Height < 100 || size == w.lastSize {
		return
	}
	w.lastSize = size
	w.rememberSize(size)
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
		// A laptop started with an invitation is about to join an event:
		// no demo to set aside first.
		if empty && w.cfg.LoadDemo != nil && w.cfg.OpenInvitation == "" {
			w.do(func() { w.win.SetContent(waitingContent(lang.L("Loading the demo event…"))) })
			demoErr = w.cfg.LoadDemo(ctx)
		}
		w.do(func() {
			w.showEvent(empty && (w.cfg.LoadDemo == nil || w.cfg.OpenInvitation != "" || demoErr != nil))
			if demoErr != nil {
				w.showError(fmt.Errorf(lang.L("the demo event could not be loaded (%v); set up your own event here instead"), demoErr))
			}
		})
	}()
}

// showEvent builds the screens over the current store, opening on the
// event settings when there is no event yet.
func (w *mainWindow) showEvent(setUpFirst bool) {
	w.fitToScreen()
	w.buildScreens()
	w.mode, _ = loadMode(w.app.Preferences())
	w.useMode(w.mode)
	w.notes.refresh()
	w.notes.run()
	w.sync.conflicts.countOpen()
	w.sync.status.start()
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
	w.offerOpenedBackup()
	w.offerOpenedInvitation()
}

// deskScreens are the screens of the day itself: the check-in desk and
// session door, the organisers' booth table, and the booth's own screens.
type deskScreens struct {
	checkIn    *checkInScreen
	boothStats *boothStatsScreen
	myBooth    *myBoothScreen
	visitors   *visitorsScreen
	modeForm   *modeForm        // in Settings
	laptopName *laptopNameField // in Settings, in the mode form

	modeDialog     *dialog.CustomDialog // the first start's question, while it shows
	modeDialogForm *modeForm
	modeStart      *widget.Button
}

// buildScreens makes every screen over the current store, each with all
// it needs, then the sidebar's entries. Each screen sees the store only
// as its own small interface.
func (w *mainWindow) buildScreens() {
	env := screenEnv{ctx: w.ctx, do: w.do, dialogs: &w.dialogs}
	st, prefs, canvas := w.store, w.app.Preferences(), w.win.Canvas()
	var syncer Syncer
	if w.cfg.Syncer != nil {
		syncer = w.cfg.Syncer(st)
	}
	var laptops Laptops
	if w.cfg.Laptops != nil {
		laptops = w.cfg.Laptops(st)
	}
	var onJoin func(string, []byte, string)
	var onRestore func(string)
	if w.cfg.JoinEvent != nil {
		onJoin = func(dir string, invitation []byte, passphrase string) {
			if !w.mode.Exhibitor {
				w.onJoinEvent(dir, invitation, passphrase)
			}
		}
	}
	if w.cfg.RestoreBackup != nil {
		onRestore = w.organiserOnly1(w.onRestoreBackup)
	}

	status := newSyncStatus(syncStatusDeps{screenEnv: env, syncer: syncer,
		every: orDefault(w.cfg.SyncEvery, defaultSyncEvery), watch: orDefault(w.cfg.WatchEvery, defaultWatchEvery),
		onSyncTapped: w.onSyncNow, onSynced: w.afterSync})
	w.sync = &syncParts{
		status: status,
		settings: newSyncSettings(syncSettingsDeps{screenEnv: env, syncer: syncer, laptops: laptops, store: st, requestSync: status.onSyncNow,
			event: st, win: w.win, show: w.dialogs.show, onJoin: onJoin, keychain: w.cfg.Keychain}),
		conflicts: newConflictsScreen(conflictsDeps{screenEnv: env, store: st, win: w.win, show: w.dialogs.show,
			onCount: w.showConflictCount, onResolved: status.onSyncNow}),
	}
	w.notes = newNotificationCentre(notificationDeps{screenEnv: env, store: st, prefs: prefs, gate: w.gate, canvas: canvas,
		mode: func() appMode { m, _ := loadMode(prefs); return m }, open: w.openNotificationTarget})
	d := &deskScreens{}
	d.checkIn = newCheckInScreen(checkInDeps{screenEnv: env, store: st, showDialog: w.dialogs.show, onPrintBadges: w.onPrintBadges,
		focus: canvas.Focus, active: func() bool { return w.current == navCheckIn }})
	d.boothStats = newBoothStatsScreen(boothStatsDeps{screenEnv: env, store: st, onExport: w.onExportBoothStats})
	d.myBooth = newMyBoothScreen(myBoothDeps{screenEnv: env, store: st, every: myBoothEvery,
		active: func() bool { return w.current == navMyBooth }})
	d.visitors = newVisitorsScreen(visitorsDeps{screenEnv: env, store: st, onExport: w.onExportLeads, showDialog: w.dialogs.show, focus: canvas.Focus})
	d.laptopName = newLaptopNameField(env, st)
	d.modeForm = newModeForm(env, st, w.onModeChosen, w.keepBoothMode, d.laptopName.item)
	w.desk = d

	w.dashboard = newDashboardScreen(dashboardDeps{screenEnv: env, store: st, every: dashboardEvery,
		active: func() bool { return w.current == navDashboard }})
	w.people = newPeopleScreen(peopleDeps{screenEnv: env, store: st, win: w.win, show: w.dialogs.show, onHistory: func(p data.PersonRow) {
		showHistory(env.ctx, st, w.do, w.win, w.dialogs.show, personName(p.Person, p.ID), "people", p.ID)
	}, onExport: w.onExportPeopleAs, onBadges: w.onPrintBadges,
		boothStaff: func() bool { return w.mode.Exhibitor }, onErased: status.onSyncNow, prefs: prefs, planner: storePlanner{st}})
	w.agenda = newAgendaScreen(agendaDeps{screenEnv: env, store: st, local: time.Local, onTablePlan: w.onTablePlan})
	w.exhibitors = newExhibitorsScreen(exhibitorsDeps{screenEnv: env, store: st, visits: d.boothStats, prefs: prefs})
	w.meetings = newMeetingsScreen(meetingsDeps{screenEnv: env, store: st, planner: storePlanner{st}, win: w.win})
	privacy := newPrivacySettings(privacyDeps{screenEnv: env, store: st, prefs: prefs})
	weights := newMatchWeights(env, storePlanner{st})
	backup := newBackupSection(backupDeps{screenEnv: env, store: st, win: w.win, show: w.dialogs.show, restoreFrom: onRestore})
	w.backup = backup
	w.settings = newSettingsScreen(settingsDeps{screenEnv: env, store: st, path: w.cfg.Path, onSaved: w.onEventSaved,
		onNewEvent: w.organiserOnly(w.onStartNewEvent), onOpenDemo: w.organiserOnly(w.onOpenDemo), onImport: w.organiserOnly(w.onImport),
		onExport: w.exportAllowed,
		more: []settingsSection{
			{key: sectionSync, title: lang.L("Sync"), heading: lang.L("Sync between laptops"), body: w.sync.settings.body, refresh: w.sync.settings.refresh},
			{key: sectionNotifications, title: lang.L("Notifications"), heading: lang.L("Notifications"), body: []fyne.CanvasObject{w.notes.settings.content}},
			{key: sectionBackup, title: lang.L("Backup"), heading: lang.L("Backup"), body: []fyne.CanvasObject{backup.content}},
			{key: sectionLanguage, title: lang.L("Language"), heading: lang.L("Language"), body: []fyne.CanvasObject{newLanguageSection(w.app).content}},
			{key: sectionLaptop, title: lang.L("This laptop"), heading: lang.L("This laptop"), body: []fyne.CanvasObject{d.modeForm.content}},
			{key: sectionPrivacy, title: lang.L("Privacy"), heading: lang.L("Privacy"), body: []fyne.CanvasObject{privacy.content}, refresh: privacy.refresh},
			{key: sectionMatching, title: lang.L("Matching"), heading: lang.L("Match score weights"), body: []fyne.CanvasObject{weights.content}, refresh: weights.refresh},
		}})
	w.boothSet = newBoothSettingsScreen(boothSettingsDeps{screenEnv: env, prefs: prefs,
		notifications: newNotificationSettings(prefs, w.gate, w.do, w.notes.keep).content,
		language:      newLanguageSection(w.app).content, hideNames: newHideNamesCheck(prefs), switchBack: w.leaveBoothMode,
		joinedAsBooth: func() bool { return d.modeForm.laptopBooth != "" }})
	w.importer = newImportFlow(importDeps{screenEnv: env, store: st, win: w.win, dialogs: &w.dialogs, onDone: w.onImported})

	w.entries = []navEntry{
		navDashboard:  {lang.L("Dashboard"), theme.HomeIcon(), w.dashboard.content, w.dashboard.refresh},
		navPeople:     {lang.L("People"), theme.AccountIcon(), w.people.content, w.people.refresh},
		navCheckIn:    {lang.L("Check-in"), theme.ConfirmIcon(), d.checkIn.content, d.checkIn.refresh},
		navMyBooth:    {lang.L("My booth"), theme.HomeIcon(), d.myBooth.content, d.myBooth.refresh},
		navVisitors:   {lang.L("Visitors and leads"), theme.AccountIcon(), d.visitors.content, d.visitors.refresh},
		navAgenda:     {lang.L("Agenda"), theme.CalendarIcon(), w.agenda.content, w.agenda.refresh},
		navExhibitors: {lang.L("Exhibitors and booths"), theme.GridIcon(), w.exhibitors.content, w.exhibitors.refresh},
		navMeetings:   {lang.L("Meetings"), theme.ListIcon(), w.meetings.content, w.meetings.refresh},
		navSettings:   {lang.L("Settings"), theme.SettingsIcon(), w.settings.content, w.settings.refresh},
		navConflicts:  {lang.L("Conflicts"), theme.WarningIcon(), w.sync.conflicts.content, w.sync.conflicts.refresh},

		navBoothSettings: {lang.L("Settings"), theme.SettingsIcon(), w.boothSet.content, w.boothSet.refresh},
	}
}

func orDefault(d, fallback time.Duration) time.Duration {
	if d <= 0 {
		return fallback
	}
	return d
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
	top := container.NewBorder(nil, nil, nil, w.notes.content, w.banner) // the bell at the right
	w.setContent(readingBorder(top, w.sync.status.content, sidebar, nil, page))
	w.win.SetMainMenu(w.withSyncMenu(w.mainMenu()))
}

func (w *mainWindow) demoBanner() *fyne.Container {
	background := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	background.CornerRadius = theme.InputRadiusSize()
	text := &widget.Label{Text: lang.L("This is a demo event: the people, companies and sessions are made up."),
		TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	start := &widget.Button{Text: lang.L("Start a new event"), Icon: theme.DocumentCreateIcon(), OnTapped: w.organiserOnly(w.onStartNewEvent)}
	w.bannerStart = start
	if w.mode.Exhibitor { // booth staff start no event
		start.Hide()
	}
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), start, text)
	return container.NewPadded(container.NewStack(background, container.NewPadded(row)))
}

func (w *mainWindow) onNavigate(row widget.ListItemID) {
	id := w.entryAt(row)
	if id < 0 || w.keepingScreen {
		return
	}
	if f := w.openForm(); f != nil && id != w.current && f.unsaved() {
		// The sidebar shows the screen the user is still on while asking.
		w.keepingScreen = true
		w.selectScreen(w.current)
		w.keepingScreen = false
		leaveForm(&w.dialogs, w.win, f, func() { w.selectScreen(id) }, nil)
		return
	}
	w.current = id
	w.app.Preferences().SetInt(prefScreen, id)
	w.body.Objects = []fyne.CanvasObject{w.entries[id].content}
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
func (w *mainWindow) switchStore(waiting string, open func(context.Context) (*data.Store, string, error), newEvent bool) {
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

// onRestoreBackup swaps the event for the backup in file.
func (w *mainWindow) onRestoreBackup(file string) {
	w.switchStore(lang.L("Restoring the backup…"), func(ctx context.Context) (*data.Store, string, error) {
		return w.cfg.RestoreBackup(ctx, file)
	}, false)
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

// selectScreen shows entry id, or the first entry when the mode hides it.
func (w *mainWindow) selectScreen(id int) {
	i := slices.Index(w.visible, id)
	if i < 0 {
		i = 0
	}
	w.nav.Select(i)
}

// entryAt is the entry the sidebar shows at row i.
func (w *mainWindow) entryAt(i int) int {
	if i >= 0 && i < len(w.visible) {
		return w.visible[i]
	}
	return -1
}

// openNotificationTarget shows the session, person or booth a
// notification is about, on its screen.
func (w *mainWindow) openNotificationTarget(n data.Notification) {
	ctx, st := w.ctx, w.notes.store
	if w.mode.Exhibitor {
		w.openForBoothStaff(n)
		return
	}
	switch n.TargetKind {
	case "session":
		w.selectScreen(navAgenda)
		go func() {
			sessions, err := st.Sessions(ctx)
			w.do(func() {
				for _, s := range sessions {
					if err == nil && s.ID == n.TargetID && w.agenda != nil {
						w.agenda.form = newSessionForm(w.agenda, s)
					}
				}
			})
		}()
	case "person":
		w.selectScreen(navPeople)
		go func() {
			p, err := st.Person(ctx, n.TargetID)
			w.do(func() {
				if err == nil && w.people != nil && w.people.form != nil {
					w.people.form.edit(p)
				}
			})
		}()
	case "booth":
		w.selectScreen(navExhibitors)
		go func() {
			booths, err := st.Booths(ctx)
			w.do(func() {
				for _, b := range booths {
					if err == nil && b.ID == n.TargetID && w.exhibitors != nil {
						w.exhibitors.openBooth(b)
					}
				}
			})
		}()
	}
}
