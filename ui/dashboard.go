package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// dashboardScreen is the event at a glance: what, when, where, how many;
// the sessions on today and next; who registered, by role and by kind of
// organisation; the booths and their staff.
type dashboardScreen struct {
	dashboardDeps
	now func() time.Time // the clock; tests set their own

	name     *widget.Label
	when     *widget.Label
	where    *widget.Label
	people   *widget.Card
	sessions *widget.Card
	booths   *widget.Card
	problem  *widget.Label

	onNow      *widget.Label
	deskNow    *widget.Label // checked in now, arrived, registered
	byHour     *barChart     // first arrivals per hour
	next       *widget.Label
	today      *widget.Label
	roles      *barChart
	orgKinds   *barChart
	statsCards *fyne.Container
	staffing   *widget.Label
	body       *fyne.Container
	content    fyne.CanvasObject
}

// dashboardStore is what the dashboard reads.
type dashboardStore interface {
	Event(ctx context.Context) (data.Event, error)
	CountPeople(ctx context.Context, f data.PeopleFilter) (int, error)
	Sessions(ctx context.Context) ([]data.SessionRow, error)
	Booths(ctx context.Context) ([]data.BoothRow, error)
	PeopleStats(ctx context.Context) (data.PeopleStats, error)
	Arrivals(ctx context.Context, loc *time.Location) (data.Arrivals, error)
	Attendance(ctx context.Context, sessionID string) (data.SessionAttendance, error)
}

// dashboardEvery is how often the dashboard reads the day again while it
// shows: check-ins on this laptop and those synced from others.
const dashboardEvery = 10 * time.Second

type dashboardDeps struct {
	screenEnv
	store dashboardStore
	// every is how often the dashboard reads the day again while shown
	// (active), so that an organiser can watch it; zero: only on refresh.
	every  time.Duration
	active func() bool
}

func newDashboardScreen(d dashboardDeps) *dashboardScreen {
	s := &dashboardScreen{dashboardDeps: d, now: time.Now}
	s.buildUI()
	if d.every > 0 && d.active != nil {
		go refreshWhileShown(s.screenEnv, d.every, d.active, s.refresh)
	}
	return s
}

func (s *dashboardScreen) buildUI() {
	s.name = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	s.when = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.where = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.people = &widget.Card{Title: "…", Subtitle: lang.L("people")}
	s.sessions = &widget.Card{Title: "…", Subtitle: lang.L("sessions")}
	s.booths = &widget.Card{Title: "…", Subtitle: lang.L("booths")}
	s.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	s.problem.Hide()
	counts := container.NewGridWithColumns(3, s.people, s.sessions, s.booths)

	s.onNow = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	s.next = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.today = &widget.Label{Wrapping: fyne.TextWrapWord}
	agenda := &widget.Card{Title: lang.L("Sessions today and next"), Content: container.NewVBox(s.onNow, s.next, s.today)}
	s.deskNow = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	s.byHour = newBarChart()
	desk := &widget.Card{Title: lang.L("At the welcome desk"), Content: container.NewVBox(s.deskNow, s.byHour)}

	s.roles = newBarChart()
	s.orgKinds = newBarChart()
	// One above the other: side by side, the two charts' labels alone made
	// the window wider than an 800x600 screen.
	s.statsCards = container.NewVBox(
		&widget.Card{Title: lang.L("People by role"), Content: s.roles},
		&widget.Card{Title: lang.L("People by organisation"), Content: s.orgKinds})
	s.staffing = &widget.Label{Wrapping: fyne.TextWrapWord}
	booths := &widget.Card{Title: lang.L("Booths and their staff"), Content: s.staffing}
	s.body = container.NewVBox(s.name, s.when, s.where, counts, s.problem, desk, agenda, s.statsCards, booths)
	s.content = container.NewVScroll(s.body)
}

