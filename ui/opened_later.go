package ui

// OpenedFile is what a later start of Fairdesk was asked to open: a
// backup or an invitation (main tells them apart), or neither.
type OpenedFile struct {
	Backup, Invitation string
}

// takeOpenedLater offers each file a later start hands over (Config.
// OpenedLater) as the files the app was started with are offered, and
// brings the window to the front. One arriving before the event shows
// waits for it (showEvent offers it).
func (w *mainWindow) takeOpenedLater() {
	if w.cfg.OpenedLater == nil {
		return
	}
	go func() {
		for f := range w.cfg.OpenedLater {
			w.do(func() {
				w.win.RequestFocus()
				w.cfg.OpenBackup, w.cfg.OpenInvitation = f.Backup, f.Invitation
				if w.backup != nil {
					w.offerOpenedBackup()
					w.offerOpenedInvitation()
				}
			})
		}
	}()
}
