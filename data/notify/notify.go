// Package notify works out what Fairdesk announces and when: reminders of
// upcoming sessions, visitors at the user's booth, full sessions and
// unstaffed booths for organisers. It reads only the local database,
// through Source, and takes the time as a parameter: nothing here sleeps or
// reads the wall clock, so tests run it at any instant they like.
//
// Exactly once: each notification names the keys it announces (kind,
// subject, instant), and the store claims them in a persistent ledger in
// the same transaction that keeps the notification in the centre. A
// restart, a second sync of the same visit or an edit of a session's title
// finds its key claimed; a session moved to a new start has a new key and
// is announced again.
//
// After a sleep (more than GapAfter since the last run), what fell due
// while away is not fired one by one: one summary lists it, and sessions
// that have started are never announced as upcoming.
package notify

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// Kinds of notification. The desktop gate switches each on or off.
const (
	KindSession   = "session"   // a session the user follows starts soon
	KindVisit     = "visit"     // a visit to the user's booth, logged on another laptop
	KindWanted    = "wanted"    // someone on the booth's "want to meet" list checked in
	KindVisitors  = "visitors"  // a digest of several visits and arrivals
	KindCapacity  = "capacity"  // a session reached its capacity (organisers)
	KindUnstaffed = "unstaffed" // booths with no staff checked in after opening (organisers)
	KindMeeting   = "meeting"   // a meeting at the user's booth, or of a host they follow, starts soon
	// KindMeetingArrival: the job seeker of a meeting to come at the
	// user's booth checked in at the desk.
	KindMeetingArrival = "meeting_checkin"
	KindMissed         = "missed" // the summary of what fell due while away
	KindTest           = "test"   // a test notification from Settings
)

// Timings.
const (
	DefaultLead = 10 * time.Minute
	// GapAfter: a longer time since the last run means the laptop slept
	// or Fairdesk was closed. The app runs every 20 seconds.
	GapAfter = 2 * time.Minute
	// ArrivalWindow: visits and check-ins older than this are history, not news.
	ArrivalWindow = 2 * time.Hour
	// Lookback bounds how far back a summary of missed notifications reaches.
	Lookback = 12 * time.Hour
	// UnstaffedAfter: booths should have staff checked in this long after opening.
	UnstaffedAfter = 15 * time.Minute
	// CapacityAhead: full sessions are reported this far ahead, and while
	// they run (up to CapacityBehind after their start).
	CapacityAhead  = time.Hour
	CapacityBehind = time.Hour
	// MeetingLead: meetings are announced this long before they start,
	// whatever the lead chosen for sessions: a one-to-one is a few steps
	// away, a session may be across the venue.
	MeetingLead = 5 * time.Minute
)

// LeadTimes are the reminder lead times the user can choose from.
var LeadTimes = []time.Duration{5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute}

// Source is what the scheduler needs from the database; *data.Store has it.
type Source interface {
	NotifyFacts(ctx context.Context, q data.NotifyQuery) (data.NotifyFacts, error)
	LastNotifyTick(ctx context.Context) (time.Time, error)
	RecordNotifications(ctx context.Context, drafts []data.NotificationDraft, tick time.Time) ([]data.Notification, error)
}

var _ Source = (*data.Store)(nil)

// Options are the user's choices.
type Options struct {
	Lead        time.Duration // DefaultLead when zero
	AllSessions bool          // remind of every session (organisers), not only followed ones
	Me          string        // the user's person id: the sessions they speak at

	Booth     string // the booth whose staff the user is (exhibitor mode): its id
	BoothCode string // and its code, for the text

	Organiser bool // full sessions and unstaffed booths

	// FollowedHosts are the hosts (booth or person ids) whose meetings
	// the user is reminded of, besides those at their own booth.
	FollowedHosts []string

	Local *time.Location // the laptop's zone, for times in the text; time.Local when nil
}

func (o Options) lead() time.Duration {
	if o.Lead <= 0 {
		return DefaultLead
	}
	return o.Lead
}

func (o Options) local() *time.Location {
	if o.Local == nil {
		return time.Local
	}
	return o.Local
}

