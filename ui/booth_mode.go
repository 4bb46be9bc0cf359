package ui

// Booth-staff mode on a laptop the organisers lend to a booth: the window
// offers only what booth staff may do (their booth, its visitors and
// leads, the agenda, their own notification settings). The screens they
// may not use are hidden (mode.go), their Settings is boothSettingsScreen,
// and every organiser command below is also refused at its handler, so no
// menu, shortcut or button left over can reach it.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/fairdesk/fairdesk/data"
)

// organiserOnly wraps an organiser command so that it does nothing in
// booth-staff mode.
func (w *mainWindow) organiserOnly(fn func()) func() {
	return func() {
		if !w.mode.Exhibitor && fn != nil {
			fn()
		}
	}
}

// organiserOnly1 is organiserOnly for commands that take a path.
func (w *mainWindow) organiserOnly1(fn func(string)) func(string) {
	return func(arg string) {
		if !w.mode.Exhibitor {
			fn(arg)
		}
	}
}

// exportAllowed exports kind if this mode may: booth staff may take the
// agenda, never the people, sessions or booths tables.
func (w *mainWindow) exportAllowed(kind exportKind) {
	if w.mode.Exhibitor && kind != exportAgenda {
		return
	}
	w.onExport(kind)
}

// boothStaffMenu is the File menu's content in booth-staff mode.
func (w *mainWindow) boothStaffMenu() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		{Label: lang.L("Add to this screen"), Shortcut: shortcutAdd, Action: w.onAdd},
		fyne.NewMenuItemSeparator(),
		{Label: lang.L("Export the agenda (.ics)…"), Action: func() { w.exportAllowed(exportAgenda) }},
		{Label: lang.L("Print the agenda (PDF)…"), Action: w.onPrintAgenda},
		{Label: lang.L("Export meetings calendar (.ics)…"), Action: w.onExportMeetingsCalendar},
		{Label: lang.L("Meeting schedules (PDF)…"), Action: w.onPrintMeetingSchedules},
	}
}

// applyMode shows or hides, on the screens every mode shares, what only
// organisers may use.
func (w *mainWindow) applyMode(m appMode) {
	w.agenda.setReadOnly(m.Exhibitor)
	if w.bannerStart != nil {
		if m.Exhibitor {
			w.bannerStart.Hide()
		} else {
			w.bannerStart.Show()
		}
	}
}

// leaveBoothMode makes the laptop an organiser's again (the PIN matched).
func (w *mainWindow) leaveBoothMode() {
	w.onModeChosen(appMode{Name: w.mode.Name})
}

// openForBoothStaff shows what a notification is about on the screens
// booth staff have, opening no organiser form.
func (w *mainWindow) openForBoothStaff(n data.Notification) {
	switch n.TargetKind {
	case "session":
		w.selectScreen(navAgenda)
	case "person":
		w.selectScreen(navVisitors)
	default:
		w.selectScreen(navMyBooth)
	}
}
