package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// syncSettings is the Sync section of Settings: share this event into a
// folder, join the event another laptop shared, the folder in use, and
// how the last sync went.
type syncSettings struct {
	syncSettingsDeps

	intro  *widget.Label
	folder *widget.Label
	share  *widget.Button
	join   *widget.Button

	syncNow *widget.Button
	result  *widget.Label
	roster  *laptopsSection // the event's laptops: sync_laptops.go
	body    []fyne.CanvasObject
	joining *joinForm // the last join dialog: sync_join.go

	// chooseFolder asks for a folder; tests replace it.
	chooseFolder func(title string, then func(dir string))
}

type syncSettingsDeps struct {
	screenEnv
	syncer      Syncer  // nil: this build has no sync
	laptops     Laptops // nil: the laptops are not listed
	store       laptopsStore
	event       joinEventReader // nil: the join dialog does not say what becomes of the event open now
	requestSync func()          // asks the background sync for a sync now
	win         fyne.Window
	show        func(dialog.Dialog)
	// onJoin switches the window to the event in dir, opened with an
	// invitation and its passphrase (nil: joining is not available).
	onJoin func(dir string, invitation []byte, passphrase string)
}

// newSyncSettings makes the section; the window hands it every sync's
// outcome (showOutcome).
func newSyncSettings(d syncSettingsDeps) *syncSettings {
	s := &syncSettings{syncSettingsDeps: d}
	s.chooseFolder = s.folderDialog
	s.buildUI()
	return s
}

func (s *syncSettings) buildUI() {
	s.intro = &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("Laptops working on one event keep in step through a folder they can all reach: " +
		"a file share, or a Dropbox, OneDrive, Google Drive or Syncthing folder. Each laptop keeps working when the folder cannot be reached, and catches up when it can.")}
	s.folder = &widget.Label{Wrapping: fyne.TextWrapBreak, Selectable: true}
	s.share = &widget.Button{Text: lang.L("Share this event…"), Icon: theme.UploadIcon(), OnTapped: s.onShare}
	s.join = &widget.Button{Text: lang.L("Join an event…"), Icon: theme.DownloadIcon(), OnTapped: s.onJoinTapped}
	s.syncNow = &widget.Button{Text: lang.L("Sync now (Ctrl+R)"), Icon: theme.ViewRefreshIcon(), OnTapped: s.requestSync}
	s.result = &widget.Label{Wrapping: fyne.TextWrapWord}
	buttons := buttonGrid(240, s.share, s.join, s.syncNow)
	s.roster = newLaptopsSection(laptopsDeps{screenEnv: s.screenEnv, laptops: s.laptops, store: s.store, win: s.win, show: s.show,
		afterChange: s.requestSync})
	s.body = []fyne.CanvasObject{s.intro, s.folder, buttons, s.result, s.roster.content}
	if s.onJoin == nil {
		s.join.Hide()
	}
	if s.syncer == nil {
		s.share.Disable()
		s.join.Disable()
		s.syncNow.Disable()
	}
}

// refresh shows the folder in use and the event's laptops.
func (s *syncSettings) refresh() {
	s.roster.refresh()
	if s.syncer == nil {
		s.folder.SetText(lang.L("Sync is not available in this build."))
		return
	}
	ctx := s.ctx
	go func() {
		dir := s.syncer.Folder(ctx)
		s.do(func() { s.showFolder(dir) })
	}()
}

func (s *syncSettings) showFolder(dir string) {
	if dir == "" {
		s.folder.SetText(lang.L("This event is not shared yet. Share it into a folder the other laptops can reach, " +
			"or join an event another laptop shared."))
		s.syncNow.Disable()
		return
	}
	s.folder.SetText(fmt.Sprintf(lang.L("Shared folder: %s"), dir))
	s.syncNow.Enable()
}

func (s *syncSettings) showOutcome(o syncOutcome) {
	if errors.Is(o.err, ErrNotShared) {
		s.showFolder("")
		s.result.SetText("")
		return
	}
	s.showFolder(o.folder)
	line, trouble := statusLine(o, o.at)
	if o.err == nil {
		line += ". " + fmt.Sprintf(lang.L("Last sync sent %d and received %d changes."), o.report.Sent, o.report.Received)
		for _, p := range o.report.Problems[min(1, len(o.report.Problems)):] {
			line += " " + capitalise(p) + "."
		}
	}
	s.result.Importance = widget.MediumImportance
	if trouble {
		s.result.Importance = widget.WarningImportance
	}
	s.result.SetText(line)
}

func (s *syncSettings) folderDialog(title string, then func(dir string)) {
	d := dialog.NewFolderOpen(func(uri fyne.ListableURI, err error) {
		if err != nil || uri == nil {
			return
		}
		then(uri.Path())
	}, s.win)
	d.SetTitleText(title)
	d.SetConfirmText(lang.L("Choose"))
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

func (s *syncSettings) onShare() {
	s.chooseFolder(lang.L("Choose an empty folder the other laptops can reach"), s.shareInto)
}

// shareInto writes the event into dir in the background.
func (s *syncSettings) shareInto(dir string) {
	s.share.Disable()
	s.setResult(widget.MediumImportance, fmt.Sprintf(lang.L("Sharing the event into %s…"), dir))
	ctx := s.ctx
	go func() {
		r, err := s.syncer.Share(ctx, dir)
		s.do(func() {
			s.share.Enable()
			if errors.Is(err, context.Canceled) {
				return
			}
			if err != nil {
				s.setResult(widget.DangerImportance, fmt.Sprintf(lang.L("Not shared: %v. Choose another folder, or check that this laptop may write there."), trimDot(err)))
				return
			}
			s.showFolder(dir)
			s.roster.refresh()
			s.setResult(widget.SuccessImportance, fmt.Sprintf(lang.L("Shared. Other laptops can now join this event from %s (Settings → Sync → Join an event)."), dir))
			s.requestSync()
			_ = r
		})
	}()
}

func (s *syncSettings) setResult(importance widget.Importance, text string) {
	s.result.Importance = importance
	s.result.SetText(text)
}

// trimDot is err as the interface says it (errorText), without a final
// full stop, for a sentence that goes on after it.
func trimDot(err error) string { return strings.TrimSuffix(errorText(err), ".") }

// joinHint reads as advice for a failed join.
func joinHint(err error) string {
	if errors.Is(err, fdsync.ErrUnreachable) {
		return lang.L("the folder cannot be reached; check the share or sync tool and try again")
	}
	return trimDot(err)
}
