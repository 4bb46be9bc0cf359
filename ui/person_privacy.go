package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// The two data protection requests a person can make of the organisers,
// offered on the person form of an organiser's laptop only: to see
// everything held about them (UK GDPR art. 15) and to be erased (art. 17).
// A booth laptop holds too little to answer the first and may not do the
// second, and booth-staff mode shows neither.

// personPrivacyStore is what the two requests need of the store.
type personPrivacyStore interface {
	// LocalRole tells an organiser's laptop from a booth's.
	LocalRole(ctx context.Context) (data.LaptopRole, error)
	ErasePerson(ctx context.Context, id string) error
	BackupsBefore(t time.Time) ([]string, error)
	RemoveBackupsBefore(t time.Time, chosen []string) ([]string, error)
	ExportPerson(ctx context.Context, id string, out io.Writer) error
}

// personPrivacyButtons are the person form's part: the two buttons under
// the fields, shown only while a saved person is open and the laptop may.
type personPrivacyButtons struct {
	box       *fyne.Container
	exportAll *widget.Button
	erase     *widget.Button
	// onExportRequested and onEraseRequested ask the screen to act;
	// mayAsk says whether this laptop, in this mode, may (nil: never).
	onExportRequested func(p data.PersonRow)
	onEraseRequested  func(p data.PersonRow)
	mayAsk            func() bool
}

func (f *personForm) buildPrivacyButtons() *fyne.Container {
	b := &f.privacy
	b.exportAll = &widget.Button{Text: lang.L("Export everything…"), Icon: theme.DownloadIcon(), OnTapped: func() {
		if f.open && f.person.ID != "" && b.onExportRequested != nil {
			b.onExportRequested(f.person)
		}
	}}
	b.erase = &widget.Button{Text: lang.L("Erase this person…"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: func() {
		if f.open && f.person.ID != "" && b.onEraseRequested != nil {
			b.onEraseRequested(f.person)
		}
	}}
	heading := &widget.Label{Text: lang.L("Data protection requests"), TextStyle: fyne.TextStyle{Bold: true}}
	// The buttons' words are short so that the form fits beside the list
	// on an 800x600 screen; this line says what they are about.
	about := &widget.Label{Text: lang.L("Export everything about this person for a subject access request, or erase them from every laptop."),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	b.box = container.NewVBox(widget.NewSeparator(), heading, about, container.NewHBox(b.exportAll), container.NewHBox(b.erase))
	b.box.Hide()
	return b.box
}

// showPrivacyButtons shows the buttons when a saved person is open on a
// laptop that may use them, and hides them otherwise.
func (f *personForm) showPrivacyButtons() {
	b := &f.privacy
	if b.box == nil {
		return
	}
	if f.open && f.person.ID != "" && b.mayAsk != nil && b.mayAsk() {
		b.box.Show()
	} else {
		b.box.Hide()
	}
}

// readLaptopRole learns whether this is an organiser's laptop, then shows
// or hides the form's privacy buttons to match.
func (s *peopleScreen) readLaptopRole() {
	ctx := s.ctx
	go func() {
		role, err := s.store.LocalRole(ctx)
		s.do(func() {
			s.organiserLaptop = err == nil && role.IsOrganiser()
			s.form.showPrivacyButtons()
			s.form.meetings.mayHaveChanged()
		})
	}()
}

// mayAskPrivacy: only an organiser's laptop, out of booth-staff mode.
func (s *peopleScreen) mayAskPrivacy() bool {
	return s.organiserLaptop && (s.boothStaff == nil || !s.boothStaff())
}

// eraseWarning says, in plain words, what erasing name does.
func eraseWarning(name string) string {
	return fmt.Sprintf(lang.L("Every laptop of the event removes %s at its next sync: their record and its history, conflicts, notifications and search entries, and their visits and leads at every booth. The shared folder's files are rewritten without them."), name) +
		"\n\n" + lang.L("Lead files a booth has already exported are not reached: deleting those is the exhibitor's responsibility.") +
		"\n\n" + lang.L("This cannot be undone. To give the person a copy, export everything about them first.")
}

// eraseTitle names the person with their badge code, which tells apart
// two people of the same name.
func eraseTitle(p data.PersonRow) string {
	if p.BadgeCode == "" {
		return fmt.Sprintf(lang.L("Erase %s?"), p.DisplayName())
	}
	return fmt.Sprintf(lang.L("Erase %s (badge %s)?"), p.DisplayName(), p.BadgeCode)
}

// onEraseRequested says what will happen and erases only on Erase.
func (s *peopleScreen) onEraseRequested(p data.PersonRow) {
	if s.win == nil || !s.mayAskPrivacy() {
		return
	}
	message := &widget.Label{Wrapping: fyne.TextWrapWord, Text: eraseWarning(p.DisplayName())}
	d := dialog.NewCustomConfirm(eraseTitle(p), lang.L("Erase"), lang.L("Keep"),
		atLeastWide(message, 420), func(ok bool) {
			s.confirm = nil
			if ok {
				s.erasePerson(p)
			}
		}, s.win)
	d.SetConfirmImportance(widget.DangerImportance)
	s.confirm = d
	s.showDialog(d)
}

func (s *peopleScreen) showDialog(d dialog.Dialog) {
	if s.show != nil {
		s.show(d)
	} else {
		d.Show()
	}
}

func (s *peopleScreen) erasePerson(p data.PersonRow) {
	ctx := s.ctx
	go func() {
		started := time.Now()
		err := s.store.ErasePerson(ctx, p.ID)
		var backups []string
		var listErr error
		if err == nil {
			backups, listErr = s.store.BackupsBefore(started)
		}
		s.do(func() {
			if err != nil {
				s.notice.show(fmt.Sprintf(lang.L("Could not erase %s (%v); nothing changed. Try again."), p.DisplayName(), trimDot(err)), "", nil)
				return
			}
			if s.form.person.ID == p.ID {
				s.form.clear()
			}
			s.runQuery(false)
			s.notice.show(fmt.Sprintf(lang.L("Erased %s on this laptop; the other laptops erase them at their next sync."), p.DisplayName()), "", nil)
			if s.onErased != nil {
				s.onErased()
			}
			switch {
			case listErr != nil:
				s.notice.show(fmt.Sprintf(lang.L("Erased, but the backups made before could not be listed (%v); look in the backups folder and delete them there."), trimDot(listErr)), "", nil)
			case len(backups) > 0:
				s.offerToDeleteBackups(started, backups)
			}
		})
	}()
}

// offerToDeleteBackups lists the backups made before an erasure, which
// may still hold the person, and deletes them on a second confirmation.
func (s *peopleScreen) offerToDeleteBackups(erasedAt time.Time, backups []string) {
	if s.win == nil {
		return
	}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord,
		Text: lang.L("These backups on this laptop were made before the erasure and may still hold the person. Delete them unless you must keep them:")}
	// A long path breaks onto a second line rather than losing its start:
	// the organiser needs all of it to find the file.
	list := &widget.Label{Text: strings.Join(backups, "\n"), Wrapping: fyne.TextWrapBreak}
	// Room for each path on two lines, up to eight lines; more scroll.
	line := widget.NewLabel("X").MinSize().Height
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(0, min(float32(2*len(backups))*line, 8*line)))
	body := container.NewBorder(intro, nil, nil, nil, scroll)
	d := dialog.NewCustomConfirm(lang.L("Delete the older backups?"), lang.L("Delete backups"), lang.L("Keep them"),
		atLeastWide(body, 420), func(ok bool) {
			s.backupsOffer = nil
			if ok {
				s.deleteBackups(erasedAt, backups)
			}
		}, s.win)
	d.SetConfirmImportance(widget.DangerImportance)
	s.backupsOffer = d
	s.showDialog(d)
}

