package notify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/notify"
)

// book gives host a 15-minute slot at hh:mm at place and books seeker
// into it.
func (f *fair) book(host data.Host, seeker data.Person, hhmm, place string) data.Meeting {
	f.t.Helper()
	ctx := context.Background()
	start := at("2026-10-23", hhmm)
	slot := data.MeetingSlot{Host: host, Starts: start, Ends: start.Add(15 * time.Minute), Place: place}
	f.check(f.st.SaveSlot(ctx, &slot))
	m := data.Meeting{Host: host, PersonID: seeker.ID, SlotID: slot.ID, State: data.MeetingBooked}
	f.check(f.st.SaveMeeting(ctx, &m))
	return m
}

// The booth's laptop hears of each meeting at its booth 5 minutes before
// it starts, at the first run at or after that instant and not a run
// later, once: not again on later runs, after a restart, or for a meeting
// at another booth or one cancelled. A meeting moved to a new time is
// announced again for the new time.
func TestMeetingAtTheBoothFiveMinutesBefore(t *testing.T) {
	f, booth, people := visitorFair(t)
	ctx := context.Background()
	other := data.Booth{Code: "B02", Name: "Embassy"}
	f.check(f.st.SaveBooth(ctx, &other, nil))
	taro := f.book(data.BoothHost(booth.ID), people[0], "14:15", "Table 1")
	f.book(data.BoothHost(other.ID), people[1], "14:15", "Table 1")
	cancelled := f.book(data.BoothHost(booth.ID), people[2], "14:45", "Table 1")
	f.check(f.st.SetMeetingState(ctx, cancelled.ID, data.MeetingCancelled))

	f.expect(at("2026-10-23", "14:09:40"))
	f.expect(at("2026-10-23", "14:09:59"))
	got := f.expect(at("2026-10-23", "14:10"), "Meeting in 5 min: Taro Yamada (山田 太郎)")
	if n := got[0]; n.Body != "14:15–14:30 · Table 1" || n.TargetKind != "booth" || n.TargetID != booth.ID || n.Kind != notify.KindMeeting {
		t.Errorf("reminder %+v", n)
	}
	f.expect(at("2026-10-23", "14:10:20"))
	f.reopen()
	f.expect(at("2026-10-23", "14:10:40"))
	f.expect(at("2026-10-23", "14:40")) // the cancelled one, 5 minutes before its time

	// Moved to 15:00: announced again, for 15:00.
	later := data.MeetingSlot{Host: data.BoothHost(booth.ID), Starts: at("2026-10-23", "15:00"), Ends: at("2026-10-23", "15:15"), Place: "Table 2"}
	f.check(f.st.SaveSlot(ctx, &later))
	taro.SlotID, taro.Place = later.ID, "" // the new slot's place
	f.check(f.st.SaveMeeting(ctx, &taro))
	f.expect(at("2026-10-23", "14:54:50"))
	got = f.expect(at("2026-10-23", "14:55:10"), "Meeting in 5 min: Taro Yamada (山田 太郎)")
	if got[0].Body != "15:00–15:15 · Table 2" {
		t.Errorf("moved meeting: %q", got[0].Body)
	}
}

// An organiser who follows a host hears of the host's meetings: a mentor
// (by person id) and a booth (by booth id), each once even when the
// laptop is also that booth's; a host not followed is not announced.
func TestMeetingOfAFollowedHost(t *testing.T) {
	f, booth, people := visitorFair(t)
	ctx := context.Background()
	mentor := data.Person{GivenName: "Hiro", FamilyName: "Sato", Roles: data.NewSet("mentor")}
	f.check(f.st.SavePerson(ctx, &mentor))
	people[1].JobTitle = "Analyst"
	f.check(f.st.SavePerson(ctx, &people[1]))
	other := data.Person{GivenName: "Mei", FamilyName: "Kato", Roles: data.NewSet("mentor")}
	f.check(f.st.SavePerson(ctx, &other))
	f.book(data.PersonHost(mentor.ID), people[1], "12:15", "")
	f.book(data.PersonHost(other.ID), people[2], "12:15", "Lounge")
	f.book(data.BoothHost(booth.ID), people[0], "12:30", "Table 1")

	f.sched.Options = notify.Options{Local: london, FollowedHosts: []string{mentor.ID, booth.ID}}
	f.expect(at("2026-10-23", "12:09:50"))
	got := f.expect(at("2026-10-23", "12:10:10"), "Meeting in 5 min: Hiro Sato with Alice Smith")
	if n := got[0]; n.TargetKind != "person" || n.TargetID != mentor.ID {
		t.Errorf("a mentor's meeting opens %s %s", n.TargetKind, n.TargetID)
	}
	if got[0].Body != "12:15–12:30\nAnalyst" {
		t.Errorf("the reminder says %q: the time, then what the job seeker does", got[0].Body)
	}
	f.expect(at("2026-10-23", "12:25:10"), "Meeting in 5 min: booth A01 Kaisha KK with Taro Yamada (山田 太郎)")

	// A booth laptop that also follows its own booth hears once.
	f2, booth2, people2 := visitorFair(t)
	f2.book(data.BoothHost(booth2.ID), people2[0], "12:30", "Table 1")
	f2.sched.Options.FollowedHosts = []string{booth2.ID}
	f2.expect(at("2026-10-23", "12:25:10"), "Meeting in 5 min: Taro Yamada (山田 太郎)")
}

