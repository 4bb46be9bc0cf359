package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/notify"
)

// fakeNotifier records what reached the "desktop", or refuses.
type fakeNotifier struct {
	sent   []string // titles
	bodies []string
	err    error
}

func (f *fakeNotifier) Notify(title, body string) error {
	if f.err != nil {
		return f.err
	}
	f.sent = append(f.sent, title)
	f.bodies = append(f.bodies, body)
	return nil
}

func TestNotificationGate(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := a.Preferences()
	desk := &fakeNotifier{}
	g := newNotificationGate(prefs, desk)
	n := data.Notification{Kind: notify.KindSession, Title: "Panel"}
	if !g.show(n) || len(desk.sent) != 1 {
		t.Fatalf("default: %v", desk.sent)
	}
	prefs.SetBool(prefNotifySessions, false)
	if g.show(n) || !g.show(data.Notification{Kind: notify.KindVisit, Title: "Visitor"}) {
		t.Error("per-kind switch")
	}
	prefs.SetBool(prefNotifyDND, true)
	if g.show(data.Notification{Kind: notify.KindVisit, Title: "Visitor"}) {
		t.Error("do not disturb let one through")
	}
	prefs.SetBool(prefNotifyDND, false)
	// No daemon: every send fails, the failure is shown once.
	desk.err = errors.New("org.freedesktop.Notifications not provided")
	for range 5 {
		g.show(data.Notification{Kind: notify.KindVisit, Title: "Visitor"})
	}
	if g.failureToShow() == nil || g.failureToShow() != nil {
		t.Error("the failure is to be shown exactly once")
	}
}

func TestNotificationCentreBell(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.Open(t, nil)
	ctx := context.Background()
	london, _ := time.LoadLocation("Europe/London")
	start := time.Date(2026, 10, 23, 11, 0, 0, 0, london)
	if err := st.SaveEvent(ctx, &data.Event{Name: "Fair", TimeZone: "Europe/London"}); err != nil {
		t.Fatal(err)
	}
	s := &data.Session{Title: "Working in Japan", Starts: start, Room: "Main stage"}
	if err := st.SaveSession(ctx, s, nil); err != nil {
		t.Fatal(err)
	}
	if err := st.FollowSession(ctx, s.ID, true); err != nil {
		t.Fatal(err)
	}
	sched := notify.Scheduler{Source: st, Options: notify.Options{Local: london}}
	if got, err := sched.Tick(ctx, start.Add(-10*time.Minute)); err != nil || len(got) != 1 {
		t.Fatalf("tick: %v %v", got, err)
	}
	q := newUIQueue()
	desk := &fakeNotifier{}
	var opened data.Notification
	prefs := test.NewTempApp(t).Preferences()
	c := newNotificationCentre(notificationDeps{screenEnv: q.env(ctx), store: st, prefs: prefs, gate: newNotificationGate(prefs, desk),
		open: func(n data.Notification) { opened = n }})
	c.refresh()
	q.waitFor(t, "the unread count", func() bool { return c.badge.Visible() && c.badge.Text == "1" })
	if len(c.items) != 1 || c.items[0].Title != "Working in Japan" {
		t.Fatalf("centre: %+v", c.items)
	}
	c.onSelected(0)
	if opened.TargetKind != "session" || opened.TargetID != s.ID {
		t.Errorf("opened %+v", opened)
	}
	q.waitFor(t, "the entry read", func() bool { return !c.badge.Visible() })
}

func TestSpeakerRemindersFollowTheUsersEmail(t *testing.T) {
	ctx := context.Background()
	st := datatest.Open(t, nil)
	me := savePeople(t, st, data.Person{GivenName: "Aoi", FamilyName: "Mori", Email: "aoi@example.jp"})[0]
	app := test.NewTempApp(t)
	prefs := app.Preferences()
	settings := newNotificationSettings(prefs, newNotificationGate(prefs, &fakeNotifier{}), newUIQueue().do, nil)
	test.Type(settings.me, "AOI@example.jp")
	c := newNotificationCentre(notificationDeps{screenEnv: newUIQueue().env(ctx), store: st, prefs: prefs, gate: newNotificationGate(prefs, &fakeNotifier{})})
	if got := c.options(ctx).Me; got != me.ID {
		t.Fatalf("the scheduler's speaker is %q, want Aoi (%s)", got, me.ID)
	}
}

