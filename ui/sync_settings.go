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

	"github.com/fairdesk/fairdesk/data/keychain"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// syncSettings is the Sync section of Settings: share this event into a
// folder, join the event another laptop shared, the folder in use, and
// how the last sync went.
type syncSettings struct {
	syncSettingsDeps

	intro  *widget.Label
	folder *widget.Label
	bucket *bucketFields // the choice of a folder or a bucket: sync_bucket.go
	share  *widget.Button
	join   *widget.Button

	syncNow *widget.Button
	result  *widget.Label
	roster  *laptopsSection // the event's laptops: sync_laptops.go
	body    []fyne.CanvasObject
	joining *joinForm // the last join dialog: sync_join.go
	opened  string    // the code of the invitation file the app was started with, for every join dialog

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
	// onJoin switches the window to the event in dir (a folder, or a
	// bucket as sync.BucketPlace writes it), opened with an invitation
	// and its passphrase (nil: joining is not available).
	onJoin func(dir string, invitation []byte, passphrase string)
	// keychain keeps keys typed for a bucket (nil: they cannot be typed).
	keychain BucketKeychain
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
	s.intro = &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("Laptops working on one event keep in step through a folder they can all reach " +
		"(a file share, or a Dropbox, OneDrive, Google Drive or Syncthing folder) or an S3-compatible bucket. Each laptop keeps working when the folder or bucket cannot be reached, and catches up when it can.")}
	s.folder = &widget.Label{Wrapping: fyne.TextWrapBreak, Selectable: true}
	s.bucket = newBucketFields()
	s.share = &widget.Button{Text: lang.L("Share this event…"), Icon: theme.UploadIcon(), OnTapped: s.onShare}
	s.join = &widget.Button{Text: lang.L("Join an event…"), Icon: theme.DownloadIcon(), OnTapped: s.onJoinTapped}
	s.syncNow = &widget.Button{Text: lang.L("Sync now (Ctrl+R)"), Icon: theme.ViewRefreshIcon(), OnTapped: s.requestSync}
	s.result = &widget.Label{Wrapping: fyne.TextWrapWord}
	buttons := buttonGrid(240, s.share, s.join, s.syncNow)
	s.roster = newLaptopsSection(laptopsDeps{screenEnv: s.screenEnv, laptops: s.laptops, store: s.store, win: s.win, show: s.show,
		afterChange: s.requestSync})
	s.body = []fyne.CanvasObject{s.intro, s.folder, s.bucket.content, buttons, s.result, s.roster.content}
	if s.onJoin == nil {
		s.join.Hide()
	}
	if s.syncer == nil {
		s.share.Disable()
		s.join.Disable()
		s.syncNow.Disable()
	}
	s.lookForKeychain()
}

// lookForKeychain finds out whether keys typed for a bucket can be kept,
// off the UI goroutine (the keychain answers over D-Bus on Linux).
func (s *syncSettings) lookForKeychain() {
	if s.keychain == nil {
		s.bucket.keychainMissing(errors.New(lang.L("this build has none")))
		return
	}
	ctx := s.ctx
	go func() {
		err := s.keychain.Available()
		if err != nil && ctx.Err() == nil {
			s.do(func() { s.bucket.keychainMissing(err) })
		}
	}()
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
	s.roster.where = dir
	if dir == "" {
		s.folder.SetText(lang.L("This event is not shared yet. Share it into a folder or bucket the other laptops can reach, " +
			"or join an event another laptop shared."))
		s.syncNow.Disable()
		return
	}
	if isBucket(dir) {
		s.folder.SetText(fmt.Sprintf(lang.L("Bucket: %s"), syncPlaceName(dir)))
		s.bucket.fill(dir)
	} else {
		s.folder.SetText(fmt.Sprintf(lang.L("Shared folder: %s"), dir))
	}
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
	if s.bucket.chosen() {
		s.withBucket(lang.L("Not shared"), s.shareInto)
		return
	}
	s.chooseFolder(lang.L("Choose an empty folder the other laptops can reach"), s.shareInto)
}

// withBucket reads the bucket fields and hands the bucket, as remembered,
// to then; keys typed go to the keychain first (off the UI goroutine), and
// the place names their entry. A problem is said after what, and nothing
// is kept.
func (s *syncSettings) withBucket(what string, then func(where string)) {
	p, keys, err := s.bucket.place()
	if err != nil {
		s.setResult(widget.DangerImportance, what+": "+err.Error())
		return
	}
	if keys == nil {
		then(p.String())
		return
	}
	if s.keychain == nil {
		s.setResult(widget.DangerImportance, what+": "+s.bucket.keysNote.Text)
		return
	}
	entry := keychain.EntryName(p.URL, p.Endpoint)
	ctx := s.ctx
	go func() {
		err := s.keychain.Save(entry, *keys)
		s.do(func() {
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				s.setResult(widget.DangerImportance, fmt.Sprintf(lang.L("%s: the keys could not be kept in this laptop's keychain (%v). "+
					"Leave them empty and set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ~/.aws/credentials, instead."), what, err))
				return
			}
			s.bucket.keysSaved(entry)
			p.Keychain = entry
			then(p.String())
		})
	}()
}

// shareInto writes the event into dir (a folder, or a bucket as
// remembered) in the background.
func (s *syncSettings) shareInto(dir string) {
	s.share.Disable()
	s.setResult(widget.MediumImportance, fmt.Sprintf(lang.L("Sharing the event into %s…"), syncPlaceName(dir)))
	ctx := s.ctx
	go func() {
		r, err := s.syncer.Share(ctx, dir)
		s.do(func() {
			s.share.Enable()
			if errors.Is(err, context.Canceled) {
				return
			}
			if problem := placeProblem(dir, err); problem != "" {
				s.setResult(widget.DangerImportance, fmt.Sprintf(lang.L("Not shared: %s."), problem))
				return
			}
			if err != nil {
				s.setResult(widget.DangerImportance, fmt.Sprintf(lang.L("Not shared: %v. Choose another folder, or check that this laptop may write there."), trimDot(err)))
				return
			}
			s.showFolder(dir)
			s.roster.refresh()
			s.setResult(widget.SuccessImportance, fmt.Sprintf(lang.L("Shared. Other laptops can now join this event from %s (Settings → Sync → Join an event)."), syncPlaceName(dir)))
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

// joinHint reads as advice for a failed join, or for a failed change to
// the laptops of the event that syncs in where.
func joinHint(where string, err error) string {
	if problem := placeProblem(where, err); problem != "" {
		return problem
	}
	if errors.Is(err, fdsync.ErrUnreachable) {
		return lang.L("the folder cannot be reached; check the share or sync tool and try again")
	}
	return trimDot(err)
}
