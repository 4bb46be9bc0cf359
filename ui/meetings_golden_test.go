package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// The golden images hold the Meetings screen: the timetable with a meeting
// in each state that shows a colour and one selected, and the auto-schedule's
// draft once published. Regenerate with `go test -tags ci ./ui/ -run
// MeetingsGolden` and copy testdata/failed/meetings_*.png over the files
// here after looking at them.
// laidOut lays the window out once more, as the real window does with
// every frame: a wrapping row knows its height only after one layout.
func laidOut(w fyne.Window) fyne.Canvas {
	size := w.Canvas().Size()
	w.Resize(size.AddWidthHeight(1, 1))
	w.Resize(size)
	return w.Canvas()
}

func TestMeetingsGridGolden(t *testing.T) {
	f := newMeetingsFixture(t)
	ctx := context.Background()
	st := f.Store
	done := data.Meeting{Host: f.booth, PersonID: f.Taro.ID, SlotID: f.boothSlots[0].ID, State: data.MeetingDone}
	booked := data.Meeting{Host: f.booth, PersonID: f.Alice.ID, SlotID: f.boothSlots[1].ID, Score: 9, Reasons: "both: finance; choice 1"}
	for _, m := range []*data.Meeting{&done, &booked,
		{Host: f.booth, PersonID: f.chen.ID, SlotID: f.boothSlots[3].ID, State: data.MeetingNoShow},
		{Host: f.taro, PersonID: f.chen.ID, SlotID: f.taroSlots[1].ID, State: data.MeetingProposed, Score: 7, Reasons: "choice 1"},
		{Host: f.taro, PersonID: f.Alice.ID, SlotID: f.taroSlots[0].ID, State: data.MeetingCancelled},
	} {
		datatest.Must(t, st.SaveMeeting(ctx, m))
	}
	s, _, w := newTestMeetings(t, st, fyne.NewSize(1000, 560))
	r, c := cellOf(t, s, f.booth, datatest.FairDay(12, 15))
	s.grid.table.Select(widget.TableCellID{Row: r, Col: c})
	if !strings.Contains(s.detail.reasons.Text, "both: finance; choice 1") {
		t.Fatalf("the selected meeting's reasons read %q", s.detail.reasons.Text)
	}
	test.AssertRendersToImage(t, "meetings_grid.png", laidOut(w))
}

func TestMeetingsDraftPublishedGolden(t *testing.T) {
	f := newMeetingsFixture(t)
	s, q, w := newTestMeetings(t, f.Store, fyne.NewSize(1000, 560))
	test.Tap(s.schedule)
	q.waitFor(t, "the draft made", func() bool { return !s.draft.running && strings.HasPrefix(s.draft.summary.Text, "Draft:") })
	test.AssertRendersToImage(t, "meetings_draft.png", laidOut(w))
	test.Tap(s.publish())
	q.waitFor(t, "the draft published", func() bool { return strings.HasPrefix(s.draft.summary.Text, "No draft;") })
	s.tabs.SelectIndex(0)
	test.AssertRendersToImage(t, "meetings_published.png", laidOut(w))
}
