package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// useMode hands the mode to the screens that need it.
func (w *mainWindow) useMode(m appMode) {
	w.mode = m
	d := w.desk
	d.checkIn.operator = m.Name
	d.checkIn.attendance.operator = m.Name
	d.myBooth.setBooth(m.BoothID, m.Name)
	d.visitors.setBooth(m.BoothID, m.Name)
	d.modeForm.fill(m)
	w.applyMode(m)
	w.visible = visibleFor(m, len(w.entries))
}

// onFindVisitor (Ctrl+F in exhibitor mode) goes to the visitor search.
func (w *mainWindow) onFindVisitor() {
	if w.current != navVisitors {
		w.selectScreen(navVisitors)
	}
	w.desk.visitors.focusEntry()
}

// onModeChosen saves the mode and redraws the sidebar for it. A laptop
// that joined the event as a booth's stays that booth's.
func (w *mainWindow) onModeChosen(m appMode) {
	if b := w.desk.modeForm.laptopBooth; b != "" {
		m.Exhibitor, m.BoothID = true, b
	}
	saveMode(w.app.Preferences(), m)
	w.useMode(m)
	if w.nav == nil {
		return
	}
	w.nav.UnselectAll()
	w.nav.Refresh()
	w.win.SetMainMenu(w.withSyncMenu(w.mainMenu())) // the Go menu lists this mode's screens
	if m.Exhibitor {
		w.selectScreen(navMyBooth)
	} else if w.current == navSettings || w.current == navBoothSettings {
		w.selectScreen(navSettings)
	} else {
		w.selectScreen(navDashboard)
	}
}

// keepBoothMode puts a laptop that joined the event as a booth's in that
// booth's staff mode, whatever mode this computer was in before it joined.
func (w *mainWindow) keepBoothMode(boothID string) {
	if !w.mode.Exhibitor || w.mode.BoothID != boothID {
		w.onModeChosen(appMode{Name: w.mode.Name})
	}
}

// askModeIfUnset asks who uses this laptop, the first time.
func (w *mainWindow) askModeIfUnset() {
	if _, chosen := loadMode(w.app.Preferences()); chosen {
		return
	}
	f := newModeForm(screenEnv{ctx: w.ctx, do: w.do}, w.store, nil, nil)
	f.fill(w.mode)
	f.save.Hide()
	var d *dialog.CustomDialog
	start := &widget.Button{Text: lang.L("Start"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: func() {
		if m, ok := f.chosen(); ok {
			d.Hide()
			w.desk.modeDialog = nil
			w.onModeChosen(m)
		}
	}}
	f.name.OnSubmitted = func(string) { start.OnTapped() }
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("Who uses this laptop? Organisers see every screen, with the check-in desk. " +
		"Booth staff see their booth, its visitors and leads, and the agenda. You can change this later in Settings.")}
	d = dialog.NewCustomWithoutButtons(lang.L("Welcome to Fairdesk"), container.NewVBox(atLeastWide(intro, 460), f.content), w.win)
	d.SetButtons([]fyne.CanvasObject{start})
	w.desk.modeDialog, w.desk.modeDialogForm, w.desk.modeStart = d, f, start
	w.dialogs.show(d)
	w.win.Canvas().Focus(f.name)
}
