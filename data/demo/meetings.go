package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/match"
	"github.com/fairdesk/fairdesk/data/matchmaking"
)

// demoSeekers is how many job seekers of the demo ask to meet someone,
// each their best three matches.
const demoSeekers = 80

// loadMeetings gives the demo what one-to-one meetings need: every booth
// offers 15-minute slots at its table in the afternoon, six mentors and
// six recruiters 10-minute video slots during the networking hour, and
// the first job seekers ask to meet their three best matches, as a
// registration form's answers would say.
func loadMeetings(ctx context.Context, st *data.Store, at func(string) time.Time) error {
	booths, err := st.Booths(ctx)
	if err != nil {
		return err
	}
	for _, b := range booths {
		for k := range 8 {
			start := at("13:45").Add(time.Duration(k) * 15 * time.Minute)
			s := data.MeetingSlot{Host: data.BoothHost(b.ID), Starts: start, Ends: start.Add(15 * time.Minute), Place: "Table 1"}
			if err := st.SaveSlot(ctx, &s); err != nil {
				return fmt.Errorf("booth %s: %w", b.Code, err)
			}
		}
	}
	for _, role := range []data.Role{data.RoleMentor, data.RoleRecruiter} {
		hosts, err := st.ListPeople(ctx, data.PeopleFilter{Role: role}, 0, 6)
		if err != nil {
			return err
		}
		for _, p := range hosts {
			for k := range 4 {
				start := at("12:15").Add(time.Duration(k) * 10 * time.Minute)
				s := data.MeetingSlot{Host: data.PersonHost(p.ID), Starts: start, Ends: start.Add(10 * time.Minute),
					Link: "https://fair.example.org/2026/meet/" + p.BadgeCode}
				if err := st.SaveSlot(ctx, &s); err != nil {
					return fmt.Errorf("person %s: %w", p.ID, err)
				}
			}
		}
	}
	d, err := matchmaking.Read(ctx, st)
	if err != nil {
		return err
	}
	seekers, err := st.ListPeople(ctx, data.PeopleFilter{Role: data.RoleJobSeeker}, 0, demoSeekers)
	if err != nil {
		return err
	}
	for _, p := range seekers {
		matches, err := matchmaking.Matches(ctx, st, d, p.ID, match.DefaultWeights())
		if err != nil {
			return err
		}
		for rank, m := range matches[:min(3, len(matches))] {
			r := data.MeetingRequest{Host: m.Host.Host, PersonID: p.ID, Rank: rank + 1, Source: data.SourceImport}
			if err := st.SaveMeetingRequest(ctx, &r); err != nil {
				return fmt.Errorf("person %s: %w", p.ID, err)
			}
		}
	}
	return nil
}
