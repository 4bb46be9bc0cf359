package ui

import (
	"context"
	"errors"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// attendanceImport is "Import attendance…": the organiser picks a Zoom or
// Teams attendance report, sees whom each row matched, ticks the
// near-matches that are the same person, and only then records them, as
// the session's attendance or as visits to a booth's online room. Until
// Record is pressed nothing is written; the record is one transaction.
type attendanceImport struct {
	screenEnv
	store  attendanceImportStore
	win    fyne.Window
	target data.AttendanceTarget
	what   string // the session's title, or the booth's code and name

	file     string // the report's name, as the dialog shows it
	prev     data.AttendancePreview
	accepted map[string]bool // near-matches ticked, by person id

	summary  *widget.Label
	near     []*widget.Check // in the order of prev.Near
	nearText []*widget.Label // what each is
	status   *widget.Label
	record   *widget.Button
	cancel   *widget.Button
	dlg      *dialog.CustomDialog
	done     func() // after recording: the screen reads its data again
}

// attendanceImportStore is what the import reads and writes.
type attendanceImportStore interface {
	PreviewAttendance(ctx context.Context, rep data.AttendanceReport, t data.AttendanceTarget) (data.AttendancePreview, error)
	ApplyAttendance(ctx context.Context, prev data.AttendancePreview, acceptNear []string, operator string) (data.AttendanceApplied, error)
}

func newAttendanceImport(env screenEnv, st attendanceImportStore, win fyne.Window, target data.AttendanceTarget, what string, done func()) *attendanceImport {
	return &attendanceImport{screenEnv: env, store: st, win: win, target: target, what: what, done: done}
}

// pick asks for the report file, then previews it.
func (a *attendanceImport) pick() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		a.load(rc.URI().Name(), rc)
	}, a.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".CSV", ".txt", ".tsv"}))
	a.show(d)
}

// load reads and matches a report away from the window, then shows what
// it would record. It closes r.
func (a *attendanceImport) load(name string, r io.ReadCloser) {
	a.file = name
	ctx := a.ctx
	go func() {
		defer r.Close()
		rep, err := data.ReadAttendanceReport(r)
		var prev data.AttendancePreview
		if err == nil {
			prev, err = a.store.PreviewAttendance(ctx, rep, a.target)
		}
		a.do(func() {
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					a.show(dialog.NewError(errors.New(reportErrorText(name, err)), a.win))
				}
				return
			}
			a.preview(prev)
		})
	}()
}

// reportErrorText says in the window's language what is wrong with the
// report and where, and that nothing changed. The file's name is quoted:
// the error dialog capitalises what it shows first.
func reportErrorText(name string, err error) string {
	var re *data.ReportError
	if !errors.As(err, &re) {
		return fmt.Sprintf(lang.L("“%s” was not imported (%v). Nothing was changed."), name, err)
	}
	problem := fmt.Sprintf(lang.L(re.Problem), re.Args...)
	if re.Line > 0 {
		return fmt.Sprintf(lang.L("“%s”, line %d: %s. Nothing was changed."), name, re.Line, problem)
	}
	return fmt.Sprintf(lang.L("“%s”: %s. Nothing was changed."), name, problem)
}

// preview shows the matched, the near-matches to tick and the rows that
// matched no one, with Record and Cancel.
func (a *attendanceImport) preview(prev data.AttendancePreview) {
	a.prev, a.accepted, a.near, a.nearText = prev, map[string]bool{}, nil, nil
	a.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	a.status = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	a.status.Hide()
	a.record = &widget.Button{Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: a.onRecord}
	a.cancel = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: func() { a.dlg.Hide() }}

	rows := container.NewVBox()
	heading := func(text string) {
		rows.Add(&widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}})
	}
	heading(fmt.Sprintf(lang.L("Matched (%d)"), len(prev.Matched)))
	for _, m := range prev.Matched {
		rows.Add(&widget.Label{Text: matchText(m), Wrapping: fyne.TextWrapWord})
	}
	if len(prev.Matched) == 0 {
		rows.Add(&widget.Label{Text: lang.L("No row names anyone registered by e-mail or exact name."), TextStyle: fyne.TextStyle{Italic: true}})
	}
	if len(prev.Near) > 0 {
		heading(fmt.Sprintf(lang.L("Near-matches: tick those that are the same person (%d)"), len(prev.Near)))
		for _, m := range prev.Near {
			id := m.Person.ID
			// A check's own text does not wrap, and a near-match names two
			// people: the text beside it is a label that does.
			c := &widget.Check{OnChanged: func(on bool) { a.accepted[id] = on; a.showCounts() }}
			c.ExtendBaseWidget(c)
			text := &widget.Label{Text: nearMatchText(m), Wrapping: fyne.TextWrapWord}
			a.near, a.nearText = append(a.near, c), append(a.nearText, text)
			rows.Add(container.NewBorder(nil, nil, c, nil, text))
		}
	}
	if len(prev.Unknown) > 0 {
		heading(fmt.Sprintf(lang.L("Not matched, left out (%d)"), len(prev.Unknown)))
		for _, u := range prev.Unknown {
			rows.Add(&widget.Label{Text: unknownRowText(u), Wrapping: fyne.TextWrapWord})
		}
	}
	a.showCounts()

	scroll := container.NewVScroll(rows)
	size := fyne.NewSize(620, 420)
	if a.win != nil {
		if c := a.win.Canvas().Size(); c.Width > 0 {
			size = fyne.NewSize(min(size.Width, c.Width-80), min(size.Height, c.Height-260))
		}
	}
	scroll.SetMinSize(size)
	title := fmt.Sprintf(lang.L("Import attendance: %s"), a.what)
	if a.target.BoothID != "" {
		title = fmt.Sprintf(lang.L("Import visits: %s"), a.what)
	}
	a.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(a.summary, a.status, nil, nil, scroll), a.win)
	a.dlg.SetButtons([]fyne.CanvasObject{a.cancel, a.record})
	if a.dialogs == nil {
		a.dlg.Show()
		return
	}
	a.dialogs.push(shownDialog{d: a.dlg, enter: func() {
		if !a.record.Disabled() {
			a.onRecord()
		}
	}})
}

