package data_test

import (
	"errors"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// problemOf is the problem a refused save reports for field, or "".
func problemOf(err error, field string) data.ProblemCode {
	var fe data.FieldErrors
	if errors.As(err, &fe) {
		return fe[field].Code
	}
	return ""
}

func slotAt(h data.Host, hour, minute int, length time.Duration, place string) data.MeetingSlot {
	start := datatest.FairDay(hour, minute)
	return data.MeetingSlot{Host: h, Starts: start, Ends: start.Add(length), Place: place}
}

func TestSlotsAreCheckedAndListedInOrder(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	taro, booth := data.PersonHost(f.Taro.ID), data.BoothHost(f.Booth.ID)

	later := slotAt(taro, 12, 0, 15*time.Minute, "Lounge")
	datatest.Must(t, f.Store.SaveSlot(ctx, &later))
	first := slotAt(taro, 11, 30, 15*time.Minute, "Lounge")
	datatest.Must(t, f.Store.SaveSlot(ctx, &first))

	for name, c := range map[string]struct {
		slot  data.MeetingSlot
		field string
		code  data.ProblemCode
	}{
		"too short":       {slotAt(taro, 13, 0, 5*time.Minute, ""), "ends_at", data.ProblemSlotLength},
		"too long":        {slotAt(taro, 13, 0, 45*time.Minute, ""), "ends_at", data.ProblemSlotLength},
		"no host":         {slotAt(data.Host{}, 13, 0, 15*time.Minute, ""), "host_id", data.ProblemHostNeeded},
		"two hosts":       {slotAt(data.Host{BoothID: f.Booth.ID, HostID: f.Taro.ID}, 13, 0, 15*time.Minute, ""), "host_id", data.ProblemHostNeeded},
		"overlaps":        {slotAt(taro, 12, 10, 15*time.Minute, "Room 2"), "starts_at", data.ProblemSlotOverlaps},
		"no start":        {data.MeetingSlot{Host: taro}, "starts_at", data.ProblemSlotStartNeeded},
		"negative cap":    {data.MeetingSlot{Host: taro, Starts: datatest.FairDay(14, 0), Ends: datatest.FairDay(14, 15), SeekerCap: -1}, "seeker_cap", data.ProblemSeekerCapNotPositive},
		"same booth seat": {slotAt(booth, 11, 0, 10*time.Minute, "Table 1"), "starts_at", data.ProblemSlotOverlaps},
	} {
		if name == "same booth seat" {
			seat := slotAt(booth, 11, 5, 10*time.Minute, "table 1")
			datatest.Must(t, f.Store.SaveSlot(ctx, &seat))
		}
		slot := c.slot
		if err := f.Store.SaveSlot(ctx, &slot); problemOf(err, c.field) != c.code {
			t.Errorf("%s: got %v, want %s on %s", name, err, c.code, c.field)
		}
	}
	// A booth with two tables offers two slots at once.
	other := slotAt(booth, 11, 5, 10*time.Minute, "Table 2")
	datatest.Must(t, f.Store.SaveSlot(ctx, &other))

	list, err := f.Store.Slots(ctx, taro)
	datatest.Must(t, err)
	if len(list) != 2 || list[0].ID != first.ID || list[1].ID != later.ID {
		t.Fatalf("Taro's slots: %+v", list)
	}
	if got := list[0]; !got.Starts.Equal(first.Starts) || !got.Ends.Equal(first.Ends) || got.Place != "Lounge" || got.SeekerCap != 1 || got.Host != taro {
		t.Errorf("slot read back as %+v", got)
	}
	all, err := f.Store.Slots(ctx, data.Host{})
	datatest.Must(t, err)
	if len(all) != 4 {
		t.Errorf("%d slots in all, want 4", len(all))
	}
	rows := datatest.Records(t, f.Store, "meeting_slots")
	if len(rows) != 4 {
		t.Fatalf("%d slot rows, want 4: a refused slot was saved", len(rows))
	}

	// Moving a slot onto another of the same host is refused; elsewhere it is kept.
	later.Starts, later.Ends = first.Starts.Add(5*time.Minute), first.Ends.Add(5*time.Minute)
	if err := f.Store.SaveSlot(ctx, &later); problemOf(err, "starts_at") != data.ProblemSlotOverlaps {
		t.Errorf("moving onto another slot: %v", err)
	}
	datatest.Must(t, f.Store.DeleteSlot(ctx, first.ID))
	datatest.Must(t, f.Store.SaveSlot(ctx, &later))
	list, _ = f.Store.Slots(ctx, taro)
	if len(list) != 1 || !list[0].Starts.Equal(datatest.FairDay(11, 35)) {
		t.Errorf("after deleting and moving: %+v", list)
	}
}

func TestRequestsAndPreferencesAreOneRowPerPair(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	taro, booth := data.PersonHost(f.Taro.ID), data.BoothHost(f.Booth.ID)

	r := data.MeetingRequest{Host: taro, PersonID: f.Alice.ID, Rank: 2, Source: data.SourceImport}
	datatest.Must(t, f.Store.SaveMeetingRequest(ctx, &r))
	again := data.MeetingRequest{Host: taro, PersonID: f.Alice.ID, Rank: 1}
	datatest.Must(t, f.Store.SaveMeetingRequest(ctx, &again))
	b := data.MeetingRequest{Host: booth, PersonID: f.Alice.ID, Rank: 3, Source: data.SourceDesk}
	datatest.Must(t, f.Store.SaveMeetingRequest(ctx, &b))

	for name, c := range map[string]struct {
		r     data.MeetingRequest
		field string
		code  data.ProblemCode
	}{
		"rank 0":      {data.MeetingRequest{Host: booth, PersonID: f.Alice.ID}, "rank", data.ProblemRankNotPositive},
		"source":      {data.MeetingRequest{Host: booth, PersonID: f.Alice.ID, Rank: 1, Source: "web"}, "source", data.ProblemRequestSourceUnknown},
		"no seeker":   {data.MeetingRequest{Host: booth, Rank: 1}, "person_id", data.ProblemSeekerNeeded},
		"meets self":  {data.MeetingRequest{Host: taro, PersonID: f.Taro.ID, Rank: 1}, "person_id", data.ProblemSeekerIsHost},
		"both or not": {data.MeetingRequest{PersonID: f.Alice.ID, Rank: 1}, "host_id", data.ProblemHostNeeded},
	} {
		if err := f.Store.SaveMeetingRequest(ctx, &c.r); problemOf(err, c.field) != c.code {
			t.Errorf("%s: got %v, want %s", name, err, c.code)
		}
	}
	ghost := data.MeetingRequest{Host: data.PersonHost(data.NewID()), PersonID: f.Alice.ID, Rank: 1}
	if err := f.Store.SaveMeetingRequest(ctx, &ghost); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("a request to nobody: %v", err)
	}

	list, err := f.Store.MeetingRequests(ctx)
	datatest.Must(t, err)
	if len(list) != 2 || list[0].Host != taro || list[0].Rank != 1 || list[0].Source != data.SourceOrganiser || list[1].Host != booth || list[1].Source != data.SourceDesk {
		t.Fatalf("requests: %+v", list)
	}
	datatest.Must(t, f.Store.WithdrawMeetingRequest(ctx, taro, f.Alice.ID))
	list, _ = f.Store.MeetingRequests(ctx)
	if len(list) != 1 || list[0].Host != booth || list[0].Rank != 1 {
		t.Errorf("after withdrawing Taro, her first choice, the booth should be it: %+v", list)
	}
	if rows := datatest.Records(t, f.Store, "meeting_requests"); len(rows) != 2 {
		t.Errorf("%d request rows, want 2 (one a tombstone)", len(rows))
	}
	datatest.Must(t, f.Store.SaveMeetingRequest(ctx, &again))
	if list, _ = f.Store.MeetingRequests(ctx); len(list) != 2 {
		t.Errorf("a request made again is not back: %+v", list)
	}

	datatest.Must(t, f.Store.SetHostPreference(ctx, booth, f.Alice.ID, data.PreferNoThanks))
	datatest.Must(t, f.Store.SetHostPreference(ctx, booth, f.Alice.ID, data.PreferWant))
	datatest.Must(t, f.Store.SetHostPreference(ctx, taro, f.Alice.ID, data.PreferNoThanks))
	if err := f.Store.SetHostPreference(ctx, taro, f.Alice.ID, "maybe"); problemOf(err, "preference") != data.ProblemPreferenceUnknown {
		t.Errorf("an unknown preference: %v", err)
	}
	prefs, err := f.Store.HostPreferences(ctx)
	datatest.Must(t, err)
	if len(prefs) != 2 || prefs[0].Host != taro || prefs[0].Preference != data.PreferNoThanks || prefs[1].Preference != data.PreferWant {
		t.Fatalf("preferences: %+v", prefs)
	}
	datatest.Must(t, f.Store.SetHostPreference(ctx, taro, f.Alice.ID, data.PreferNone))
	if prefs, _ = f.Store.HostPreferences(ctx); len(prefs) != 1 || prefs[0].Host != booth {
		t.Errorf("after taking no thanks back: %+v", prefs)
	}
}

