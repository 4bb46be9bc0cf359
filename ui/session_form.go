package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// sessionForm adds or edits one session in a dialog. Times are typed on
// the event's clock. Clashes with the rest of the agenda show as the form
// is filled in, before saving.
type sessionForm struct {
	screen  *agendaScreen
	editing data.SessionRow

	title       *fieldEntry
	kind        *widget.Select
	date        *fieldEntry
	starts      *fieldEntry
	ends        *fieldEntry
	room        *fieldSelectEntry
	link        *fieldEntry
	capacity    *fieldEntry
	description *fieldEntry
	recording   *fieldEntry
	speakers    *personPicker
	clash       *widget.Label
	clashBox    *fyne.Container
	dlg         *recordDialog

	sync   *formSyncNotes // the session as loaded, and what other laptops changed while the form was open
	known  knownPeople    // the speakers seen, by id, to put a synced list of them back into the picker
	saving bool
}

func newSessionForm(s *agendaScreen, sess data.SessionRow) *sessionForm {
	f := &sessionForm{screen: s, editing: sess, known: knownPeople{}}
	loc := s.location
	entry := func(text, placeHolder string) *fieldEntry {
		e := &fieldEntry{Entry: widget.Entry{Text: text, PlaceHolder: placeHolder, OnSubmitted: func(string) { f.onSave() }}}
		e.ExtendBaseWidget(e)
		return e
	}
	f.title = entry(sess.Title, lang.L("e.g. Building a career with Japanese"))
	var kinds []string
	for _, k := range data.SessionKinds {
		kinds = append(kinds, lang.L(sessionKindLabels[k]))
	}
	f.kind = widget.NewSelect(kinds, nil)
	f.kind.SetSelected(lang.L(label(sessionKindLabels, sess.Kind)))
	date, start, end := "", "", ""
	if !sess.Starts.IsZero() {
		date, start = sess.Starts.In(loc).Format("2006-01-02"), sess.Starts.In(loc).Format("15:04")
	}
	if !sess.Ends.IsZero() {
		end = sess.Ends.In(loc).Format("15:04")
	}
	f.date = entry(date, lang.L("e.g. 2026-10-23"))
	f.starts = entry(start, lang.L("e.g. 13:00"))
	f.ends = entry(end, lang.L("optional, e.g. 13:45"))
	f.room = newFieldSelectEntry(s.rooms())
	f.room.SetText(sess.Room)
	f.room.PlaceHolder = lang.L("e.g. Main stage, Breakout room A")
	f.room.OnSubmitted = func(string) { f.onSave() }
	f.link = entry(sess.Link, lang.L("https://… (Zoom, Teams or Meet)"))
	f.capacity = entry(capacityText(sess.Capacity), lang.L("empty for no limit"))
	f.description = &fieldEntry{Entry: widget.Entry{Text: sess.Description, MultiLine: true, Wrapping: fyne.TextWrapWord}}
	f.description.ExtendBaseWidget(f.description)
	f.description.SetMinRowsVisible(3)
	f.recording = entry(sess.RecordingLink, "https://…")
	f.speakers = newPersonPicker(s.screenEnv, s.store, sess.Speakers)
	f.clash = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	f.clashBox = clashBox(f.clash)

	f.sync = newFormSyncNotes(f.setValue, f.values)
	f.sync.historyOf["date"] = "starts_at"
	f.sync.describe = f.describe

	zone := fmt.Sprintf(lang.L("Event time (%s)"), loc.String())
	items := map[string]*widget.FormItem{
		"title":          f.sync.formItem("title", lang.L("Title"), f.title),
		"kind":           f.sync.formItem("kind", lang.L("Kind"), f.kind),
		"date":           f.sync.formItem("date", lang.L("Date"), f.date),
		"starts_at":      f.sync.formItem("starts_at", lang.L("Starts at"), f.starts),
		"ends_at":        f.sync.formItem("ends_at", lang.L("Ends at"), f.ends),
		"room":           f.sync.formItem("room", lang.L("Room or track"), f.room),
		"link":           f.sync.formItem("link", lang.L("Online link"), f.link),
		"capacity":       f.sync.formItem("capacity", lang.L("Capacity"), f.capacity),
		"speakers":       f.sync.formItem("speakers", lang.L("Speakers"), f.speakers.content),
		"description":    f.sync.formItem("description", lang.L("Description"), f.description),
		"recording_link": f.sync.formItem("recording_link", lang.L("Recording link"), f.recording),
	}
	items["date"].HintText = lang.L("Year-month-day")
	items["starts_at"].HintText, items["ends_at"].HintText = zone, zone
	form := &widget.Form{}
	form.ExtendBaseWidget(form)
	for _, key := range []string{"title", "kind", "date", "starts_at", "ends_at", "room", "capacity", "speakers", "link", "description", "recording_link"} {
		form.AppendItem(items[key])
	}
	f.sync.load(f.sessionValues(sess))
	for _, e := range []*fieldEntry{f.date, f.starts, f.ends} {
		e.OnChanged = func(string) { f.checkClashes() }
	}
	f.room.OnChanged = func(string) { f.checkClashes() }
	f.speakers.OnChange = f.checkClashes

	title, saveText := lang.L("Add a session"), lang.L("Add session")
	var onDelete func()
	if sess.ID != "" {
		title, saveText = lang.L("Edit session"), lang.L("Save")
		onDelete = func() { s.onDelete(sess.ID) }
	}
	f.dlg = newRecordDialog(s.dialogs, dialogWindowFor(s.content), title, saveText, form,
		container.NewVBox(f.sync.summary, f.clashBox), items, f.onSave, onDelete)
	f.speakers.OnResults = func() { f.dlg.scrollIntoView(f.speakers.results) }
	f.checkClashes()
	f.dlg.show()
	return f
}