// Due works out what to announce at now, given the last run (zero when
// there was none). It claims nothing: Scheduler.Tick records what it
// returns; fairctl reminders prints it.
func Due(ctx context.Context, src Source, now, last time.Time, o Options) ([]data.NotificationDraft, error) {
	now = now.Truncate(time.Second)
	lead := o.lead()
	gap := !last.IsZero() && now.Sub(last) > GapAfter
	sessionsFrom := now
	if gap {
		// Sessions that started while away are in the summary, never upcoming.
		sessionsFrom = last
		if back := now.Add(-Lookback); sessionsFrom.Before(back) {
			sessionsFrom = back
		}
	}
	q := data.NotifyQuery{
		SessionsFrom: sessionsFrom, SessionsUntil: now.Add(lead), AllSessions: o.AllSessions, Me: o.Me,
		Booth: o.Booth, ArrivalsFrom: now.Add(-ArrivalWindow), Now: now,
		Organiser: o.Organiser, CapacityFrom: now.Add(-CapacityBehind), CapacityUntil: now.Add(CapacityAhead),
		MeetingsFrom: sessionsFrom, MeetingsUntil: now.Add(MeetingLead), Hosts: o.FollowedHosts,
	}
	ev, _ := eventOf(ctx, src)
	if o.Organiser && ev != nil && !ev.Starts.IsZero() {
		due := ev.Starts.Add(UnstaffedAfter)
		if !now.Before(due) && (ev.Ends.IsZero() || now.Before(ev.Ends)) && (gap || now.Sub(due) < Lookback) {
			q.UnstaffedAt = due
		}
	}
	facts, err := src.NotifyFacts(ctx, q)
	if err != nil {
		return nil, err
	}
	w := writer{now: now, o: o, local: o.local(), zone: o.local()}
	if facts.HasEvent {
		w.zone = facts.Event.Location() // loaded once: LoadLocation reads a file
	}

	var out, missed []data.NotificationDraft
	for _, s := range facts.Sessions {
		reminded := s.Followed || s.Speaking || o.AllSessions
		if !reminded {
			continue
		}
		d := w.sessionReminder(s)
		fire := s.Starts.Add(-lead)
		switch {
		case !s.Starts.After(now):
			missed = append(missed, w.missedSession(s, d))
		case gap && fire.Before(now.Add(-GapAfter)):
			missed = append(missed, d)
		default:
			out = append(out, d)
		}
	}
	for _, m := range facts.Meetings {
		d := w.meetingReminder(m)
		switch {
		case !m.Starts.After(now):
			missed = append(missed, w.missedMeeting(m, d))
		case gap && m.Starts.Add(-MeetingLead).Before(now.Add(-GapAfter)):
			missed = append(missed, d)
		default:
			out = append(out, d)
		}
	}
	if arrivals := w.arrivals(facts.Arrivals); arrivals != nil {
		if gap {
			missed = append(missed, *arrivals)
		} else {
			out = append(out, *arrivals)
		}
	}
	for _, f := range facts.Full {
		d := w.full(f)
		if gap {
			missed = append(missed, d)
		} else {
			out = append(out, d)
		}
	}
	if len(facts.Unstaffed) > 0 {
		d := w.unstaffed(facts.Unstaffed, q.UnstaffedAt)
		if gap {
			missed = append(missed, d)
		} else {
			out = append(out, d)
		}
	}
	if len(missed) > 0 {
		out = append([]data.NotificationDraft{w.summary(missed, last)}, out...)
	}
	return out, nil
}

func eventOf(ctx context.Context, src Source) (*data.Event, error) {
	// The event comes with the facts; the unstaffed check needs it first.
	if es, ok := src.(interface {
		Event(context.Context) (data.Event, error)
	}); ok {
		ev, err := es.Event(ctx)
		if err != nil {
			return nil, err
		}
		return &ev, nil
	}
	return nil, nil
}

// Scheduler runs Due and records its result: the ledger, the centre and
// the time of the run, in one transaction.
type Scheduler struct {
	Source  Source
	Options Options
}

// Tick works out what is due at now and records it; it returns what was
// newly recorded, which is what the desktop should show.
func (s *Scheduler) Tick(ctx context.Context, now time.Time) ([]data.Notification, error) {
	last, err := s.Source.LastNotifyTick(ctx)
	if err != nil {
		return nil, err
	}
	if now.Before(last) {
		last = time.Time{} // the clock went back: no gap to summarise
	}
	drafts, err := Due(ctx, s.Source, now, last, s.Options)
	if err != nil {
		return nil, err
	}
	return s.Source.RecordNotifications(ctx, drafts, now)
}

