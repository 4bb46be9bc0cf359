package ui

// onQuitRequested (closing the window, Ctrl+Q, File → Quit) asks about
// unsaved changes in the open form, then quits.
func (w *mainWindow) onQuitRequested() {
	leaveForm(&w.dialogs, w.win, w.openForm(), w.quit, nil)
}

// quit ends the program: through main's Quit, which also makes sure the
// process ends and the database is closed even if Fyne does not return.
func (w *mainWindow) quit() {
	w.cancel() // stop the screens' queries, so that the database closes at once
	if w.cfg.Quit != nil {
		w.cfg.Quit()
		return
	}
	w.app.Quit()
}

// formsAfterSync merges other laptops' changes that a sync brought into
// the forms open on them.
func (w *mainWindow) formsAfterSync() {
	if w.people != nil {
		w.people.form.onSynced()
	}
	if w.agenda != nil && w.agenda.form != nil {
		w.agenda.form.onSynced()
	}
	if w.exhibitors != nil && w.exhibitors.boothForm != nil {
		w.exhibitors.boothForm.onSynced()
	}
	if w.desk != nil {
		w.desk.visitors.onSynced()
	}
}
