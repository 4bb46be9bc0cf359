package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data/sheets"
)

// requestsImport is File → Import meeting requests…: a registration
// form's answers to "Who would you like to meet?" become the job seekers'
// ranked requests, which the auto-schedule then plans. The file is
// checked first (a dry run): the dialog says what it would add and lists
// the rows it cannot read, and only Import writes, in one transaction.
type requestsImport struct {
	importDeps

	name    string
	content []byte

	summary  *widget.Label
	title    *widget.Label
	problems *problemList
	skipBad  *widget.Check
	doImport *widget.Button
	close    *widget.Button
	dlg      *dialog.CustomDialog
	bad      bool // the dry run found rows it cannot read
	done     bool // imported: only Close is left
}

// onImportRequests asks for the registration export, then checks it.
func (w *mainWindow) onImportRequests() {
	w.chooseFileToImport([]string{".csv", ".tsv", ".txt", ".xlsx"}, func(name string, content []byte) {
		imp := &requestsImport{importDeps: w.importer.importDeps, name: name, content: content}
		imp.check()
	})
}

// check runs the import as a dry run away from the window, then shows it.
func (r *requestsImport) check() {
	ctx := r.ctx
	go func() {
		res, err := sheets.ImportMeetingRequests(ctx, r.store, bytes.NewReader(r.content), sheets.Options{FileName: r.name, DryRun: true})
		r.do(func() { r.showCheck(res, err) })
	}()
}

func (r *requestsImport) showCheck(res sheets.Result, err error) {
	var problems *sheets.ProblemsError
	switch {
	case errors.Is(err, context.Canceled):
		return
	case err != nil && !errors.As(err, &problems):
		r.dialogs.show(dialog.NewError(fmt.Errorf(lang.L("“%s” cannot be read as meeting requests: %s. Nothing was changed."), r.name, importErrorText(err)), r.win))
		return
	}
	r.build()
	total := res.Added + res.Updated + res.Unchanged
	r.summary.SetText(fmt.Sprintf(lang.L("“%s” holds %s: %s new, %s re-ranked, %s as they are already. The host a row names first is that job seeker's first choice; requests of theirs the file does not name come after."),
		r.name, countOf(total, lang.L("meeting request"), lang.L("meeting requests")), groupThousands(res.Added), groupThousands(res.Updated), groupThousands(res.Unchanged)))
	if problems != nil {
		r.bad = true
		r.showProblems(problems.Problems, fmt.Sprintf(lang.L("%s found while importing."), countOf(len(problems.Problems), lang.L("problem"), lang.L("problems"))))
		r.skipBad.Show()
	}
	r.updateButtons()
	r.dialogs.push(shownDialog{d: r.dlg, enter: func() {
		if !r.doImport.Disabled() {
			r.onImport()
		}
	}})
}

func (r *requestsImport) build() {
	r.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	r.title = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	r.title.Hide()
	r.problems = newProblemList()
	r.problems.content.Hide()
	r.skipBad = &widget.Check{Text: lang.L("Import only the good rows (leave out the bad ones)"), OnChanged: func(bool) { r.updateButtons() }}
	r.skipBad.ExtendBaseWidget(r.skipBad)
	r.skipBad.Hide()
	r.doImport = &widget.Button{Text: lang.L("Import"), Icon: theme.UploadIcon(), Importance: widget.HighImportance, OnTapped: r.onImport}
	r.close = &widget.Button{Text: lang.L("Cancel"), OnTapped: func() { r.dlg.Hide() }}
	bottom := container.NewVBox(r.skipBad, container.NewHBox(layout.NewSpacer(), r.close, r.doImport))
	body := readingBorder(container.NewVBox(r.summary, r.title), bottom, nil, nil, r.problems.content)
	r.dlg = dialog.NewCustomWithoutButtons(lang.L("Import meeting requests"), body, r.win)
	size := r.win.Canvas().Size()
	r.dlg.Resize(fyne.NewSize(min(760, size.Width*0.95), min(480, size.Height*0.92)))
}

func (r *requestsImport) showProblems(list []sheets.Problem, title string) {
	r.problems.set(list)
	r.title.SetText(title)
	r.title.Show()
	r.problems.content.Show()
}

func (r *requestsImport) updateButtons() {
	if r.done || (r.bad && !r.skipBad.Checked) {
		r.doImport.Disable()
	} else {
		r.doImport.Enable()
	}
}

// onImport writes the requests, the good rows only when asked.
func (r *requestsImport) onImport() {
	r.doImport.Disable()
	r.skipBad.Disable()
	ctx, skip := r.ctx, r.skipBad.Checked
	go func() {
		res, err := sheets.ImportMeetingRequests(ctx, r.store, bytes.NewReader(r.content), sheets.Options{FileName: r.name, SkipBad: skip})
		r.do(func() { r.showOutcome(res, err) })
	}()
}

func (r *requestsImport) showOutcome(res sheets.Result, err error) {
	var problems *sheets.ProblemsError
	switch {
	case errors.As(err, &problems):
		// The file changed between the check and the import: say so
		// as the check would have.
		r.bad = true
		r.showProblems(problems.Problems, fmt.Sprintf(lang.L("%s found while importing."), countOf(len(problems.Problems), lang.L("problem"), lang.L("problems"))))
		r.summary.SetText(lang.L("Nothing was imported. Correct the rows listed, or tick “Import only the good rows” and import again."))
		r.skipBad.Enable()
		r.skipBad.Show()
	case err != nil:
		r.summary.SetText(fmt.Sprintf(lang.L("“%s” cannot be read as meeting requests: %s. Nothing was changed."), r.name, importErrorText(err)))
		r.skipBad.Enable()
	default:
		r.done = true
		r.summary.SetText(importSummary(res))
		r.close.SetText(lang.L("Close"))
		if r.onDone != nil {
			r.onDone()
		}
	}
	r.updateButtons()
}