type dashboardFacts struct {
	event       data.Event
	hasEvent    bool
	people      int
	sessionRows []data.SessionRow
	boothRows   []data.BoothRow
	stats       data.PeopleStats
	arrivals    data.Arrivals
	attendance  map[string]data.SessionAttendance // the sessions running now, by ID
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
			facts.sessionRows, err = s.store.Sessions(ctx)
		}
		if err == nil {
			facts.boothRows, err = s.store.Booths(ctx)
		}
		if err == nil {
			facts.stats, err = s.store.PeopleStats(ctx)
		}
		if err == nil {
			facts.arrivals, err = s.store.Arrivals(ctx, event.Location())
		}
		facts.attendance = map[string]data.SessionAttendance{}
		for _, sess := range facts.sessionRows {
			if err == nil && runningAt(sess, s.now()) {
				facts.attendance[sess.ID], err = s.store.Attendance(ctx, sess.ID)
			}
		}
		s.do(func() { s.show(facts, err) })
	}()
}

func (s *dashboardScreen) show(f dashboardFacts, err error) {
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.problem.SetText(fmt.Sprintf(lang.L("Could not read the event (%v). Restart Fairdesk; if it keeps happening, keep a copy of the database file."), err))
			s.problem.Show()
		}
		return
	}
	s.problem.Hide()
	if !f.hasEvent {
		s.name.SetText(lang.L("No event set up yet"))
		s.when.SetText(lang.L("Open Settings to give the event a name, dates and a time zone."))
		s.where.SetText("")
	} else {
		s.name.SetText(f.event.Name)
		s.when.SetText(eventWhen(f.event))
		s.where.SetText(eventWhere(f.event))
	}
	s.people.SetTitle(groupThousands(f.people))
	s.people.SetSubTitle(lang.L(plural(f.people, "person", "people")))
	s.sessions.SetTitle(groupThousands(len(f.sessionRows)))
	s.sessions.SetSubTitle(lang.L(plural(len(f.sessionRows), "session", "sessions")))
	s.booths.SetTitle(groupThousands(len(f.boothRows)))
	s.booths.SetSubTitle(lang.L(plural(len(f.boothRows), "booth", "booths")))
	s.showDesk(f.arrivals, f.people)
	s.showAgenda(f.sessionRows, f.event.Location(), f.attendance)
	s.showStats(f.stats)
	s.staffing.SetText(staffingText(f.boothRows))
	s.body.Refresh() // lines and charts changed height
}

// showAgenda says what is on now, what is next and what runs today, on
// the event's clock. Before or after the event "next" is the first
// session still to come, if any.
func (s *dashboardScreen) showAgenda(sessions []data.SessionRow, loc *time.Location, attendance map[string]data.SessionAttendance) {
	now := s.now().In(loc)
	var on, today []string
	var next *data.SessionRow
	for i, sess := range sessions {
		start := sess.Starts.In(loc)
		line := timeRange(sess.Session, loc, false) + "  " + joinNonEmpty(" · ", sess.Title, sess.Room)
		if sameDay(start, now) {
			today = append(today, line)
		}
		if runningAt(sess, now) {
			on = append(on, line+" — "+attendanceText(attendance[sess.ID]))
		}
		if sess.Starts.After(now) && (next == nil || sess.Starts.Before(next.Starts)) {
			next = &sessions[i]
		}
	}
	if len(on) > 0 {
		s.onNow.SetText(lang.L("On now:") + "\n" + strings.Join(on, "\n"))
		s.onNow.Show()
	} else {
		s.onNow.Hide()
	}
	switch {
	case next == nil && len(sessions) == 0:
		s.next.SetText(lang.L("No sessions on the agenda yet."))
	case next == nil:
		last := sessions[len(sessions)-1]
		s.next.SetText(fmt.Sprintf(lang.L("No more sessions to come: the last, “%s”, began %s."), last.Title,
			formatTime(last.Starts.In(loc), "Monday 2 January 2006 at 15:04")))
	default:
		start := next.Starts.In(loc)
		when := start.Format("15:04")
		if !sameDay(start, now) {
			when = formatTime(start, "Monday 2 January 2006, 15:04")
		}
		s.next.SetText(fmt.Sprintf(lang.L("Next: %s at %s (%s), in %s"), next.Title, when, loc.String(), untilText(next.Starts.Sub(now))))
	}
	if len(today) == 0 {
		s.today.SetText(fmt.Sprintf(lang.L("No sessions today (%s)."), formatTime(now, "Monday 2 January")))
	} else {
		s.today.SetText(fmt.Sprintf(lang.L("Today (%s):"), formatTime(now, "Monday 2 January")) + "\n" + strings.Join(today, "\n"))
	}
}

