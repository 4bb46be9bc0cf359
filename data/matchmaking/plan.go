package matchmaking

import (
	"context"
	"fmt"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/match"
	"github.com/fairdesk/fairdesk/data/schedule"
)

// Proposal is a schedule proposed for the whole fair: the new meetings,
// each with its score and reasons, and what the scheduler says of them.
type Proposal struct {
	Plan     schedule.Plan
	Meetings []data.Meeting // state proposed, in the plan's order
	Unmet    []data.MeetingRequest
}

// Propose schedules every request that has no meeting yet around the
// meetings that stand (booked, requested, done...); an earlier draft
// (proposed meetings) is not kept but proposed again.
func Propose(ctx context.Context, st *data.Store, d *Directory, w match.Weights) (Proposal, error) {
	fair, results, hosts, slots, err := readFair(ctx, st, d, w)
	if err != nil {
		return Proposal{}, fmt.Errorf("propose a schedule: %w", err)
	}
	plan := schedule.Schedule(fair)
	prop := Proposal{Plan: plan}
	for _, m := range plan.Meetings {
		h := hosts[m.Host]
		r := results[pair{h, m.Seeker}]
		slot := slots[m.Slot]
		prop.Meetings = append(prop.Meetings, data.Meeting{Host: h, PersonID: m.Seeker, SlotID: m.Slot, Starts: slot.Starts, Ends: slot.Ends,
			Place: slot.Place, Link: slot.Link, State: data.MeetingProposed, Score: r.Score, Reasons: r.String()})
	}
	asked, err := st.MeetingRequests(ctx)
	if err != nil {
		return Proposal{}, fmt.Errorf("propose a schedule: %w", err)
	}
	unmet := map[pair]bool{}
	for _, r := range plan.Unmet {
		unmet[pair{hosts[r.Host], r.Seeker}] = true
	}
	for _, r := range asked {
		if unmet[pair{r.Host, r.PersonID}] {
			prop.Unmet = append(prop.Unmet, r)
		}
	}
	return prop, nil
}

// readFair turns the store into the scheduler's fair: every live slot,
// every request scored (match, rank, want-to-meet), "no thanks", mentors'
// own times, sessions and the meetings that stand.
func readFair(ctx context.Context, st *data.Store, d *Directory, w match.Weights) (
	f schedule.Fair, results map[pair]match.Result, hosts map[string]data.Host, slots map[string]data.MeetingSlot, err error) {
	f = schedule.Fair{Cap: map[string]int{}, NoThanks: map[[2]string]bool{}, HostPerson: map[string]string{}, Busy: map[string][]schedule.Interval{}}
	hosts, slots, results = map[string]data.Host{}, map[string]data.MeetingSlot{}, map[pair]match.Result{}
	list, err := st.Slots(ctx, data.Host{})
	if err != nil {
		return f, nil, nil, nil, err
	}
	for _, s := range list {
		slots[s.ID] = s
		key := s.Key()
		hosts[key] = s.Host
		f.Slots = append(f.Slots, schedule.Slot{ID: s.ID, Host: key, Start: s.Starts, End: s.Ends})
		f.Cap[key] = max(f.Cap[key], s.SeekerCap)
		if s.HostID != "" {
			f.HostPerson[key] = s.HostID
		}
	}
	prefs, err := preferencesOf(ctx, st)
	if err != nil {
		return f, nil, nil, nil, err
	}
	for p, pref := range prefs {
		if pref == data.PreferNoThanks {
			f.NoThanks[[2]string{p.host.Key(), p.seeker}] = true
		}
	}
	requests, err := st.MeetingRequests(ctx)
	if err != nil {
		return f, nil, nil, nil, err
	}
	for _, r := range requests {
		h, ok := d.HostOf(r.Host)
		if !ok {
			continue // a host deleted since the request, or not a mentor or recruiter any more
		}
		key := pair{r.Host, r.PersonID}
		res := match.Score(d.Seeker(r.PersonID), h.Profile, w).Request(r.Rank, prefs[key] == data.PreferWant, w)
		results[key] = res
		hosts[r.Key()] = r.Host
		f.Requests = append(f.Requests, schedule.Request{Seeker: r.PersonID, Host: r.Key(), Score: res.Score})
	}
	busy, err := st.SessionBusy(ctx)
	if err != nil {
		return f, nil, nil, nil, err
	}
	for _, b := range busy {
		f.Busy[b.PersonID] = append(f.Busy[b.PersonID], schedule.Interval{Start: b.Starts, End: b.Ends})
	}
	standing, err := st.Meetings(ctx, data.MeetingFilter{})
	if err != nil {
		return f, nil, nil, nil, err
	}
	for _, m := range standing {
		if !m.State.Holds() || m.State == data.MeetingProposed {
			continue
		}
		f.Booked = append(f.Booked, schedule.Meeting{Seeker: m.PersonID, Host: m.Key(), Slot: m.SlotID, Score: m.Score})
		if m.HostID != "" {
			// The mentor is at this meeting: no other of theirs at the time.
			f.Busy[m.HostID] = append(f.Busy[m.HostID], schedule.Interval{Start: m.Starts, End: m.Ends})
		}
	}
	return f, results, hosts, slots, nil
}

// SaveDraft keeps a proposal as the draft, in place of the earlier one.
func SaveDraft(ctx context.Context, st *data.Store, prop Proposal) error {
	list := make([]*data.Meeting, len(prop.Meetings))
	for i := range prop.Meetings {
		list[i] = &prop.Meetings[i]
	}
	if err := st.ReplaceDraft(ctx, list); err != nil {
		return fmt.Errorf("save the draft: %w", err)
	}
	return nil
}
