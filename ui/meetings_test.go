package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// meetingsFixture is the fair day with meeting slots: booth A01 at its
// table at 12:00, 12:15, 12:30 and 13:00; Taro the mentor (of Kaisha KK,
// the booth's company) by video at 12:00 and 12:15; Mei, a mentor at a
// bank, at 12:30. Alice is at "CV clinic" from 12:30 to 13:00, and asks
// to meet the booth first and Taro second; Chen, a second job seeker,
// asks for Taro.
type meetingsFixture struct {
	*datatest.Fair
	chen, mei  data.Person
	booth      data.Host
	taro       data.Host
	boothSlots []data.MeetingSlot
	taroSlots  []data.MeetingSlot
}

func newMeetingsFixture(t *testing.T) *meetingsFixture {
	t.Helper()
	f := &meetingsFixture{Fair: datatest.NewFair(t)}
	ctx := context.Background()
	st := f.Store
	f.booth, f.taro = data.BoothHost(f.Booth.ID), data.PersonHost(f.Taro.ID)
	f.chen = savePeople(t, st, data.Person{GivenName: "Chen", FamilyName: "Wei", Email: "chen@example.com",
		Roles: data.NewSet(string(data.RoleJobSeeker)), Interests: data.NewSet("finance")})[0]
	bank := data.Organisation{Name: "Ginko Bank", Kind: data.OrgNonJapaneseCompany, Sector: "Finance"}
	datatest.Must(t, st.SaveOrganisation(ctx, &bank))
	f.mei = savePeople(t, st, data.Person{GivenName: "Mei", FamilyName: "Lin", Email: "mei@example.com", OrgID: bank.ID,
		Roles: data.NewSet(string(data.RoleMentor))})[0]
	meiSlot := data.MeetingSlot{Host: data.PersonHost(f.mei.ID), Starts: datatest.FairDay(12, 30), Ends: datatest.FairDay(12, 45)}
	datatest.Must(t, st.SaveSlot(ctx, &meiSlot))
	for _, at := range []time.Time{datatest.FairDay(12, 0), datatest.FairDay(12, 15), datatest.FairDay(12, 30), datatest.FairDay(13, 0)} {
		s := data.MeetingSlot{Host: f.booth, Starts: at, Ends: at.Add(15 * time.Minute), Place: "Table 1"}
		datatest.Must(t, st.SaveSlot(ctx, &s))
		f.boothSlots = append(f.boothSlots, s)
	}
	for _, at := range []int{0, 15} {
		s := data.MeetingSlot{Host: f.taro, Starts: datatest.FairDay(12, at), Ends: datatest.FairDay(12, at+15), Link: "https://meet.example/taro"}
		datatest.Must(t, st.SaveSlot(ctx, &s))
		f.taroSlots = append(f.taroSlots, s)
	}
	clinic := data.Session{Title: "CV clinic", Starts: datatest.FairDay(12, 30), Ends: datatest.FairDay(13, 0)}
	datatest.Must(t, st.SaveSession(ctx, &clinic, nil))
	datatest.Must(t, st.SignUp(ctx, clinic.ID, f.Alice.ID, true))
	for _, r := range []data.MeetingRequest{
		{Host: f.booth, PersonID: f.Alice.ID, Rank: 1},
		{Host: f.taro, PersonID: f.Alice.ID, Rank: 2},
		{Host: f.taro, PersonID: f.chen.ID, Rank: 1},
	} {
		datatest.Must(t, st.SaveMeetingRequest(ctx, &r))
	}
	return f
}

func newTestMeetings(t *testing.T, st *data.Store, size fyne.Size) (*meetingsScreen, *uiQueue, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	q := newUIQueue()
	w := test.NewWindow(nil)
	s := newMeetingsScreen(meetingsDeps{screenEnv: q.env(context.Background()), store: st, planner: storePlanner{st}, win: w})
	w.SetContent(s.content)
	w.Resize(size)
	t.Cleanup(w.Close)
	s.refresh()
	q.waitFor(t, "the meetings read", func() bool { return s.loaded })
	return s, q, w
}

// cellOf finds the timetable cell of host at the time.
func cellOf(t *testing.T, s *meetingsScreen, h data.Host, at time.Time) (row, col int) {
	t.Helper()
	for r, host := range s.table.rows {
		for c, when := range s.table.times {
			if host.Host == h && when.Equal(at) {
				return r, c
			}
		}
	}
	t.Fatalf("no cell for host %s at %s", h.Key(), at)
	return 0, 0
}

