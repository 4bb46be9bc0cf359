package ui

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// inviteForm is the "Invite a laptop" dialog: the role (organiser, or
// staff of one booth), a name for the list, and the passphrase, typed
// twice or made here and shown; then the invitation as a code to copy
// and a file to save.
type inviteForm struct {
	role       *widget.RadioGroup
	booth      *widget.Select
	name       *widget.Entry
	passphrase *widget.Entry
	again      *widget.Entry
	generate   *widget.Button
	made       *widget.Label // the passphrase made here, to read out
	status     *widget.Label
	create     *widget.Button
	dialog     *dialog.CustomDialog

	// The invitation, once made.
	file []byte
	code *widget.Label
	copy *widget.Button
	save *widget.Button
}

// minPassphrase is data/sync's own minimum.
const minPassphrase = 8

func (s *laptopsSection) onInvite() {
	f := &inviteForm{}
	organiser, boothStaff := lang.L("Organiser: everything, as this laptop"), lang.L("Staff of one booth: that booth's visitors and leads")
	f.booth = widget.NewSelect(nil, nil)
	f.booth.PlaceHolder = lang.L("Choose the booth")
	for _, b := range s.booths {
		f.booth.Options = append(f.booth.Options, boothLabel(b))
	}
	f.booth.Disable()
	f.role = widget.NewRadioGroup([]string{organiser, boothStaff}, func(choice string) {
		if choice == boothStaff {
			f.booth.Enable()
		} else {
			f.booth.Disable()
		}
	})
	f.role.Required = true
	f.name = &widget.Entry{PlaceHolder: lang.L("e.g. Booth A12 laptop, or Reception desk")}
	f.passphrase = &widget.Entry{Password: true, PlaceHolder: lang.L("At least 8 characters")}
	f.again = &widget.Entry{Password: true, PlaceHolder: lang.L("The same again")}
	for _, e := range []*widget.Entry{f.name, f.passphrase, f.again} {
		e.ExtendBaseWidget(e)
	}
	f.made = &widget.Label{Selectable: true, TextStyle: fyne.TextStyle{Monospace: true}}
	f.made.Hide()
	f.generate = &widget.Button{Text: lang.L("Make one for me"), Icon: theme.ViewRefreshIcon(), OnTapped: func() {
		p := newPassphrase()
		f.passphrase.SetText(p)
		f.again.SetText(p)
		f.made.SetText(fmt.Sprintf(lang.L("Passphrase: %s"), p))
		f.made.Show()
	}}
	f.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	f.create = &widget.Button{Text: lang.L("Make the invitation"), Importance: widget.HighImportance, OnTapped: func() { s.makeInvitation(f, organiser) }}
	cancel := &widget.Button{Text: lang.L("Cancel"), OnTapped: func() { f.dialog.Hide() }}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Role"), f.role),
		widget.NewFormItem(lang.L("Booth"), f.booth),
		widget.NewFormItem(lang.L("Laptop name"), f.name),
		widget.NewFormItem(lang.L("Passphrase"), container.NewBorder(nil, nil, nil, f.generate, f.passphrase)),
		widget.NewFormItem(lang.L("Again"), f.again),
	)
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("The invitation carries only the keys of the role it grants, and opens only with its passphrase. " +
		"Give the person the invitation, and tell them the passphrase separately: by phone or in person, not in the same message.")}
	body := container.NewVBox(intro, form, f.made, f.status)
	// Tall enough for the whole form, unless the window is smaller: then
	// it scrolls.
	scroll := container.NewVScroll(body)
	// (Wrapped labels measure one line before they are laid out, so the
	// form's own MinSize is too short to go by.)
	scroll.SetMinSize(fyne.NewSize(520, min(440, s.win.Canvas().Size().Height-170)))
	f.dialog = dialog.NewCustomWithoutButtons(lang.L("Invite a laptop"), scroll, s.win)
	f.dialog.SetButtons([]fyne.CanvasObject{cancel, f.create})
	s.inv = f
	s.show(f.dialog)
}

// makeInvitation checks the form, then makes the invitation in the
// background (opening a passphrase is meant to take a second).
func (s *laptopsSection) makeInvitation(f *inviteForm, organiser string) {
	var role data.LaptopRole
	switch {
	case f.role.Selected == "":
		f.setStatus(widget.DangerImportance, lang.L("Choose the new laptop's role."))
		return
	case f.role.Selected == organiser:
		role = data.LaptopOrganiser
	case f.booth.SelectedIndex() < 0:
		f.setStatus(widget.DangerImportance, lang.L("Choose the booth whose staff will use the laptop."))
		return
	default:
		role = data.BoothLaptop(s.booths[f.booth.SelectedIndex()].ID)
	}
	switch {
	case len(f.passphrase.Text) < minPassphrase:
		f.setStatus(widget.DangerImportance, lang.L("The passphrase must be at least 8 characters; type one, or tap Make one for me."))
		return
	case f.passphrase.Text != f.again.Text:
		f.setStatus(widget.DangerImportance, lang.L("The two passphrases differ; type the same twice. Nothing was made."))
		return
	}
	name, passphrase := strings.TrimSpace(f.name.Text), f.passphrase.Text
	f.create.Disable()
	f.setStatus(widget.MediumImportance, lang.L("Making the invitation…"))
	ctx := s.ctx
	go func() {
		file, code, err := s.laptops.Invite(ctx, role, name, passphrase)
		s.do(func() {
			f.create.Enable()
			if errors.Is(err, context.Canceled) {
				return
			}
			if err != nil {
				f.setStatus(widget.DangerImportance, fmt.Sprintf(lang.L("No invitation was made: %s."), joinHint(s.where, err)))
				return
			}
			f.dialog.Hide()
			s.showInvitation(f, file, code)
			s.refresh()
			if s.afterChange != nil {
				s.afterChange()
			}
		})
	}()
}

