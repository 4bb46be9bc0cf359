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

// bookAtBooth gives the desk fixture's booth A01 a 15-minute slot at
// hh:mm at Table 1 and books seeker into it, in state st.
func bookAtBooth(t *testing.T, f *deskFixture, seeker data.Person, hh, mm int, st data.MeetingState) data.Meeting {
	t.Helper()
	ctx := context.Background()
	start := datatest.FairDay(hh, mm)
	slot := data.MeetingSlot{Host: data.BoothHost(f.booth.ID), Starts: start, Ends: start.Add(15 * time.Minute), Place: "Table 1"}
	datatest.Must(t, f.st.SaveSlot(ctx, &slot))
	m := data.Meeting{Host: slot.Host, PersonID: seeker.ID, SlotID: slot.ID, State: st}
	datatest.Must(t, f.st.SaveMeeting(ctx, &m))
	return m
}

// boothMeetingsFixture: at 14:05 on the fair day, booth A01 has met Emma
// at 13:45, meets Hanako next at 14:15 and Ken at 14:30 (and Taro's
// meeting at 15:00 was cancelled). Hanako did
// not consent to share her contact details; Emma did.
func boothMeetingsFixture(t *testing.T) (*deskFixture, *myBoothScreen, *uiQueue, fyne.Window) {
	t.Helper()
	f := newDeskFixture(t)
	ctx := context.Background()
	hanako, emma, ken := f.people["K00002"], f.people["K00003"], f.people["K00005"]
	emma.JobTitle, emma.Industries = "Analyst", data.NewSet("Finance", "Insurance")
	datatest.Must(t, f.st.SavePerson(ctx, &emma))
	bookAtBooth(t, f, emma, 13, 45, data.MeetingDone)
	bookAtBooth(t, f, ken, 14, 30, data.MeetingBooked)
	bookAtBooth(t, f, hanako, 14, 15, data.MeetingBooked)
	cancelled := bookAtBooth(t, f, f.people["K00001"], 15, 0, data.MeetingBooked)
	datatest.Must(t, f.st.SetMeetingState(ctx, cancelled.ID, data.MeetingCancelled))
	f.clock.Set(datatest.FairDay(14, 5))

	test.NewTempApp(t)
	q := newUIQueue()
	m := newMyBoothScreen(myBoothDeps{screenEnv: q.env(ctx), store: f.st, now: f.clock.Now})
	m.setBooth(f.booth.ID, "Aiko")
	w := test.NewWindow(m.content)
	w.Resize(fyne.NewSize(900, 1600)) // wide enough that no line is cut
	t.Cleanup(w.Close)
	m.refresh()
	q.waitFor(t, "the meetings listed", func() bool { return len(m.meetings.meetings) > 0 })
	return f, m, q, w
}

func TestBoothMeetingsListTheDayInOrderWithTheNextHighlighted(t *testing.T) {
	f, m, q, w := boothMeetingsFixture(t)
	var order []string
	for _, bm := range m.meetings.meetings {
		order = append(order, bm.Starts.In(london).Format("15:04")+" "+bm.Seeker.GivenName+" "+string(bm.State))
	}
	if got := strings.Join(order, ", "); got != "13:45 Emma done, 14:15 Hanako booked, 14:30 Ken booked, 15:00 Taro cancelled" {
		t.Errorf("the booth's day: %s", got)
	}
	if m.meetings.next != 1 {
		t.Errorf("next meeting is row %d, want 1 (Hanako at 14:15)", m.meetings.next)
	}
	if got := m.meetings.summary.Text; got != "4 meetings; the next at 14:15." {
		t.Errorf("summary %q", got)
	}
	text := shownText(w.Canvas().Content())
	for _, want := range []string{"Today's meetings", "Emma Brown", "Analyst", "Industries: Finance, Insurance", "emma@example.co.uk",
		"Hanako Sato  佐藤 花子", "Interests: engineering, finance", "Contact details not shared", "Next", "Done", "Cancelled", "Table 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the booth's meetings do not show %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, secretEmail) || strings.Contains(text, "+81 90") {
		t.Errorf("the booth's meetings show Hanako's unshared contact details:\n%s", text)
	}

	// At 14:31 Hanako's meeting is over: Ken's is next.
	f.clock.Set(datatest.FairDay(14, 31))
	m.refresh()
	q.waitFor(t, "Ken next", func() bool { return m.meetings.next == 2 })
	// After the last: none to come.
	f.clock.Set(datatest.FairDay(15, 30))
	m.refresh()
	q.waitFor(t, "none to come", func() bool { return m.meetings.next == -1 })
	if got := m.meetings.summary.Text; got != "4 meetings; none still to come." {
		t.Errorf("summary after the last %q", got)
	}
}

// A laptop set up before the fair day sees the fair day's meetings, with
// the first one next.
func TestBoothMeetingsBeforeTheDayShowTheFairDay(t *testing.T) {
	f, m, q, _ := boothMeetingsFixture(t)
	f.clock.Set(datatest.FairDay(14, 0).AddDate(0, 0, -3))
	m.refresh()
	q.waitFor(t, "the fair day shown", func() bool { return m.meetings.card.Title != "Today's meetings" })
	if got := m.meetings.card.Title; got != "Meetings on Friday 23 October" {
		t.Errorf("card title %q", got)
	}
	if m.meetings.next != 1 {
		t.Errorf("next meeting is row %d, want 1: Emma's is done already", m.meetings.next)
	}
}

func TestBoothMeetingsGolden(t *testing.T) {
	_, m, _, _ := boothMeetingsFixture(t)
	w := test.NewWindow(m.meetings.card)
	w.Resize(fyne.NewSize(640, 720))
	t.Cleanup(w.Close)
	test.AssertRendersToImage(t, "booth_meetings.png", w.Canvas())
}

// My booth with its meetings fits an 800x600 screen, in English and in
// Japanese: the longest profile line is cut, not the window widened.
func TestBoothMeetingsFitAn800x600Screen(t *testing.T) {
	for _, ja := range []bool{false, true} {
		t.Run(map[bool]string{false: "en", true: "ja"}[ja], func(t *testing.T) {
			if ja {
				inJapanese(t)
			}
			f, _, _, _ := boothMeetingsFixture(t)
			emma := f.people["K00003"]
			emma.JobTitle = "Senior analyst for Japanese-language financial services and insurance products"
			emma.Interests = data.NewSet("Finance", "Insurance", "Translation", "Interpreting", "Research", "Consulting", "Education")
			datatest.Must(t, f.st.SavePerson(context.Background(), &emma))
			w, q := japaneseWindow(t, f.st, appMode{Exhibitor: true, BoothID: f.booth.ID, Name: "Ben"}, fyne.NewSize(800, 600))
			w.desk.myBooth.now = f.clock.Now
			w.selectScreen(navMyBooth)
			q.waitFor(t, "the meetings listed", func() bool { return len(w.desk.myBooth.meetings.meetings) == 4 })
			room := usableSize(&Screen{Width: 800, Height: 600}, 1)
			w.win.Resize(room)
			if min := w.win.Canvas().Content().MinSize(); min.Width > room.Width {
				t.Errorf("My booth with its meetings needs a window %.0f wide; an 800x600 screen has room for %.0f", min.Width, room.Width)
			}
		})
	}
}
