package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/storage/repository"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/sheets"
)

// exportKind is what an export writes.
type exportKind int

const (
	exportPeople exportKind = iota
	exportSessions
	exportBooths
	exportAgenda
)

// exportFormats: the file name offered, its extension and the writer.
var exportFormats = map[exportKind]struct {
	what, file, ext string
	write           func(ctx context.Context, st *data.Store, w io.Writer) error
}{
	exportPeople:   {"people", "people.csv", ".csv", sheets.ExportPeople},
	exportSessions: {"sessions", "sessions.csv", ".csv", sheets.ExportSessions},
	exportBooths:   {"booths", "booths.csv", ".csv", sheets.ExportBooths},
	exportAgenda:   {"agenda", "agenda.ics", ".ics", nil}, // written with the reminder preferences
}

// onExport asks where to save, then writes the file in the background.
func (w *mainWindow) onExport(kind exportKind) {
	format := exportFormats[kind]
	keepChosenFilesUntilWritten()
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			w.showError(fmt.Errorf(lang.L("could not open the file to save to (%v); choose another folder"), err))
			return
		}
		if wc == nil {
			return // cancelled
		}
		path := wc.URI().Path()
		wc.Close() // never written: the export goes through a temporary file
		path = withExt(path, format.ext)
		ctx := w.ctx
		go func() {
			err := exportFile(ctx, w.store, kind, path, w.agendaAlarms())
			w.do(func() {
				if err != nil {
					w.showError(err)
					return
				}
				w.dialogs.show(dialog.NewInformation(lang.L("Exported"),
					fmt.Sprintf(lang.L("The %s are saved in %s."), lang.L(format.what), path), w.win))
			})
		}()
	}, w.win)
	d.SetFileName(format.file)
	d.SetFilter(storage.NewExtensionFileFilter([]string{format.ext}))
	if home, err := os.UserHomeDir(); err == nil {
		if dir, err := storage.ListerForURI(storage.NewFileURI(home)); err == nil {
			d.SetLocation(dir)
		}
	}
	d.Resize(w.dialogSize(900, 640))
	w.dialogs.show(d)
}

// agendaAlarms puts the user's reminder lead time into the agenda file as
// alarms, on every session or on the followed ones as the user chose.
func (w *mainWindow) agendaAlarms() sheets.AgendaOptions {
	prefs := w.app.Preferences()
	return sheets.AgendaOptions{
		AlarmBefore:  time.Duration(prefs.IntWithFallback(prefNotifyLead, 10)) * time.Minute,
		FollowedOnly: !prefs.BoolWithFallback(prefNotifyAll, false),
	}
}

// exportFile writes one export to path through a temporary file beside it,
// renamed over path only when complete, so a failed export leaves the file
// that was there as it was.
func exportFile(ctx context.Context, st *data.Store, kind exportKind, path string, alarms sheets.AgendaOptions) error {
	format := exportFormats[kind]
	if kind == exportAgenda {
		format.write = func(ctx context.Context, st *data.Store, w io.Writer) error {
			return sheets.ExportAgendaWith(ctx, st, w, alarms)
		}
	}
	var failed error
	err := writeViaTemp(path, func(w io.Writer) error {
		failed = format.write(ctx, st, w)
		return failed
	})
	if failed != nil {
		return fmt.Errorf(lang.L("could not export the %s (%v); nothing was saved, try again"), format.what, failed)
	}
	return err
}

// dialogSize is a dialog size that fits the window.
func (w *mainWindow) dialogSize(width, height float32) fyne.Size {
	c := w.win.Canvas().Size()
	return fyne.NewSize(min(width, c.Width*0.95), min(height, c.Height*0.92))
}

// withExt adds ext to a chosen name that has none. A file the dialog made
// empty under the bare name goes; one with something in it stays.
func withExt(path, ext string) string {
	if filepath.Ext(path) != "" {
		return path
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(path)
	}
	return path + ext
}

// fileRepository is everything Fyne's own file repository does.
type fileRepository interface {
	repository.WritableRepository
	repository.AppendableRepository
	repository.ListableRepository
	repository.HierarchicalRepository
	repository.DeleteAllRepository
	repository.CopyableRepository
	repository.MovableRepository
}

// untouchedUntilWritten is the app's file repository, except that a writer
// opens, and so empties, its file only when something is written to it.
// Fyne's save dialog opens the chosen file for writing before it hands it
// over, which empties an existing file before an export has written a
// byte. The exports here never write through that writer (they write a
// temporary file beside the chosen path and rename it over), so with this
// a file chosen to be replaced stays as it was until the new one is
// complete, and a failed export leaves it whole.
type untouchedUntilWritten struct{ fileRepository }

func (r untouchedUntilWritten) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	return &lazyWriter{uri: u, open: r.fileRepository.Writer}, nil
}

// lazyWriter opens its file on the first write.
type lazyWriter struct {
	uri  fyne.URI
	open func(fyne.URI) (fyne.URIWriteCloser, error)
	w    fyne.URIWriteCloser
}

func (l *lazyWriter) URI() fyne.URI { return l.uri }

func (l *lazyWriter) Write(p []byte) (int, error) {
	if l.w == nil {
		w, err := l.open(l.uri)
		if err != nil {
			return 0, err
		}
		l.w = w
	}
	return l.w.Write(p)
}

func (l *lazyWriter) Close() error {
	if l.w == nil {
		return nil
	}
	return l.w.Close()
}

// keepChosenFilesUntilWritten puts untouchedUntilWritten in front of the
// file repository the driver registered, before a save dialog opens.
func keepChosenFilesUntilWritten() {
	repo, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := repo.(untouchedUntilWritten); done {
		return
	}
	if full, ok := repo.(fileRepository); ok {
		repository.Register("file", untouchedUntilWritten{full})
	}
}