// A meeting that started while the laptop slept is in the summary, never
// announced as starting soon.
func TestMeetingMissedWhileAsleepIsInTheSummary(t *testing.T) {
	f, booth, people := visitorFair(t)
	f.book(data.BoothHost(booth.ID), people[0], "14:15", "Table 1")
	f.expect(at("2026-10-23", "14:00"))
	got := f.tick(at("2026-10-23", "14:20"))
	if len(got) != 1 || !strings.HasPrefix(got[0].Title, "While Fairdesk was away") ||
		!strings.Contains(got[0].Body, "Meeting in") || !strings.Contains(got[0].Body, "Started at 14:15–14:30 · Table 1") {
		t.Fatalf("after a sleep: %+v", got)
	}
	f.expect(at("2026-10-23", "14:20:20"))
}

// When the job seeker of the booth's next meeting checks in at the desk,
// the booth hears "your next visitor has checked in"; the seeker of a
// later meeting is announced with its time; someone both wanted and
// booked is one notification. None of it twice.
func TestNextVisitorCheckedIn(t *testing.T) {
	f, booth, people := visitorFair(t)
	ctx := context.Background()
	f.book(data.BoothHost(booth.ID), people[0], "14:15", "Table 1")
	f.book(data.BoothHost(booth.ID), people[1], "14:30", "Table 1")
	f.book(data.BoothHost(booth.ID), people[2], "14:45", "Table 1")
	f.check(f.st.WantToMeet(ctx, booth.ID, people[2].ID, true))

	f.clock.Set(at("2026-10-23", "13:00"))
	_, err := f.st.CheckInPerson(ctx, people[1].ID, "")
	f.check(err)
	got := f.expect(at("2026-10-23", "13:00:10"), "Your visitor for 14:30 has checked in")
	if n := got[0]; n.Kind != notify.KindMeetingArrival || n.Body != "Alice Smith checked in at 13:00 for the 14:30 meeting at Table 1" || n.TargetKind != "booth" {
		t.Errorf("later visitor: %+v", n)
	}
	f.clock.Set(at("2026-10-23", "13:01"))
	_, err = f.st.CheckInPerson(ctx, people[0].ID, "")
	f.check(err)
	f.expect(at("2026-10-23", "13:01:10"), "Your next visitor has checked in")
	f.clock.Set(at("2026-10-23", "13:02"))
	_, err = f.st.CheckInPerson(ctx, people[2].ID, "")
	f.check(err)
	got = f.expect(at("2026-10-23", "13:02:10"), "Your visitor for 14:45 has checked in")
	if !strings.HasSuffix(got[0].Body, "(on your want-to-meet list)") {
		t.Errorf("wanted and booked: %q", got[0].Body)
	}
	f.expect(at("2026-10-23", "13:02:30"))
	f.reopen()
	f.expect(at("2026-10-23", "13:02:50"))
}

// With names hidden on the lock screen, what the desktop shows of a
// meeting names no one: not the job seeker, not a mentor followed.
func TestMeetingNotificationsCarryANamelessText(t *testing.T) {
	f, booth, people := visitorFair(t)
	ctx := context.Background()
	mentor := data.Person{GivenName: "Hiro", FamilyName: "Sato", Roles: data.NewSet("mentor")}
	f.check(f.st.SavePerson(ctx, &mentor))
	f.book(data.BoothHost(booth.ID), people[0], "14:15", "Table 1")
	f.book(data.PersonHost(mentor.ID), people[1], "14:15", "")
	f.sched.Options.FollowedHosts = []string{mentor.ID}
	names := []string{"Taro", "Yamada", "山田", "太郎", "Alice", "Smith", "Hiro", "Sato"}
	check := func(n data.Notification, want string) {
		t.Helper()
		if text := namelessText(t, n, names); !strings.Contains(text, want) {
			t.Errorf("nameless text %q lacks %q", text, want)
		}
	}
	got := f.expect(at("2026-10-23", "14:10"), "Meeting in 5 min: Hiro Sato with Alice Smith", "Meeting in 5 min: Taro Yamada (山田 太郎)")
	check(got[0], "Meeting in 5 min of a host you follow")
	check(got[1], "Meeting in 5 min at booth A01")

	f.clock.Set(at("2026-10-23", "14:11"))
	f.book(data.BoothHost(booth.ID), people[2], "14:45", "Table 1")
	_, err := f.st.CheckInPerson(ctx, people[2].ID, "")
	f.check(err)
	got = f.expect(at("2026-10-23", "14:11:10"), "Your visitor for 14:45 has checked in")
	check(got[0], "The job seeker of your 14:45 meeting checked in at 14:11")
}