// writer makes the text.
type writer struct {
	now   time.Time
	o     Options
	local *time.Location // the laptop's
	zone  *time.Location // the event's
}

// when is a start in the laptop's local time, and in the event's time
// when that reads differently.
func (w writer) when(t time.Time) string {
	layout := "15:04"
	if !w.sameDay(t) {
		layout = "Mon 2 Jan 15:04"
	}
	local, event := t.In(w.local), t.In(w.zone)
	_, lo := local.Zone()
	if _, eo := event.Zone(); lo != eo {
		return fmt.Sprintf("%s your time (%s event time, %s)", local.Format(layout), event.Format("15:04"), event.Location())
	}
	return local.Format(layout)
}

func (w writer) sameDay(t time.Time) bool {
	a, b := t.In(w.local), w.now.In(w.local)
	return a.YearDay() == b.YearDay() && a.Year() == b.Year()
}

func where(s data.Session) string {
	if s.Room != "" {
		return s.Room
	}
	return s.Link
}

func (w writer) sessionReminder(s data.DueSession) data.NotificationDraft {
	mins := int(math.Ceil(s.Starts.Sub(w.now).Minutes()))
	body := fmt.Sprintf("Starts at %s (in %d min)", w.when(s.Starts), mins)
	if p := where(s.Session); p != "" {
		body += " · " + p
	}
	if s.Speaking {
		body += " · you are speaking"
	}
	return data.NotificationDraft{Keys: []data.NotifyKey{{Kind: KindSession, Subject: s.ID, Instant: s.Starts}},
		Kind: KindSession, Title: s.Title, Body: body, TargetKind: "session", TargetID: s.ID}
}

func (w writer) missedSession(s data.DueSession, d data.NotificationDraft) data.NotificationDraft {
	d.Body = fmt.Sprintf("Started at %s", w.when(s.Starts))
	if p := where(s.Session); p != "" {
		d.Body += " · " + p
	}
	return d
}

func personText(p data.PersonRow) string {
	name := p.DisplayName()
	if p.KanjiName != "" && p.KanjiName != name {
		name += " (" + p.KanjiName + ")"
	}
	if p.OrgName != "" {
		name += ", " + p.OrgName
	}
	return name
}

func (w writer) booth() string {
	if w.o.BoothCode != "" {
		return "booth " + w.o.BoothCode
	}
	return "your booth"
}

func (w writer) arrivalLine(a data.DueArrival) string {
	at := a.At.In(w.local).Format("15:04")
	if m := a.Meeting; m != nil {
		line := fmt.Sprintf("%s checked in at %s for the %s meeting", personText(a.Person), at, w.clock(m.Starts))
		if m.Place != "" {
			line += " at " + m.Place
		}
		if a.Wanted {
			line += " (on your want-to-meet list)"
		}
		return line
	}
	if a.Wanted {
		return fmt.Sprintf("%s checked in at %s (on your want-to-meet list)", personText(a.Person), at)
	}
	return fmt.Sprintf("%s visited at %s (logged on %s)", personText(a.Person), at, a.Laptop)
}

// namelessLine is arrivalLine for the lock screen: who it was stays in
// the app.
func (w writer) namelessLine(a data.DueArrival) string {
	at := a.At.In(w.local).Format("15:04")
	if a.Meeting != nil {
		return fmt.Sprintf("The job seeker of your %s meeting checked in at %s", w.clock(a.Meeting.Starts), at)
	}
	if a.Wanted {
		return fmt.Sprintf("Someone on your want-to-meet list checked in at %s", at)
	}
	return fmt.Sprintf("A visitor checked in at %s at %s (logged on %s)", w.booth(), at, a.Laptop)
}

