package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

var london, tokyo = datatest.London, mustZone("Asia/Tokyo")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// agendaFixture is an event in London with three people who can speak.
func agendaFixture(t *testing.T) (*data.Store, []data.Person) {
	t.Helper()
	st := datatest.Open(t, nil)
	event := data.Event{Name: "Alumni Careers Fair", TimeZone: "Europe/London", Starts: datatest.FairDay(11, 0), Ends: datatest.FairDay(16, 0)}
	if err := st.SaveEvent(context.Background(), &event); err != nil {
		t.Fatal(err)
	}
	people := savePeople(t, st,
		data.Person{GivenName: "Taro", FamilyName: "Yamada", KanjiName: "山田 太郎", Roles: data.NewSet(string(data.RoleSpeaker)), BadgeCode: "S00001"},
		data.Person{GivenName: "Hanako", FamilyName: "Sato", KanjiName: "佐藤 花子", Roles: data.NewSet(string(data.RoleSpeaker)), BadgeCode: "S00002"},
		data.Person{GivenName: "Emma", FamilyName: "Brown", Roles: data.NewSet(string(data.RoleMentor)), BadgeCode: "S00003"},
	)
	return st, people
}

func saveSession(t *testing.T, st *data.Store, s data.Session, speakers ...data.Person) data.Session {
	t.Helper()
	var ids []string
	for _, p := range speakers {
		ids = append(ids, p.ID)
	}
	if err := st.SaveSession(context.Background(), &s, ids); err != nil {
		t.Fatal(err)
	}
	return s
}

func newTestAgenda(t *testing.T, st agendaStore, size fyne.Size) (*agendaScreen, *uiQueue, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	q := newUIQueue()
	s := newAgendaScreen(agendaDeps{screenEnv: q.env(context.Background()), store: st, local: tokyo})
	w := test.NewWindow(s.content)
	w.Resize(size)
	t.Cleanup(w.Close)
	s.refresh()
	q.waitFor(t, "agenda read", func() bool { return s.rows != nil })
	return s, q, w
}