func storedMeetings(t *testing.T, st *data.Store, f data.MeetingFilter) []data.Meeting {
	t.Helper()
	list, err := st.Meetings(context.Background(), f)
	datatest.Must(t, err)
	return list
}

// pickSeeker types a name in the booking dialog and picks the first match.
func pickSeeker(t *testing.T, q *uiQueue, c *slotChooser, name string) {
	t.Helper()
	test.Type(c.search, name)
	q.waitFor(t, "the job seekers found", func() bool { return len(c.found) > 0 && c.results.Visible() })
	c.results.Select(0)
}

func TestMeetingsTimetableShowsHostsSlotsAndMeetings(t *testing.T) {
	f := newMeetingsFixture(t)
	ctx := context.Background()
	datatest.Must(t, f.Store.SaveMeeting(ctx, &data.Meeting{Host: f.taro, PersonID: f.Alice.ID, SlotID: f.taroSlots[1].ID}))
	s, _, _ := newTestMeetings(t, f.Store, fyne.NewSize(1000, 600))
	if len(s.table.rows) != 3 || len(s.table.times) != 4 {
		t.Fatalf("timetable of %d hosts by %d times, want 3 by 4 (A01, Mei and Taro; 12:00, 12:15, 12:30, 13:00)", len(s.table.rows), len(s.table.times))
	}
	r, c := cellOf(t, s, f.taro, datatest.FairDay(12, 15))
	first, second, tint := cellText(s.table.cells[r][c], s.facts)
	if first != "Alice Smith" || second != "Booked" || tint == nil {
		t.Errorf("Taro's 12:15 reads %q / %q (tint %v)", first, second, tint)
	}
	if first, _, _ := cellText(s.table.cells[r][2], s.facts); first != "" {
		t.Errorf("Taro has no slot at 12:30, but the cell reads %q", first)
	}
	r, c = cellOf(t, s, f.booth, datatest.FairDay(12, 0))
	if first, second, _ := cellText(s.table.cells[r][c], s.facts); first != "free" || second != "" {
		t.Errorf("the booth's free 12:00 reads %q", first)
	}
	// The state filter keeps the hosts with a meeting in that state.
	s.state.SetSelected("Booked")
	if len(s.table.rows) != 1 || s.table.rows[0].Host != f.taro {
		t.Errorf("filtered on booked: %d rows", len(s.table.rows))
	}
	s.state.SetSelected("Done")
	if len(s.table.rows) != 0 {
		t.Errorf("filtered on done: %d rows, want none", len(s.table.rows))
	}
	s.state.SetSelectedIndex(0)
	// The booth filter keeps the booth and the people of its company.
	s.booth.SetSelected("A01 Kaisha KK")
	if len(s.table.rows) != 2 || s.table.rows[0].Host != f.booth || s.table.rows[1].Host != f.taro {
		t.Errorf("filtered on A01: %+v", s.table.rows)
	}
	s.booth.SetSelectedIndex(0)
	s.sector.SetSelected("Finance")
	if len(s.table.rows) != 1 || s.table.rows[0].HostID != f.mei.ID || len(s.table.times) != 1 {
		t.Errorf("filtered on the finance sector: %+v at %v", s.table.rows, s.table.times)
	}
}

