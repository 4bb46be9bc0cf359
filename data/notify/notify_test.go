package notify_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/notify"
)

var london = datatest.London

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

type fair struct {
	t     *testing.T
	path  string
	clock *datatest.Clock // the store stamps rows with it, the test hands it to Tick
	st    *data.Store
	sched *notify.Scheduler

	// desk is another laptop, which logs visits that reach st as a sync
	// would bring them (deskVisit); toDesk and fromDesk are how far each
	// has been relayed to the other.
	desk             *data.Store
	toDesk, fromDesk int64
}

func at(day, hhmm string) time.Time {
	layout := "2006-01-02 15:04"
	if len(hhmm) > 5 {
		layout += ":05"
	}
	t, err := time.ParseInLocation(layout, day+" "+hhmm, london)
	if err != nil {
		panic(err)
	}
	return t
}

// newFair is an event on 23 October 2026, 10:00-16:00 in London.
func newFair(t *testing.T) *fair {
	t.Helper()
	f := &fair{t: t, path: filepath.Join(t.TempDir(), "event.db"), clock: datatest.NewClock(at("2026-10-23", "09:00"))}
	f.open()
	f.check(f.st.SaveEvent(context.Background(), &data.Event{Name: "Alumni Careers Fair", TimeZone: "Europe/London",
		Starts: at("2026-10-23", "10:00"), Ends: at("2026-10-23", "16:00")}))
	return f
}

func (f *fair) open() {
	f.t.Helper()
	st := datatest.OpenAt(f.t, f.path, f.clock.Now)
	f.st = st
	f.sched = &notify.Scheduler{Source: st, Options: notify.Options{Local: london}}
}

func (f *fair) reopen() {
	f.t.Helper()
	f.check(f.st.Close())
	opts := f.sched.Options
	f.open()
	f.sched.Options = opts
}

func (f *fair) check(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fair) session(title string, starts time.Time, follow bool) *data.Session {
	f.t.Helper()
	s := &data.Session{Title: title, Starts: starts, Ends: starts.Add(45 * time.Minute), Room: "Main stage"}
	f.check(f.st.SaveSession(context.Background(), s, nil))
	if follow {
		f.check(f.st.FollowSession(context.Background(), s.ID, true))
	}
	return s
}

// tick runs the scheduler at t and returns what it recorded.
func (f *fair) tick(t time.Time) []data.Notification {
	f.t.Helper()
	f.clock.Set(t)
	got, err := f.sched.Tick(context.Background(), t)
	f.check(err)
	return got
}

func (f *fair) expect(t time.Time, want ...string) []data.Notification {
	f.t.Helper()
	got := f.tick(t)
	var titles []string
	for _, n := range got {
		titles = append(titles, n.Title)
	}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		f.t.Fatalf("at %s: got %q, want %q", t.In(london).Format("2006-01-02 15:04:05 MST"), titles, want)
	}
	return got
}

func TestLeadTimes(t *testing.T) {
	for _, lead := range notify.LeadTimes {
		t.Run(lead.String(), func(t *testing.T) {
			f := newFair(t)
			f.sched.Options.Lead = lead
			start := at("2026-10-23", "11:00")
			f.session("Working in Japan", start, true)
			f.session("Not followed", start, false)
			f.expect(start.Add(-lead - time.Second))
			got := f.expect(start.Add(-lead), "Working in Japan")
			want := "Starts at 11:00 (in " + strconv.Itoa(int(lead.Minutes())) + " min) · Main stage"
			if got[0].Body != want || got[0].TargetKind != "session" {
				t.Errorf("body %q, want %q", got[0].Body, want)
			}
			f.expect(start.Add(-lead + 20*time.Second))
			f.expect(start.Add(-time.Second))
		})
	}
}

func TestDefaultLeadIsTenMinutes(t *testing.T) {
	f := newFair(t)
	f.session("Panel", at("2026-10-23", "11:00"), true)
	f.expect(at("2026-10-23", "10:49"))
	f.expect(at("2026-10-23", "10:50"), "Panel")
}