func storedSessions(t *testing.T, st *data.Store) []data.SessionRow {
	t.Helper()
	rows, err := st.Sessions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestAgendaAddEditDeleteSession(t *testing.T) {
	st, people := agendaFixture(t)
	s, q, _ := newTestAgenda(t, st, fyne.NewSize(1000, 700))
	if !strings.HasPrefix(s.summary.Text, "No sessions") {
		t.Errorf("summary %q on an empty agenda", s.summary.Text)
	}

	s.onAdd()
	f := s.form
	if f.date.Text != "2026-10-23" || f.starts.Text != "11:00" {
		t.Errorf("new session starts %q %q, want the event's start", f.date.Text, f.starts.Text)
	}
	test.Type(f.title, "CV clinic")
	f.starts.SetText("")
	test.Type(f.starts, "13:00")
	test.Type(f.ends, "13:45")
	test.Type(f.room, "Breakout room A")
	test.Type(f.capacity, "40")
	test.Type(f.speakers.search, "yam")
	q.waitFor(t, "speaker found", func() bool { return len(f.speakers.found) == 1 })
	f.speakers.results.Select(0)
	test.Type(f.speakers.search, "さとう") // not a speaker's reading: no one
	q.waitFor(t, "no one found", func() bool { return f.speakers.hint.Text == "No one matches “さとう”." })
	f.speakers.search.SetText("")
	test.Type(f.speakers.search, "hanako")
	q.waitFor(t, "second speaker found", func() bool { return len(f.speakers.found) == 1 })
	f.speakers.results.Select(0)
	if len(f.speakers.picked) != 2 {
		t.Fatalf("picked %v, want Taro and Hanako", f.speakers.picked)
	}
	test.Tap(f.dlg.save)
	q.waitFor(t, "session listed", func() bool { return len(s.rows) == 1 })

	rows := storedSessions(t, st)
	got := rows[0]
	if got.Title != "CV clinic" || got.Room != "Breakout room A" || got.Capacity != 40 || len(got.Speakers) != 2 ||
		!got.Starts.Equal(datatest.FairDay(13, 0)) || !got.Ends.Equal(datatest.FairDay(13, 45)) || got.Kind != data.SessionTalk {
		t.Fatalf("stored %+v", got)
	}
	if got.Starts.UTC().Format("15:04") != "12:00" {
		t.Errorf("13:00 in London on 23 October stored as %s UTC, want 12:00 (summer time)", got.Starts.UTC().Format("15:04"))
	}
	row := s.rows[got.ID]
	if row.when.Text != "13:00–13:45" || row.local.Text != "Tokyo 21:00–21:45" || row.places.Text != "0 / 40" {
		t.Errorf("row shows %q, %q, %q", row.when.Text, row.local.Text, row.places.Text)
	}
	if row.details.Text != "Talk · Breakout room A · Hanako Sato, Taro Yamada" {
		t.Errorf("details %q", row.details.Text)
	}

	// Edit: a wrong end time is refused beside the field, then corrected.
	if err := st.SignUp(context.Background(), got.ID, people[2].ID, true); err != nil {
		t.Fatal(err)
	}
	test.Tap(row.edit)
	f = s.form
	if f.title.Text != "CV clinic" || f.ends.Text != "13:45" || len(f.speakers.picked) != 2 {
		t.Fatalf("edit form shows %q %q %v", f.title.Text, f.ends.Text, f.speakers.picked)
	}
	f.title.SetText("")
	test.Type(f.title, "CV and interview clinic")
	f.ends.SetText("")
	test.Type(f.ends, "12:30")
	test.Tap(f.dlg.save)
	if !f.dlg.status.Visible() || f.dlg.items["ends_at"].HintText != "A session must end after it starts" {
		t.Fatalf("end before start: status %q, hint %q", f.dlg.status.Text, f.dlg.items["ends_at"].HintText)
	}
	f.ends.SetText("14:00")
	f.kind.SetSelected("Breakout")
	f.speakers.remove(people[1].ID)
	test.Tap(f.dlg.save)
	q.waitFor(t, "edit saved", func() bool {
		r, ok := s.rows[got.ID]
		return ok && r.title.Text == "CV and interview clinic"
	})
	got = storedSessions(t, st)[0]
	if got.Title != "CV and interview clinic" || !got.Ends.Equal(datatest.FairDay(14, 0)) || got.Kind != data.SessionBreakout ||
		len(got.Speakers) != 1 || got.Speakers[0].ID != people[0].ID {
		t.Fatalf("after edit stored %+v", got)
	}
	if p := s.rows[got.ID].places.Text; p != "1 / 40" {
		t.Errorf("places %q after one sign-up", p)
	}

	// Delete asks first; keeping it changes nothing.
	test.Tap(s.rows[got.ID].delete)
	test.Tap(s.confirm.cancel)
	q.settle()
	if len(storedSessions(t, st)) != 1 {
		t.Fatal("kept session was deleted")
	}
	test.Tap(s.rows[got.ID].delete)
	test.Tap(s.confirm.confirm)
	q.waitFor(t, "session gone from the list", func() bool { return len(s.rows) == 0 })
	if n := len(storedSessions(t, st)); n != 0 {
		t.Errorf("%d sessions left after delete", n)
	}
}

func TestAgendaFlagsClashes(t *testing.T) {
	st, people := agendaFixture(t)
	taro, hanako := people[0], people[1]
	a := saveSession(t, st, data.Session{Title: "CV clinic", Starts: datatest.FairDay(13, 0), Ends: datatest.FairDay(13, 45), Room: "Breakout room A"}, hanako)
	b := saveSession(t, st, data.Session{Title: "Translation careers", Starts: datatest.FairDay(13, 30), Ends: datatest.FairDay(14, 0), Room: "breakout room A"})
	c := saveSession(t, st, data.Session{Title: "Start-ups panel", Starts: datatest.FairDay(14, 0), Ends: datatest.FairDay(15, 0), Room: "Main stage"}, taro)
	d := saveSession(t, st, data.Session{Title: "Finance careers", Starts: datatest.FairDay(14, 30), Ends: datatest.FairDay(15, 15), Room: "Breakout room B"}, taro)
	e := saveSession(t, st, data.Session{Title: "Closing", Starts: datatest.FairDay(15, 15), Ends: datatest.FairDay(15, 30), Room: "Breakout room B"}, taro)
	s, q, _ := newTestAgenda(t, st, fyne.NewSize(1000, 700))

	want := map[string]string{
		a.ID: "breakout room A is also booked for “Translation careers” at 13:30–14:00",
		b.ID: "Breakout room A is also booked for “CV clinic” at 13:00–13:45",
		c.ID: "Taro Yamada also speaks at “Finance careers” at 14:30–15:15",
		d.ID: "Taro Yamada also speaks at “Start-ups panel” at 14:00–15:00",
		e.ID: "",
	}
	for id, text := range want {
		row := s.rows[id]
		if row.clash.Text != text || row.clashBox.Visible() != (text != "") {
			t.Errorf("%s: clash %q (shown %v), want %q", row.title.Text, row.clash.Text, row.clashBox.Visible(), text)
		}
	}
	if s.clashNote.Text != "4 sessions clash: see the warnings below" || !s.clashNote.Visible() {
		t.Errorf("clash note %q does not count the clashes", s.clashNote.Text)
	}

	// The form warns before saving: Hanako is already at the CV clinic.
	s.onAdd()
	f := s.form
	test.Type(f.title, "Mentoring")
	f.starts.SetText("13:15")
	test.Type(f.ends, "13:40")
	test.Type(f.room, "Lounge")
	if f.clashBox.Visible() {
		t.Fatalf("clash shown before any: %q", f.clash.Text)
	}
	test.Type(f.speakers.search, "hanako")
	q.waitFor(t, "Hanako found", func() bool { return len(f.speakers.found) == 1 })
	f.speakers.results.Select(0)
	if !f.clashBox.Visible() || !strings.Contains(f.clash.Text, "Hanako Sato also speaks at “CV clinic” at 13:00–13:45") {
		t.Fatalf("form clash %q", f.clash.Text)
	}
	f.room.SetText("Breakout room A")
	if !strings.Contains(f.clash.Text, "breakout room A is also booked for “Translation careers”") {
		t.Errorf("form clash %q after choosing the busy room", f.clash.Text)
	}
	f.starts.SetText("14:00") // after both: no clash
	f.ends.SetText("14:30")
	if f.clashBox.Visible() {
		t.Errorf("clash %q for a session after the others", f.clash.Text)
	}
	f.dlg.hide()
}

func TestAgendaGolden(t *testing.T) {
	st, people := agendaFixture(t)
	taro, hanako, emma := people[0], people[1], people[2]
	saveSession(t, st, data.Session{Title: "Welcome and how the day works", Kind: data.SessionTalk, Starts: datatest.FairDay(11, 0), Ends: datatest.FairDay(11, 15), Room: "Main stage"}, emma)
	panel := saveSession(t, st, data.Session{Title: "Building a career with Japanese", Kind: data.SessionPanel, Starts: datatest.FairDay(11, 15), Ends: datatest.FairDay(12, 15),
		Room: "Main stage", Capacity: 2}, taro, hanako)
	saveSession(t, st, data.Session{Title: "CV and interview clinic", Kind: data.SessionBreakout, Starts: datatest.FairDay(12, 0), Ends: datatest.FairDay(12, 45), Room: "Breakout room A", Capacity: 40}, taro)
	saveSession(t, st, data.Session{Title: "Alumni reunion", Kind: data.SessionNetworking, Starts: time.Date(2026, 10, 24, 18, 0, 0, 0, london),
		Ends: time.Date(2026, 10, 24, 20, 0, 0, 0, london), Link: "https://fair.example.org/live"})
	for _, p := range []data.Person{emma, hanako} {
		if err := st.SignUp(context.Background(), panel.ID, p.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	s, _, w := newTestAgenda(t, st, fyne.NewSize(900, 640))
	if len(s.rows) != 4 {
		t.Fatalf("%d rows", len(s.rows))
	}
	test.AssertRendersToMarkup(t, "agenda.xml", w.Canvas())
	test.AssertRendersToImage(t, "agenda.png", w.Canvas())
}

func TestRemindMeFollowsTheSession(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	st := datatest.Open(t, nil)
	ev := data.Event{Name: "Fair", TimeZone: "Europe/London"}
	st.SaveEvent(ctx, &ev)
	panel := data.Session{Title: "Panel", Starts: time.Date(2026, 10, 23, 10, 0, 0, 0, time.UTC)}
	if err := st.SaveSession(ctx, &panel, nil); err != nil {
		t.Fatal(err)
	}
	q := newUIQueue()
	s := newAgendaScreen(agendaDeps{screenEnv: q.env(ctx), store: st, local: time.UTC})
	s.refresh()
	q.waitFor(t, "the agenda", func() bool { return s.rows[panel.ID] != nil })
	test.Tap(s.rows[panel.ID].remind)
	followed := func() bool {
		ids, _ := st.FollowedSessions(ctx)
		return len(ids) == 1 && ids[0] == panel.ID
	}
	for i := 0; i < 50 && !followed(); i++ {
		q.settle() // the save hands nothing back when it works
	}
	if !followed() {
		t.Fatal("ticking Remind me did not follow the session")
	}
	s.refresh()
	q.waitFor(t, "the tick kept", func() bool { r := s.rows[panel.ID]; return r != nil && r.remind.Checked })
}