// A slot the store refuses is not offered, and the dialog says why; the
// booking the dialog makes lands in the store with the match's reasons.
func TestBookingOffersOnlyFreeSlotsAndSaysWhyNot(t *testing.T) {
	f := newMeetingsFixture(t)
	ctx := context.Background()
	// Alice meets Taro at 12:00, and is at the CV clinic from 12:30.
	datatest.Must(t, f.Store.SaveMeeting(ctx, &data.Meeting{Host: f.taro, PersonID: f.Alice.ID, SlotID: f.taroSlots[0].ID}))
	s, q, _ := newTestMeetings(t, f.Store, fyne.NewSize(1000, 700))
	test.Tap(s.book)
	c := s.chooser
	if c == nil || c.confirm.Disabled() == false {
		t.Fatal("the booking dialog did not open with Book disabled")
	}
	c.hostPick.SetSelected("A01 Kaisha KK")
	pickSeeker(t, q, c, "Alice")
	q.waitFor(t, "the slots offered", func() bool { return len(c.why) > 0 })
	if len(c.slots.Options) != 2 || c.slots.Options[0] != "12:15–12:30 · Table 1" || c.slots.Options[1] != "13:00–13:15 · Table 1" {
		t.Fatalf("offered %q, want 12:15 and 13:00", c.slots.Options)
	}
	for _, why := range []string{
		"12:00–12:15: the job seeker is in another meeting at this time",
		"12:30–12:45: the job seeker is at the session \"CV clinic\" at this time",
	} {
		if !strings.Contains(strings.Join(c.why, "\n"), why) {
			t.Errorf("the dialog does not say %q; it says:\n%s", why, strings.Join(c.why, "\n"))
		}
	}
	c.slots.SetSelected(c.slots.Options[0])
	test.Tap(c.confirm)
	q.waitFor(t, "the booking saved", func() bool { return len(storedMeetings(t, f.Store, data.MeetingFilter{Host: f.booth})) == 1 })
	m := storedMeetings(t, f.Store, data.MeetingFilter{Host: f.booth})[0]
	if m.PersonID != f.Alice.ID || m.SlotID != f.boothSlots[1].ID || m.State != data.MeetingBooked || !strings.Contains(m.Reasons, "choice 1") {
		t.Errorf("booked %+v", m)
	}
	q.waitFor(t, "the timetable shows it", func() bool {
		r, col := cellOf(t, s, f.booth, datatest.FairDay(12, 15))
		first, _, _ := cellText(s.table.cells[r][col], s.facts)
		return first == "Alice Smith"
	})

	// Booked now, so the cap (one meeting a seeker) refuses 13:00 to her:
	// the dialog offers nothing and says so.
	test.Tap(s.book)
	c = s.chooser
	c.hostPick.SetSelected("A01 Kaisha KK")
	pickSeeker(t, q, c, "Alice")
	q.waitFor(t, "the slots offered", func() bool { return len(c.why) > 0 })
	if len(c.slots.Options) != 0 || !c.status.Visible() || !strings.Contains(strings.Join(c.why, "\n"), "already has 1 meetings with this host") {
		t.Errorf("after booking: offered %q, refused:\n%s", c.slots.Options, strings.Join(c.why, "\n"))
	}
}

// Moving a meeting from the timetable, to the nearest free slot or to
// one picked, and changing its state, all land in the store.
func TestMovingAndChangingAMeetingFromTheTimetable(t *testing.T) {
	f := newMeetingsFixture(t)
	ctx := context.Background()
	m := data.Meeting{Host: f.booth, PersonID: f.chen.ID, SlotID: f.boothSlots[1].ID}
	datatest.Must(t, f.Store.SaveMeeting(ctx, &m))
	datatest.Must(t, f.Store.SaveMeeting(ctx, &data.Meeting{Host: f.booth, PersonID: f.Taro.ID, SlotID: f.boothSlots[0].ID}))
	s, q, _ := newTestMeetings(t, f.Store, fyne.NewSize(1000, 700))
	r, c := cellOf(t, s, f.booth, datatest.FairDay(12, 15))
	s.grid.table.Select(widget.TableCellID{Row: r, Col: c})
	d := s.detail
	if d.meeting.ID != m.ID || !d.nearest.Visible() || d.text.Text != "12:15–12:30: Chen Wei with A01 Kaisha KK, score 0 · Table 1" {
		t.Fatalf("selected %q", d.text.Text)
	}
	// 12:00 is Taro's meeting: the nearest free slot is 12:30.
	test.Tap(d.nearest)
	q.waitFor(t, "the meeting moved", func() bool {
		got, _ := f.Store.Meeting(ctx, m.ID)
		return got.SlotID == f.boothSlots[2].ID
	})
	q.waitFor(t, "the move said", func() bool { return d.message.Visible() && strings.Contains(d.message.Text, "Moved to 12:30–12:45") })

	// And back to 12:15, picked in the dialog.
	q.waitFor(t, "the selection follows the meeting", func() bool { return d.meeting.SlotID == f.boothSlots[2].ID })
	test.Tap(d.move)
	ch := s.chooser
	q.waitFor(t, "the slots offered", func() bool { return len(ch.why) > 0 })
	if len(ch.slots.Options) != 2 || ch.slots.Options[0] != "12:15–12:30 · Table 1" || !strings.Contains(strings.Join(ch.why, "\n"), "12:30–12:45: where the meeting is now") ||
		!strings.Contains(strings.Join(ch.why, "\n"), "12:00–12:15: the slot already holds a meeting") {
		t.Fatalf("move offers %q; not offered:\n%s", ch.slots.Options, strings.Join(ch.why, "\n"))
	}
	ch.slots.SetSelected(ch.slots.Options[0])
	test.Tap(ch.confirm)
	q.waitFor(t, "moved back", func() bool {
		got, _ := f.Store.Meeting(ctx, m.ID)
		return got.SlotID == f.boothSlots[1].ID
	})

	q.waitFor(t, "the states offered", func() bool { return d.meeting.SlotID == f.boothSlots[1].ID && d.state.Visible() })
	d.state.SetSelected("No-show")
	q.waitFor(t, "the state saved", func() bool {
		got, _ := f.Store.Meeting(ctx, m.ID)
		return got.State == data.MeetingNoShow
	})

	// The host's no thanks declines the meeting and keeps the pair apart.
	q.waitFor(t, "the no-show shown", func() bool { return d.meeting.State == data.MeetingNoShow })
	d.state.SetSelected("Declined: no thanks from the host")
	q.waitFor(t, "declined with no thanks", func() bool {
		got, _ := f.Store.Meeting(ctx, m.ID)
		return got.State == data.MeetingDeclined
	})
	prefs, err := f.Store.HostPreferences(ctx)
	datatest.Must(t, err)
	if len(prefs) != 1 || prefs[0].Host != m.Host || prefs[0].PersonID != m.PersonID || prefs[0].Preference != data.PreferNoThanks {
		t.Errorf("preferences after no thanks: %+v", prefs)
	}
	q.waitFor(t, "the decline said", func() bool {
		return strings.Contains(d.message.Text, "Declined: the auto-schedule will not pair A01 Kaisha KK with Chen Wei again.")
	})
}

