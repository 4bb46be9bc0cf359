package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/sheets"
)

// previewRows is how many rows of the file the preview shows.
const previewRows = 5

// keepAsCustom is the mapping choice for a column Fairdesk keeps as it is.
var keepAsCustom = "Keep as custom field"

var importKinds = []sheets.Kind{sheets.People, sheets.Sessions, sheets.Booths}

var importKindLabels = map[sheets.Kind]string{
	sheets.People:   "People",
	sheets.Sessions: "Sessions",
	sheets.Booths:   "Booths",
}

// importFlow brings a spreadsheet in: a preview of the first rows with the
// column mapping (automatic, changeable) and the problems by line, then the
// import with a progress bar and Cancel, then what changed.
type importFlow struct {
	importDeps

	// The file and the choices made for it.
	name    string
	content []byte
	kind    sheets.Kind
	mapping map[int]string // column -> field, "" for custom; only the columns the user changed

	dialog        *dialog.CustomDialog
	kindSelect    *widget.Select
	info          *widget.Label
	mappingForm   *widget.Form
	columns       []*widget.Select
	table         *widget.Table
	problemsTitle *widget.Label
	problems      *problemList
	skipBad       *widget.Check
	progress      *widget.ProgressBar
	progressText  *widget.Label
	summary       *widget.Label
	importButton  *widget.Button
	closeButton   *widget.Button

	sample     sheets.Sample
	previewErr error
	generation int // bumped by every preview; older answers are dropped
	running    bool
	cancelRun  context.CancelFunc
	finished   bool
}

// importDeps: the spreadsheet import writes to the database itself
// (data/sheets), so it takes the store as it is.
type importDeps struct {
	screenEnv
	store   *data.Store
	win     fyne.Window
	dialogs *dialogStack
	onDone  func() // after an import changed something
}

func newImportFlow(d importDeps) *importFlow {
	return &importFlow{importDeps: d}
}

// onImport asks for the file, then shows its preview.
func (w *mainWindow) onImport() {
	if w.importer == nil {
		return
	}
	w.chooseFileToImport([]string{".csv", ".tsv", ".txt"}, w.importer.open)
}

// chooseFileToImport asks for a file with one of the extensions, reads it
// away from the window, then hands it on; a file that cannot be read is
// said so, and nothing else happens.
func (w *mainWindow) chooseFileToImport(extensions []string, then func(name string, content []byte)) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			w.showError(fmt.Errorf(lang.L("could not open the file (%v); check it still exists and try again"), err))
			return
		}
		if rc == nil {
			return // cancelled
		}
		name := rc.URI().Name()
		go func() {
			defer rc.Close()
			content, err := io.ReadAll(rc)
			w.do(func() {
				if err != nil {
					w.showError(fmt.Errorf(lang.L("could not read %s (%v); check the file and try again"), name, err))
					return
				}
				then(name, content)
			})
		}()
	}, w.win)
	d.SetFilter(storage.NewExtensionFileFilter(extensions))
	d.Resize(w.dialogSize(900, 640))
	w.dialogs.show(d)
}

// guessKind reads the kind of sheet from its file name: sessions and
// booths say so, anything else is taken for people.
func guessKind(name string) sheets.Kind {
	n := strings.ToLower(name)
	switch {
	case strings.Contains(n, "session") || strings.Contains(n, "agenda") || strings.Contains(n, "programme"):
		return sheets.Sessions
	case strings.Contains(n, "booth") || strings.Contains(n, "exhibitor"):
		return sheets.Booths
	}
	return sheets.People
}

// open shows the preview of a file's content.
func (f *importFlow) open(name string, content []byte) {
	f.name, f.content, f.kind = name, content, guessKind(name)
	f.mapping = map[int]string{}
	f.sample, f.previewErr = sheets.Sample{}, nil
	f.running, f.finished = false, false
	f.buildUI()
	f.dialog = dialog.NewCustomWithoutButtons(fmt.Sprintf(lang.L("Import %s"), name), f.buildContent(), f.win)
	f.dialog.SetOnClosed(func() {
		if f.cancelRun != nil {
			f.cancelRun()
		}
	})
	size := f.win.Canvas().Size()
	f.dialog.Resize(fyne.NewSize(min(1000, size.Width*0.95), min(720, size.Height*0.92)))
	f.dialogs.show(f.dialog)
	f.runPreview()
}

