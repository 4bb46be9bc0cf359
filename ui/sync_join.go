package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// joinEventReader is what the join dialog reads of the event open now, to
// say what joining does to it.
type joinEventReader interface {
	IsEmpty(ctx context.Context) (bool, error)
	Event(ctx context.Context) (data.Event, error)
}

// joinForm is the "Join an event" dialog: the folder the event is shared
// in, the invitation (its code pasted, or its file opened) and the
// passphrase, under what joining does to the event open now.
type joinForm struct {
	dir        string
	folder     *widget.Label
	choose     *widget.Button
	current    *widget.Label // what becomes of the event open now
	invitation *fieldEntry
	passphrase *fieldEntry
	status     *widget.Label
	join       *widget.Button
	dialog     *dialog.CustomDialog
}

// maxInvitationFile is far more than an invitation takes (a few KiB).
const maxInvitationFile = 1 << 20

func (s *syncSettings) onJoinTapped() {
	if s.onJoin == nil {
		return
	}
	if s.bucket.chosen() {
		s.withBucket(lang.L("Not joined"), func(where string) { s.openJoinForm(where, s.opened) })
		return
	}
	s.chooseFolder(lang.L("Choose the folder another laptop shared the event into"), func(dir string) { s.openJoinForm(dir, s.opened) })
}

// openJoinForm shows the join dialog with the folder (or "" to choose it
// in the dialog) and the invitation code (or "" to paste or open it).
func (s *syncSettings) openJoinForm(dir, code string) {
	f := &joinForm{}
	s.joining = f
	f.folder = &widget.Label{}
	f.choose = &widget.Button{Icon: theme.FolderOpenIcon(), OnTapped: func() {
		s.chooseFolder(lang.L("Choose the folder another laptop shared the event into"), f.setFolder)
	}}
	f.setFolder(dir)
	f.current = &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("Fairdesk copies the shared event into a new database on this laptop and shows it.")}
	f.invitation = &fieldEntry{Entry: widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapBreak, PlaceHolder: lang.L("Paste the invitation code the organiser gave you (FAIRDESK-INVITE-…)")}}
	f.invitation.ExtendBaseWidget(f.invitation)
	f.invitation.SetText(code)
	f.passphrase = &fieldEntry{Entry: widget.Entry{Password: true, PlaceHolder: lang.L("The passphrase the organiser told you")}}
	f.passphrase.ExtendBaseWidget(f.passphrase)
	f.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	open := &widget.Button{Text: lang.L("Open an invitation file…"), Icon: theme.FolderOpenIcon(), OnTapped: s.openInvitationFile}
	f.join = &widget.Button{Text: lang.L("Join"), Importance: widget.HighImportance, OnTapped: func() { s.onJoinConfirmed(f) }}
	cancel := &widget.Button{Text: lang.L("Cancel"), OnTapped: func() { f.dialog.Hide() }}
	where := lang.L("Shared folder")
	if isBucket(dir) {
		where = lang.L("Bucket")
	}
	form := container.NewVBox(f.current,
		widget.NewLabel(where), container.NewBorder(nil, nil, nil, f.choose, f.folder),
		widget.NewLabel(lang.L("Invitation")), f.invitation, open,
		widget.NewLabel(lang.L("Passphrase")), f.passphrase, f.status)
	title := lang.L("Join the event in this folder?")
	switch {
	case isBucket(dir):
		title = lang.L("Join the event in this bucket?")
	case dir == "":
		title = lang.L("Join an event")
	}
	f.dialog = dialog.NewCustomWithoutButtons(title, atLeastWide(form, 460), s.win)
	f.dialog.SetButtons([]fyne.CanvasObject{cancel, f.join})
	s.show(f.dialog)
	s.sayWhatJoiningKeeps(f)
}

