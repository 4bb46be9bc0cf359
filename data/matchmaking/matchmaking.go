// Package matchmaking joins the store to the match score (data/match) and
// the scheduler (data/schedule): it reads hosts, seekers, requests,
// preferences, slots and sessions, scores every request with its
// reasons, proposes a schedule, keeps it as a draft and publishes it.
// fairctl meetings and fairctl matches use it, as the Meetings screen will.
package matchmaking

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/match"
)

// Host is a host with what its score reads and how lists name it.
type Host struct {
	data.Host
	Label   string // a booth's code and name, or a person's name
	Profile match.Profile
}

// Directory is the people, organisations and hosts of the event, read once.
type Directory struct {
	People map[string]data.PersonRow
	Orgs   map[string]data.Organisation
	Hosts  []Host // booths by code, then mentors and recruiters by name
	byKey  map[string]int
}

// Read loads the directory from the store.
func Read(ctx context.Context, st *data.Store) (*Directory, error) {
	d := &Directory{People: map[string]data.PersonRow{}, Orgs: map[string]data.Organisation{}, byKey: map[string]int{}}
	people, err := st.ListPeople(ctx, data.PeopleFilter{}, 0, math.MaxInt32)
	if err != nil {
		return nil, fmt.Errorf("read the directory: %w", err)
	}
	for _, p := range people {
		d.People[p.ID] = p
	}
	orgs, err := st.Organisations(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the directory: %w", err)
	}
	for _, o := range orgs {
		d.Orgs[o.ID] = o
	}
	booths, err := st.Booths(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the directory: %w", err)
	}
	for _, b := range booths {
		var staff []data.Person
		for _, id := range b.Staff {
			staff = append(staff, d.People[id].Person)
		}
		d.add(Host{Host: data.BoothHost(b.ID), Label: strings.TrimSpace(b.Code + " " + b.Name), Profile: match.BoothProfile(d.Orgs[b.OrgID], staff)})
	}
	var persons []Host
	for _, p := range people {
		if p.HasRole(data.RoleMentor) || p.HasRole(data.RoleRecruiter) {
			persons = append(persons, Host{Host: data.PersonHost(p.ID), Label: p.DisplayName(), Profile: match.PersonProfile(p.Person, d.Orgs[p.OrgID])})
		}
	}
	slices.SortFunc(persons, func(a, b Host) int {
		return cmp.Or(strings.Compare(a.Label, b.Label), strings.Compare(a.HostID, b.HostID))
	})
	for _, h := range persons {
		d.add(h)
	}
	return d, nil
}

func (d *Directory) add(h Host) {
	d.byKey[h.Key()] = len(d.Hosts)
	d.Hosts = append(d.Hosts, h)
}

// HostOf finds a host by its booth or person id.
func (d *Directory) HostOf(h data.Host) (Host, bool) {
	i, ok := d.byKey[h.Key()]
	if !ok || d.Hosts[i].Host != h {
		return Host{}, false
	}
	return d.Hosts[i], true
}

// Seeker is a person's profile as a job seeker.
func (d *Directory) Seeker(personID string) match.Profile {
	p := d.People[personID]
	return match.PersonProfile(p.Person, d.Orgs[p.OrgID])
}

// Match is one host for a seeker, scored.
type Match struct {
	Host   Host
	Result match.Result
}

// Matches ranks every host for a seeker, best first, with the seeker's
// requests (their rank) and the hosts' want-to-meet counted; hosts that
// said "no thanks" and the seeker themselves are left out.
func Matches(ctx context.Context, st *data.Store, d *Directory, seekerID string, w match.Weights) ([]Match, error) {
	asks, err := requestsOf(ctx, st)
	if err != nil {
		return nil, err
	}
	prefs, err := preferencesOf(ctx, st)
	if err != nil {
		return nil, err
	}
	me := d.Seeker(seekerID)
	var list []Match
	for _, h := range d.Hosts {
		key := pair{h.Host, seekerID}
		if h.HostID == seekerID || prefs[key] == data.PreferNoThanks {
			continue
		}
		list = append(list, Match{Host: h, Result: match.Score(me, h.Profile, w).Request(asks[key], prefs[key] == data.PreferWant, w)})
	}
	slices.SortStableFunc(list, func(a, b Match) int { return cmp.Compare(b.Result.Score, a.Result.Score) })
	return list, nil
}

// pair is a host and a seeker.
type pair struct {
	host   data.Host
	seeker string
}

func requestsOf(ctx context.Context, st *data.Store) (map[pair]int, error) {
	list, err := st.MeetingRequests(ctx)
	if err != nil {
		return nil, err
	}
	ranks := map[pair]int{}
	for _, r := range list {
		ranks[pair{r.Host, r.PersonID}] = r.Rank
	}
	return ranks, nil
}

func preferencesOf(ctx context.Context, st *data.Store) (map[pair]data.Preference, error) {
	list, err := st.HostPreferences(ctx)
	if err != nil {
		return nil, err
	}
	prefs := map[pair]data.Preference{}
	for _, p := range list {
		prefs[pair{p.Host, p.PersonID}] = p.Preference
	}
	return prefs, nil
}