// toRecord is how many people Record would record now.
func (a *attendanceImport) toRecord() int {
	n := 0
	for _, m := range a.prev.Matched {
		if !m.Recorded {
			n++
		}
	}
	for _, m := range a.prev.Near {
		if a.accepted[m.Person.ID] && !m.Recorded {
			n++
		}
	}
	return n
}

// showCounts says what the report holds and what Record will do.
func (a *attendanceImport) showCounts() {
	p := a.prev
	format := string(p.Format)
	if p.Format == data.ReportOther {
		format = lang.L("participant list")
	}
	a.summary.SetText(fmt.Sprintf(lang.L("%s (%s): %s. %d matched, %s, %d not matched. Nothing is recorded until you press Record."),
		a.file, format, countOf(p.Rows, lang.L("row"), lang.L("rows")), len(p.Matched),
		countOf(len(p.Near), lang.L("near-match"), lang.L("near-matches")), len(p.Unknown)))
	n := a.toRecord()
	if a.target.BoothID != "" {
		a.record.SetText(fmt.Sprintf(lang.L("Record %s"), countOf(n, lang.L("visit"), lang.L("visits"))))
	} else {
		a.record.SetText(fmt.Sprintf(lang.L("Record %d present"), n))
	}
	if n == 0 {
		a.record.Disable()
	} else {
		a.record.Enable()
	}
}

// onRecord records the matches and the ticked near-matches in one go.
func (a *attendanceImport) onRecord() {
	var accept []string
	for _, m := range a.prev.Near {
		if a.accepted[m.Person.ID] {
			accept = append(accept, m.Person.ID)
		}
	}
	a.record.Disable()
	a.cancel.Disable()
	ctx, prev := a.ctx, a.prev
	go func() {
		res, err := a.store.ApplyAttendance(ctx, prev, accept, "import")
		a.do(func() {
			a.cancel.Enable()
			if err != nil {
				a.record.Enable()
				a.status.SetText(fmt.Sprintf(lang.L("Nothing was recorded (%v). Import the report again."), err))
				a.status.Show()
				return
			}
			a.dlg.Hide()
			text := fmt.Sprintf(lang.L("Marked %d present at “%s”; %d were marked already."), res.Added, a.what, res.Recorded)
			if a.target.BoothID != "" {
				text = fmt.Sprintf(lang.L("Logged %s to %s; %d were logged already."), countOf(res.Added, lang.L("visit"), lang.L("visits")), a.what, res.Recorded)
			}
			if res.MeetingsDone > 0 {
				text += " " + fmt.Sprintf(lang.L("%s marked done."), countOf(res.MeetingsDone, lang.L("meeting"), lang.L("meetings")))
			}
			a.show(dialog.NewInformation(lang.L("Attendance imported"), text, a.win))
			if a.done != nil {
				a.done()
			}
		})
	}()
}

func (a *attendanceImport) show(d dialog.Dialog) {
	if a.dialogs == nil {
		d.Show()
		return
	}
	a.dialogs.show(d)
}

// matchText is a matched person, how, and for how long they were there.
func matchText(m data.AttendanceMatch) string {
	how := lang.L("by e-mail")
	if m.By == data.MatchName {
		how = lang.L("by name")
	}
	parts := []string{displayHeading(m.Person.Person), how, fmt.Sprintf(lang.L("%d min"), m.Minutes)}
	if len(m.Rows) > 1 {
		parts = append(parts, fmt.Sprintf(lang.L("joined %d times, counted once"), len(m.Rows)))
	}
	if m.Recorded {
		parts = append(parts, lang.L("already recorded"))
	}
	return joinNonEmpty(" · ", parts...)
}

var nearReasons = map[data.NearReason]string{
	data.NearAccents:     "accents or punctuation differ",
	data.NearSpelling:    "spelt differently",
	data.NearEmailDomain: "same e-mail name, another domain",
}

// nearMatchText is the report's name against the person it is near to.
func nearMatchText(m data.AttendanceMatch) string {
	r := m.Rows[0]
	said := joinNonEmpty(" ", r.Name, bracketed(r.Email))
	text := fmt.Sprintf(lang.L("“%s” is %s?"), said, displayHeading(m.Person.Person))
	parts := []string{text, lang.L(nearReasons[m.Near])}
	if m.Person.BadgeCode != "" {
		parts = append(parts, m.Person.BadgeCode)
	}
	if m.Recorded {
		parts = append(parts, lang.L("already recorded"))
	}
	return joinNonEmpty(" · ", parts...)
}

func bracketed(s string) string {
	if s == "" {
		return ""
	}
	return "<" + s + ">"
}

// unknownRowText is a row that matched no one, with why.
func unknownRowText(u data.UnknownRow) string {
	said := joinNonEmpty(" ", u.Row.Name, bracketed(u.Row.Email))
	why := lang.L("no one registered has this e-mail or name")
	switch u.Reason {
	case data.UnknownSeveral:
		why = fmt.Sprintf(lang.L("%d people have this name, or one as near"), u.Count)
	case data.UnknownBlank:
		said, why = "", lang.L("the row has no name or e-mail")
	}
	return fmt.Sprintf(lang.L("Line %d: %s"), u.Row.Line, joinNonEmpty(" · ", said, why))
}
