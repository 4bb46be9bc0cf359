package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// agendaScreen lists the sessions in start order, in the event's time zone.
type agendaScreen struct {
	store Store
	do    uiDo
	ctx   context.Context

	summary *widget.Label
	list    *widget.List
	content fyne.CanvasObject

	sessions []data.SessionRow
	location *time.Location
	multiDay bool
}

func newAgendaScreen(ctx context.Context, store Store, do uiDo) *agendaScreen {
	s := &agendaScreen{store: store, do: do, ctx: ctx, location: time.UTC}
	s.buildUI()
	return s
}

func (s *agendaScreen) buildUI() {
	s.summary = &widget.Label{Text: "Reading the agenda…", Wrapping: fyne.TextWrapWord}
	s.list = &widget.List{
		Length:     func() int { return len(s.sessions) },
		CreateItem: func() fyne.CanvasObject { return newTwoLineRow() },
		UpdateItem: func(id widget.ListItemID, item fyne.CanvasObject) { s.showSession(s.sessions[id], item.(*twoLineRow)) },
	}
	s.list.ExtendBaseWidget(s.list)
	s.content = container.NewBorder(s.summary, nil, nil, nil, s.list)
}

func (s *agendaScreen) refresh() {
	ctx := s.ctx
	go func() {
		event, err := s.store.Event(ctx)
		if errors.Is(err, data.ErrNotFound) {
			err = nil
		}
		var sessions []data.SessionRow
		if err == nil {
			sessions, err = s.store.Sessions(ctx)
		}
		s.do(func() { s.show(event, sessions, err) })
	}()
}

func (s *agendaScreen) show(event data.Event, sessions []data.SessionRow, err error) {
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.summary.SetText(fmt.Sprintf("Could not read the agenda (%v). Restart Fairdesk and try again.", err))
		}
		return
	}
	s.sessions, s.location = sessions, event.Location()
	s.multiDay = len(sessions) > 0 && !sameDay(sessions[0].Starts.In(s.location), sessions[len(sessions)-1].Starts.In(s.location))
	if len(sessions) == 0 {
		s.summary.SetText("No sessions on the agenda yet.")
	} else {
		s.summary.SetText(countOf(len(sessions), "session", "sessions") + ", times in " + s.location.String())
	}
	s.list.Refresh()
}

func (s *agendaScreen) showSession(sess data.SessionRow, row *twoLineRow) {
	layout := "15:04"
	if s.multiDay {
		layout = "Mon 2 Jan 15:04"
	}
	when := sess.Starts.In(s.location).Format(layout)
	if !sess.Ends.IsZero() {
		when += "–" + sess.Ends.In(s.location).Format("15:04")
	}
	var speakers []string
	for _, p := range sess.Speakers {
		speakers = append(speakers, p.DisplayName())
	}
	signups := ""
	if sess.Signups > 0 || sess.Capacity > 0 {
		signups = strconv.Itoa(sess.Signups) + " signed up"
		if sess.Capacity > 0 {
			signups = fmt.Sprintf("%d of %d places taken", sess.Signups, sess.Capacity)
		}
	}
	row.set(when+"  "+sess.Title,
		joinNonEmpty(" · ", label(sessionKindLabels, sess.Kind), sess.Room, joinNonEmpty(", ", speakers...), signups))
}

// twoLineRow is a list row with a bold first line and a quieter second.
type twoLineRow struct {
	widget.BaseWidget
	first, second *widget.Label
}

func newTwoLineRow() *twoLineRow {
	r := &twoLineRow{
		first:  &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		second: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *twoLineRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(tightVBox(), r.first, r.second))
}

func (r *twoLineRow) set(first, second string) {
	r.first.SetText(first)
	r.second.SetText(second)
}