func (f *importFlow) buildUI() {
	var kinds []string
	for _, k := range importKinds {
		kinds = append(kinds, lang.L(importKindLabels[k]))
	}
	f.kindSelect = widget.NewSelect(kinds, nil)
	f.kindSelect.SetSelectedIndex(indexOf(importKinds, f.kind))
	f.kindSelect.OnChanged = func(string) {
		f.kind = importKinds[f.kindSelect.SelectedIndex()]
		f.mapping = map[int]string{} // the columns mean other fields now
		f.runPreview()
	}
	f.info = &widget.Label{Text: lang.L("Reading the file…"), Wrapping: fyne.TextWrapWord}
	f.mappingForm = &widget.Form{}
	f.mappingForm.ExtendBaseWidget(f.mappingForm)
	f.table = &widget.Table{
		Length:     func() (int, int) { return len(f.sample.Rows) + 1, len(f.sample.Headers) },
		CreateCell: func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		UpdateCell: f.updateCell,
	}
	f.table.StickyRowCount = 1
	f.table.ExtendBaseWidget(f.table)
	f.problemsTitle = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	f.problems = newProblemList()
	f.skipBad = &widget.Check{Text: lang.L("Import only the good rows (leave out the bad ones)"), OnChanged: func(bool) { f.updateButtons() }}
	f.skipBad.ExtendBaseWidget(f.skipBad)
	f.progress = &widget.ProgressBar{}
	f.progress.ExtendBaseWidget(f.progress)
	f.progressText = &widget.Label{}
	f.summary = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	f.importButton = &widget.Button{Text: lang.L("Import"), Icon: theme.UploadIcon(), Importance: widget.HighImportance, OnTapped: f.onImport}
	f.closeButton = &widget.Button{Text: lang.L("Cancel"), OnTapped: f.onClose}
}

func indexOf[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return 0
}

func (f *importFlow) buildContent() fyne.CanvasObject {
	kindRow := container.NewBorder(nil, nil, widget.NewLabel(lang.L("The file holds")), nil, f.kindSelect)
	top := container.NewVBox(container.NewGridWithColumns(2, kindRow, layout.NewSpacer()), f.info)
	titled := func(title string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(&widget.Label{Text: lang.L(title), TextStyle: fyne.TextStyle{Bold: true}}, nil, nil, nil, o)
	}
	columns := titled("Columns: what each one fills", container.NewVScroll(f.mappingForm))
	rows := titled("First rows", f.table)
	upper := container.NewHSplit(columns, rows)
	upper.Offset = 0.45
	problems := container.NewBorder(f.problemsTitle, nil, nil, nil, f.problems.content)
	center := container.NewVSplit(upper, problems)
	center.Offset = 0.62
	progressRow := container.NewBorder(nil, nil, nil, f.progressText, f.progress)
	buttons := container.NewHBox(layout.NewSpacer(), f.closeButton, f.importButton)
	bottom := container.NewVBox(f.skipBad, progressRow, f.summary, buttons)
	f.progress.Hide()
	f.progressText.Hide()
	f.summary.Hide()
	f.skipBad.Hide()
	return readingBorder(top, bottom, nil, nil, center)
}

func (f *importFlow) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row == 0 {
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.SetText(f.sample.Headers[id.Col])
		return
	}
	l.TextStyle = fyne.TextStyle{}
	row := f.sample.Rows[id.Row-1]
	text := ""
	if id.Col < len(row) {
		text = strings.ReplaceAll(row[id.Col], "\n", " ⏎ ")
	}
	l.SetText(text)
}