func (w writer) arrivals(list []data.DueArrival) *data.NotificationDraft {
	if len(list) == 0 {
		return nil
	}
	var keys []data.NotifyKey
	var lines, nameless []string
	for _, a := range list {
		keys = append(keys, arrivalKeys(a)...)
		lines = append(lines, w.arrivalLine(a))
		nameless = append(nameless, w.namelessLine(a))
	}
	if len(list) == 1 {
		a := list[0]
		d := data.NotificationDraft{Keys: keys, Kind: KindVisit, Title: "Visitor at " + w.booth(),
			Body: w.arrivalLine(a), TargetKind: "person", TargetID: a.Person.ID}
		switch {
		case a.Meeting != nil && a.Meeting.Next:
			d.Kind, d.Title, d.TargetKind, d.TargetID = KindMeetingArrival, "Your next visitor has checked in", "booth", w.o.Booth
		case a.Meeting != nil:
			d.Kind, d.Title, d.TargetKind, d.TargetID = KindMeetingArrival,
				fmt.Sprintf("Your visitor for %s has checked in", w.clock(a.Meeting.Starts)), "booth", w.o.Booth
		case a.Wanted:
			d.Kind, d.Title = KindWanted, "Someone you want to meet is here"
		}
		d.Nameless = &data.NamelessText{Title: d.Title, Body: nameless[0]}
		return &d
	}
	title := fmt.Sprintf("%d visitors for %s", len(list), w.booth())
	return &data.NotificationDraft{Keys: keys, Kind: KindVisitors, Title: title,
		Body: bulleted(lines, 6), TargetKind: "booth", TargetID: w.o.Booth,
		Nameless: &data.NamelessText{Title: title, Body: bulleted(nameless, 6)}}
}

// arrivalKeys are what an arrival announces: a visit, or a check-in as
// someone on the want-to-meet list, as the job seeker of a meeting, or both.
func arrivalKeys(a data.DueArrival) []data.NotifyKey {
	var keys []data.NotifyKey
	if a.Wanted {
		keys = append(keys, data.NotifyKey{Kind: KindWanted, Subject: a.ID, Instant: a.At})
	}
	if a.Meeting != nil {
		keys = append(keys, data.NotifyKey{Kind: KindMeetingArrival, Subject: a.ID, Instant: a.At})
	}
	if len(keys) == 0 {
		keys = append(keys, data.NotifyKey{Kind: KindVisit, Subject: a.ID, Instant: a.At})
	}
	return keys
}

// clock is a time of day on the laptop's clock.
func (w writer) clock(t time.Time) string { return t.In(w.local).Format("15:04") }

// meetingReminder says a meeting starts soon: with whom (and, for a host
// the user follows, who hosts), when, where. The nameless text names the
// booth, never a person.
func (w writer) meetingReminder(m data.DueMeeting) data.NotificationDraft {
	mins := int(math.Ceil(m.Starts.Sub(w.now).Minutes()))
	// The title names them, the body says what they do: a title longer
	// than a line is cut on the desktop and in the bell.
	who := m.Seeker.DisplayName()
	if k := m.Seeker.KanjiName; k != "" && k != who {
		who += " (" + k + ")"
	}
	if who == "" {
		who = "a job seeker"
	}
	title := fmt.Sprintf("Meeting in %d min: %s", mins, who)
	nameless := fmt.Sprintf("Meeting in %d min at %s", mins, w.booth())
	if !m.AtBooth {
		title = fmt.Sprintf("Meeting in %d min: %s with %s", mins, m.HostName, who)
		nameless = fmt.Sprintf("Meeting in %d min of a host you follow", mins)
		if m.BoothID != "" {
			nameless = fmt.Sprintf("Meeting in %d min at %s", mins, m.HostName)
		}
	}
	body := w.meetingWhen(m.Meeting)
	d := data.NotificationDraft{Keys: []data.NotifyKey{{Kind: KindMeeting, Subject: m.ID, Instant: m.Starts}},
		Kind: KindMeeting, Title: title, Body: body, Nameless: &data.NamelessText{Title: nameless, Body: body}}
	if job := joinNonEmpty(", ", m.Seeker.JobTitle, m.Seeker.OrgName); job != "" {
		d.Body += "\n" + job
	}
	d.TargetKind, d.TargetID = "person", m.HostID
	if m.BoothID != "" {
		d.TargetKind, d.TargetID = "booth", m.BoothID
	}
	return d
}

