package matchmaking

import (
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/match"
)

// The proposal reads the store whole: a mentor's talk and the booth's
// "no thanks" keep meetings away, and each proposal carries its reasons.
func TestProposalReadsTheStore(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	st := f.Store
	taro, booth := data.PersonHost(f.Taro.ID), data.BoothHost(f.Booth.ID)
	for _, s := range []data.MeetingSlot{
		{Host: taro, Starts: datatest.FairDay(12, 0), Ends: datatest.FairDay(12, 15)},
		{Host: taro, Starts: datatest.FairDay(12, 15), Ends: datatest.FairDay(12, 30)},
		{Host: booth, Starts: datatest.FairDay(12, 0), Ends: datatest.FairDay(12, 15)},
	} {
		datatest.Must(t, st.SaveSlot(ctx, &s))
	}
	talk := data.Session{Title: "Mentors' talk", Starts: datatest.FairDay(11, 55), Ends: datatest.FairDay(12, 10)}
	datatest.Must(t, st.SaveSession(ctx, &talk, []string{f.Taro.ID}))
	datatest.Must(t, st.SaveMeetingRequest(ctx, &data.MeetingRequest{Host: taro, PersonID: f.Alice.ID, Rank: 1}))
	datatest.Must(t, st.SaveMeetingRequest(ctx, &data.MeetingRequest{Host: booth, PersonID: f.Alice.ID, Rank: 2}))
	datatest.Must(t, st.SetHostPreference(ctx, booth, f.Alice.ID, data.PreferNoThanks))

	d, err := Read(ctx, st)
	datatest.Must(t, err)
	if len(d.Hosts) != 3 { // booth A01, Bob the recruiter, Taro the mentor
		t.Fatalf("hosts: %+v", d.Hosts)
	}
	prop, err := Propose(ctx, st, d, match.DefaultWeights())
	datatest.Must(t, err)
	if len(prop.Meetings) != 1 {
		t.Fatalf("proposed %+v", prop.Meetings)
	}
	m := prop.Meetings[0]
	if m.Host != taro || !m.Starts.Equal(datatest.FairDay(12, 15)) || m.State != data.MeetingProposed || m.Reasons != "both: finance; choice 1" {
		t.Errorf("proposal %+v", m)
	}
	if len(prop.Unmet) != 1 || prop.Unmet[0].Host != booth {
		t.Errorf("unmet: %+v", prop.Unmet)
	}
	datatest.Must(t, SaveDraft(ctx, st, prop))
	saved, _ := st.Meetings(ctx, data.MeetingFilter{PersonID: f.Alice.ID})
	if len(saved) != 1 || !saved[0].Starts.Equal(datatest.FairDay(12, 15)) || saved[0].Score != m.Score {
		t.Errorf("the draft saved %+v; Taro speaks until 12:10", saved)
	}

	matches, err := Matches(ctx, st, d, f.Alice.ID, match.DefaultWeights())
	datatest.Must(t, err)
	if len(matches) != 2 || matches[0].Host.Host != taro || matches[1].Host.HostID != f.Bob.ID {
		t.Errorf("Alice's matches (the booth said no thanks): %+v", matches)
	}
}
