package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/networking"
	"github.com/fairdesk/fairdesk/data/printouts"
	"github.com/fairdesk/fairdesk/data/sheets"
)

// A speed-networking session's table plan, from the session's button on
// the Agenda screen: how many tables and rounds, a line saying what the
// plan will be as the numbers are typed, then where to save it as a PDF
// to print or a CSV for a spreadsheet.

// networkingStore is what the table plan reads.
type networkingStore interface {
	Event(ctx context.Context) (data.Event, error)
	NetworkingParticipants(ctx context.Context, sessionID string, checkedInOnly bool) ([]data.NetworkingParticipant, bool, error)
}

// tablePlanFormats are the files the plan is saved as.
var tablePlanFormats = []struct{ label, ext string }{{"PDF, to print", ".pdf"}, {"CSV, for a spreadsheet", ".csv"}}

// tablePlanDialog asks for the tables and rounds of one session's plan.
type tablePlanDialog struct {
	st      networkingStore
	ctx     context.Context
	do      uiDo
	session data.SessionRow

	tables, rounds *fieldEntry
	checkedIn      *widget.Check
	format         *widget.RadioGroup
	who            *widget.Label // who takes part
	preview        *widget.Label // what the plan will be
	save, cancel   *widget.Button
	dlg            *dialog.CustomDialog

	people   []data.NetworkingParticipant
	signedUp bool
	loaded   bool
	plan     networking.Plan
	planned  bool // plan is for the numbers shown
	onSave   func(plan networking.Plan, people []data.NetworkingParticipant, ext string)
}

// onTablePlan opens the table plan dialog for a networking session.
func (w *mainWindow) onTablePlan(sess data.SessionRow) { w.openTablePlan(sess) }

func (w *mainWindow) openTablePlan(sess data.SessionRow) *tablePlanDialog {
	d := newTablePlanDialog(w.ctx, w.do, w.store, sess, w.win)
	d.onSave = func(plan networking.Plan, people []data.NetworkingParticipant, ext string) {
		d.dlg.Hide()
		w.saveTablePlan(sess, plan, people, ext)
	}
	w.dialogs.push(shownDialog{d: d.dlg, enter: d.onSaveTapped})
	d.load()
	return d
}

func newTablePlanDialog(ctx context.Context, do uiDo, st networkingStore, sess data.SessionRow, win fyne.Window) *tablePlanDialog {
	d := &tablePlanDialog{st: st, ctx: ctx, do: do, session: sess}
	// Escape in a field cancels the dialog, Enter saves, as in other dialogs.
	submit := func(string) { d.onSaveTapped() }
	d.tables = &fieldEntry{Entry: widget.Entry{PlaceHolder: lang.L("e.g. 10"), OnChanged: func(string) { d.replan() }, OnSubmitted: submit}}
	d.rounds = &fieldEntry{Entry: widget.Entry{PlaceHolder: lang.L("e.g. 4"), OnChanged: func(string) { d.replan() }, OnSubmitted: submit}}
	d.tables.ExtendBaseWidget(d.tables)
	d.rounds.ExtendBaseWidget(d.rounds)
	d.checkedIn = &widget.Check{Text: lang.L("Only those checked in now"), OnChanged: func(bool) { d.load() }}
	d.checkedIn.ExtendBaseWidget(d.checkedIn)
	var formats []string
	for _, f := range tablePlanFormats {
		formats = append(formats, lang.L(f.label))
	}
	d.format = widget.NewRadioGroup(formats, nil)
	d.format.Horizontal, d.format.Required = true, true
	d.format.SetSelected(formats[0])
	d.who = &widget.Label{Text: lang.L("Reading who takes part…"), Wrapping: fyne.TextWrapWord}
	d.preview = &widget.Label{Wrapping: fyne.TextWrapWord}
	form := widget.NewForm(widget.NewFormItem(lang.L("Tables"), d.tables), widget.NewFormItem(lang.L("Rounds"), d.rounds),
		widget.NewFormItem(lang.L("Save as"), d.format))
	d.save = &widget.Button{Text: lang.L("Choose where to save…"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: d.onSaveTapped}
	d.save.Disable()
	d.cancel = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: func() { d.dlg.Hide() }}
	body := container.NewVBox(&widget.Label{Text: sess.Title, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		d.who, d.checkedIn, form, d.preview)
	d.dlg = dialog.NewCustomWithoutButtons(lang.L("Speed networking table plan"), atLeastWide(body, 460), win)
	d.dlg.SetButtons([]fyne.CanvasObject{d.cancel, d.save})
	return d
}

// load reads who takes part, then plans again.
func (d *tablePlanDialog) load() {
	ctx, id, only := d.ctx, d.session.ID, d.checkedIn.Checked
	d.loaded, d.planned = false, false
	d.save.Disable()
	go func() {
		people, signedUp, err := d.st.NetworkingParticipants(ctx, id, only)
		d.do(func() {
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					d.who.SetText(fmt.Sprintf(lang.L("Could not read who takes part (%v). Close this and try again."), err))
				}
				return
			}
			d.people, d.signedUp, d.loaded = people, signedUp, true
			d.who.SetText(participantsText(len(people), signedUp, only))
			if signedUp {
				d.checkedIn.Show()
			} else {
				d.checkedIn.Hide() // they are the checked-in people already
			}
			if d.tables.Text == "" && d.rounds.Text == "" && len(people) >= 2 {
				t := networking.SuggestedTables(len(people))
				d.tables.SetText(strconv.Itoa(t))
				d.rounds.SetText(strconv.Itoa(min(4, t)))
			}
			d.replan()
		})
	}()
}