// With no notification daemon the test says what it means in one
// sentence, not the D-Bus error, and the bell holds the test.
func TestNotificationTestWithNoDaemonSaysSoAndKeepsItUnderTheBell(t *testing.T) {
	ctx := context.Background()
	st := datatest.Open(t, nil)
	prefs := test.NewTempApp(t).Preferences()
	q := newUIQueue()
	desk := &fakeNotifier{err: errors.New(`dbus: exec: "dbus-launch": executable file not found in $PATH`)}
	c := newNotificationCentre(notificationDeps{screenEnv: q.env(ctx), store: st, prefs: prefs, gate: newNotificationGate(prefs, desk)})
	test.Tap(c.settings.test)
	q.waitFor(t, "the test's answer", func() bool { return !c.settings.test.Disabled() })
	want := "No notification service was found on this desktop; Fairdesk keeps every notification under the bell."
	if got := c.settings.status.Text; got != want {
		t.Errorf("the test said %q, want %q", got, want)
	}
	q.waitFor(t, "the test under the bell", func() bool { return len(c.items) == 1 })
	if c.items[0].Title != "Fairdesk test notification" || c.badge.Text != "1" {
		t.Errorf("the bell holds %+v (badge %q)", c.items, c.badge.Text)
	}
}

// On the booth's laptop the reminder of a meeting reaches the desktop 5
// minutes before it, through the gate: without the job seeker's name while
// names are hidden on the lock screen (the default), with it when the user
// chose to show them, and not at all with meeting notifications off. The
// bell names them whatever the desktop showed.
func TestMeetingReminderOnTheDesktopFollowsTheLockScreenSetting(t *testing.T) {
	f := newDeskFixture(t)
	ctx := context.Background()
	hanako := f.people["K00002"]
	bookAtBooth(t, f, hanako, 14, 15, data.MeetingBooked)
	bookAtBooth(t, f, f.people["K00003"], 14, 45, data.MeetingBooked)
	prefs := test.NewTempApp(t).Preferences()
	desk := &fakeNotifier{}
	c := newNotificationCentre(notificationDeps{screenEnv: newUIQueue().env(ctx), store: f.st, prefs: prefs, gate: newNotificationGate(prefs, desk),
		mode: func() appMode { return appMode{Exhibitor: true, BoothID: f.booth.ID} }})
	tick := func(hh, mm int) []data.Notification {
		t.Helper()
		sched := notify.Scheduler{Source: f.st, Options: c.options(ctx)}
		got, err := sched.Tick(ctx, datatest.FairDay(hh, mm))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range got {
			c.gate.show(n)
		}
		return got
	}
	got := tick(14, 10)
	if len(got) != 1 || !strings.Contains(got[0].Title, "Hanako Sato") {
		t.Fatalf("the centre keeps %+v", got)
	}
	if len(desk.sent) != 1 || desk.sent[0] != "Meeting in 5 min at booth A01" || !strings.Contains(desk.bodies[0], "14:15–14:30") || !strings.HasSuffix(desk.bodies[0], " · Table 1") {
		t.Errorf("with names hidden the desktop showed %q / %q", desk.sent, desk.bodies)
	}
	for _, text := range append(desk.sent, desk.bodies...) {
		if strings.Contains(text, "Hanako") || strings.Contains(text, "佐藤") {
			t.Errorf("the lock screen shows a name: %q", text)
		}
	}

	prefs.SetBool(prefHideNames, false)
	prefs.SetBool(prefNotifyMeetings, false)
	tick(14, 11) // nothing due, and nothing would show
	tick(14, 12)
	prefs.SetBool(prefNotifyMeetings, true)
	if got := tick(14, 40); len(got) != 1 || len(desk.sent) != 2 || !strings.Contains(desk.sent[1], "Emma Brown") {
		t.Errorf("with names shown the desktop showed %q", desk.sent)
	}
}