func TestBookingRefusesClashesAndSavesNothing(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	st := f.Store
	taro, booth := data.PersonHost(f.Taro.ID), data.BoothHost(f.Booth.ID)
	s1 := slotAt(taro, 12, 0, 15*time.Minute, "Lounge")
	s2 := slotAt(booth, 12, 5, 15*time.Minute, "Table 1")
	s3 := slotAt(taro, 12, 30, 15*time.Minute, "")
	s3.Link = "https://meet.example.org/taro"
	s4 := slotAt(booth, 14, 0, 20*time.Minute, "Table 1")
	for _, s := range []*data.MeetingSlot{&s1, &s2, &s3, &s4} {
		datatest.Must(t, st.SaveSlot(ctx, s))
	}

	m := data.Meeting{Host: taro, PersonID: f.Alice.ID, SlotID: s1.ID, Score: 7, Reasons: "both: Finance"}
	datatest.Must(t, st.SaveMeeting(ctx, &m))
	if m.State != data.MeetingBooked || !m.Starts.Equal(s1.Starts) || m.Place != "Lounge" {
		t.Fatalf("booked: %+v", m)
	}
	got, err := st.Meeting(ctx, m.ID)
	datatest.Must(t, err)
	if got.Score != 7 || got.Reasons != "both: Finance" || got.SlotID != s1.ID || !got.Ends.Equal(s1.Ends) || got.Host != taro {
		t.Errorf("read back: %+v", got)
	}

	refused := map[string]struct {
		m     data.Meeting
		field string
		code  data.ProblemCode
	}{
		// Bob is free, but the slot is Alice's meeting.
		"slot taken": {data.Meeting{Host: taro, PersonID: f.Bob.ID, SlotID: s1.ID}, "slot_id", data.ProblemSlotTaken},
		// The booth's slot starts 5 minutes into Alice's meeting with Taro.
		"seeker busy": {data.Meeting{Host: booth, PersonID: f.Alice.ID, SlotID: s2.ID}, "person_id", data.ProblemSeekerBusy},
		// One meeting with Taro is as many as his slots allow her.
		"cap": {data.Meeting{Host: taro, PersonID: f.Alice.ID, SlotID: s3.ID}, "person_id", data.ProblemSeekerCapReached},
		// The slot is the booth's, not Taro's.
		"other host's slot": {data.Meeting{Host: taro, PersonID: f.Bob.ID, SlotID: s2.ID}, "slot_id", data.ProblemSlotNotOfHost},
		"unknown state":     {data.Meeting{Host: taro, PersonID: f.Bob.ID, SlotID: s3.ID, State: "maybe"}, "state", data.ProblemMeetingStateUnknown},
		// Taro hosts at 12:00; he cannot also be a seeker at the booth at 12:05.
		"host busy as seeker": {data.Meeting{Host: booth, PersonID: f.Taro.ID, SlotID: s2.ID}, "person_id", data.ProblemSeekerBusy},
	}
	for name, c := range refused {
		if err := st.SaveMeeting(ctx, &c.m); problemOf(err, c.field) != c.code {
			t.Errorf("%s: got %v, want %s on %s", name, err, c.code, c.field)
		}
	}
	if rows := datatest.Records(t, st, "meetings"); len(rows) != 1 {
		t.Fatalf("%d meeting rows after refusals, want 1", len(rows))
	}

	// A session Alice signed up for, and one Taro speaks at, keep them.
	clinic := data.Session{Title: "CV clinic", Kind: data.SessionBreakout, Starts: datatest.FairDay(13, 55), Ends: datatest.FairDay(14, 30)}
	datatest.Must(t, st.SaveSession(ctx, &clinic, nil))
	datatest.Must(t, st.SignUp(ctx, clinic.ID, f.Alice.ID, true))
	if err := st.SaveMeeting(ctx, &data.Meeting{Host: booth, PersonID: f.Alice.ID, SlotID: s4.ID}); problemOf(err, "person_id") != data.ProblemSeekerInSession {
		t.Errorf("in a session: %v", err)
	}
	talk := data.Session{Title: "Mentoring talk", Starts: datatest.FairDay(12, 30), Ends: datatest.FairDay(13, 0)}
	datatest.Must(t, st.SaveSession(ctx, &talk, []string{f.Taro.ID}))
	if err := st.SaveMeeting(ctx, &data.Meeting{Host: taro, PersonID: f.Bob.ID, SlotID: s3.ID}); problemOf(err, "host_id") != data.ProblemHostBusy {
		t.Errorf("host speaking then: %v", err)
	}

	// Cancelling frees the slot and Alice's time.
	datatest.Must(t, st.SetMeetingState(ctx, m.ID, data.MeetingCancelled))
	bob := data.Meeting{Host: taro, PersonID: f.Bob.ID, SlotID: s1.ID, State: data.MeetingProposed}
	datatest.Must(t, st.SaveMeeting(ctx, &bob))
	booked := data.Meeting{Host: booth, PersonID: f.Alice.ID, SlotID: s2.ID}
	datatest.Must(t, st.SaveMeeting(ctx, &booked))
	// Alice's cancelled meeting cannot take the slot back.
	if err := st.SetMeetingState(ctx, m.ID, data.MeetingBooked); problemOf(err, "slot_id") != data.ProblemSlotTaken {
		t.Errorf("re-booking a cancelled meeting into a taken slot: %v", err)
	}

	list, err := st.Meetings(ctx, data.MeetingFilter{PersonID: f.Alice.ID})
	datatest.Must(t, err)
	if len(list) != 2 || list[0].ID != m.ID || list[0].State != data.MeetingCancelled || list[1].ID != booked.ID {
		t.Errorf("Alice's meetings: %+v", list)
	}
	list, _ = st.Meetings(ctx, data.MeetingFilter{Host: taro, States: []data.MeetingState{data.MeetingProposed, data.MeetingBooked}})
	if len(list) != 1 || list[0].ID != bob.ID {
		t.Errorf("Taro's live meetings: %+v", list)
	}
	busy, err := st.SessionBusy(ctx)
	datatest.Must(t, err)
	if len(busy) != 2 || !busy[0].Starts.Equal(clinic.Starts) && !busy[1].Starts.Equal(clinic.Starts) {
		t.Errorf("who is at a session: %+v", busy)
	}
}