// participantsText says who the plan seats.
func participantsText(n int, signedUp, checkedInOnly bool) string {
	switch {
	case signedUp && checkedInOnly:
		return fmt.Sprintf(lang.L("%s signed up for this session and checked in now take part."), countOf(n, lang.L("person"), lang.L("people")))
	case signedUp:
		return fmt.Sprintf(lang.L("%s signed up for this session take part."), countOf(n, lang.L("person"), lang.L("people")))
	}
	return fmt.Sprintf(lang.L("No one is signed up for this session, so the job seekers, mentors and recruiters checked in now take part: %s."),
		countOf(n, lang.L("person"), lang.L("people")))
}

// replan plans for the numbers shown and says what the plan is.
func (d *tablePlanDialog) replan() {
	d.planned = false
	d.save.Disable()
	if !d.loaded {
		return
	}
	if len(d.people) < 2 {
		d.preview.SetText(lang.L("A table plan needs two people or more."))
		return
	}
	tables, err1 := strconv.Atoi(strings.TrimSpace(d.tables.Text))
	rounds, err2 := strconv.Atoi(strings.TrimSpace(d.rounds.Text))
	if err1 != nil || err2 != nil || tables < 1 || rounds < 1 || tables > networking.MaxTables || rounds > networking.MaxRounds {
		d.preview.SetText(fmt.Sprintf(lang.L("Type the number of tables (1 to %d) and of rounds (1 to %d)."), networking.MaxTables, networking.MaxRounds))
		return
	}
	plan, err := networking.Make(networking.Participants(d.people), networking.Options{Tables: tables, Rounds: rounds})
	if err != nil {
		d.preview.SetText(err.Error())
		return
	}
	d.plan, d.planned = plan, true
	d.preview.SetText(planText(plan))
	d.save.Enable()
}

// planText says what a plan is, in the interface's language.
func planText(plan networking.Plan) string {
	rounds := countOf(len(plan.Rounds), lang.L("round"), lang.L("rounds"))
	lines := []string{fmt.Sprintf(lang.L("Tables of %d to %d people, %s."), plan.MinSize, plan.MaxSize, rounds)}
	if plan.MinSize == plan.MaxSize {
		lines[0] = fmt.Sprintf(lang.L("Tables of %d people, %s."), plan.MinSize, rounds)
	}
	if len(plan.Warnings) == 0 {
		lines = append(lines, lang.L("Everyone is seated every round, and no two people share a table twice."))
	}
	for _, w := range plan.Warnings {
		lines = append(lines, sentence(capitalised(fmt.Sprintf(lang.L(w.Format), w.Args...))))
	}
	return strings.Join(lines, "\n")
}

// capitalised starts text with a capital, as a line of its own: the
// warnings are written to follow "warning:" on the command line.
func capitalised(text string) string {
	r, n := utf8.DecodeRuneInString(text)
	return string(unicode.ToUpper(r)) + text[n:]
}

func (d *tablePlanDialog) onSaveTapped() {
	if !d.planned || d.onSave == nil {
		return
	}
	ext := tablePlanFormats[0].ext
	for _, f := range tablePlanFormats {
		if lang.L(f.label) == d.format.Selected {
			ext = f.ext
		}
	}
	d.onSave(d.plan, d.people, ext)
}

// saveTablePlan asks where to save the plan and writes it.
func (w *mainWindow) saveTablePlan(sess data.SessionRow, plan networking.Plan, people []data.NetworkingParticipant, ext string) {
	var st networkingStore = w.store
	w.saveAs("table-plan"+ext, ext, func(ctx context.Context, out io.Writer) (string, error) {
		done := fmt.Sprintf(lang.L("The table plan of “%s”: %s at %s."), sess.Title, countOf(len(people), lang.L("person"), lang.L("people")),
			countOf(plan.Tables, lang.L("table"), lang.L("tables")))
		if ext == ".csv" {
			return done, sheets.WriteNetworkingPlan(out, plan, people)
		}
		event, err := st.Event(ctx)
		if err != nil && !errors.Is(err, data.ErrNotFound) {
			return "", fmt.Errorf(lang.L("could not read the event (%v)"), err)
		}
		res, err := printouts.NetworkingPlan(out, event, sess.Session, plan, people, printouts.Options{})
		if len(res.Warnings) > 0 {
			done += "\n" + strings.Join(res.Warnings, "\n")
		}
		return done, err
	})
}
