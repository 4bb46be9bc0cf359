package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

// Shortcuts: Ctrl (Cmd on a Mac) with S to save the open form, F to search
// people, N to add on the current screen, 1 to 5 to switch screens, Q to
// quit. They are also menu items, so they work while the cursor is in a
// text field.
var (
	shortcutSave   = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutQuit   = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutFind   = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutAdd    = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutScreen = []*desktop.CustomShortcut{
		{KeyName: fyne.Key1, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key2, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key3, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key4, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key5, Modifier: fyne.KeyModifierShortcutDefault},
	}
)

func (w *mainWindow) addShortcuts() {
	c := w.win.Canvas()
	c.AddShortcut(shortcutSave, func(fyne.Shortcut) { w.onSaveShortcut() })
	c.AddShortcut(shortcutQuit, func(fyne.Shortcut) { w.onQuitRequested() })
	c.AddShortcut(shortcutFind, w.onFindShortcut)
	c.AddShortcut(shortcutAdd, func(fyne.Shortcut) { w.onAdd() })
	for i, sc := range shortcutScreen {
		c.AddShortcut(sc, func(fyne.Shortcut) { w.showScreen(i) })
	}
	c.AddShortcut(shortcutSync, func(fyne.Shortcut) { w.onSyncNow() })
}

// mainMenu holds the shortcuts and the spreadsheet commands.
func (w *mainWindow) mainMenu() *fyne.MainMenu {
	file := fyne.NewMenu(lang.L("File"),
		&fyne.MenuItem{Label: lang.L("Add to this screen"), Shortcut: shortcutAdd, Action: w.onAdd},
		fyne.NewMenuItemSeparator(),
		&fyne.MenuItem{Label: lang.L("Import…"), Action: w.organiserOnly(w.onImport)},
		&fyne.MenuItem{Label: lang.L("Import meeting requests…"), Action: w.organiserOnly(w.onImportRequests)},
		&fyne.MenuItem{Label: lang.L("Export people (CSV)…"), Action: func() { w.exportAllowed(exportPeople) }},
		&fyne.MenuItem{Label: lang.L("Export sessions (CSV)…"), Action: func() { w.exportAllowed(exportSessions) }},
		&fyne.MenuItem{Label: lang.L("Export booths (CSV)…"), Action: func() { w.exportAllowed(exportBooths) }},
		&fyne.MenuItem{Label: lang.L("Export the agenda (.ics)…"), Action: func() { w.exportAllowed(exportAgenda) }},
		&fyne.MenuItem{Label: lang.L("Export meetings calendar (.ics)…"), Action: w.onExportMeetingsCalendar},
		fyne.NewMenuItemSeparator(),
		&fyne.MenuItem{Label: lang.L("Print the agenda (PDF)…"), Action: w.onPrintAgenda},
		&fyne.MenuItem{Label: lang.L("Print the attendee list (PDF)…"), Action: w.onPrintAttendees},
		&fyne.MenuItem{Label: lang.L("Meeting schedules (PDF)…"), Action: w.onPrintMeetingSchedules},
	)
	if w.mode.Exhibitor {
		file.Items = w.boothStaffMenu()
	}
	// Save first and Quit last in either mode. Fyne adds a Quit of its own
	// that quits at once; this one asks about unsaved changes first.
	file.Items = append([]*fyne.MenuItem{{Label: lang.L("Save"), Shortcut: shortcutSave, Action: w.onSaveShortcut}}, file.Items...)
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(),
		&fyne.MenuItem{Label: lang.L("Quit"), Shortcut: shortcutQuit, IsQuit: true, Action: w.onQuitRequested})
	var screens []*fyne.MenuItem
	for i, id := range w.visible {
		item := &fyne.MenuItem{Label: w.entries[id].title, Action: func() { w.showScreen(i) }}
		if i < len(shortcutScreen) {
			item.Shortcut = shortcutScreen[i]
		}
		screens = append(screens, item)
	}
	screens = append(screens, fyne.NewMenuItemSeparator(),
		&fyne.MenuItem{Label: lang.L("Find people"), Shortcut: shortcutFind, Action: w.onFind})
	return fyne.NewMainMenu(file, fyne.NewMenu(lang.L("Go"), screens...))
}

// showScreen switches to screen i (Ctrl+1..5).
func (w *mainWindow) showScreen(i int) {
	if w.nav == nil || i < 0 || i >= len(w.visible) {
		return
	}
	w.nav.Select(i)
}

// onAdd adds a record on the current screen: a person, a session, a booth.
func (w *mainWindow) onAdd() {
	if w.nav == nil {
		return
	}
	switch w.current {
	case navPeople:
		w.people.onAdd()
	case navAgenda:
		w.agenda.onAdd()
	case navExhibitors:
		w.exhibitors.onAdd()
	case navVisitors:
		w.desk.visitors.onAdd()
	default:
		if w.mode.Exhibitor {
			return
		}
		w.selectScreen(navPeople)
		if w.current == navPeople {
			w.people.onAdd()
		}
	}
}

// onSaveShortcut (Ctrl+S, File → Save) saves the form in the top dialog,
// or else the open form on the current screen.
func (w *mainWindow) onSaveShortcut() {
	if w.dialogs.saveTop() {
		return
	}
	if f := w.openForm(); f != nil {
		f.saveThen(nil)
	}
}

// openForm is the form on the current screen that can hold unsaved
// changes, nil when there is none.
func (w *mainWindow) openForm() unsavedForm {
	switch {
	case w.current == navPeople && w.people != nil && w.people.form.open:
		return w.people.form
	case w.current == navVisitors && w.desk != nil && w.desk.visitors.leadOpen():
		return w.desk.visitors
	}
	return nil
}
