package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"github.com/fairdesk/fairdesk/data"
)

// shortcutSync is Ctrl+R (Cmd+R): sync now. Ctrl+S saves, as on every
// desktop; Ctrl+Shift+S is "Save as" there; F5 alone cannot be a Fyne
// shortcut (Fyne makes shortcuts only of keys with Ctrl, Alt or Cmd, and
// sends F5 to the field that has the focus). Ctrl+R is "reload" in
// browsers and file managers, which is what a sync does, and no text field
// uses it.
var shortcutSync = &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault}

// syncParts are the window's sync over the store it shows: the status
// line, the Sync section of Settings and the Conflicts screen.
type syncParts struct {
	status    *syncStatus
	settings  *syncSettings
	conflicts *conflictsScreen
}

// withSyncMenu adds "Sync now" to the first menu, before its Quit.
func (w *mainWindow) withSyncMenu(m *fyne.MainMenu) *fyne.MainMenu {
	if len(m.Items) > 0 {
		first := m.Items[0]
		at := len(first.Items)
		if at >= 2 && first.Items[at-1].IsQuit {
			at -= 2 // before the separator and Quit
		}
		first.Items = slices.Insert(first.Items, at, fyne.NewMenuItemSeparator(),
			&fyne.MenuItem{Label: lang.L("Sync now"), Shortcut: shortcutSync, Action: w.onSyncNow})
	}
	return m
}

// onSyncNow (Ctrl+R, the menu) syncs now, or for an event that is not
// shared yet shows where to share it.
func (w *mainWindow) onSyncNow() {
	if w.sync == nil {
		return
	}
	if errors.Is(w.sync.status.outcome.err, ErrNotShared) {
		w.selectScreen(navSettings)
		w.settings.showSection(sectionSync)
		return
	}
	w.sync.status.onSyncNow()
}

// afterSync shows what arrived: the open conflicts, and the screen on
// show when other laptops' changes came in (keeping any form open).
func (w *mainWindow) afterSync(o syncOutcome) {
	p := w.sync
	p.settings.showOutcome(o)
	if o.err != nil {
		return
	}
	if w.current == navConflicts {
		p.conflicts.refresh()
	} else {
		p.conflicts.countOpen()
	}
	if o.report.Received == 0 {
		return
	}
	w.readEvent()
	w.formsAfterSync()
	switch w.current {
	case navPeople:
		w.people.runQuery(true)
	case navDashboard:
		w.dashboard.refresh()
	case navMyBooth:
		w.desk.myBooth.refresh()
	}
}

// showConflictCount puts the number of open conflicts in the sidebar.
func (w *mainWindow) showConflictCount(open int) {
	title := lang.L("Conflicts")
	if open > 0 {
		title = fmt.Sprintf(lang.L("Conflicts (%d)"), open)
	}
	if w.entries[navConflicts].title != title {
		w.entries[navConflicts].title = title
		if w.nav != nil {
			w.nav.Refresh()
		}
	}
}

// onJoinEvent swaps the event for the one shared in dir, opened with an
// invitation and its passphrase.
func (w *mainWindow) onJoinEvent(dir string, invitation []byte, passphrase string) {
	if w.cfg.JoinEvent == nil {
		return
	}
	w.switchStore(lang.L("Joining the shared event…"), func(ctx context.Context) (*data.Store, string, error) {
		st, path, err := w.cfg.JoinEvent(ctx, dir, invitation, passphrase)
		if problem := placeProblem(dir, err); problem != "" {
			err = errors.New(problem)
		}
		return st, path, err
	}, false)
}