// Erasing a job seeker takes their requests, preferences and meetings;
// erasing a mentor takes the slots and meetings they host.
func TestErasureReachesMeetings(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	st := f.Store
	taro, booth := data.PersonHost(f.Taro.ID), data.BoothHost(f.Booth.ID)
	s1, s2 := slotAt(taro, 12, 0, 15*time.Minute, ""), slotAt(booth, 12, 0, 15*time.Minute, "")
	datatest.Must(t, st.SaveSlot(ctx, &s1))
	datatest.Must(t, st.SaveSlot(ctx, &s2))
	datatest.Must(t, st.SaveMeetingRequest(ctx, &data.MeetingRequest{Host: booth, PersonID: f.Alice.ID, Rank: 1}))
	datatest.Must(t, st.SetHostPreference(ctx, booth, f.Alice.ID, data.PreferWant))
	datatest.Must(t, st.SaveMeeting(ctx, &data.Meeting{Host: booth, PersonID: f.Alice.ID, SlotID: s2.ID}))
	datatest.Must(t, st.SaveMeeting(ctx, &data.Meeting{Host: taro, PersonID: f.Bob.ID, SlotID: s1.ID}))

	datatest.Must(t, st.ErasePerson(ctx, f.Alice.ID))
	for _, tbl := range []string{"meeting_requests", "host_preferences"} {
		if rows := datatest.Records(t, st, tbl); len(rows) != 0 {
			t.Errorf("%s keeps %d rows of an erased seeker", tbl, len(rows))
		}
	}
	if rows := datatest.Records(t, st, "meetings"); len(rows) != 1 || rows[0]["host_id"] != f.Taro.ID {
		t.Errorf("meetings after erasing Alice: %v", rows)
	}
	datatest.Must(t, st.ErasePerson(ctx, f.Taro.ID))
	if rows := datatest.Records(t, st, "meetings"); len(rows) != 0 {
		t.Errorf("meetings after erasing their host: %v", rows)
	}
	if rows := datatest.Records(t, st, "meeting_slots"); len(rows) != 1 || rows[0]["booth_id"] != f.Booth.ID {
		t.Errorf("slots after erasing Taro: %v", rows)
	}
}

