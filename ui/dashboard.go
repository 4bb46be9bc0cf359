package ui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// dashboardScreen is the event at a glance: what, when, where, how many.
type dashboardScreen struct {
	store Store
	do    uiDo
	ctx   context.Context

	name     *widget.Label
	when     *widget.Label
	where    *widget.Label
	people   *widget.Card
	sessions *widget.Card
	booths   *widget.Card
	problem  *widget.Label
	content  fyne.CanvasObject
}

func newDashboardScreen(ctx context.Context, store Store, do uiDo) *dashboardScreen {
	s := &dashboardScreen{store: store, do: do, ctx: ctx}
	s.buildUI()
	return s
}

func (s *dashboardScreen) buildUI() {
	s.name = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	s.when = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.where = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.people = &widget.Card{Title: "…", Subtitle: "people"}
	s.sessions = &widget.Card{Title: "…", Subtitle: "sessions"}
	s.booths = &widget.Card{Title: "…", Subtitle: "booths"}
	s.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	s.problem.Hide()
	counts := container.NewGridWithColumns(3, s.people, s.sessions, s.booths)
	s.content = container.NewVScroll(container.NewVBox(s.name, s.when, s.where, counts, s.problem))
}

type dashboardFacts struct {
	event                    data.Event
	hasEvent                 bool
	people, sessions, booths int
}

// refresh reads the event and the counts in the background.
func (s *dashboardScreen) refresh() {
	ctx := s.ctx
	go func() {
		var facts dashboardFacts
		event, err := s.store.Event(ctx)
		facts.event, facts.hasEvent = event, err == nil
		if errors.Is(err, data.ErrNotFound) {
			err = nil
		}
		if err == nil {
			facts.people, err = s.store.CountPeople(ctx, data.PeopleFilter{})
		}
		if err == nil {
			var sessions []data.SessionRow
			sessions, err = s.store.Sessions(ctx)
			facts.sessions = len(sessions)
		}
		if err == nil {
			var booths []data.BoothRow
			booths, err = s.store.Booths(ctx)
			facts.booths = len(booths)
		}
		s.do(func() { s.show(facts, err) })
	}()
}

func (s *dashboardScreen) show(f dashboardFacts, err error) {
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.problem.SetText(fmt.Sprintf("Could not read the event (%v). Restart Fairdesk; if it keeps happening, keep a copy of the database file.", err))
			s.problem.Show()
		}
		return
	}
	s.problem.Hide()
	if !f.hasEvent {
		s.name.SetText("No event set up yet")
		s.when.SetText("Open Settings to give the event a name, dates and a time zone.")
		s.where.SetText("")
	} else {
		s.name.SetText(f.event.Name)
		s.when.SetText(eventWhen(f.event))
		s.where.SetText(eventWhere(f.event))
	}
	s.people.SetTitle(groupThousands(f.people))
	s.people.SetSubTitle(plural(f.people, "person", "people"))
	s.sessions.SetTitle(groupThousands(f.sessions))
	s.sessions.SetSubTitle(plural(f.sessions, "session", "sessions"))
	s.booths.SetTitle(groupThousands(f.booths))
	s.booths.SetSubTitle(plural(f.booths, "booth", "booths"))
}

func plural(n int, singular, many string) string {
	if n == 1 {
		return singular
	}
	return many
}

// eventWhere is the venue and the online platform, whichever are set.
func eventWhere(e data.Event) string {
	venue := ""
	if e.Venue != "" {
		venue = "Venue: " + e.Venue
	}
	online := joinNonEmpty(" — ", e.Platform, e.Link)
	if online != "" {
		online = "Online platform: " + online
	}
	where := joinNonEmpty("\n", venue, online)
	if where == "" {
		return "No venue or online platform set yet"
	}
	return where
}
