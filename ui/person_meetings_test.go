package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// A person's page lists their meetings, as the job seeker or as the host,
// in time order with whom, where and in what state, and their meeting
// requests first choice first; a mentor's page follows their meetings for
// this laptop's reminders.
func TestPersonPageListsMeetingsAndRequests(t *testing.T) {
	f := newDeskFixture(t)
	ctx := context.Background()
	taro, hanako, emma := f.people["K00001"], f.people["K00002"], f.people["K00003"]
	bookAtBooth(t, f, hanako, 14, 15, data.MeetingBooked)
	start := datatest.FairDay(12, 15)
	slot := data.MeetingSlot{Host: data.PersonHost(taro.ID), Starts: start, Ends: start.Add(10 * time.Minute), Link: "https://meet.example.org/taro"}
	datatest.Must(t, f.st.SaveSlot(ctx, &slot))
	datatest.Must(t, f.st.SaveMeeting(ctx, &data.Meeting{Host: slot.Host, PersonID: hanako.ID, SlotID: slot.ID, State: data.MeetingDone}))
	for rank, h := range []data.Host{data.BoothHost(f.booth.ID), data.PersonHost(taro.ID)} {
		datatest.Must(t, f.st.SaveMeetingRequest(ctx, &data.MeetingRequest{Host: h, PersonID: hanako.ID, Rank: rank + 1}))
	}

	app := test.NewTempApp(t)
	q := newUIQueue()
	w := test.NewWindow(nil)
	s := newPeopleScreen(peopleDeps{screenEnv: q.env(ctx), store: f.st, win: w, prefs: app.Preferences()})
	w.SetContent(s.content)
	w.Resize(fyne.NewSize(1000, 700))
	t.Cleanup(w.Close)

	openNamed(t, s, q, "Hanako", "Hanako Sato 佐藤 花子")
	pm := s.form.meetings
	q.waitFor(t, "Hanako's meetings", func() bool { return pm.shownID == hanako.ID })
	want := []string{
		"Fri 23 Oct 12:15–12:25 Done with Taro Yamada · https://meet.example.org/taro",
		"Fri 23 Oct 14:15–14:30 Booked with booth A01 · Tanaka Trading · Table 1",
		"Choice 1: booth A01 · Tanaka Trading",
		"Choice 2: Taro Yamada",
	}
	if got := strings.Join(pm.lines, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("Hanako's page shows\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	if pm.follow.Visible() {
		t.Error("a job seeker's page offers to follow her meetings as a host's")
	}
	if text := shownText(s.form.content); !strings.Contains(text, "Meeting requests") || !strings.Contains(text, "Tanaka Trading · Table 1") {
		t.Errorf("the page does not show the meetings:\n%s", text)
	}

	// Taro hosts: his page names the job seeker, and follows him.
	openNamed(t, s, q, "taro@", "Taro Yamada 山田 太郎")
	q.waitFor(t, "Taro's meetings", func() bool { return pm.shownID == taro.ID })
	want = []string{"Fri 23 Oct 12:15–12:25 Done with job seeker Hanako Sato · https://meet.example.org/taro"}
	if got := strings.Join(pm.lines, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("Taro's page shows\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	if !pm.follow.Visible() || pm.follow.Checked {
		t.Fatal("a mentor's page does not offer to follow his meetings")
	}
	test.Tap(pm.follow)
	c := newNotificationCentre(notificationDeps{screenEnv: q.env(ctx), store: f.st, prefs: app.Preferences(),
		gate: newNotificationGate(app.Preferences(), &fakeNotifier{})})
	if got := c.options(ctx).FollowedHosts; len(got) != 1 || got[0] != taro.ID {
		t.Errorf("the reminders follow %v, want Taro", got)
	}

	// Someone with neither.
	openNamed(t, s, q, "emma@", "Emma Brown")
	q.waitFor(t, "Emma's page", func() bool { return pm.shownID == emma.ID })
	if text := shownText(pm.content); !strings.Contains(text, "No meetings or meeting requests.") || pm.meetingsHeading.Visible() || pm.requestsHeading.Visible() {
		t.Errorf("Emma's page:\n%s", text)
	}
	test.Tap(pm.follow) // hidden for her: a tap that reached it would follow her
	if followsHost(app.Preferences(), emma.ID) {
		t.Error("Emma is followed")
	}
}

// openNamed searches for search and opens the one person found, once the
// list shows them (a search after another that found one person).
func openNamed(t *testing.T, s *peopleScreen, q *uiQueue, search, name string) {
	t.Helper()
	s.search.SetText(search)
	q.waitFor(t, name+" found", func() bool {
		names := visibleNames(s)
		return s.knownTotal == 1 && len(names) == 1 && names[0] == name
	})
	s.list.UnselectAll()
	s.list.Select(0)
}

// An organiser follows a booth's meetings from the booth's form: ticking
// it is this laptop's choice at once, without Save, and the reminders
// follow the booth; a booth being added offers nothing to follow yet.
func TestBoothFormFollowsTheBoothsMeetings(t *testing.T) {
	f := newDeskFixture(t)
	ctx := context.Background()
	app := test.NewTempApp(t)
	q := newUIQueue()
	s := newExhibitorsScreen(exhibitorsDeps{screenEnv: q.env(ctx), store: f.st, prefs: app.Preferences()})
	w := test.NewWindow(s.content)
	w.Resize(fyne.NewSize(1000, 700))
	t.Cleanup(w.Close)
	s.refresh()
	q.waitFor(t, "booths read", func() bool { return len(s.boothRows) == 1 })
	s.onAddBooth()
	if s.boothForm.follow != nil {
		t.Error("a booth being added offers to follow it")
	}
	s.boothForm.dlg.hide()
	s.openBooth(s.boothRows[0])
	follow := s.boothForm.follow
	if follow == nil || follow.Checked {
		t.Fatal("the booth's form offers no following")
	}
	test.Tap(follow)
	if got := followedHosts(app.Preferences()); len(got) != 1 || got[0] != f.booth.ID {
		t.Errorf("following %v, want booth A01", got)
	}
	s.boothForm.dlg.hide()
	s.openBooth(s.boothRows[0])
	if !s.boothForm.follow.Checked {
		t.Error("the form forgot the booth is followed")
	}
	test.Tap(s.boothForm.follow)
	if got := followedHosts(app.Preferences()); len(got) != 0 {
		t.Errorf("still following %v", got)
	}
}

// People with a person open whose page lists meetings and requests fits an
// 800x600 screen, in English and Japanese: a meeting's date, time and state
// side by side made it wider than the screen in Japanese.
func TestPersonMeetingsFitAn800x600Screen(t *testing.T) {
	for _, ja := range []bool{false, true} {
		t.Run(map[bool]string{false: "en", true: "ja"}[ja], func(t *testing.T) {
			if ja {
				inJapanese(t)
			}
			f := newDeskFixture(t)
			hanako := f.people["K00002"]
			bookAtBooth(t, f, hanako, 14, 15, data.MeetingNoShow)
			datatest.Must(t, f.st.SaveMeetingRequest(context.Background(), &data.MeetingRequest{Host: data.BoothHost(f.booth.ID), PersonID: hanako.ID, Rank: 1}))
			room := usableSize(&Screen{Width: 800, Height: 600}, 1)
			w, q := japaneseWindow(t, f.st, appMode{Name: "Ann"}, room)
			w.selectScreen(navPeople)
			openNamed(t, w.people, q, "K00002", "Hanako Sato 佐藤 花子")
			q.waitFor(t, "her meetings", func() bool { return w.people.form.meetings.shownID == hanako.ID })
			if min := w.win.Canvas().Content().MinSize(); min.Width > room.Width {
				t.Errorf("People with a person's meetings open needs a window %.0f wide; an 800x600 screen has room for %.0f", min.Width, room.Width)
			}
		})
	}
}

// On a job seeker's page an organiser records what they ask for: Ask to
// meet… lists the hosts they have not asked for yet, best match first
// with the reasons, and the one picked becomes their next choice; a
// request's × takes it back. Booth-staff mode lists the requests only.
func TestPersonPageRecordsMeetingRequests(t *testing.T) {
	f := newDeskFixture(t)
	ctx := context.Background()
	taro, hanako, ken := f.people["K00001"], f.people["K00002"], f.people["K00004"]
	for rank, h := range []data.Host{data.BoothHost(f.booth.ID), data.PersonHost(taro.ID)} {
		datatest.Must(t, f.st.SaveMeetingRequest(ctx, &data.MeetingRequest{Host: h, PersonID: hanako.ID, Rank: rank + 1}))
	}
	test.NewTempApp(t)
	q := newUIQueue()
	w := test.NewWindow(nil)
	staff := false
	s := newPeopleScreen(peopleDeps{screenEnv: q.env(ctx), store: f.st, win: w, show: func(d dialog.Dialog) { d.Show() },
		planner: storePlanner{f.st}, boothStaff: func() bool { return staff }})
	w.SetContent(s.content)
	w.Resize(fyne.NewSize(1000, 700))
	t.Cleanup(w.Close)
	s.refresh() // as the window does when People shows: it learns the laptop's role

	openNamed(t, s, q, "Hanako", "Hanako Sato 佐藤 花子")
	pm := s.form.meetings
	q.waitFor(t, "Ask to meet… on her page, an organiser's laptop's", func() bool {
		return pm.shownID == hanako.ID && len(pm.asked) == 2 && pm.ask.Visible()
	})
	test.Tap(pm.ask)
	q.waitFor(t, "the hosts to choose from", func() bool { return pm.editor.picker != nil })
	if got := pm.editor.matches; len(got) != 1 || got[0].Host.Host != data.PersonHost(ken.ID) {
		t.Fatalf("offered %+v, want only Ken Mori, the host she has not asked for", got)
	}
	pm.editor.picker.Select(0)
	q.waitFor(t, "her third choice", func() bool { return len(pm.asked) == 3 })
	want := "Choice 1: booth A01 · Tanaka Trading\nChoice 2: Taro Yamada\nChoice 3: Ken Mori"
	if got := strings.Join(pm.lines, "\n"); got != want {
		t.Errorf("after asking for Ken:\n%s\nwant\n%s", got, want)
	}
	requests, err := f.st.MeetingRequestsOf(ctx, hanako.ID)
	datatest.Must(t, err)
	if len(requests) != 3 || requests[2].Source != data.SourceOrganiser {
		t.Errorf("stored %+v", requests)
	}

	var withdraw *widget.Button
	walk(pm.requests, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && withdraw == nil {
			withdraw = b
		}
	})
	test.Tap(withdraw)
	q.waitFor(t, "the booth's request withdrawn", func() bool { return len(pm.asked) == 2 })
	if got := strings.Join(pm.lines, "\n"); got != "Choice 1: Taro Yamada\nChoice 2: Ken Mori" {
		t.Errorf("after withdrawing the booth:\n%s\nwant Taro then Ken, moved up", got)
	}

	staff = true
	openNamed(t, s, q, "emma@", "Emma Brown")
	q.waitFor(t, "a job seeker's page in booth-staff mode", func() bool { return pm.shownID == f.people["K00003"].ID })
	if pm.ask.Visible() {
		t.Error("booth-staff mode offers to record requests")
	}
}
