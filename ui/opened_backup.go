package ui

import (
	"errors"

	"fyne.io/fyne/v2/lang"
)

// offerOpenedBackup offers, once, to restore the backup the app was
// started with (Config.OpenBackup): the same question, with what the
// backup holds, as Settings → Backup asks, so a double-click on a backup
// never replaces the event open now without the user saying so.
func (w *mainWindow) offerOpenedBackup() {
	file := w.cfg.OpenBackup
	if file == "" {
		return
	}
	w.cfg.OpenBackup = ""
	if w.mode.Exhibitor {
		w.showError(errors.New(lang.L("This laptop is in booth-staff mode, which does not restore backups; nothing was changed. " +
			"Leave booth-staff mode with the organiser PIN, then open the backup again.")))
		return
	}
	w.backup.offer(file)
}
