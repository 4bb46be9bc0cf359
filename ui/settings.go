package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// dateTimeLayout is how the settings form shows and reads the event's
// start and end, in the event's own time zone.
const dateTimeLayout = "2006-01-02 15:04"

// commonTimeZones are offered in the time zone picker; any IANA name can
// still be typed.
var commonTimeZones = []string{"Europe/London", "Asia/Tokyo", "Europe/Dublin", "Europe/Paris", "Europe/Berlin",
	"America/New_York", "America/Chicago", "America/Los_Angeles", "America/Toronto", "Australia/Sydney",
	"Pacific/Auckland", "Asia/Singapore", "Asia/Seoul", "UTC"}

// settingsScreen edits the event itself: name, dates, time zone, venue and
// online platform.
type settingsScreen struct {
	settingsDeps

	name     *widget.Entry
	starts   *widget.Entry
	ends     *widget.Entry
	timeZone *widget.SelectEntry
	venue    *widget.Entry
	platform *widget.Entry
	link     *widget.Entry
	save     *widget.Button
	status   *widget.Label
	intro    *widget.Label
	content  fyne.CanvasObject
	sections *fyne.Container    // the event's own section
	tabs     *container.AppTabs // one tab a section
	tabKeys  []string           // the key of each tab, in order
	where    *widget.Label

	event data.Event // as last read or saved; keeps the fields the form does not show
}

// settingsStore is what the event's own settings read and write.
type settingsStore interface {
	Event(ctx context.Context) (data.Event, error)
	SaveEvent(ctx context.Context, e *data.Event) error
}

type settingsDeps struct {
	screenEnv
	store   settingsStore
	path    string // where the database lives
	onSaved func(data.Event)
	// What the buttons do; nil leaves a button doing nothing.
	onNewEvent func()
	onOpenDemo func()
	onImport   func()
	onExport   func(exportKind)
	// more are the sections other files own (backup, language,
	// notifications, this laptop, sync), shown after the database, in order.
	more []settingsSection
}

// settingsSection is one part of Settings that another file owns: a tab
// named title, the heading over its body, and its key (sectionSync ...).
type settingsSection struct {
	key     string
	title   string
	heading string
	body    []fyne.CanvasObject
	refresh func() // when Settings shows; may be nil
}

func newSettingsScreen(d settingsDeps) *settingsScreen {
	s := &settingsScreen{settingsDeps: d}
	s.buildUI()
	return s
}

func (s *settingsScreen) buildUI() {
	s.name = &widget.Entry{PlaceHolder: lang.L("e.g. Alumni Careers Fair 2026")}
	s.starts = &widget.Entry{PlaceHolder: lang.L("YYYY-MM-DD HH:MM, e.g. 2026-10-23 11:00")}
	s.ends = &widget.Entry{PlaceHolder: lang.L("YYYY-MM-DD HH:MM, e.g. 2026-10-23 16:00")}
	s.timeZone = widget.NewSelectEntry(commonTimeZones)
	s.timeZone.PlaceHolder = lang.L("e.g. Europe/London")
	s.venue = &widget.Entry{PlaceHolder: lang.L("Hall, address; leave empty for an online-only event")}
	s.platform = &widget.Entry{PlaceHolder: lang.L("e.g. Zoom; leave empty for an in-person event")}
	s.link = &widget.Entry{PlaceHolder: "https://…"}
	for _, e := range []*widget.Entry{s.name, s.starts, s.ends, s.venue, s.platform, s.link} {
		e.ExtendBaseWidget(e)
	}
	s.save = &widget.Button{Text: lang.L("Save event settings"), Importance: widget.HighImportance, OnTapped: s.onSave}
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.intro = &widget.Label{Wrapping: fyne.TextWrapWord,
		Text: lang.L("The event's name, when it runs and where. Times are in the event's time zone.")}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Event name"), s.name),
		widget.NewFormItem(lang.L("Starts"), s.starts),
		widget.NewFormItem(lang.L("Ends"), s.ends),
		widget.NewFormItem(lang.L("Time zone"), s.timeZone),
		widget.NewFormItem(lang.L("Venue"), s.venue),
		widget.NewFormItem(lang.L("Online platform"), s.platform),
		widget.NewFormItem(lang.L("Online link"), s.link),
	)
	s.where = &widget.Label{Wrapping: fyne.TextWrapBreak, Selectable: true}
	export := func(kind exportKind) func() {
		return func() {
			if s.onExport != nil {
				s.onExport(kind)
			}
		}
	}
	spreadsheets := buttonGrid(240,
		&widget.Button{Text: lang.L("Import…"), Icon: theme.UploadIcon(), OnTapped: s.onImport},
		&widget.Button{Text: lang.L("Export people (CSV)…"), Icon: theme.DownloadIcon(), OnTapped: export(exportPeople)},
		&widget.Button{Text: lang.L("Export sessions (CSV)…"), Icon: theme.DownloadIcon(), OnTapped: export(exportSessions)},
		&widget.Button{Text: lang.L("Export booths (CSV)…"), Icon: theme.DownloadIcon(), OnTapped: export(exportBooths)},
		&widget.Button{Text: lang.L("Export the agenda (.ics)…"), Icon: theme.DownloadIcon(), OnTapped: export(exportAgenda)},
	)
	events := buttonGrid(240,
		&widget.Button{Text: lang.L("New event…"), Icon: theme.DocumentCreateIcon(), OnTapped: s.onNewEvent},
		&widget.Button{Text: lang.L("Open the demo again…"), Icon: theme.MediaReplayIcon(), OnTapped: s.onOpenDemo},
	)
	heading := func(text string) *widget.Label {
		return &widget.Label{Text: lang.L(text), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	}
	// One tab a section, so that each is one click away (Sync was at the
	// bottom of one long page); the event's own section comes first.
	s.sections = container.NewVBox(
		heading("Event"), s.intro, form, container.NewHBox(s.save), s.status,
		widget.NewSeparator(), heading("Spreadsheets"), spreadsheets,
		widget.NewSeparator(), heading("Database"), s.where, events)
	s.tabs = &container.AppTabs{}
	s.tabKeys = []string{sectionEvent}
	s.tabs.Append(container.NewTabItem(lang.L("Event"), container.NewVScroll(s.sections)))
	for _, more := range s.more {
		body := container.NewVBox(&widget.Label{Text: more.heading, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText})
		for _, o := range more.body {
			body.Add(o)
		}
		s.tabKeys = append(s.tabKeys, more.key)
		s.tabs.Append(container.NewTabItem(more.title, container.NewVScroll(body)))
	}
	s.content = s.tabs
}

