package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// personMeetingsStore is what a person's meetings section reads.
type personMeetingsStore interface {
	PersonMeetings(ctx context.Context, personID string) ([]data.Meeting, error)
	MeetingRequestsOf(ctx context.Context, personID string) ([]data.MeetingRequest, error)
	Person(ctx context.Context, id string) (data.PersonRow, error)
	Booths(ctx context.Context) ([]data.BoothRow, error)
	Event(ctx context.Context) (data.Event, error)
}

// personMeetings is the part of a person's page that lists, read-only,
// their one-to-one meetings (as the job seeker or as the host: when, with
// whom, where, in what state) and their meeting requests, first choice
// first. For a mentor or recruiter it offers to remind this laptop of
// their meetings.
type personMeetings struct {
	screenEnv
	store personMeetingsStore
	// prefs keeps the hosts this laptop follows; nil offers no following.
	prefs fyne.Preferences
	// relayout lays out again what holds the section, which grows as
	// rows arrive.
	relayout func()
	// editor records the seeker's requests on their page; nil lists
	// them only.
	editor *requestEditor

	personID        string
	person          data.PersonRow
	asked           []data.Host // the hosts they asked to meet, in rank order
	ask             *widget.Button
	askRow          *fyne.Container // ask at its own width, hidden with it
	meetingsHeading *widget.Label
	meetings        *fyne.Container
	requestsHeading *widget.Label
	requests        *fyne.Container
	follow          *widget.Check
	content         *fyne.Container

	shownID string   // whose meetings show, once read
	lines   []string // what the section shows, one line a meeting or request, for tests
}

func newPersonMeetings(env screenEnv, store personMeetingsStore) *personMeetings {
	m := &personMeetings{screenEnv: env, store: store}
	m.meetings = container.NewVBox()
	m.requests = container.NewVBox()
	m.follow = &widget.Check{Text: lang.L("Remind me of their meetings, 5 minutes before"), OnChanged: m.onFollow}
	m.follow.ExtendBaseWidget(m.follow)
	m.follow.Hide()
	heading := func(text string) *widget.Label {
		return &widget.Label{Text: lang.L(text), TextStyle: fyne.TextStyle{Bold: true}}
	}
	m.meetingsHeading, m.requestsHeading = heading("Meetings"), heading("Meeting requests")
	m.ask = m.askButton()
	m.askRow = container.NewHBox(m.ask)
	m.ask.Hide()
	m.askRow.Hide()
	// At the top of the page, above the fields: a long form would keep
	// them out of sight. A person with neither takes one line.
	m.content = container.NewVBox(m.meetingsHeading, m.follow, m.meetings, m.requestsHeading, m.requests,
		m.askRow, widget.NewSeparator())
	m.content.Hide()
	return m
}

// personMeetingsFacts is what load reads, off the UI goroutine.
type personMeetingsFacts struct {
	meetings []data.Meeting
	requests []data.MeetingRequest
	names    map[string]string // person or booth id -> how to name them
	loc      *time.Location
	err      error
}

// load shows p's meetings and requests; an empty id (a person being added)
// hides the section.
func (m *personMeetings) load(p data.PersonRow) {
	m.personID, m.person = p.ID, p
	showIf(m.ask, p.ID != "" && m.mayEditRequests(p))
	showIf(m.askRow, m.ask.Visible())
	if p.ID == "" {
		m.content.Hide()
		return
	}
	if m.prefs != nil && (p.HasRole(data.RoleMentor) || p.HasRole(data.RoleRecruiter)) {
		m.follow.Checked = followsHost(m.prefs, p.ID)
		m.follow.Refresh()
		m.follow.Show()
	} else {
		m.follow.Hide()
	}
	ctx, st, id := m.ctx, m.store, p.ID
	go func() {
		f := readPersonMeetings(ctx, st, id)
		m.do(func() { m.show(id, f) })
	}()
}

// reload reads the person's meetings and requests again, after a change
// made here.
func (m *personMeetings) reload() { m.load(m.person) }