func TestEditDoesNotNotifyTwiceButAMoveDoes(t *testing.T) {
	f := newFair(t)
	s := f.session("Panel", at("2026-10-23", "11:00"), true)
	f.expect(at("2026-10-23", "10:50"), "Panel")
	s.Title, s.Room = "Panel: careers in Japan", "Breakout room A"
	f.check(f.st.SaveSession(context.Background(), s, nil))
	f.expect(at("2026-10-23", "10:50:20"))
	// Moved later: announced again for the new time, and only then.
	s.Starts, s.Ends = at("2026-10-23", "12:00"), at("2026-10-23", "12:45")
	f.check(f.st.SaveSession(context.Background(), s, nil))
	f.expect(at("2026-10-23", "10:50:40"))
	f.expect(at("2026-10-23", "11:49:40"))
	got := f.expect(at("2026-10-23", "11:50"), "Panel: careers in Japan")
	if !strings.Contains(got[0].Body, "12:00") || !strings.Contains(got[0].Body, "Breakout room A") {
		t.Errorf("moved session: %q", got[0].Body)
	}
}

func TestCancelledSessionIsNotAnnounced(t *testing.T) {
	f := newFair(t)
	s := f.session("Panel", at("2026-10-23", "11:00"), true)
	f.expect(at("2026-10-23", "10:40"))
	f.check(f.st.DeleteSession(context.Background(), s.ID))
	f.expect(at("2026-10-23", "10:50"))
	f.expect(at("2026-10-23", "10:50:20"))
	// Unfollowed: not announced either.
	s2 := f.session("Talk", at("2026-10-23", "12:00"), true)
	f.check(f.st.FollowSession(context.Background(), s2.ID, false))
	f.expect(at("2026-10-23", "11:50"))
}

func TestSpeakerAndAllSessions(t *testing.T) {
	f := newFair(t)
	me := data.Person{GivenName: "Hanako", FamilyName: "Sato", Email: "hanako@example.jp"}
	f.check(f.st.SavePerson(context.Background(), &me))
	s := &data.Session{Title: "My talk", Starts: at("2026-10-23", "11:00"), Link: "https://example.org/talk"}
	f.check(f.st.SaveSession(context.Background(), s, []string{me.ID}))
	f.session("Someone else's", at("2026-10-23", "11:00"), false)
	f.sched.Options.Me = me.ID
	got := f.expect(at("2026-10-23", "10:50"), "My talk")
	if !strings.Contains(got[0].Body, "https://example.org/talk") || !strings.Contains(got[0].Body, "you are speaking") {
		t.Errorf("speaker body: %q", got[0].Body)
	}
	f.sched.Options.AllSessions = true
	f.expect(at("2026-10-23", "10:50:20"), "Someone else's")
}

// On Sunday 25 October 2026 London's clocks go back at 02:00 BST to 01:00
// GMT: 01:30 happens twice. Reminders follow the instant, not the reading.
func TestDaylightSavingChange(t *testing.T) {
	f := newFair(t)
	second := time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC) // 01:30 GMT, the second 01:30
	if second.In(london).Format("15:04 MST") != "01:30 GMT" {
		t.Fatalf("test setup: %s", second.In(london))
	}
	f.session("Night owls", second, true)
	morning := time.Date(2026, 10, 25, 9, 0, 0, 0, london) // 09:00 GMT = 09:00 UTC
	f.session("Sunday breakfast", morning, true)
	f.expect(time.Date(2026, 10, 25, 0, 20, 0, 0, time.UTC)) // 01:20 BST: an hour early
	got := f.expect(time.Date(2026, 10, 25, 1, 20, 0, 0, time.UTC), "Night owls")
	if !strings.Contains(got[0].Body, "01:30 (in 10 min)") {
		t.Errorf("body %q", got[0].Body)
	}
	f.expect(time.Date(2026, 10, 25, 7, 50, 0, 0, time.UTC)) // 08:50 the day before's offset: too early
	f.sched.Options.Local = mustZone("Asia/Tokyo")
	got = f.expect(time.Date(2026, 10, 25, 8, 50, 0, 0, time.UTC), "Sunday breakfast")
	if want := "Starts at 18:00 your time (09:00 event time, Europe/London) (in 10 min)"; !strings.HasPrefix(got[0].Body, want) {
		t.Errorf("body %q, want %q", got[0].Body, want)
	}
}