// read turns the fields into a session, or says which fields are wrong.
func (f *sessionForm) read() (data.SessionRow, fieldProblems) {
	loc := f.screen.location
	errs := fieldProblems{}
	sess := f.editing
	sess.Title = strings.TrimSpace(f.title.Text)
	sess.Kind = data.SessionTalk
	if i := f.kind.SelectedIndex(); i >= 0 {
		sess.Kind = data.SessionKinds[i]
	}
	day, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(f.date.Text), loc)
	if err != nil {
		errs["date"] = lang.L("write the date as year-month-day, e.g. 2026-10-23")
	}
	sess.Starts, sess.Ends = time.Time{}, time.Time{}
	if at, ok := clockTime(f.starts.Text); !ok {
		errs["starts_at"] = lang.L("write the start as hours:minutes, e.g. 13:00")
	} else if err == nil {
		sess.Starts = onDay(day, at, loc, "starts_at", errs)
	}
	if strings.TrimSpace(f.ends.Text) != "" {
		if at, ok := clockTime(f.ends.Text); !ok {
			errs["ends_at"] = lang.L("write the end as hours:minutes, e.g. 13:45")
		} else if err == nil {
			sess.Ends = onDay(day, at, loc, "ends_at", errs)
		}
	}
	sess.Room = strings.TrimSpace(f.room.Text)
	sess.Link = strings.TrimSpace(f.link.Text)
	sess.Capacity = 0
	if text := strings.TrimSpace(f.capacity.Text); text != "" {
		n, err := strconv.Atoi(text)
		if err != nil || n < 0 {
			errs["capacity"] = lang.L("write the number of places, or leave it empty for no limit")
		}
		sess.Capacity = n
	}
	sess.Description = strings.TrimSpace(f.description.Text)
	sess.RecordingLink = strings.TrimSpace(f.recording.Text)
	sess.Speakers = f.speakers.picked
	if len(errs) == 0 {
		errs.addMissing(sess.Check())
	}
	return sess, errs
}

// clockTime reads "13:00", "13.00" or "9:30" as a time of day. It counts
// wall-clock hours from midnight, so a day with a clock change is
// handled by Date arithmetic below, not here.
// onDay is the time at on the wall clock of day in loc: 13:00 stays 13:00
// on the day the clocks change, and a time the clocks skip is refused.
func onDay(day time.Time, at time.Duration, loc *time.Location, field string, errs fieldProblems) time.Time {
	y, m, d := day.Date()
	t, err := data.LocalTime(y, m, d, int(at/time.Hour), int(at%time.Hour/time.Minute), 0, loc)
	if err != nil {
		errs[field] = errorText(err) // a time the clocks skip, in the interface's language
	}
	return t
}

func clockTime(text string) (time.Duration, bool) {
	t, err := time.Parse("15:04", strings.ReplaceAll(strings.TrimSpace(text), ".", ":"))
	if err != nil {
		return 0, false
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, true
}

// checkClashes shows the clashes of the session as typed so far.
func (f *sessionForm) checkClashes() {
	sess, errs := f.read()
	var clashes []data.Clash
	if errs["date"] == "" && errs["starts_at"] == "" && errs["ends_at"] == "" {
		clashes = data.ClashesWith(sess, f.screen.sessions)
	}
	if len(clashes) == 0 {
		f.clash.SetText("")
		f.clashBox.Hide()
		return
	}
	f.clash.SetText(lang.L("Clashes with the agenda (you can still save):") + "\n" + clashText(clashes, f.screen.location))
	f.clashBox.Show()
}

func (f *sessionForm) onSave() {
	sess, errs := f.read()
	if len(errs) > 0 {
		f.dlg.showProblems(errs)
		return
	}
	if f.sync.undecided() {
		f.dlg.refuse(lang.L("Not saved: another laptop changed a field you changed too. Choose which value to keep, then save."))
		return
	}
	f.saving = true
	f.dlg.save.Disable()
	s := f.screen
	ctx, speakers := s.ctx, f.speakers.ids()
	go func() {
		session := sess.Session
		err := s.store.SaveSession(ctx, &session, speakers)
		s.do(func() {
			f.saving = false
			if err != nil {
				f.dlg.showError(err)
				return
			}
			f.editing.ID = session.ID
			f.dlg.hide()
			s.refresh()
		})
	}()
}