// runningAt says whether sess is on at now: started, and not yet over.
func runningAt(sess data.SessionRow, now time.Time) bool {
	end := sess.Ends
	if end.IsZero() {
		end = sess.Starts
	}
	return !sess.Starts.After(now) && end.After(now)
}

// attendanceText is "12 present of 40 places", or "12 present" with no limit.
func attendanceText(a data.SessionAttendance) string {
	if a.Capacity > 0 {
		return fmt.Sprintf(lang.L("%d present of %d places"), a.Count, a.Capacity)
	}
	return fmt.Sprintf(lang.L("%d present"), a.Count)
}

// showDesk is the welcome desk's day: in now, arrived of registered, and
// the first arrivals per hour on the event's clock.
func (s *dashboardScreen) showDesk(a data.Arrivals, registered int) {
	s.deskNow.SetText(fmt.Sprintf(lang.L("%s checked in now · %s arrived of %s registered"),
		groupThousands(a.In), groupThousands(a.Arrived), groupThousands(registered)))
	if len(a.ByHour) == 0 {
		s.byHour.Hide()
		return
	}
	var bars []chartBar
	for _, h := range a.ByHour {
		bars = append(bars, chartBar{Label: h.Start.Format("15:04"), Value: h.Count})
	}
	s.byHour.setBars(bars)
	s.byHour.Show()
}

// untilText says how long until something, roughly: 25 minutes, 3 hours, 12 days.
func untilText(d time.Duration) string {
	switch {
	case d < time.Minute:
		return lang.L("under a minute")
	case d < 2*time.Hour:
		return countOf(int(d.Minutes()), lang.L("minute"), lang.L("minutes"))
	case d < 48*time.Hour:
		return countOf(int(d.Hours()), lang.L("hour"), lang.L("hours"))
	}
	return countOf(int(d.Hours()/24), lang.L("day"), lang.L("days"))
}

func (s *dashboardScreen) showStats(st data.PeopleStats) {
	var roles []chartBar
	for _, c := range st.ByRole {
		roles = append(roles, chartBar{Label: lang.L(label(roleLabels, data.Role(c.Code))), Value: c.Count})
	}
	if st.NoRole > 0 {
		roles = append(roles, chartBar{Label: lang.L("No role given"), Value: st.NoRole})
	}
	s.roles.setBars(roles)
	var kinds []chartBar
	for _, c := range st.ByOrgKind {
		kinds = append(kinds, chartBar{Label: lang.L(label(orgKindLabels, data.OrgKind(c.Code))), Value: c.Count})
	}
	kinds = append(kinds, chartBar{Label: lang.L("No organisation"), Value: st.NoOrg})
	s.orgKinds.setBars(kinds)
}

// staffingText counts the booths and their staff and names the booths
// still without anyone.
func staffingText(booths []data.BoothRow) string {
	if len(booths) == 0 {
		return lang.L("No booths yet. Add them under Exhibitors and booths.")
	}
	staff := map[string]bool{}
	var empty []string
	for _, b := range booths {
		for _, id := range b.Staff {
			staff[id] = true
		}
		if len(b.Staff) == 0 {
			empty = append(empty, b.Code)
		}
	}
	text := fmt.Sprintf(lang.L("%s staffed by %s."), countOf(len(booths), lang.L("booth"), lang.L("booths")),
		countOf(len(staff), lang.L("person"), lang.L("people")))
	switch {
	case len(empty) == 0:
		text += " " + lang.L("Every booth has staff.")
	case len(empty) <= 12:
		text += " " + fmt.Sprintf(lang.L("No staff yet at %s."), strings.Join(empty, ", "))
	default:
		text += " " + fmt.Sprintf(lang.L("%d booths have no staff yet."), len(empty))
	}
	return text
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
		venue = lang.L("Venue:") + " " + e.Venue
	}
	online := joinNonEmpty(" — ", e.Platform, e.Link)
	if online != "" {
		online = lang.L("Online platform:") + " " + online
	}
	where := joinNonEmpty("\n", venue, online)
	if where == "" {
		return lang.L("No venue or online platform set yet")
	}
	return where
}