// runPreview reads the whole file off the UI goroutine, with the current
// kind and mapping, and shows what it found.
func (f *importFlow) runPreview() {
	f.generation++
	generation := f.generation
	name, content, kind := f.name, f.content, f.kind
	mapping := make(map[int]string, len(f.mapping))
	for k, v := range f.mapping {
		mapping[k] = v
	}
	f.importButton.Disable()
	ctx := f.ctx
	go func() {
		loc := time.UTC
		if event, err := f.store.Event(ctx); err == nil {
			loc = event.Location()
		}
		sample, err := sheets.Preview(ctx, bytes.NewReader(content), kind, loc, previewRows, sheets.Options{FileName: name, Mapping: mapping})
		f.do(func() {
			if generation == f.generation {
				f.showPreview(sample, err)
			}
		})
	}()
}

func (f *importFlow) showPreview(sample sheets.Sample, err error) {
	if err != nil && len(sample.Headers) == 0 && len(f.sample.Headers) > 0 {
		sample = f.sample // keep the columns on screen, so the mapping can be put right
	}
	f.sample, f.previewErr = sample, err
	f.showMapping()
	f.table.Refresh()
	for col := range sample.Headers {
		f.table.SetColumnWidth(col, 150)
	}
	f.setProblems(sample.Problems)
	switch {
	case err != nil:
		f.info.SetText(sentence(capitalise(importErrorText(err))) + " " + lang.L("Choose what the columns hold, or correct the file and import it again."))
		f.problemsTitle.SetText(lang.L("This file cannot be imported as it is."))
	default:
		f.info.SetText(fmt.Sprintf(lang.L("%s: %s, %s."), f.name, countOf(sample.Records, lang.L("row"), lang.L("rows")), sample.Encoding))
		if len(sample.Problems) == 0 {
			f.problemsTitle.SetText(lang.L("No problems found."))
		} else {
			f.problemsTitle.SetText(fmt.Sprintf(lang.L("%s: nothing is imported unless you tick “Import only the good rows”."),
				countOf(len(sample.Problems), lang.L("problem"), lang.L("problems"))))
		}
	}
	if len(sample.Problems) > 0 && err == nil {
		f.skipBad.Show()
	} else {
		f.skipBad.SetChecked(false)
		f.skipBad.Hide()
	}
	f.updateButtons()
}

func (f *importFlow) setProblems(problems []sheets.Problem) {
	f.problems.set(problems)
}

// importProblemLine is a problem as a list of them shows it: after its
// line, when it has one.
func importProblemLine(p sheets.Problem) string {
	if p.Line == 0 {
		return importProblemText(p)
	}
	return fmt.Sprintf(lang.L("Line %d: %s"), p.Line, importProblemText(p))
}

// fieldLabel is how a field name reads in the mapping: given_name is
// "Given name".
func fieldLabel(name string) string {
	return lang.L(capitalise(strings.ReplaceAll(name, "_", " ")))
}

// showMapping puts a choice of field beside each column's header.
func (f *importFlow) showMapping() {
	options := []string{lang.L(keepAsCustom)}
	names := sheets.Fields(f.kind)
	for _, n := range names {
		options = append(options, fieldLabel(n))
	}
	f.columns = f.columns[:0]
	f.mappingForm.Items = nil
	for col, header := range f.sample.Headers {
		sel := widget.NewSelect(options, nil)
		field := ""
		if col < len(f.sample.Fields) {
			field = f.sample.Fields[col]
		}
		if field == "" {
			sel.SetSelectedIndex(0)
		} else {
			sel.SetSelectedIndex(indexOf(names, field) + 1)
		}
		sel.OnChanged = func(string) {
			if i := sel.SelectedIndex(); i > 0 {
				f.mapping[col] = names[i-1]
			} else {
				f.mapping[col] = ""
			}
			f.runPreview()
		}
		f.columns = append(f.columns, sel)
		if header == "" {
			header = fmt.Sprintf(lang.L("Column %d"), col+1)
		}
		f.mappingForm.Items = append(f.mappingForm.Items, widget.NewFormItem(header, sel))
	}
	f.mappingForm.Refresh()
}

func (f *importFlow) updateButtons() {
	switch {
	case f.finished:
		f.importButton.Hide()
		f.closeButton.SetText(lang.L("Close"))
	case f.running:
		f.importButton.Disable()
		f.closeButton.SetText(lang.L("Cancel import"))
	case f.previewErr != nil, len(f.sample.Problems) > 0 && !f.skipBad.Checked:
		f.importButton.Disable()
	default:
		f.importButton.Enable()
	}
}

