package ui

import (
	"context"
	"fmt"
	"io"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/sheets"
)

// saveAs asks where to save a file, then writes it in the background
// through a temporary file renamed into place; write returns what to tell
// the user when it is done.
func (w *mainWindow) saveAs(fileName, ext string, write func(ctx context.Context, out io.Writer) (string, error)) {
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
		wc.Close() // never written: the file goes through a temporary file
		path = withExt(path, ext)
		ctx := w.ctx
		go func() {
			var done string
			err := writeViaTemp(path, func(out io.Writer) error {
				var err error
				done, err = write(ctx, out)
				return err
			})
			w.do(func() {
				if err != nil {
					w.showError(err)
					return
				}
				w.dialogs.show(dialog.NewInformation(lang.L("Saved"), done+"\n"+path, w.win))
			})
		}()
	}, w.win)
	d.SetFileName(fileName)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	if home, err := os.UserHomeDir(); err == nil {
		if dir, err := storage.ListerForURI(storage.NewFileURI(home)); err == nil {
			d.SetLocation(dir)
		}
	}
	d.Resize(w.dialogSize(900, 640))
	w.dialogs.show(d)
}

// writeViaTemp writes path through a temporary file beside it, renamed
// over path only when complete (data.WriteFileAtomically): a failed write
// leaves the file that was there as it was. An export is for sharing, so
// the file is readable by others.
func writeViaTemp(path string, write func(io.Writer) error) error {
	var failed error
	err := data.WriteFileAtomically(path, 0o644, func(w io.Writer) error {
		failed = write(w)
		return failed
	})
	switch {
	case err == nil:
		return nil
	case failed != nil:
		return fmt.Errorf(lang.L("%v; nothing was saved, try again"), failed)
	}
	return fmt.Errorf(lang.L("could not save %s (%v); choose another name or folder"), path, err)
}

// onExportBoothStats saves the organisers' table of booths as CSV.
func (w *mainWindow) onExportBoothStats() {
	st := w.store
	w.saveAs("booth-visits.csv", ".csv", func(ctx context.Context, out io.Writer) (string, error) {
		return lang.L("The booth visits are saved."), sheets.ExportBoothStats(ctx, st, out)
	})
}

// onExportLeads saves this booth's leads as CSV, recorded under the
// staff member's name.
func (w *mainWindow) onExportLeads() {
	st, booth, staff := w.store, w.mode.BoothID, w.mode.Name
	if booth == "" {
		return
	}
	w.saveAs("leads.csv", ".csv", func(ctx context.Context, out io.Writer) (string, error) {
		n, err := st.ExportLeads(ctx, booth, staff, out, sheets.WriteLeadsCSV)
		return fmt.Sprintf(lang.L("%s saved, with contact details only of those who agreed to share them."),
			countOf(n, lang.L("lead"), lang.L("leads"))), err
	})
}

// onExportPeopleAs saves the People list as the user filtered and sorted
// it (organisers only: booth staff never see the list).
func (w *mainWindow) onExportPeopleAs(filter data.PeopleFilter) {
	if w.mode.Exhibitor {
		return
	}
	st := w.store
	w.saveAs("people.csv", ".csv", func(ctx context.Context, out io.Writer) (string, error) {
		n, err := st.CountPeople(ctx, filter)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf(lang.L("%s saved, as the list shows them."), countOf(n, lang.L("person"), lang.L("people"))),
			sheets.ExportPeopleAs(ctx, st, out, filter)
	})
}
