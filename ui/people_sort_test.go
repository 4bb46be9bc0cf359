package ui

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// slowList holds back the People list's rows until told, so that a test
// sees what the screen says while the count is in and the rows are not.
type slowList struct {
	*data.Store
	release chan struct{}
}

func (s slowList) ListPeople(ctx context.Context, f data.PeopleFilter, offset, limit int) ([]data.PersonRow, error) {
	<-s.release
	return s.Store.ListPeople(ctx, f, offset, limit)
}

// The count and the list change together: a count that arrives before
// its rows waits for them.
func TestPeopleCountWaitsForItsRows(t *testing.T) {
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()...)
	slow := slowList{Store: st, release: make(chan struct{}, 10)}
	s, q := newTestPeopleScreen(t, slow)
	slow.release <- struct{}{}
	s.refresh()
	q.waitFor(t, "everyone listed", func() bool { return s.count.Text == "5 people" && len(visibleNames(s)) == 5 })

	s.search.SetText("yam") // the count comes back; the rows are held
	q.settle()
	if s.count.Text != "5 people" {
		t.Fatalf("the count says %q while the list still shows everyone", s.count.Text)
	}
	slow.release <- struct{}{}
	q.waitFor(t, "the new rows and count", func() bool {
		return s.count.Text == "1 person matches “yam”" && len(visibleNames(s)) == 1
	})
}

// The list sorts by name, organisation, role or check-in time.
func TestPeopleListSortsByCheckInTime(t *testing.T) {
	clock := datatest.NewClock(datatest.FairDay(11, 0))
	st := datatest.Open(t, clock.Now)
	savePeople(t, st, fairPeople()...)
	ctx := context.Background()
	for i, code := range []string{"B00004", "B00001"} { // Emma, then Taro
		clock.Set(datatest.FairDay(11, 10*(i+1)))
		if _, err := st.CheckIn(ctx, code, "ann"); err != nil {
			t.Fatal(err)
		}
	}
	s, q := newTestPeopleScreen(t, st)
	s.refresh()
	q.waitFor(t, "everyone listed", func() bool { return s.count.Text == "5 people" })
	s.sort.SetSelectedIndex(3) // check-in time
	q.waitFor(t, "sorted by check-in", func() bool {
		first, ok := s.rowAt(0)
		return ok && s.currentFilter().Sort == data.SortByCheckIn && first.GivenName == "Taro"
	})
	second, _ := s.rowAt(1)
	if second.GivenName != "Emma" {
		t.Errorf("second by check-in time is %q, want Emma", second.GivenName)
	}
	if !strings.Contains(s.sort.Selected, "check-in") {
		t.Errorf("the sort reads %q", s.sort.Selected)
	}
}

// Badges for one: the walk-in just registered at the desk comes first,
// then the person open in People, then the search, then everyone; the
// PDF for one person holds one badge.
func TestBadgesForTheWalkInJustRegistered(t *testing.T) {
	f := newDeskFixture(t)
	q := newUIQueue()
	a := test.NewTempApp(t)
	saveMode(a.Preferences(), appMode{Name: "Ann"})
	w := newMainWindow(a, Config{Store: f.st}, q.do)
	t.Cleanup(w.win.Close)
	w.start()
	q.waitFor(t, "the event shown", func() bool { return w.nav != nil })
	if got := w.badgeChoices(); len(got) != 1 || got[0].filter != (data.PeopleFilter{}) {
		t.Fatalf("with no one chosen: %+v, want only everyone", got)
	}
	w.selectScreen(navCheckIn)
	desk := w.desk.checkIn
	desk.unknown = "Mei Chen"
	desk.onWalkIn()
	form := desk.walkForm
	form.name.SetText("Mei Chen")
	test.Tap(form.save)
	q.waitFor(t, "the walk-in registered", func() bool { return desk.person.ID != "" })
	choices := w.badgeChoices()
	if len(choices) != 2 || !strings.HasPrefix(choices[0].label, "Mei Chen") || choices[0].filter.ID != desk.person.ID {
		t.Fatalf("choices %+v, want the walk-in first", choices)
	}
	var pdf bytes.Buffer
	done, err := writeBadges(context.Background(), f.st, &pdf, "A4", choices[0].filter)
	if err != nil || !strings.HasPrefix(done, "1 badge on 1 page") {
		t.Errorf("badges for the walk-in: %q %v", done, err)
	}
}

// Before any visit My booth's charts say so in words: no bar of nought
// labelled "No visits yet | 0".
func TestMyBoothChartsBeforeAnyVisit(t *testing.T) {
	f := newDeskFixture(t)
	test.NewTempApp(t)
	q := newUIQueue()
	m := newMyBoothScreen(myBoothDeps{screenEnv: q.env(context.Background()), store: f.st})
	m.setBooth(f.booth.ID, "Ben")
	w := test.NewWindow(m.content)
	t.Cleanup(w.Close)
	m.refresh()
	q.waitFor(t, "booth stats", func() bool { return m.visits.Title == "0" })
	for name, c := range map[string]*chartOrNote{"per hour": m.perHour, "by role": m.byRole, "by interest": m.byInterest} {
		if c.chart.Visible() || len(c.chart.bars) != 0 || !c.note.Visible() || c.note.Text != "No visits yet" {
			t.Errorf("%s: chart shown %v with %q, note %q shown %v", name, c.chart.Visible(), c.chart.chartText(), c.note.Text, c.note.Visible())
		}
	}
	if _, err := f.st.LogVisit(context.Background(), f.booth.ID, "K00001", "Ben"); err != nil {
		t.Fatal(err)
	}
	m.refresh()
	q.waitFor(t, "the first visit", func() bool { return m.visits.Title == "1" })
	if !m.perHour.chart.Visible() || m.perHour.note.Visible() {
		t.Error("after a visit the chart is still hidden")
	}
}
