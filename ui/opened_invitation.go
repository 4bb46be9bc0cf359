package ui

import (
	"errors"
	"fmt"
	"os"

	"fyne.io/fyne/v2/lang"
)

// offerOpenedInvitation opens, once, the Join an event dialog with the
// invitation the app was started with (Config.OpenInvitation) loaded. It
// joins nothing by itself: the user still chooses the shared folder and
// types the passphrase, and the dialog says what becomes of the event
// open now.
func (w *mainWindow) offerOpenedInvitation() {
	file := w.cfg.OpenInvitation
	if file == "" {
		return
	}
	w.cfg.OpenInvitation = ""
	switch {
	case w.mode.Exhibitor:
		w.showError(errors.New(lang.L("This laptop is in booth-staff mode, which does not join events; nothing was changed. " +
			"Leave booth-staff mode with the organiser PIN, then open the invitation again.")))
		return
	case w.cfg.JoinEvent == nil || w.sync.settings.syncer == nil:
		w.showError(errors.New(lang.L("Joining an event is not available in this build; nothing was changed.")))
		return
	}
	ctx := w.ctx
	go func() {
		b, err := readInvitationFile(file)
		w.do(func() {
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				w.showError(fmt.Errorf(lang.L("The invitation %s could not be read (%s); nothing was changed."), file, trimDot(err)))
				return
			}
			w.sync.settings.joinWith(b)
		})
	}()
}

func readInvitationFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readInvitation(f)
}