// A booth laptop books a meeting at its booth; what it sends is for its
// booth alone and carries no score or reasons, which only organisers read.
func TestBoothLaptopSendsItsMeetingsToItsBoothOnly(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	st := f.Store
	booth := data.BoothHost(f.Booth.ID)
	s := slotAt(booth, 12, 0, 15*time.Minute, "Table 1")
	datatest.Must(t, st.SaveSlot(ctx, &s))
	taroSlot := slotAt(data.PersonHost(f.Taro.ID), 12, 0, 15*time.Minute, "")
	datatest.Must(t, st.SaveSlot(ctx, &taroSlot))
	mentor := data.Meeting{Host: data.PersonHost(f.Taro.ID), PersonID: f.Bob.ID, SlotID: taroSlot.ID, Score: 4, Reasons: "returned the same year"}
	datatest.Must(t, st.SaveMeeting(ctx, &mentor))

	// As an organiser's laptop: the mentor's meeting is the organisers' alone.
	seen := map[data.Audience]map[string]bool{}
	collect := func(a data.Audience, rc data.RowChange) error {
		if rc.Table == "meetings" || rc.Table == "meeting_slots" {
			if seen[a] == nil {
				seen[a] = map[string]bool{}
			}
			for col := range rc.Cells {
				seen[a][rc.Table+"."+col] = true
			}
		}
		return nil
	}
	datatest.Must(t, st.LocalChangesFor(ctx, 0, st.LastSeq(), collect))
	if len(seen) != 2 || !seen[data.AudOrganisers]["meetings.reasons"] || seen[data.BoothAudience(f.Booth.ID)]["meetings.booth_id"] {
		t.Fatalf("an organiser's changes went to %v", seen)
	}

	datatest.Must(t, st.SetLocalRole(ctx, data.BoothLaptop(f.Booth.ID)))
	from := st.LastSeq()
	m := data.Meeting{Host: booth, PersonID: f.Alice.ID, SlotID: s.ID, Score: 9, Reasons: "both: Finance"}
	datatest.Must(t, st.SaveMeeting(ctx, &m))
	seen = map[data.Audience]map[string]bool{}
	datatest.Must(t, st.LocalChangesFor(ctx, from, st.LastSeq(), collect))
	own := seen[data.BoothAudience(f.Booth.ID)]
	if len(seen) != 1 || !own["meetings.person_id"] || !own["meetings.state"] || own["meetings.score"] || own["meetings.reasons"] {
		t.Errorf("a booth laptop's meeting went to %v", seen)
	}
	if rows := datatest.Records(t, st, "meetings"); len(rows) != 1 {
		t.Errorf("the booth laptop holds %d meetings, want its own one and not the mentor's", len(rows))
	}
}

