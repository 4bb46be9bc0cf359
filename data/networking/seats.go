package networking

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// Participants turns the store's list into the planner's: a host's sector
// is their organisation's, else their first industry; colleagues share
// their organisation's id.
func Participants(people []data.NetworkingParticipant) []Participant {
	out := make([]Participant, len(people))
	for i, p := range people {
		sector := strings.TrimSpace(p.Sector)
		if sector == "" && len(p.Industries) > 0 {
			sector = p.Industries[0]
		}
		out[i] = Participant{ID: p.ID, Host: p.NetworkingHost(), Sector: sector, Org: cmp.Or(p.OrgID, p.OrgName)}
	}
	return out
}

// Seat is one person's place in one round: Table counts from 1, and is 0
// for someone sitting the round out.
type Seat struct {
	Round, Table int
	Person       data.NetworkingParticipant
}

// Seats lists the plan seat by seat, as the table plan prints it: by
// round, then table (those sitting out last), each table's hosts first,
// then by family and given name.
func (p Plan) Seats(people []data.NetworkingParticipant) []Seat {
	byID := map[string]data.NetworkingParticipant{}
	for _, person := range people {
		byID[person.ID] = person
	}
	var seats []Seat
	for r, round := range p.Rounds {
		add := func(table int, ids []string) {
			start := len(seats)
			for _, id := range ids {
				seats = append(seats, Seat{Round: r + 1, Table: table, Person: byID[id]})
			}
			slices.SortStableFunc(seats[start:], func(a, b Seat) int {
				if ha, hb := a.Person.NetworkingHost(), b.Person.NetworkingHost(); ha != hb {
					if ha {
						return -1
					}
					return 1
				}
				return cmp.Or(strings.Compare(strings.ToLower(a.Person.FamilyName), strings.ToLower(b.Person.FamilyName)),
					strings.Compare(strings.ToLower(a.Person.GivenName), strings.ToLower(b.Person.GivenName)),
					strings.Compare(a.Person.KanjiName, b.Person.KanjiName), strings.Compare(a.Person.ID, b.Person.ID))
			})
		}
		for t, ids := range round.Tables {
			add(t+1, ids)
		}
		add(0, round.SittingOut)
	}
	return seats
}

// RoleLabel names the role a person takes at the tables, in English as
// the printouts are: the host role first, then job seeker, else the first
// role they hold.
func RoleLabel(p data.Person) string {
	for _, r := range []data.Role{data.RoleMentor, data.RoleRecruiter, data.RoleExhibitorStaff, data.RoleJobSeeker,
		data.RoleSpeaker, data.RoleOrganiser} {
		if p.HasRole(r) {
			return roleNames[r]
		}
	}
	return "Guest"
}

var roleNames = map[data.Role]string{
	data.RoleJobSeeker: "Job seeker", data.RoleMentor: "Mentor", data.RoleRecruiter: "Recruiter",
	data.RoleSpeaker: "Speaker", data.RoleOrganiser: "Organiser", data.RoleExhibitorStaff: "Exhibitor",
}

// RoundTimes splits a session's time evenly into rounds, giving each
// round's start and end as instants (a session across a clock change
// keeps rounds of equal length); nil when the session has no end.
func RoundTimes(s data.Session, rounds int) [][2]time.Time {
	if s.Ends.IsZero() || !s.Ends.After(s.Starts) || rounds < 1 {
		return nil
	}
	step := s.Ends.Sub(s.Starts) / time.Duration(rounds)
	step = step.Truncate(time.Minute)
	if step <= 0 {
		return nil
	}
	out := make([][2]time.Time, rounds)
	for r := range out {
		start := s.Starts.Add(time.Duration(r) * step)
		out[r] = [2]time.Time{start, start.Add(step)}
	}
	return out
}
