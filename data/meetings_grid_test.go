package data_test

import (
	"errors"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// The slots offered to a pair are those SaveMeeting accepts, and each
// other one carries the reason SaveMeeting gives for refusing it.
func TestSlotOffersSayWhatSaveMeetingWouldSay(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	st := f.Store
	booth := data.BoothHost(f.Booth.ID)
	taro := data.PersonHost(f.Taro.ID)
	var slots []data.MeetingSlot
	for _, at := range [][2]int{{12, 0}, {12, 15}, {12, 30}, {12, 45}} {
		s := slotAt(booth, at[0], at[1], 15*time.Minute, "Table 1")
		datatest.Must(t, st.SaveSlot(ctx, &s))
		slots = append(slots, s)
	}
	late := slotAt(booth, 13, 30, 15*time.Minute, "Table 1")
	datatest.Must(t, st.SaveSlot(ctx, &late))
	taroSlot := slotAt(taro, 12, 30, 15*time.Minute, "")
	datatest.Must(t, st.SaveSlot(ctx, &taroSlot))
	// 12:00 holds Taro's meeting with the booth; Alice meets Taro at
	// 12:30 and speaks at 12:45.
	datatest.Must(t, st.SaveMeeting(ctx, &data.Meeting{Host: booth, PersonID: f.Taro.ID, SlotID: slots[0].ID}))
	datatest.Must(t, st.SaveMeeting(ctx, &data.Meeting{Host: taro, PersonID: f.Alice.ID, SlotID: taroSlot.ID}))
	talk := data.Session{Title: "Finding work in Tokyo", Starts: datatest.FairDay(12, 45), Ends: datatest.FairDay(13, 0)}
	datatest.Must(t, st.SaveSession(ctx, &talk, []string{f.Alice.ID}))

	offers, err := st.SlotOffers(ctx, booth, f.Alice.ID, "")
	datatest.Must(t, err)
	want := []data.ProblemCode{data.ProblemSlotTaken, "", data.ProblemSeekerBusy, data.ProblemSeekerInSession, ""}
	if len(offers) != len(want) {
		t.Fatalf("%d offers, want %d", len(offers), len(want))
	}
	slots = append(slots, late)
	for i, o := range offers {
		got := data.ProblemCode("")
		for _, p := range o.Refused {
			got = p.Code
		}
		if o.Slot.ID != slots[i].ID || got != want[i] {
			t.Errorf("offer %d: slot %s refused for %q, want slot %s refused for %q", i, o.Slot.ID, got, slots[i].ID, want[i])
		}
		if got == data.ProblemSeekerInSession && o.Refused["person_id"].Args[0] != talk.Title {
			t.Errorf("the session is named %v", o.Refused["person_id"].Args)
		}
	}
	if len(datatest.Records(t, st, "meetings")) != 2 {
		t.Fatal("asking for offers wrote a meeting")
	}
	// What the offers say is what the save says.
	for _, o := range offers[:4] {
		m := data.Meeting{Host: booth, PersonID: f.Alice.ID, SlotID: o.Slot.ID}
		err := st.SaveMeeting(ctx, &m)
		var fe data.FieldErrors
		if o.Offered() != (err == nil) || (!o.Offered() && (!errors.As(err, &fe) || len(fe) != 1)) {
			t.Errorf("slot %s offered %v, but the save said %v", o.Slot.ID, o.Offered(), err)
		}
		if err == nil {
			// Now Alice has her one meeting with the booth: the cap.
			again, err := st.SlotOffers(ctx, booth, f.Alice.ID, "")
			datatest.Must(t, err)
			if c := again[4].Refused["person_id"].Code; c != data.ProblemSeekerCapReached {
				t.Errorf("after booking, 13:30 is refused for %q, want the cap", c)
			}
			// Moving that meeting: its own slot is no reason to refuse.
			mine, err := st.SlotOffers(ctx, booth, f.Alice.ID, m.ID)
			datatest.Must(t, err)
			if !mine[1].Offered() {
				t.Errorf("the meeting's own slot is refused to it: %v", mine[1].Refused)
			}
		}
	}
}

func TestNearestFreeSlotSkipsTakenAndBusyTimes(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	st := f.Store
	booth := data.BoothHost(f.Booth.ID)
	var slots []data.MeetingSlot
	for _, minute := range []int{0, 15, 30, 45} {
		s := slotAt(booth, 14, minute, 15*time.Minute, "")
		datatest.Must(t, st.SaveSlot(ctx, &s))
		slots = append(slots, s)
	}
	m := data.Meeting{Host: booth, PersonID: f.Alice.ID, SlotID: slots[1].ID}
	datatest.Must(t, st.SaveMeeting(ctx, &m))
	datatest.Must(t, st.SaveMeeting(ctx, &data.Meeting{Host: booth, PersonID: f.Taro.ID, SlotID: slots[0].ID}))
	got, err := st.NearestFreeSlot(ctx, m.ID)
	datatest.Must(t, err)
	if got.ID != slots[2].ID {
		t.Errorf("nearest free slot starts %s, want 14:30 (14:00 is taken)", got.Starts)
	}
	talk := data.Session{Title: "Panel", Starts: datatest.FairDay(14, 30), Ends: datatest.FairDay(15, 0)}
	datatest.Must(t, st.SaveSession(ctx, &talk, []string{f.Alice.ID}))
	if _, err := st.NearestFreeSlot(ctx, m.ID); !errors.Is(err, data.ErrNoFreeSlot) {
		t.Errorf("with Alice at the panel from 14:30: %v, want no free slot", err)
	}
}

func TestUnmetRequestsAndTotal(t *testing.T) {
	booth, taro := data.BoothHost("b"), data.PersonHost("t")
	asked := []data.MeetingRequest{{Host: booth, PersonID: "a"}, {Host: taro, PersonID: "a"}, {Host: booth, PersonID: "c"}}
	list := []data.Meeting{
		{Host: booth, PersonID: "a", State: data.MeetingProposed, Score: 7},
		{Host: booth, PersonID: "c", State: data.MeetingCancelled, Score: 5},
		{Host: taro, PersonID: "x", State: data.MeetingBooked, Score: 2},
	}
	unmet := data.UnmetRequests(asked, list)
	if len(unmet) != 2 || unmet[0].Host != taro || unmet[1].PersonID != "c" {
		t.Errorf("unmet %+v", unmet)
	}
	if total, n := data.MeetingsTotal(list); total != 9 || n != 2 {
		t.Errorf("total %d of %d meetings, want 9 of 2 (a cancelled one counts nothing)", total, n)
	}
	times := data.SlotTimes([]data.MeetingSlot{{Starts: datatest.FairDay(12, 0)}, {Starts: datatest.FairDay(11, 0)}, {Starts: datatest.FairDay(12, 0)}})
	if len(times) != 2 || times[0].Hour() != 11 {
		t.Errorf("slot times %v", times)
	}
}
