package ui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// The File menu offers the meeting schedules and calendar: organisers
// choose every host, every job seeker, every meeting or the person open
// in People; booth staff only their own booth.
func TestMeetingSchedulesFromTheFileMenu(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := context.Background()
	slot := data.MeetingSlot{Host: data.BoothHost(f.Booth.ID), Starts: datatest.FairDay(14, 0), Ends: datatest.FairDay(14, 15), Place: "Table 1"}
	datatest.Must(t, f.Store.SaveSlot(ctx, &slot))
	datatest.Must(t, f.Store.SaveMeeting(ctx, &data.Meeting{Host: slot.Host, PersonID: f.Alice.ID, SlotID: slot.ID, State: data.MeetingBooked}))

	q := newUIQueue()
	a := test.NewTempApp(t)
	saveMode(a.Preferences(), appMode{Name: "Ann"})
	w := newMainWindow(a, Config{Store: f.Store}, q.do)
	t.Cleanup(w.win.Close)
	w.start()
	q.waitFor(t, "the window", func() bool { return w.nav != nil })
	labels := func() []string {
		var out []string
		for _, item := range w.mainMenu().Items[0].Items {
			out = append(out, item.Label)
		}
		return out
	}
	choices := func(calendar bool) []string {
		var out []string
		for _, c := range w.scheduleChoices(calendar) {
			out = append(out, c.label)
		}
		return out
	}
	for _, want := range []string{"Meeting schedules (PDF)…", "Export meetings calendar (.ics)…"} {
		if !slices.Contains(labels(), want) {
			t.Errorf("the organisers' File menu lacks %q: %q", want, labels())
		}
	}
	if got := choices(false); !slices.Equal(got, []string{"Every host, a page each", "Every job seeker, a page each"}) {
		t.Errorf("schedules for %q", got)
	}
	alice, err := f.Store.Person(ctx, f.Alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	w.people.form.edit(alice)
	if got := choices(true); !slices.Equal(got, []string{"Alice Smith, open in People", "Every meeting"}) {
		t.Errorf("calendar for %q", got)
	}
	sch, err := w.scheduleChoices(true)[0].read(ctx, f.Store)
	if err != nil || len(sch) != 1 || len(sch[0].Meetings) != 1 || sch[0].Meetings[0].With != "A01 Kaisha KK" {
		t.Errorf("Alice's schedule %+v, %v", sch, err)
	}

	w.mode = appMode{Name: "Bob", Exhibitor: true, BoothID: f.Booth.ID}
	if !slices.Contains(labels(), "Meeting schedules (PDF)…") {
		t.Errorf("the booth staff's File menu: %q", labels())
	}
	if got := choices(false); !slices.Equal(got, []string{"This booth's meetings"}) {
		t.Errorf("booth staff may print %q", got)
	}
	sch, err = w.scheduleChoices(false)[0].read(ctx, f.Store)
	if err != nil || len(sch) != 1 || sch[0].Name != "A01 Kaisha KK" || len(sch[0].Meetings) != 1 {
		t.Errorf("the booth's schedule %+v, %v", sch, err)
	}
}