// A draft replaces the last one whole, or not at all; publishing books it.
func TestDraftIsReplacedWholeAndPublished(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	st := f.Store
	booth := data.BoothHost(f.Booth.ID)
	s1, s2 := slotAt(booth, 12, 0, 15*time.Minute, ""), slotAt(booth, 12, 15, 15*time.Minute, "")
	datatest.Must(t, st.SaveSlot(ctx, &s1))
	datatest.Must(t, st.SaveSlot(ctx, &s2))
	draft := func(pairs ...any) []*data.Meeting {
		var list []*data.Meeting
		for i := 0; i < len(pairs); i += 2 {
			list = append(list, &data.Meeting{Host: booth, PersonID: pairs[i].(string), SlotID: pairs[i+1].(string), State: data.MeetingProposed})
		}
		return list
	}
	datatest.Must(t, st.ReplaceDraft(ctx, draft(f.Alice.ID, s1.ID, f.Taro.ID, s2.ID)))
	// Two meetings in one slot: refused, and the first draft stays.
	if err := st.ReplaceDraft(ctx, draft(f.Alice.ID, s2.ID, f.Taro.ID, s2.ID)); problemOf(err, "slot_id") != data.ProblemSlotTaken {
		t.Fatalf("a draft with a slot twice: %v", err)
	}
	if err := st.ReplaceDraft(ctx, []*data.Meeting{{Host: booth, PersonID: f.Alice.ID, SlotID: s1.ID, State: data.MeetingBooked}}); err == nil {
		t.Error("a booked meeting was taken as a draft")
	}
	list, _ := st.Meetings(ctx, data.MeetingFilter{States: []data.MeetingState{data.MeetingProposed}})
	if len(list) != 2 || list[0].PersonID != f.Alice.ID || list[1].PersonID != f.Taro.ID {
		t.Fatalf("draft after a refused one: %+v", list)
	}
	datatest.Must(t, st.ReplaceDraft(ctx, draft(f.Taro.ID, s1.ID)))
	list, _ = st.Meetings(ctx, data.MeetingFilter{})
	if len(list) != 1 || list[0].PersonID != f.Taro.ID {
		t.Fatalf("draft replaced: %+v", list)
	}
	n, err := st.PublishMeetings(ctx)
	datatest.Must(t, err)
	if list, _ = st.Meetings(ctx, data.MeetingFilter{States: []data.MeetingState{data.MeetingBooked}}); n != 1 || len(list) != 1 {
		t.Errorf("published %d, booked %+v", n, list)
	}
	// A booked meeting is not part of the next draft, and stays.
	datatest.Must(t, st.ReplaceDraft(ctx, nil))
	if list, _ = st.Meetings(ctx, data.MeetingFilter{}); len(list) != 1 || list[0].State != data.MeetingBooked {
		t.Errorf("an empty draft took a booked meeting: %+v", list)
	}
}