func (f *inviteForm) setStatus(importance widget.Importance, text string) {
	f.status.Importance = importance
	f.status.SetText(text)
}

// showInvitation shows the code to copy and offers the file to save.
func (s *laptopsSection) showInvitation(f *inviteForm, file []byte, code string) {
	f.file = file
	f.code = &widget.Label{Text: code, Wrapping: fyne.TextWrapBreak, Selectable: true, TextStyle: fyne.TextStyle{Monospace: true}}
	copied := &widget.Label{Importance: widget.SuccessImportance}
	f.copy = &widget.Button{Text: lang.L("Copy the code"), Icon: theme.ContentCopyIcon(), OnTapped: func() {
		fyne.CurrentApp().Clipboard().SetContent(code)
		copied.SetText(lang.L("Copied."))
	}}
	f.save = &widget.Button{Text: lang.L("Save as a file…"), Icon: theme.DocumentSaveIcon(), OnTapped: func() { s.saveInvitation(f, copied) }}
	how := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("On the new laptop: Settings → Sync → Join an event, choose the shared folder, then paste this code or open the file, and type the passphrase.")}
	if isBucket(s.where) {
		how.Text = fmt.Sprintf(lang.L("On the new laptop: Settings → Sync, choose S3-compatible bucket, type %s and the keys it may use, "+
			"tap Join an event…, then paste this code or open the file, and type the passphrase."), syncPlaceName(s.where))
	}
	parts := []fyne.CanvasObject{how}
	if f.made.Visible() {
		parts = append(parts, &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance,
			Text: fmt.Sprintf(lang.L("Tell the person the passphrase separately: %s"), f.passphrase.Text)})
	}
	scroll := container.NewVScroll(f.code)
	scroll.SetMinSize(fyne.NewSize(0, 140))
	parts = append(parts, scroll, container.NewHBox(f.copy, f.save), copied)
	d := dialog.NewCustom(lang.L("The invitation"), lang.L("Done"), atLeastWide(container.NewVBox(parts...), 480), s.win)
	s.show(d)
}

// saveInvitation writes the invitation where the user chooses, readable
// by the user only.
func (s *laptopsSection) saveInvitation(f *inviteForm, said *widget.Label) {
	s.chooseFile(func(path string) {
		if err := writePrivateFile(path, f.file); err != nil {
			said.Importance = widget.DangerImportance
			said.SetText(fmt.Sprintf(lang.L("The file was not saved (%s); choose another folder."), trimDot(err)))
			return
		}
		said.Importance = widget.SuccessImportance
		said.SetText(fmt.Sprintf(lang.L("Saved to %s."), path))
	})
}

// saveDialog asks where to save the invitation.
func (s *laptopsSection) saveDialog(then func(path string)) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close() // written by writePrivateFile, with the file's mode set first
		then(invitationPath(path))
	}, s.win)
	d.SetFileName("fairdesk-invitation" + fdsync.InvitationExt)
	d.SetFilter(storage.NewExtensionFileFilter([]string{fdsync.InvitationExt}))
	d.Resize(fyne.NewSize(760, 520))
	s.show(d)
}

// invitationPath is where an invitation saved as chosen goes: a name
// typed without the invitation's extension gets it, so that the file
// opens in Fairdesk where it is installed, and the empty file the save
// dialog made under the typed name is removed. (An invitation under
// another name still opens from Join an event, which reads the content.)
func invitationPath(chosen string) string {
	if strings.EqualFold(filepath.Ext(chosen), fdsync.InvitationExt) {
		return chosen
	}
	if fi, err := os.Stat(chosen); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(chosen)
	}
	return chosen + fdsync.InvitationExt
}

func writePrivateFile(path string, b []byte) error {
	if err := os.Chmod(path, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return os.WriteFile(path, b, 0o600)
}

// passphraseLetters leave out those read or heard alike (0 O, 1 l I).
const passphraseLetters = "abcdefghjkmnpqrstuvwxyz23456789"

// newPassphrase is five groups of four letters: about 99 bits, easy to
// read out over the phone. Bytes from 248 up are passed over, so that
// every letter is as likely.
func newPassphrase() string {
	var out strings.Builder
	buf := make([]byte, 32)
	n := 0
	for n < 20 {
		rand.Read(buf)
		for _, c := range buf {
			if n == 20 || int(c) >= 256/len(passphraseLetters)*len(passphraseLetters) {
				continue
			}
			if n > 0 && n%4 == 0 {
				out.WriteByte('-')
			}
			out.WriteByte(passphraseLetters[int(c)%len(passphraseLetters)])
			n++
		}
	}
	return out.String()
}