// meetingWhen is a meeting's time and place, the place a table, a room
// or a video link; the time is on the laptop's clock, and in the event's
// time too when that reads differently (a booth staffed from abroad).
func (w writer) meetingWhen(m data.Meeting) string {
	text := w.clock(m.Starts) + "–" + w.clock(m.Ends)
	_, lo := m.Starts.In(w.local).Zone()
	if _, eo := m.Starts.In(w.zone).Zone(); lo != eo {
		text += fmt.Sprintf(" (%s–%s event time)", m.Starts.In(w.zone).Format("15:04"), m.Ends.In(w.zone).Format("15:04"))
	}
	if p := cmp.Or(m.Place, m.Link); p != "" {
		text += " · " + p
	}
	return text
}

func (w writer) missedMeeting(m data.DueMeeting, d data.NotificationDraft) data.NotificationDraft {
	d.Body = "Started at " + w.meetingWhen(m.Meeting)
	d.Nameless.Body = d.Body
	return d
}

func (w writer) full(f data.FullSession) data.NotificationDraft {
	body := fmt.Sprintf("%d of %d places taken · starts at %s", f.Count, f.Capacity, w.when(f.Starts))
	if p := where(f.Session); p != "" {
		body += " · " + p
	}
	return data.NotificationDraft{Keys: []data.NotifyKey{{Kind: KindCapacity, Subject: f.ID, Instant: f.Starts}},
		Kind: KindCapacity, Title: "Session full: " + f.Title, Body: body, TargetKind: "session", TargetID: f.ID}
}

func (w writer) unstaffed(booths []data.Booth, due time.Time) data.NotificationDraft {
	var keys []data.NotifyKey
	var lines []string
	for _, b := range booths {
		keys = append(keys, data.NotifyKey{Kind: KindUnstaffed, Subject: b.ID, Instant: due})
		lines = append(lines, strings.TrimSpace(b.Code+" "+b.Name))
	}
	title := "No staff checked in at booth " + lines[0]
	if len(booths) > 1 {
		title = fmt.Sprintf("No staff checked in at %d booths", len(booths))
	}
	return data.NotificationDraft{Keys: keys, Kind: KindUnstaffed, Title: title,
		Body:       fmt.Sprintf("%d minutes after opening: %s", int(UnstaffedAfter.Minutes()), strings.Join(lines, ", ")),
		TargetKind: "booth", TargetID: booths[0].ID}
}

// summary is one notification for everything that fell due while away.
func (w writer) summary(missed []data.NotificationDraft, last time.Time) data.NotificationDraft {
	var keys []data.NotifyKey
	var lines, nameless []string
	named := false
	for _, m := range missed {
		keys = append(keys, m.Keys...)
		lines = append(lines, m.Title+": "+strings.ReplaceAll(m.Body, "\n", "; "))
		title, body := m.Title, m.Body
		if m.Nameless != nil {
			title, body, named = m.Nameless.Title, m.Nameless.Body, true
		}
		nameless = append(nameless, title+": "+strings.ReplaceAll(body, "\n", "; "))
	}
	slices.SortStableFunc(keys, func(a, b data.NotifyKey) int { return a.Instant.Compare(b.Instant) })
	title := fmt.Sprintf("While Fairdesk was away: %d missed", len(missed))
	if !last.IsZero() {
		title = fmt.Sprintf("While Fairdesk was away (since %s): %d missed", last.In(w.local).Format("15:04"), len(missed))
	}
	d := data.NotificationDraft{Keys: keys, Kind: KindMissed, Title: title, Body: bulleted(lines, 8)}
	if named {
		d.Nameless = &data.NamelessText{Title: title, Body: bulleted(nameless, 8)}
	}
	if len(missed) == 1 {
		d.TargetKind, d.TargetID = missed[0].TargetKind, missed[0].TargetID
	}
	return d
}

func bulleted(lines []string, most int) string {
	var b strings.Builder
	for i, l := range lines {
		if i == most {
			fmt.Fprintf(&b, "… and %d more", len(lines)-most)
			break
		}
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("• " + l)
	}
	return b.String()
}

// Line is a notification as one line of text, for fairctl reminders.
func Line(d data.NotificationDraft) string {
	return d.Kind + "\t" + d.Title + "\t" + strings.ReplaceAll(d.Body, "\n", " ")
}

// joinNonEmpty joins the parts that have text with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