// The auto-schedule makes a draft off the UI goroutine, which shows with
// its total score, each proposal's reasons and the requests unmet; Publish
// books it.
func TestAutoScheduleDraftThenPublish(t *testing.T) {
	f := newMeetingsFixture(t)
	s, q, _ := newTestMeetings(t, f.Store, fyne.NewSize(1000, 700))
	if !strings.HasPrefix(s.draft.summary.Text, "No draft;") || !s.publish().Disabled() {
		t.Fatalf("before: %q", s.draft.summary.Text)
	}
	test.Tap(s.schedule)
	if !s.draft.running || !s.schedule.Disabled() {
		t.Error("the auto-schedule does not show it is running")
	}
	q.waitFor(t, "the draft made", func() bool { return !s.draft.running && strings.HasPrefix(s.draft.summary.Text, "Draft:") })
	drafts := storedMeetings(t, f.Store, data.MeetingFilter{States: []data.MeetingState{data.MeetingProposed}})
	if len(drafts) != 3 {
		t.Fatalf("%d meetings proposed, want all 3 requests met", len(drafts))
	}
	total, _ := data.MeetingsTotal(drafts)
	if !strings.Contains(s.draft.summary.Text, "Draft: 3 meetings, total score "+strconv.Itoa(total)+"; 0 requests not met.") {
		t.Errorf("summary %q (total %d)", s.draft.summary.Text, total)
	}
	var reasons []string
	for _, it := range s.draft.items {
		reasons = append(reasons, it.second)
	}
	if len(s.draft.items) != 3 || !strings.Contains(strings.Join(reasons, "|"), "choice 1") {
		t.Errorf("draft rows' reasons %q", reasons)
	}
	// Adjust: a proposal clicked in the draft shows in the timetable,
	// where the organiser declines it; it leaves the draft, and its
	// request shows as not met.
	first := s.draft.items[0].meeting
	s.draft.list.Select(0)
	if s.tabs.SelectedIndex() != 0 || s.detail.meeting.ID != first.ID || !s.detail.stateBox.Visible() {
		t.Fatalf("the proposal clicked shows %q on tab %d", s.detail.text.Text, s.tabs.SelectedIndex())
	}
	s.detail.state.SetSelected("Declined")
	q.waitFor(t, "the proposal declined", func() bool { return strings.HasPrefix(s.draft.summary.Text, "Draft: 2 meetings") })
	if len(s.draft.items) != 4 || !s.draft.items[2].heading || s.draft.items[3].first != "Chen Wei" ||
		s.draft.items[3].second != "asked to meet Taro Yamada (choice 1), not in the schedule" {
		t.Errorf("after declining: %q, rows %+v", s.draft.summary.Text, s.draft.items)
	}
	test.Tap(s.publish())
	q.waitFor(t, "the draft published", func() bool {
		return len(storedMeetings(t, f.Store, data.MeetingFilter{States: []data.MeetingState{data.MeetingBooked}})) == 2
	})
	if got, _ := f.Store.Meeting(context.Background(), first.ID); got.State != data.MeetingDeclined {
		t.Errorf("the declined proposal is %s after publishing", got.State)
	}
	if left := storedMeetings(t, f.Store, data.MeetingFilter{States: []data.MeetingState{data.MeetingProposed}}); len(left) != 0 {
		t.Errorf("%d proposals left after publishing", len(left))
	}
}

func (s *meetingsScreen) publish() *widget.Button { return s.draft.publish }