// Settings sections, by key.
const (
	sectionEvent         = "event"
	sectionSync          = "sync"
	sectionNotifications = "notifications"
	sectionBackup        = "backup"
	sectionLanguage      = "language"
	sectionLaptop        = "laptop"
	sectionPrivacy       = "privacy"
)

// showSection brings the section with this key to the front.
func (s *settingsScreen) showSection(key string) {
	if i := slices.Index(s.tabKeys, key); i >= 0 {
		s.tabs.SelectIndex(i)
	}
}

// refresh fills the form from the store.
func (s *settingsScreen) refresh() {
	where := lang.L("This event is kept in ") + s.path
	if s.path == "" {
		where = lang.L("This event is kept in a database whose location Fairdesk was not told.")
	}
	s.where.SetText(where)
	ctx := s.ctx
	go func() {
		event, err := s.store.Event(ctx)
		s.do(func() { s.fill(event, err) })
	}()
	for _, more := range s.more {
		if more.refresh != nil {
			more.refresh()
		}
	}
}

func (s *settingsScreen) fill(event data.Event, err error) {
	switch {
	case errors.Is(err, data.ErrNotFound):
		event = data.Event{TimeZone: "Europe/London"}
		s.intro.SetText(lang.L("Set up your event: give it a name, when it starts and ends, and its time zone. Times are in the event's time zone."))
	case errors.Is(err, context.Canceled):
		return
	case err != nil:
		s.status.Importance = widget.DangerImportance
		s.status.SetText(fmt.Sprintf(lang.L("Could not read the event settings (%v). Restart Fairdesk and try again."), err))
		return
	default:
		s.intro.SetText(lang.L("The event's name, when it runs and where. Times are in the event's time zone."))
	}
	s.event = event
	loc := event.Location()
	s.name.SetText(event.Name)
	s.starts.SetText(formatDateTime(event.Starts, loc))
	s.ends.SetText(formatDateTime(event.Ends, loc))
	s.timeZone.SetText(event.TimeZone)
	s.venue.SetText(event.Venue)
	s.platform.SetText(event.Platform)
	s.link.SetText(event.Link)
}

func formatDateTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(dateTimeLayout)
}

// parseDateTime reads "2026-10-23 11:00" or a bare date in loc; empty
// text is no time.
func parseDateTime(text string, loc *time.Location) (time.Time, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{dateTimeLayout, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, text, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf(lang.L("%q is not a date and time like 2026-10-23 11:00"), text)
}

// onSave checks the form, then saves in the background.
func (s *settingsScreen) onSave() {
	event := s.event
	event.Name = strings.TrimSpace(s.name.Text)
	event.TimeZone = strings.TrimSpace(s.timeZone.Text)
	event.Venue = strings.TrimSpace(s.venue.Text)
	event.Platform = strings.TrimSpace(s.platform.Text)
	event.Link = strings.TrimSpace(s.link.Text)
	var problems []string
	loc, err := time.LoadLocation(event.TimeZone)
	if err != nil || event.TimeZone == "" {
		problems = append(problems, fmt.Sprintf(lang.L("Time zone: %q is not a time zone name such as Europe/London."), event.TimeZone))
		loc = time.UTC
	}
	if event.Starts, err = parseDateTime(s.starts.Text, loc); err != nil {
		problems = append(problems, lang.L("Starts")+": "+err.Error()+".")
	}
	if event.Ends, err = parseDateTime(s.ends.Text, loc); err != nil {
		problems = append(problems, lang.L("Ends")+": "+err.Error()+".")
	}
	if event.Name == "" {
		problems = append(problems, lang.L("Event name: the event needs a name."))
	}
	if len(problems) == 0 {
		for _, p := range event.Check() {
			problems = append(problems, sentence(problemText(p)))
		}
	}
	if len(problems) > 0 {
		s.showStatus(widget.DangerImportance, lang.L("Not saved.")+" "+strings.Join(problems, " "))
		return
	}
	s.save.Disable()
	s.showStatus(widget.LowImportance, lang.L("Saving…"))
	ctx := s.ctx
	go func() {
		err := s.store.SaveEvent(ctx, &event)
		s.do(func() { s.onSaveDone(event, err) })
	}()
}

func (s *settingsScreen) onSaveDone(event data.Event, err error) {
	s.save.Enable()
	if err != nil {
		s.showStatus(widget.DangerImportance, fmt.Sprintf(lang.L("Not saved: %v. Correct it and save again; the form keeps what you typed."), errorText(err)))
		return
	}
	s.event = event
	s.showStatus(widget.SuccessImportance, lang.L("Saved."))
	if s.onSaved != nil {
		s.onSaved(event)
	}
}

func (s *settingsScreen) showStatus(importance widget.Importance, text string) {
	s.status.Importance = importance
	s.status.SetText(text)
}