func (f *joinForm) setFolder(dir string) {
	f.dir = dir
	if isBucket(dir) {
		// The bucket comes from Settings → Sync's fields, not a chooser.
		f.folder.Wrapping = fyne.TextWrapBreak
		f.folder.SetText(syncPlaceName(dir))
		f.choose.Hide()
		return
	}
	if dir == "" {
		f.folder.Wrapping = fyne.TextWrapWord
		f.folder.SetText(lang.L("Not chosen yet: choose the folder the organiser shared the event into."))
		f.choose.SetText(lang.L("Choose…"))
		return
	}
	f.folder.Wrapping = fyne.TextWrapBreak // a path may have no spaces to wrap at
	f.folder.SetText(dir)
	f.choose.SetText(lang.L("Change…"))
}

// sayWhatJoiningKeeps reads whether this laptop holds an event and, when
// it does, says that joining leaves it as it is (cmd/fairdesk's join
// opens a new database and keeps the current one, unchanged, as
// …<date and time>.event.bak beside its file).
func (s *syncSettings) sayWhatJoiningKeeps(f *joinForm) {
	if s.event == nil {
		return
	}
	ctx := s.ctx
	go func() {
		empty, err := s.event.IsEmpty(ctx)
		if err != nil || empty {
			if err == nil {
				s.do(func() {
					f.current.SetText(lang.L("This laptop holds no event yet: joining fills its database with the shared event and shows it."))
				})
			}
			return
		}
		ev, err := s.event.Event(ctx)
		name := ""
		if err == nil {
			name = strings.TrimSpace(ev.Name)
		}
		s.do(func() {
			text := lang.L("Joining makes a new event database on this laptop, filled with the shared event, and shows it. " +
				"Nothing of the event open now changes: its database is kept as it is, beside its file (named …<date and time>.event.bak).")
			if name != "" {
				text = fmt.Sprintf(lang.L("Joining makes a new event database on this laptop, filled with the shared event, and shows it. "+
					"Nothing of “%s”, the event open now, changes: its database is kept as it is, beside its file (named …<date and time>.event.bak)."), name)
			}
			f.current.Importance = widget.WarningImportance
			f.current.SetText(text)
		})
	}()
}

// onJoinConfirmed joins when the form has all it needs, and otherwise
// says what is missing, keeping the dialog open.
func (s *syncSettings) onJoinConfirmed(f *joinForm) {
	switch {
	case f.dir == "":
		f.setStatus(widget.DangerImportance, lang.L("Choose the shared folder first (Choose… beside Shared folder). "+
			"For an event in a bucket: Cancel, choose S3-compatible bucket in Settings → Sync, fill it in and tap Join an event…; the invitation stays loaded."))
		return
	case strings.TrimSpace(f.invitation.Text) == "":
		f.setStatus(widget.DangerImportance, lang.L("Paste the invitation code, or open the invitation file."))
		return
	case f.passphrase.Text == "":
		f.setStatus(widget.DangerImportance, lang.L("Type the passphrase the organiser told you."))
		return
	}
	f.dialog.Hide()
	s.onJoin(f.dir, []byte(f.invitation.Text), f.passphrase.Text)
}

func (f *joinForm) setStatus(importance widget.Importance, text string) {
	f.status.Importance = importance
	f.status.SetText(text)
}

// joinWith opens the join dialog with an invitation file's bytes loaded
// (as its code, which reads and pastes as text), for the invitation the
// app was started with; the user chooses the folder and types the
// passphrase.
func (s *syncSettings) joinWith(file []byte) {
	s.opened = fdsync.InvitationCode(file)
	s.openJoinForm("", s.opened)
}

// openInvitationFile puts an invitation file's code in the invitation
// field, as if it had been pasted.
func (s *syncSettings) openInvitationFile() {
	f := s.joining
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		defer rc.Close()
		b, err := readInvitation(rc)
		if err != nil {
			f.setStatus(widget.DangerImportance, fmt.Sprintf(lang.L("The invitation could not be read: %s."), trimDot(err)))
			return
		}
		f.invitation.SetText(fdsync.InvitationCode(b))
		f.setStatus(widget.MediumImportance, "")
	}, s.win)
	d.Resize(fyne.NewSize(760, 520))
	s.show(d)
}

// readInvitation reads an invitation file, refusing one too large to be
// one rather than reading it all.
func readInvitation(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxInvitationFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxInvitationFile {
		return nil, errors.New(lang.L("the file is far larger than an invitation: it is not one"))
	}
	return b, nil
}