func TestSleepGapGivesOneSummary(t *testing.T) {
	f := newFair(t)
	for _, s := range []struct{ title, hhmm string }{{"A", "11:00"}, {"B", "11:30"}, {"C", "11:40"}, {"D", "12:00"}} {
		f.session(s.title, at("2026-10-23", s.hhmm), true)
	}
	f.expect(at("2026-10-23", "10:40"))
	// The lid closes at 10:40 and opens at 11:33: A and B have started
	// (missed, not upcoming), C's reminder fell due at 11:30 (in the gap).
	got := f.expect(at("2026-10-23", "11:33"), "While Fairdesk was away (since 10:40): 3 missed")
	body := got[0].Body
	for _, want := range []string{"A: Started at 11:00", "B: Started at 11:30", "C: Starts at 11:40 (in 7 min)"} {
		if !strings.Contains(body, want) {
			t.Errorf("summary lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "D:") {
		t.Errorf("summary has D, not yet due:\n%s", body)
	}
	f.expect(at("2026-10-23", "11:33:20"))
	f.expect(at("2026-10-23", "11:50"), "D")
}

func TestShortGapStillRemindsIndividually(t *testing.T) {
	f := newFair(t)
	f.session("A", at("2026-10-23", "11:00"), true)
	f.expect(at("2026-10-23", "10:49"))
	// Three minutes away, the reminder fell due a minute ago: still a reminder.
	f.expect(at("2026-10-23", "10:52"), "A")
}

func TestNoDuplicatesAcrossRestarts(t *testing.T) {
	f := newFair(t)
	f.session("Panel", at("2026-10-23", "11:00"), true)
	f.expect(at("2026-10-23", "10:50"), "Panel")
	f.reopen()
	f.expect(at("2026-10-23", "10:50:20"))
	// A restart after a long time away: nothing repeats, the session is past.
	f.reopen()
	f.expect(at("2026-10-23", "11:30"))
	list, err := f.st.Notifications(context.Background(), 10)
	f.check(err)
	if len(list) != 1 {
		t.Errorf("centre has %d entries, want 1", len(list))
	}
	n, err := f.st.UnreadNotifications(context.Background())
	f.check(err)
	if n != 1 {
		t.Errorf("unread %d", n)
	}
	f.check(f.st.MarkNotificationsRead(context.Background(), list[0].ID))
	if n, _ = f.st.UnreadNotifications(context.Background()); n != 0 {
		t.Errorf("unread after reading %d", n)
	}
}

func TestSameDraftRecordedTwiceIsKeptOnce(t *testing.T) {
	f := newFair(t)
	d := data.NotificationDraft{Keys: []data.NotifyKey{{Kind: notify.KindVisit, Subject: "v1", Instant: at("2026-10-23", "11:00")}},
		Kind: notify.KindVisit, Title: "Visitor"}
	for i, want := range []int{1, 0} {
		got, err := f.st.RecordNotifications(context.Background(), []data.NotificationDraft{d}, time.Time{})
		f.check(err)
		if len(got) != want {
			t.Errorf("record %d: kept %d, want %d", i, len(got), want)
		}
	}
}

// visitorFair has booth A01, staffed from this laptop ("booth-a01"), and
// visitors logged on the desk laptop ("desk-2", f.desk).
func visitorFair(t *testing.T) (*fair, data.Booth, []data.Person) {
	f := newFair(t)
	ctx := context.Background()
	org := data.Organisation{Name: "Kaisha KK", Kind: data.OrgJapaneseCompany}
	f.check(f.st.SaveOrganisation(ctx, &org))
	booth := data.Booth{Code: "A01", Name: "Kaisha KK", OrgID: org.ID}
	f.check(f.st.SaveBooth(ctx, &booth, nil))
	people := []data.Person{
		{GivenName: "Taro", FamilyName: "Yamada", KanjiName: "山田 太郎", Email: "taro@example.jp"},
		{GivenName: "Alice", FamilyName: "Smith", Email: "alice@example.com"},
		{GivenName: "Bob", FamilyName: "Jones", Email: "bob@example.com"},
	}
	for i := range people {
		f.check(f.st.SavePerson(ctx, &people[i]))
	}
	f.check(f.st.SetLaptopName(ctx, "booth-a01"))
	f.desk = datatest.Open(t, f.clock.Now)
	f.check(f.desk.SetLaptopName(ctx, "desk-2"))
	f.sched.Options.Booth, f.sched.Options.BoothCode = booth.ID, "A01"
	return f, booth, people
}

// deskVisit logs a visit to the booth on the desk laptop and brings it
// here, as a sync would.
func (f *fair) deskVisit(boothID, personID string) {
	f.t.Helper()
	f.toDesk = datatest.Relay(f.t, f.st, f.desk, f.toDesk)
	_, err := f.desk.LogVisitOf(context.Background(), boothID, personID, "")
	f.check(err)
	f.fromDesk = datatest.Relay(f.t, f.desk, f.st, f.fromDesk)
}

func TestVisitorsDigest(t *testing.T) {
	f, booth, people := visitorFair(t)
	ctx := context.Background()
	f.clock.Set(at("2026-10-23", "11:00"))
	f.deskVisit(booth.ID, people[0].ID)
	got := f.expect(at("2026-10-23", "11:00:10"), "Visitor at booth A01")
	if want := "Taro Yamada (山田 太郎) visited at 11:00 (logged on desk-2)"; got[0].Body != want || got[0].TargetID != people[0].ID {
		t.Errorf("visit: %q -> %s, want %q", got[0].Body, got[0].TargetID, want)
	}
	// Two at once and a wanted check-in: one digest.
	f.check(f.st.WantToMeet(ctx, booth.ID, people[2].ID, true))
	f.clock.Set(at("2026-10-23", "11:00:15"))
	f.deskVisit(booth.ID, people[1].ID)
	f.deskVisit(booth.ID, people[0].ID)
	_, err := f.st.CheckInPerson(ctx, people[2].ID, "")
	f.check(err)
	got = f.expect(at("2026-10-23", "11:00:30"), "3 visitors for booth A01")
	for _, want := range []string{"Alice Smith visited", "Taro Yamada (山田 太郎) visited", "Bob Jones checked in at 11:00 (on your want-to-meet list)"} {
		if !strings.Contains(got[0].Body, want) {
			t.Errorf("digest lacks %q:\n%s", want, got[0].Body)
		}
	}
	f.expect(at("2026-10-23", "11:00:50"))
	// A visit logged on this laptop is not news to it; one logged on
	// another laptop of the same name is.
	_, err = f.st.LogVisitOf(ctx, booth.ID, people[1].ID, "")
	f.check(err)
	f.expect(at("2026-10-23", "11:01:10"))
	f.check(f.desk.SetLaptopName(ctx, "booth-a01"))
	f.clock.Set(at("2026-10-23", "11:01:12"))
	f.deskVisit(booth.ID, people[2].ID)
	f.expect(at("2026-10-23", "11:01:15"), "Visitor at booth A01")
	// A wanted person alone.
	f.check(f.st.WantToMeet(ctx, booth.ID, people[1].ID, true))
	f.clock.Set(at("2026-10-23", "11:01:20"))
	_, err = f.st.CheckInPerson(ctx, people[1].ID, "")
	f.check(err)
	f.expect(at("2026-10-23", "11:01:30"), "Someone you want to meet is here")
	// Restarting does not repeat any of it.
	f.reopen()
	f.expect(at("2026-10-23", "11:01:50"))
}

func TestOrganiserAlerts(t *testing.T) {
	f, booth, people := visitorFair(t)
	ctx := context.Background()
	f.sched.Options = notify.Options{Organiser: true, Local: london}
	staffed := data.Booth{Code: "A02", Name: "Staffed Ltd"}
	f.check(f.st.SaveBooth(ctx, &staffed, []string{people[1].ID}))
	f.check(f.st.SaveBooth(ctx, &booth, []string{people[0].ID}))
	s := f.session("Small room", at("2026-10-23", "11:00"), false)
	s.Capacity = 2
	f.check(f.st.SaveSession(ctx, s, nil))
	f.clock.Set(at("2026-10-23", "10:05"))
	_, err := f.st.CheckInPerson(ctx, people[1].ID, "")
	f.check(err)
	f.expect(at("2026-10-23", "10:14"))
	got := f.expect(at("2026-10-23", "10:15"), "No staff checked in at booth A01 Kaisha KK")
	if got[0].TargetID != booth.ID {
		t.Errorf("unstaffed target %s", got[0].TargetID)
	}
	f.expect(at("2026-10-23", "10:15:20"))
	f.check(f.st.SignUp(ctx, s.ID, people[0].ID, true))
	f.expect(at("2026-10-23", "10:15:40"))
	f.check(f.st.SignUp(ctx, s.ID, people[2].ID, true))
	got = f.expect(at("2026-10-23", "10:16"), "Session full: Small room")
	if !strings.HasPrefix(got[0].Body, "2 of 2 places taken") {
		t.Errorf("full: %q", got[0].Body)
	}
	f.expect(at("2026-10-23", "10:16:20"))
}

func TestDueMarksNothing(t *testing.T) {
	f := newFair(t)
	f.session("Panel", at("2026-10-23", "11:00"), true)
	for range 2 {
		drafts, err := notify.Due(context.Background(), f.st, at("2026-10-23", "10:55"), time.Time{}, notify.Options{Local: london})
		f.check(err)
		if len(drafts) != 1 || notify.Line(drafts[0]) != "session\tPanel\tStarts at 11:00 (in 5 min) · Main stage" {
			t.Fatalf("due: %+v", drafts)
		}
	}
}
