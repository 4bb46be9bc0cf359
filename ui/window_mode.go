package ui

// useMode hands the mode to the screens that need it.
func (w *mainWindow) useMode(m appMode) {
	w.mode = m
	d := w.desk
	d.checkIn.operator = m.Name
	d.checkIn.attendance.operator = m.Name
	d.myBooth.setBooth(m.BoothID, m.Name)
	d.visitors.setBooth(m.BoothID, m.Name)
	d.modeForm.fill(m)
	w.visible = visibleFor(m, len(w.entries))
}

// onFindVisitor (Ctrl+F in exhibitor mode) goes to the visitor search.
func (w *mainWindow) onFindVisitor() {
	if w.current != navVisitors {
		w.selectScreen(navVisitors)
	}
	w.desk.visitors.focusEntry()
}

// onModeChosen saves the mode and redraws the sidebar for it.
func (w *mainWindow) onModeChosen(m appMode) {
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
	} else if w.current == navSettings {
		w.selectScreen(navSettings)
	} else {
		w.selectScreen(navDashboard)
	}
}
