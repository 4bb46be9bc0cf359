package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/notify"
)

// A visit to the booth reaches the desktop without the visitor's name
// while "hide names on the lock screen" is on (as it is at first), and
// with it once the user turns the setting off in Settings → Privacy; the
// bell keeps the name either way.
func TestLockScreenNotificationsFollowHideNames(t *testing.T) {
	ctx := context.Background()
	a := test.NewTempApp(t)
	prefs := a.Preferences()
	clock := datatest.NewClock(time.Date(2026, 10, 23, 10, 0, 0, 0, datatest.London))
	st := datatest.Open(t, clock.Now)
	org := data.Organisation{Name: "Kaisha KK", Kind: data.OrgJapaneseCompany}
	booth := data.Booth{Code: "A01", Name: "Kaisha KK"}
	taro := data.Person{GivenName: "Taro", FamilyName: "Yamada", KanjiName: "山田 太郎", Email: "taro@example.jp"}
	for _, err := range []error{st.SaveEvent(ctx, &data.Event{Name: "Fair", TimeZone: "Europe/London"}),
		st.SaveOrganisation(ctx, &org)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	booth.OrgID = org.ID
	if err := st.SaveBooth(ctx, &booth, nil); err != nil {
		t.Fatal(err)
	}
	taro = savePeople(t, st, taro)[0]
	sched := notify.Scheduler{Source: st, Options: notify.Options{Booth: booth.ID, BoothCode: "A01", Local: datatest.London}}
	// The visits are logged on the entrance desk's laptop and synced here.
	entrance := datatest.Open(t, clock.Now)
	datatest.Relay(t, st, entrance, 0)
	var relayed int64
	visit := func() data.Notification {
		t.Helper()
		clock.Advance(time.Minute)
		if _, err := entrance.LogVisitOf(ctx, booth.ID, taro.ID, ""); err != nil {
			t.Fatal(err)
		}
		relayed = datatest.Relay(t, entrance, st, relayed)
		clock.Advance(10 * time.Second)
		got, err := sched.Tick(ctx, clock.Now())
		if err != nil || len(got) != 1 {
			t.Fatalf("tick: %v %v", got, err)
		}
		if !strings.Contains(got[0].Body, "Taro Yamada") {
			t.Fatalf("the bell's text lost the name: %q", got[0].Body)
		}
		return got[0]
	}
	desk := &fakeNotifier{}
	gate := newNotificationGate(prefs, desk)
	q := newUIQueue()
	p := newPrivacySettings(privacyDeps{screenEnv: q.env(ctx), store: st, prefs: prefs})
	if !p.hideNames.Checked {
		t.Fatal("names show on the lock screen unless the user chose it")
	}

	if !gate.show(visit()) {
		t.Fatal("the visit did not reach the desktop")
	}
	if got := desk.sent[0] + " / " + desk.bodies[0]; !strings.Contains(got, "A visitor checked in at booth A01") ||
		strings.Contains(got, "Taro") || strings.Contains(got, "山田") {
		t.Errorf("with names hidden the desktop showed %q", got)
	}

	test.Tap(p.hideNames) // off
	if !gate.show(visit()) {
		t.Fatal("the second visit did not reach the desktop")
	}
	if got := desk.bodies[1]; !strings.Contains(got, "Taro Yamada (山田 太郎) visited") {
		t.Errorf("with names shown the desktop showed %q", got)
	}
	// Booth staff's check in their own Settings shows the same setting.
	if newHideNamesCheck(prefs).Checked {
		t.Error("booth staff's check shows names hidden after they were turned on")
	}
}

// The retention setting saves whole days on Save or Enter and says the
// day they come to; anything else is refused with the setting unchanged.
func TestContactRetentionDaysInSettings(t *testing.T) {
	ctx := context.Background()
	a := test.NewTempApp(t)
	st := datatest.Open(t, nil)
	ends := time.Date(2026, 10, 23, 16, 0, 0, 0, datatest.London)
	if err := st.SaveEvent(ctx, &data.Event{Name: "Fair", TimeZone: "Europe/London", Starts: ends.Add(-5 * time.Hour), Ends: ends}); err != nil {
		t.Fatal(err)
	}
	q := newUIQueue()
	p := newPrivacySettings(privacyDeps{screenEnv: q.env(ctx), store: st, prefs: a.Preferences()})
	p.refresh()
	q.waitFor(t, "the setting read", func() bool { return p.filled && p.days.Text == "0" })
	if !strings.Contains(p.status.Text, "nothing is deleted automatically") {
		t.Errorf("at 0 days: %q", p.status.Text)
	}
	saved := func() int {
		days, err := st.ContactRetentionDays(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return days
	}

	p.days.SetText("30")
	if saved() != 0 || p.save.Disabled() || !strings.Contains(p.status.Text, "Not saved yet") {
		t.Errorf("30 typed: stored %d, Save disabled %v, said %q", saved(), p.save.Disabled(), p.status.Text)
	}
	test.Tap(p.save)
	q.waitFor(t, "30 days saved", func() bool { return p.saved == 30 })
	if saved() != 30 || !strings.Contains(p.status.Text, "2026-11-22 15:00") /* 30 × 24 hours, over the clock change */ || p.status.Importance == widget.DangerImportance {
		t.Errorf("30 days: stored %d, said %q", saved(), p.status.Text)
	}
	for _, bad := range []string{"thirty", "-3", "2.5", "99999"} {
		p.days.SetText(bad)
		test.Tap(p.save)
		p.onSave() // Enter
		q.settle()
		if saved() != 30 || p.status.Importance != widget.DangerImportance || !strings.Contains(p.status.Text, "stays at 30 days") || !p.save.Disabled() {
			t.Errorf("%q: stored %d, said %q", bad, saved(), p.status.Text)
		}
	}
	p.days.SetText("0")
	p.onSave() // Enter
	q.waitFor(t, "never saved", func() bool { return p.saved == 0 })
	if saved() != 0 {
		t.Errorf("0 stored as %d", saved())
	}

	// What the setting does, from the store's side: run at a start after the day.
	p.days.SetText("7")
	test.Tap(p.save)
	q.waitFor(t, "7 days saved", func() bool { return p.saved == 7 })
	savePeople(t, st, data.Person{GivenName: "No", FamilyName: "Consent", Email: "no@example.org"})
	if n, err := st.ApplyContactRetention(ctx, ends.Add(8*24*time.Hour)); err != nil || n != 1 {
		t.Errorf("the saved 7 days deleted %d (%v)", n, err)
	}
}

// A booth laptop holds no unconsented contact details and may not change
// people: the days are not offered there.
func TestContactRetentionIsNotOfferedOnABoothLaptop(t *testing.T) {
	ctx := context.Background()
	a := test.NewTempApp(t)
	st := datatest.Open(t, nil)
	booth := data.Booth{Code: "B02", Name: "Start-up"}
	if err := st.SaveBooth(ctx, &booth, nil); err != nil {
		t.Fatal(err)
	}
	if err := st.SetLocalRole(ctx, data.BoothLaptop(booth.ID)); err != nil {
		t.Fatal(err)
	}
	q := newUIQueue()
	p := newPrivacySettings(privacyDeps{screenEnv: q.env(ctx), store: st, prefs: a.Preferences()})
	p.refresh()
	q.waitFor(t, "the role read", func() bool { return p.status.Text != "" })
	if !p.days.Disabled() || !strings.Contains(p.status.Text, "Only an organiser's laptop") {
		t.Errorf("on a booth laptop: disabled %v, said %q", p.days.Disabled(), p.status.Text)
	}
}
