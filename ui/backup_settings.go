package ui

import (
	"context"
	"errors"
	"fmt"
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

// backupStore is what backups need of the store.
type backupStore interface {
	Backup(ctx context.Context, path string) error
	DailyBackup(ctx context.Context, dir string, now time.Time, keep int) (string, error)
	Path() string
}

// backupSection is the Settings part that saves the event to one backup
// file and restores it from one.
type backupSection struct {
	backupDeps
	status  *widget.Label
	save    *widget.Button
	restore *widget.Button
	content fyne.CanvasObject
}

type backupDeps struct {
	screenEnv
	store backupStore
	win   fyne.Window
	show  func(dialog.Dialog)
	// restoreFrom switches the window to the backup in file (nil:
	// restoring is not available in this build).
	restoreFrom func(file string)
}

func newBackupSection(d backupDeps) *backupSection {
	b := &backupSection{backupDeps: d}
	b.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	b.save = &widget.Button{Text: lang.L("Save a backup…"), Icon: theme.DocumentSaveIcon(), OnTapped: b.onSave}
	b.restore = &widget.Button{Text: lang.L("Restore from a backup…"), Icon: theme.HistoryIcon(), OnTapped: b.onRestore}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("A backup is one file holding the whole event. " +
		"Fairdesk also keeps a backup of each day it is used, the last seven, in the backups folder beside the database.")}
	b.content = container.NewVBox(intro, buttonGrid(240, b.save, b.restore), b.status)
	return b
}

func (b *backupSection) showStatus(importance widget.Importance, text string) {
	b.status.Importance = importance
	b.status.SetText(text)
}

func (b *backupSection) onSave() {
	st := b.store
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		if !strings.HasSuffix(path, data.BackupExt) {
			path += data.BackupExt
		}
		b.save.Disable()
		b.showStatus(widget.LowImportance, lang.L("Saving…"))
		ctx := b.ctx
		go func() {
			err := st.Backup(ctx, path)
			var info data.BackupInfo
			if err == nil {
				info, err = data.InspectBackup(ctx, path)
			}
			b.do(func() {
				b.save.Enable()
				if err != nil {
					b.showStatus(widget.DangerImportance, fmt.Sprintf(lang.L("Not backed up (%v). Choose another folder and try again."), err))
					return
				}
				b.showStatus(widget.SuccessImportance, fmt.Sprintf(lang.L("Backed up to %s: %s"), path, backupSummary(info)))
			})
		}()
	}, b.win)
	d.SetFileName("Fairdesk " + time.Now().Format("2006-01-02 1504") + data.BackupExt)
	if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(st.Path()))); err == nil {
		d.SetLocation(dir)
	}
	b.show(d)
}

func (b *backupSection) onRestore() {
	if b.restoreFrom == nil {
		b.showStatus(widget.DangerImportance, lang.L("Restoring is not available in this build."))
		return
	}
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		b.offer(path)
	}, b.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{data.BackupExt}))
	if dir, err := storage.ListerForURI(storage.NewFileURI(data.BackupDir(b.store.Path()))); err == nil {
		d.SetLocation(dir)
	}
	b.show(d)
}

// offer reads what the backup in file holds and asks whether to restore
// it: after the file dialog, and for a backup the app was opened with.
func (b *backupSection) offer(file string) {
	if b.restoreFrom == nil {
		b.showStatus(widget.DangerImportance, lang.L("Restoring is not available in this build."))
		return
	}
	ctx := b.ctx
	go func() {
		info, err := data.InspectBackup(ctx, file)
		b.do(func() { b.confirmRestore(info, err) })
	}()
}

// confirmRestore shows what the backup holds and restores it when asked.
func (b *backupSection) confirmRestore(info data.BackupInfo, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	if errors.Is(err, data.ErrNewerDatabase) {
		b.showError(errors.New(lang.L("This backup was made by a newer version of Fairdesk. Install the newer Fairdesk to restore it; nothing was changed.")))
		return
	}
	if err != nil {
		b.showError(fmt.Errorf(lang.L("This file cannot be restored (%v). Choose a Fairdesk backup file."), err))
		return
	}
	message := &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf(lang.L("%s\n\nThe event open now is replaced by this backup. "+
		"It is not deleted: it is kept beside the database as …before-restore.bak."), backupSummary(info))}
	b.show(dialog.NewCustomConfirm(lang.L("Restore this backup?"), lang.L("Restore"), lang.L("Cancel"),
		atLeastWide(message, 460), func(ok bool) {
			if !ok {
				return
			}
			b.restoreFrom(info.Path)
		}, b.win))
}

func (b *backupSection) showError(err error) {
	b.show(dialog.NewError(err, b.win))
}

// backupSummary says what a backup holds: the event, the counts and when
// it was made.
func backupSummary(info data.BackupInfo) string {
	name := info.EventName
	if name == "" {
		name = lang.L("No event set up yet")
	}
	return fmt.Sprintf(lang.L("“%s”: %d people, %d organisations, %d sessions, %d booths; saved %s."),
		name, info.People, info.Organisations, info.Sessions, info.Booths, formatLocalDateTime(info.Saved))
}

// startDailyBackups keeps one automatic backup a day of whichever event
// the window shows, in the backups folder beside its database, the last
// seven kept. It checks at start and then every hour.
func (w *mainWindow) startDailyBackups() {
	go func() {
		tick := time.NewTicker(time.Hour)
		defer tick.Stop()
		for {
			stores := make(chan *data.Store, 1)
			w.do(func() { stores <- w.store })
			if st := <-stores; st != nil && st.Path() != "" {
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
				if _, err := st.DailyBackup(ctx, data.BackupDir(st.Path()), time.Now(), data.DailyBackupsKept); err != nil {
					fyne.LogError("daily backup", err)
				}
				cancel()
			}
			<-tick.C
		}
	}()
}