// onImport runs the import in the background with a progress bar.
func (f *importFlow) onImport() {
	runCtx, cancel := context.WithCancel(f.ctx)
	f.running, f.cancelRun = true, cancel
	f.kindSelect.Disable()
	f.skipBad.Disable()
	for _, c := range f.columns {
		c.Disable()
	}
	f.progress.SetValue(0)
	f.progress.Show()
	f.progressText.SetText(lang.L("Starting…"))
	f.progressText.Show()
	f.summary.Hide()
	f.updateButtons()
	mapping := make(map[int]string, len(f.mapping))
	for k, v := range f.mapping {
		mapping[k] = v
	}
	opt := sheets.Options{FileName: f.name, Mapping: mapping, SkipBad: f.skipBad.Checked,
		Progress: func(done, total int) { f.do(func() { f.showProgress(done, total) }) }}
	kind, content := f.kind, f.content
	go func() {
		res, err := sheets.Import(runCtx, f.store, kind, bytes.NewReader(content), opt)
		f.do(func() { f.showOutcome(res, err) })
	}()
}

func (f *importFlow) showProgress(done, total int) {
	if !f.running || total == 0 {
		return
	}
	f.progress.SetValue(float64(done) / float64(total))
	f.progressText.SetText(fmt.Sprintf(lang.L("%s of %s rows"), groupThousands(done), groupThousands(total)))
}

// showOutcome says what the import did: the counts, or why nothing changed.
func (f *importFlow) showOutcome(res sheets.Result, err error) {
	f.running = false
	if f.cancelRun != nil {
		f.cancelRun()
		f.cancelRun = nil
	}
	f.progress.Hide()
	f.progressText.Hide()
	f.summary.Show()
	var problems *sheets.ProblemsError
	switch {
	case errors.Is(err, context.Canceled):
		f.summary.Importance = widget.WarningImportance
		f.summary.SetText(lang.L("Import cancelled: nothing was imported."))
		f.enableChoices()
	case errors.As(err, &problems):
		f.setProblems(problems.Problems)
		f.problemsTitle.SetText(fmt.Sprintf(lang.L("%s found while importing."), countOf(len(problems.Problems), lang.L("problem"), lang.L("problems"))))
		f.summary.Importance = widget.DangerImportance
		f.summary.SetText(lang.L("Nothing was imported. Correct the rows listed, or tick “Import only the good rows” and import again."))
		f.skipBad.Show()
		f.enableChoices()
	case err != nil:
		f.summary.Importance = widget.DangerImportance
		f.summary.SetText(fmt.Sprintf(lang.L("Nothing was imported: %v. Correct the file or the columns and try again."), importErrorText(err)))
		f.enableChoices()
	default:
		f.finished = true
		f.summary.Importance = widget.SuccessImportance
		f.summary.SetText(importSummary(res))
		if len(res.Problems) > 0 {
			f.setProblems(res.Problems)
			f.problemsTitle.SetText(fmt.Sprintf(lang.L("%s left out:"), countOf(res.Skipped, lang.L("row"), lang.L("rows"))))
		}
		if f.onDone != nil {
			f.onDone()
		}
	}
	f.updateButtons()
}

func (f *importFlow) enableChoices() {
	f.kindSelect.Enable()
	f.skipBad.Enable()
	for _, c := range f.columns {
		c.Enable()
	}
}

// importSummary reads "Imported: 3 added, 1 updated, 0 unchanged, 2 skipped."
func importSummary(res sheets.Result) string {
	return fmt.Sprintf(lang.L("Imported: %s added, %s updated, %s unchanged, %s skipped."),
		groupThousands(res.Added), groupThousands(res.Updated), groupThousands(res.Unchanged), groupThousands(res.Skipped))
}

// onClose cancels a running import, or closes the dialog.
func (f *importFlow) onClose() {
	if f.running && f.cancelRun != nil {
		f.cancelRun()
		return
	}
	if f.dialog != nil {
		f.dialog.Hide()
	}
}