// A visit logged at the booth around a booked meeting there marks it done;
// a meeting later in the day, or at another host, stays booked.
func TestVisitAtTheBoothMarksTheMeetingDone(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	st := f.Store
	booth, taro := data.BoothHost(f.Booth.ID), data.PersonHost(f.Taro.ID)
	now := slotAt(booth, 11, 10, 15*time.Minute, "")
	later := slotAt(booth, 14, 0, 15*time.Minute, "")
	mentor := slotAt(taro, 14, 30, 15*time.Minute, "")
	for _, s := range []*data.MeetingSlot{&now, &later, &mentor} {
		datatest.Must(t, st.SaveSlot(ctx, s))
	}
	m1 := data.Meeting{Host: booth, PersonID: f.Alice.ID, SlotID: now.ID}
	m2 := data.Meeting{Host: booth, PersonID: f.Alice.ID, SlotID: later.ID}
	m3 := data.Meeting{Host: taro, PersonID: f.Alice.ID, SlotID: mentor.ID}
	datatest.Must(t, st.SaveSlot(ctx, &data.MeetingSlot{ID: later.ID, Host: booth, Starts: later.Starts, Ends: later.Ends, SeekerCap: 2}))
	for _, m := range []*data.Meeting{&m1, &m2, &m3} {
		datatest.Must(t, st.SaveMeeting(ctx, m))
	}
	res, err := st.LogVisitOf(ctx, f.Booth.ID, f.Alice.ID, "bob") // 11:00, ten minutes early
	datatest.Must(t, err)
	if len(res.MeetingsDone) != 1 || res.MeetingsDone[0] != m1.ID {
		t.Fatalf("the visit marked %v done, want %s", res.MeetingsDone, m1.ID)
	}
	for id, want := range map[string]data.MeetingState{m1.ID: data.MeetingDone, m2.ID: data.MeetingBooked, m3.ID: data.MeetingBooked} {
		if got, _ := st.Meeting(ctx, id); got.State != want {
			t.Errorf("meeting %s is %s, want %s", id, got.State, want)
		}
	}
	// A second visit changes nothing more.
	if res, _ := st.LogVisitOf(ctx, f.Booth.ID, f.Alice.ID, "bob"); len(res.MeetingsDone) != 0 {
		t.Errorf("a second visit marked %v", res.MeetingsDone)
	}
}