func readPersonMeetings(ctx context.Context, st personMeetingsStore, id string) personMeetingsFacts {
	f := personMeetingsFacts{names: map[string]string{}, loc: time.UTC}
	if ev, err := st.Event(ctx); err == nil {
		f.loc = ev.Location()
	}
	if f.meetings, f.err = st.PersonMeetings(ctx, id); f.err != nil {
		return f
	}
	if f.requests, f.err = st.MeetingRequestsOf(ctx, id); f.err != nil {
		return f
	}
	booths, err := st.Booths(ctx)
	if err != nil {
		f.err = err
		return f
	}
	for _, b := range booths {
		f.names[b.ID] = fmt.Sprintf(lang.L("booth %s"), boothTitle(b.Booth, b.OrgName))
	}
	name := func(personID string) {
		if _, known := f.names[personID]; known || personID == "" {
			return
		}
		p, err := st.Person(ctx, personID)
		f.names[personID] = personName(p.Person, personID)
		if err != nil {
			f.names[personID] = fmt.Sprintf(lang.L("person %s"), personID)
		}
	}
	for _, mt := range f.meetings {
		name(mt.HostID)
		name(mt.PersonID)
	}
	for _, r := range f.requests {
		name(r.HostID)
	}
	return f
}

func (m *personMeetings) show(id string, f personMeetingsFacts) {
	if id != m.personID || errors.Is(f.err, context.Canceled) {
		return
	}
	m.meetings.RemoveAll()
	m.requests.RemoveAll()
	m.lines, m.shownID, m.asked = nil, id, nil
	m.content.Show()
	note := func(box *fyne.Container, text string, imp widget.Importance) {
		box.Add(&widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Importance: imp})
	}
	if f.err != nil {
		note(m.meetings, fmt.Sprintf(lang.L("Could not read their meetings (%v)."), f.err), widget.DangerImportance)
		return
	}
	none := len(f.meetings) == 0 && len(f.requests) == 0
	switch {
	case none:
		note(m.meetings, lang.L("No meetings or meeting requests."), widget.LowImportance)
	case len(f.meetings) == 0:
		note(m.meetings, lang.L("No meetings."), widget.LowImportance)
	}
	showIf(m.meetingsHeading, !none || m.follow.Visible())
	showIf(m.requestsHeading, len(f.requests) > 0 || m.ask.Visible())
	for _, mt := range f.meetings {
		when := formatTime(mt.Starts.In(f.loc), "Mon 2 Jan 15:04") + "–" + mt.Ends.In(f.loc).Format("15:04")
		with := fmt.Sprintf(lang.L("with %s"), f.names[mt.Key()])
		if mt.PersonID != id { // they host this one
			with = fmt.Sprintf(lang.L("with job seeker %s"), f.names[mt.PersonID])
		}
		where := joinNonEmpty(" · ", with, mt.Place, mt.Link)
		state := lang.L(boothMeetingStateLabels[mt.State])
		// One wrapping text: a date, a time and a state side by side
		// were wider than the form beside the list on an 800x600 screen.
		head := widget.NewRichText(
			&widget.TextSegment{Text: when + "  ", Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}},
			&widget.TextSegment{Text: state, Style: widget.RichTextStyle{Inline: true, ColorName: stateTextColour(mt.State)}})
		head.Wrapping = fyne.TextWrapWord
		m.meetings.Add(container.NewVBox(head, &widget.Label{Text: where, Wrapping: fyne.TextWrapWord}))
		m.lines = append(m.lines, when+" "+state+" "+where)
	}
	for _, r := range f.requests {
		line := fmt.Sprintf(lang.L("Choice %d: %s"), r.Rank, f.names[r.Key()])
		m.asked = append(m.asked, r.Host)
		m.lines = append(m.lines, line)
		text := &widget.Label{Text: line, Wrapping: fyne.TextWrapWord}
		if !m.ask.Visible() {
			m.requests.Add(text)
			continue
		}
		host := r.Host
		withdraw := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: func() { m.onWithdraw(host) }}
		m.requests.Add(container.NewBorder(nil, nil, nil, withdraw, text))
	}
	m.content.Refresh()
	if m.relayout != nil {
		m.relayout()
	}
}

func showIf(o fyne.CanvasObject, shown bool) {
	if shown {
		o.Show()
	} else {
		o.Hide()
	}
}

func (m *personMeetings) onFollow(on bool) {
	if m.prefs != nil && m.personID != "" {
		followHost(m.prefs, m.personID, on)
	}
}
