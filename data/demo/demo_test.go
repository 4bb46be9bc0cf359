package demo

import (
	"context"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/match"
	"github.com/fairdesk/fairdesk/data/matchmaking"
)

func TestDemoIsAMarkedAlumniCareersFair(t *testing.T) {
	ctx := context.Background()
	st := datatest.Open(t, nil)
	if err := Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	ev, err := st.Event(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !ev.IsDemo {
		t.Error("the demo is not marked as a demo")
	}
	london, _ := time.LoadLocation("Europe/London")
	if got := ev.Starts.In(london).Format("2 January 15:04"); got != "23 October 11:00" {
		t.Errorf("demo starts %s, want 23 October 11:00 in London", got)
	}
	if got := ev.Ends.In(london).Format("15:04"); got != "16:00" {
		t.Errorf("demo ends %s, want 16:00", got)
	}
	sessions, _ := st.Sessions(ctx)
	kinds := map[data.SessionKind]int{}
	for _, s := range sessions {
		kinds[s.Kind]++
		if s.Starts.Before(ev.Starts) || s.Ends.After(ev.Ends) {
			t.Errorf("session %q falls outside the fair's hours", s.Title)
		}
	}
	if kinds[data.SessionPanel] == 0 || kinds[data.SessionBreakout] == 0 {
		t.Errorf("want panels and breakouts, got %v", kinds)
	}
	for _, r := range []data.Role{data.RoleJobSeeker, data.RoleMentor, data.RoleRecruiter} {
		if n, _ := st.CountPeople(ctx, data.PeopleFilter{Role: r}); n == 0 {
			t.Errorf("no %s in the demo", r)
		}
	}
	booths, _ := st.Booths(ctx)
	orgKinds := map[data.OrgKind]bool{}
	orgs, _ := st.Organisations(ctx)
	byID := map[string]data.OrgKind{}
	for _, o := range orgs {
		byID[o.ID] = o.Kind
	}
	for _, b := range booths {
		orgKinds[byID[b.OrgID]] = true
	}
	for _, k := range []data.OrgKind{data.OrgJapaneseCompany, data.OrgNonJapaneseCompany, data.OrgPublicSector, data.OrgStartup} {
		if !orgKinds[k] {
			t.Errorf("no booth of a %s", k)
		}
	}
	if err := Load(ctx, st); err == nil {
		t.Error("loading the demo over an event was allowed")
	}
}

// The demo has hosts' slots and job seekers' requests, and the
// auto-schedule proposes meetings for it, each with its reasons.
func TestDemoCanBeScheduled(t *testing.T) {
	ctx := context.Background()
	st := datatest.Open(t, nil)
	if err := Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	slots, err := st.Slots(ctx, data.Host{})
	datatest.Must(t, err)
	requests, err := st.MeetingRequests(ctx)
	datatest.Must(t, err)
	if len(slots) < 100 || len(requests) != 3*demoSeekers {
		t.Fatalf("%d slots, %d requests", len(slots), len(requests))
	}
	d, err := matchmaking.Read(ctx, st)
	datatest.Must(t, err)
	prop, err := matchmaking.Propose(ctx, st, d, match.DefaultWeights())
	datatest.Must(t, err)
	if prop.Plan.Served < demoSeekers*9/10 || len(prop.Meetings) < demoSeekers {
		t.Errorf("the demo's schedule serves %d of %d seekers with %d meetings", prop.Plan.Served, demoSeekers, len(prop.Meetings))
	}
	for _, m := range prop.Meetings {
		if m.Reasons == "" || m.Starts.IsZero() {
			t.Fatalf("a proposal without reasons or time: %+v", m)
		}
	}
	datatest.Must(t, matchmaking.SaveDraft(ctx, st, prop))
}
