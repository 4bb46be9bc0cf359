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
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

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
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			w.showError(fmt.Errorf(lang.L("could not open the file to save to (%v); choose another folder"), err))
			return
		}
		if wc == nil {
			return // cancelled
		}
		path := wc.URI().Path()
		wc.Close() // written again below, through a temporary file
		if filepath.Ext(path) == "" {
			os.Remove(path)
			path += format.ext
		}
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
// renamed over path only when complete, so a failed export leaves no half
// file behind.
func exportFile(ctx context.Context, st *data.Store, kind exportKind, path string, alarms sheets.AgendaOptions) error {
	format := exportFormats[kind]
	if kind == exportAgenda {
		format.write = func(ctx context.Context, st *data.Store, w io.Writer) error {
			return sheets.ExportAgendaWith(ctx, st, w, alarms)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+strings.TrimSuffix(filepath.Base(path), format.ext)+"-*"+format.ext+".tmp")
	if err != nil {
		return fmt.Errorf(lang.L("could not write in %s (%v); choose another folder"), filepath.Dir(path), err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up on failure
	if err := format.write(ctx, st, tmp); err != nil {
		tmp.Close()
		return fmt.Errorf(lang.L("could not export the %s (%v); nothing was saved, try again"), format.what, err)
	}
	if err := tmp.Chmod(0o644); err != nil { // CreateTemp makes it private; an export is for sharing
		tmp.Close()
		return fmt.Errorf(lang.L("could not save %s (%v); choose another folder"), path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf(lang.L("could not save %s (%v); check the disk has room and try again"), path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf(lang.L("could not save %s (%v); check the disk has room and try again"), path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf(lang.L("could not save %s (%v); choose another name or folder"), path, err)
	}
	return nil
}

// dialogSize is a dialog size that fits the window.
func (w *mainWindow) dialogSize(width, height float32) fyne.Size {
	c := w.win.Canvas().Size()
	return fyne.NewSize(min(width, c.Width*0.95), min(height, c.Height*0.92))
}