func (s *peopleScreen) deleteBackups(erasedAt time.Time, backups []string) {
	go func() {
		removed, err := s.store.RemoveBackupsBefore(erasedAt, backups)
		s.do(func() {
			if err != nil {
				s.notice.show(fmt.Sprintf(lang.L("Deleted %d of %d backups; %v. Delete the others in the backups folder."), len(removed), len(backups), trimDot(err)), "", nil)
				return
			}
			s.notice.show(fmt.Sprintf(lang.L("Deleted %s made before the erasure."), countOf(len(removed), lang.L("backup"), lang.L("backups"))), "", nil)
		})
	}()
}

// personExportName is the name a subject access export is offered under:
// the badge code, never the name, so that a folder listing shows no one's.
func personExportName(p data.PersonRow) string {
	key := strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return -1
	}, p.BadgeCode)
	if key == "" {
		key = p.ID
	}
	return "person-" + key + ".json"
}

// onExportRequested asks where to save, then writes everything this
// laptop holds about the person, readable by this user only.
func (s *peopleScreen) onExportRequested(p data.PersonRow) {
	if !s.mayAskPrivacy() {
		return
	}
	choose := s.chooseFile
	if choose == nil {
		choose = s.saveDialog
	}
	choose(personExportName(p), func(path string) {
		ctx := s.ctx
		go func() {
			err := writePersonExport(ctx, s.store, p.ID, path)
			s.do(func() {
				if err != nil {
					s.notice.show(fmt.Sprintf(lang.L("The export was not saved (%v); choose another folder and try again."), trimDot(err)), "", nil)
					return
				}
				s.notice.show(fmt.Sprintf(lang.L("Saved everything this laptop holds about %s in %s. It is their personal data: give it only to them."), p.DisplayName(), path), "", nil)
			})
		}()
	})
}

// writePersonExport writes the subject access file through a temporary
// file (data.WriteFileAtomically), mode 0600: it is one person's data.
func writePersonExport(ctx context.Context, st personPrivacyStore, id, path string) error {
	return data.WriteFileAtomically(path, 0o600, func(w io.Writer) error { return st.ExportPerson(ctx, id, w) })
}

// saveDialog asks where to save a file offered as name.
func (s *peopleScreen) saveDialog(name string, then func(path string)) {
	if s.win == nil {
		return
	}
	keepChosenFilesUntilWritten()
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			s.notice.show(fmt.Sprintf(lang.L("Could not open the file to save to (%v); choose another folder."), trimDot(err)), "", nil)
			return
		}
		if wc == nil {
			return // cancelled
		}
		path := wc.URI().Path()
		wc.Close() // never written: the export goes through a temporary file
		then(withExt(path, filepath.Ext(name)))
	}, s.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{filepath.Ext(name)}))
	if home, err := os.UserHomeDir(); err == nil {
		if dir, err := storage.ListerForURI(storage.NewFileURI(home)); err == nil {
			d.SetLocation(dir)
		}
	}
	c := s.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(900, c.Width*0.95), min(640, c.Height*0.92)))
	s.showDialog(d)
}
