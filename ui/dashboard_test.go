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

func TestDashboardShowsCountsChartsAndSessions(t *testing.T) {
	st, people := agendaFixture(t)
	ctx := context.Background()
	jp := data.Organisation{Name: "Tanaka Trading", Kind: data.OrgJapaneseCompany}
	if err := st.SaveOrganisation(ctx, &jp); err != nil {
		t.Fatal(err)
	}
	savePeople(t, st,
		data.Person{GivenName: "Ken", FamilyName: "Mori", OrgID: jp.ID, Roles: data.NewSet(string(data.RoleRecruiter), string(data.RoleExhibitorStaff)), BadgeCode: "D00001"},
		data.Person{GivenName: "Amy", FamilyName: "Lee", Roles: data.NewSet(string(data.RoleJobSeeker)), BadgeCode: "D00002"},
	)
	saveSession(t, st, data.Session{Title: "Welcome", Starts: datatest.FairDay(11, 0), Ends: datatest.FairDay(11, 15), Room: "Main stage"})
	saveSession(t, st, data.Session{Title: "CV clinic", Starts: datatest.FairDay(13, 0), Ends: datatest.FairDay(13, 45), Room: "Room A"}, people[0])
	saveSession(t, st, data.Session{Title: "Start-ups panel", Starts: datatest.FairDay(14, 0), Ends: datatest.FairDay(15, 0), Room: "Main stage"})
	for _, b := range []data.Booth{{Code: "A1", Name: "Tanaka Trading", OrgID: jp.ID}, {Code: "B2", Name: "Embassy"}} {
		staff := []string{}
		if b.Code == "A1" {
			staff = []string{people[0].ID, people[1].ID}
		}
		if err := st.SaveBooth(ctx, &b, staff); err != nil {
			t.Fatal(err)
		}
	}

	test.NewTempApp(t)
	q := newUIQueue()
	s := newDashboardScreen(dashboardDeps{screenEnv: q.env(ctx), store: st})
	s.now = func() time.Time { return datatest.FairDay(13, 10) }
	w := test.NewWindow(s.content)
	w.Resize(fyne.NewSize(900, 700))
	t.Cleanup(w.Close)
	s.refresh()
	q.waitFor(t, "counts shown", func() bool { return s.people.Title == "5" })

	if s.sessions.Title != "3" || s.booths.Title != "2" {
		t.Errorf("cards say %s sessions, %s booths", s.sessions.Title, s.booths.Title)
	}
	wantRoles := "Job seeker: 1\nMentor: 1\nRecruiter: 1\nSpeaker: 2\nOrganiser: 0\nExhibitor staff: 1\n"
	if got := s.roles.chartText(); got != wantRoles {
		t.Errorf("roles chart\n%s\nwant\n%s", got, wantRoles)
	}
	wantKinds := "Japanese company: 1\nNon-Japanese company: 0\nPublic sector: 0\nStart-up: 0\nOther: 0\nNo organisation: 4\n"
	if got := s.orgKinds.chartText(); got != wantKinds {
		t.Errorf("organisation chart\n%s\nwant\n%s", got, wantKinds)
	}
	if !s.onNow.Visible() || s.onNow.Text != "On now:\n13:00–13:45  CV clinic · Room A — 0 present" {
		t.Errorf("on now %q", s.onNow.Text)
	}
	if s.next.Text != "Next: Start-ups panel at 14:00 (Europe/London), in 50 minutes" {
		t.Errorf("next %q", s.next.Text)
	}
	if !strings.HasPrefix(s.today.Text, "Today (Friday 23 October):\n11:00–11:15  Welcome · Main stage\n") {
		t.Errorf("today %q", s.today.Text)
	}
	if s.staffing.Text != "2 booths staffed by 2 people. No staff yet at B2." {
		t.Errorf("booths %q", s.staffing.Text)
	}

	// The chart's text fits: every label and value lies inside the chart.
	chartSize := s.roles.Size()
	for _, o := range test.WidgetRenderer(s.roles).Objects() {
		if o.Position().X < 0 || o.Position().X+o.Size().Width > chartSize.Width+0.5 || o.Position().Y+o.Size().Height > chartSize.Height+0.5 {
			t.Errorf("chart object at %v size %v outside %v", o.Position(), o.Size(), chartSize)
		}
	}

	// Before the event day: nothing today, the first session is next.
	s.now = func() time.Time { return time.Date(2026, 10, 20, 9, 0, 0, 0, london) }
	s.refresh()
	q.waitFor(t, "agenda before the day", func() bool { return strings.HasPrefix(s.next.Text, "Next: Welcome at Friday 23 October 2026, 11:00") })
	if s.onNow.Visible() || s.today.Text != "No sessions today (Tuesday 20 October)." || !strings.HasSuffix(s.next.Text, "in 3 days") {
		t.Errorf("before the day: on now shown %v, today %q, next %q", s.onNow.Visible(), s.today.Text, s.next.Text)
	}
	// After it: none to come.
	s.now = func() time.Time { return time.Date(2026, 10, 24, 9, 0, 0, 0, london) }
	s.refresh()
	q.waitFor(t, "agenda after the day", func() bool { return strings.HasPrefix(s.next.Text, "No more sessions") })
}

// The dashboard is what an organiser watches on the day: it reads the
// desk again by itself while it shows, and gives the sessions running now
// with their attendance.
func TestDashboardIsLiveWithArrivalsAndAttendance(t *testing.T) {
	st, people := agendaFixture(t)
	ctx := context.Background()
	now := time.Now()
	panel := saveSession(t, st, data.Session{Title: "Careers panel", Starts: now.Add(-10 * time.Minute), Ends: now.Add(time.Hour),
		Room: "Main stage", Capacity: 40})
	if _, err := st.CheckIn(ctx, "S00001", "ann"); err != nil {
		t.Fatal(err)
	}
	test.NewTempApp(t)
	q := newUIQueue()
	shown := true
	s := newDashboardScreen(dashboardDeps{screenEnv: q.env(ctx), store: st, every: 20 * time.Millisecond, active: func() bool { return shown }})
	s.refresh()
	q.waitFor(t, "the desk counts", func() bool { return s.deskNow.Text == "1 checked in now · 1 arrived of 3 registered" })
	if !strings.Contains(s.onNow.Text, "Careers panel · Main stage — 0 present of 40 places") {
		t.Errorf("on now %q", s.onNow.Text)
	}
	// Another check-in and a mark at the panel's door show with no refresh asked.
	if _, err := st.CheckIn(ctx, "S00002", "ann"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MarkAttendanceOf(ctx, panel.ID, people[0].ID, "ann"); err != nil {
		t.Fatal(err)
	}
	q.waitFor(t, "the live counts", func() bool {
		return s.deskNow.Text == "2 checked in now · 2 arrived of 3 registered" && strings.Contains(s.onNow.Text, "1 present of 40 places")
	})
	var arrived int
	for _, b := range s.byHour.bars {
		arrived += b.Value
	}
	if !s.byHour.Visible() || arrived != 2 {
		t.Errorf("arrivals by hour %q", s.byHour.chartText())
	}
}
