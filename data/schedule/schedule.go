// Package schedule proposes a whole fair's one-to-one meetings: from job
// seekers' requests, hosts' slots, "no thanks" and the times people are
// taken, it assigns requests to slots so that the total match score is
// as high as it can be, with hard constraints that always hold (a slot
// holds one meeting; nobody is in two places at once; "no thanks" is never
// scheduled; a seeker meets a host at most as often as the host allows)
// and fairness: as many seekers as possible get a meeting before score
// counts at all, so nobody who asked goes without one while someone else
// gets a third that could have been theirs.
//
// Why our own algorithm and not a library: the module proxy's well-kept
// candidate is gonum, whose optimize/convex/lp is a dense simplex with no
// integer programming; the fair's model has 200,000 seeker-host-slot
// variables and the LP relaxation of a three-way assignment is not
// integral, so it fits neither in memory nor in kind. Seekers, hosts and
// slots with "one place at a time" is a timetabling problem, NP-hard in
// general (Even, Itai and Shamir 1976), so no exact polynomial algorithm
// exists to use. What we do:
//
//  1. An exact min-cost flow (flow.go) over seekers → requests → hosts →
//     slots chooses which requests to meet, with each host's free slots,
//     caps and the fairness tier. It leaves out only "one place at a time"
//     for seekers, so its value bounds every real schedule from above.
//  2. Timing puts each chosen request into a free slot of its host where
//     the seeker is free, moving earlier meetings along chains of swaps
//     when the easy slots are gone (timing.go).
//  3. What could not be timed is left out and the flow runs again on what
//     is still free, a few rounds.
//
// When every chosen request is timed, the schedule equals the bound and
// is optimal, and Plan.Optimal says so; on a fair small enough, an exact
// search (search.go) replaces a schedule that is not certified. Otherwise
// Plan.Bound shows how far from the best it could be.
package schedule

import (
	"cmp"
	"slices"
	"time"
)

// Slot is a time a host can meet one seeker.
type Slot struct {
	ID         string
	Host       string // the host's key (a booth's or a person's id)
	Start, End time.Time
}

// Request is a seeker's wish to meet a host, with the match score of the
// pair (data/match, rank and "want to meet" included).
type Request struct {
	Seeker, Host string
	Score        int
}

// Interval is a time a person is taken.
type Interval struct{ Start, End time.Time }

func (a Interval) overlaps(b Interval) bool { return a.Start.Before(b.End) && b.Start.Before(a.End) }

// Meeting is a seeker in a host's slot.
type Meeting struct {
	Seeker, Host, Slot string
	Score              int
}

// Fair is what the scheduler reads.
type Fair struct {
	Slots    []Slot
	Requests []Request
	// Cap is how many meetings one seeker may have with a host; a host
	// not named allows 1.
	Cap map[string]int
	// NoThanks holds the pairs {host, seeker} never to schedule.
	NoThanks map[[2]string]bool
	// HostPerson is the person behind a person host (a mentor), whose own
	// busy times block their slots; booths are not named.
	HostPerson map[string]string
	// Busy is when each person is taken: the sessions they speak at or
	// signed up for. A mentor who also asked to meet someone is taken
	// during every slot they offer, met or not: they said they would be
	// at their table then.
	Busy map[string][]Interval
	// Booked are the meetings that stand: their slots are taken, and they
	// count for the seeker's time, caps and fairness.
	Booked []Meeting
	// ScoreOnly leaves fairness out and maximises the total score alone:
	// what fairness costs, for the benchmark to show.
	ScoreOnly bool
}

// Plan is a proposed schedule.
type Plan struct {
	Meetings []Meeting // the new meetings, by slot start then host
	Total    int       // their total score
	Served   int       // seekers with at least one meeting, booked ones included
	// Bound is the best total any schedule serving as many seekers could
	// reach, from the flow; Optimal tells a schedule proved to be the best.
	Bound   int
	Optimal bool
	Unmet   []Request // requests that got no meeting, booked or new
}

// problem is a fair in indexed form.
type problem struct {
	fair      Fair
	slots     []Slot
	slotIndex map[string]int
	byHost    map[string][]int      // free slots of each host, in time order
	seekerOf  map[int]string        // slot taken by a booked meeting → its seeker
	taken     []bool                // slot holds a booked meeting
	busy      map[string][]Interval // sessions and booked meetings, by person
	hosting   map[string][]Interval // a person host's own slots, by person
	metBooked map[[2]string]int     // {host, seeker} → booked meetings
	hasBooked map[string]bool
	requests  []Request // the ones that may be met, best first
	unmetOK   []Request // requests that can never be met
}

func prepare(f Fair) *problem {
	p := &problem{fair: f, slotIndex: map[string]int{}, byHost: map[string][]int{},
		busy: map[string][]Interval{}, hosting: map[string][]Interval{}, metBooked: map[[2]string]int{}, hasBooked: map[string]bool{}}
	p.slots = slices.Clone(f.Slots)
	slices.SortFunc(p.slots, func(a, b Slot) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Host, b.Host), cmp.Compare(a.ID, b.ID))
	})
	p.taken = make([]bool, len(p.slots))
	for i, s := range p.slots {
		p.slotIndex[s.ID] = i
	}
	for person, list := range f.Busy {
		p.busy[person] = slices.Clone(list)
	}
	for host, person := range f.HostPerson {
		for _, s := range f.Slots {
			if s.Host == host {
				p.hosting[person] = append(p.hosting[person], Interval{s.Start, s.End})
			}
		}
	}
	for _, m := range f.Booked {
		p.metBooked[[2]string{m.Host, m.Seeker}]++
		p.hasBooked[m.Seeker] = true
		if i, ok := p.slotIndex[m.Slot]; ok {
			p.taken[i] = true
			p.busy[m.Seeker] = append(p.busy[m.Seeker], Interval{p.slots[i].Start, p.slots[i].End})
		}
	}
	for i, s := range p.slots {
		if p.taken[i] {
			continue
		}
		if person, ok := f.HostPerson[s.Host]; ok && p.busyAt(person, Interval{s.Start, s.End}, false) {
			continue // the mentor speaks at a session then, or is booked to meet someone
		}
		p.byHost[s.Host] = append(p.byHost[s.Host], i)
	}
	seen := map[[2]string]bool{}
	for _, r := range f.Requests {
		key := [2]string{r.Host, r.Seeker}
		if seen[key] {
			continue // a pair asked twice counts once
		}
		seen[key] = true
		if p.capLeft(r.Host, r.Seeker) <= 0 {
			continue // met already, as often as the host allows
		}
		if f.NoThanks[key] || len(p.candidates(r, nil)) == 0 {
			p.unmetOK = append(p.unmetOK, r)
			continue
		}
		p.requests = append(p.requests, r)
	}
	slices.SortStableFunc(p.requests, func(a, b Request) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Seeker, b.Seeker), cmp.Compare(a.Host, b.Host))
	})
	return p
}

func (p *problem) capLeft(host, seeker string) int {
	c := p.fair.Cap[host]
	if c <= 0 {
		c = 1
	}
	return c - p.metBooked[[2]string{host, seeker}]
}

// busyAt tells whether a person is taken at iv by a session or a booked
// meeting, or (asSeeker) by one of their own slots as a host.
func (p *problem) busyAt(person string, iv Interval, asSeeker bool) bool {
	for _, list := range [][]Interval{p.busy[person], p.hosting[person]} {
		for _, b := range list {
			if b.overlaps(iv) {
				return true
			}
		}
		if !asSeeker {
			break
		}
	}
	return false
}

// candidates are the free slots of r's host where its seeker is free of
// sessions, booked meetings and slots of their own; the new meetings are
// timing's to check.
func (p *problem) candidates(r Request, into []int) []int {
	into = into[:0]
	for _, i := range p.byHost[r.Host] {
		s := p.slots[i]
		if !p.busyAt(r.Seeker, Interval{s.Start, s.End}, true) {
			into = append(into, i)
		}
	}
	return into
}

// Schedule proposes meetings for a fair.
func Schedule(f Fair) Plan {
	p := prepare(f)
	plan := p.solve()
	if !plan.Optimal {
		if exact, ok := p.search(plan); ok {
			plan = exact
		}
	}
	return plan
}

// big is a weight for a served seeker larger than any schedule's score.
func (p *problem) big() int {
	if p.fair.ScoreOnly {
		return 0
	}
	sum := 1
	for _, r := range p.requests {
		sum += max(r.Score, 0) * max(p.capLeft(r.Host, r.Seeker), 1)
	}
	return sum
}

// solve runs flow and timing rounds.
func (p *problem) solve() Plan {
	big := p.big()
	t := newTiming(p)
	excluded := map[[2]string]int{} // {host, seeker} → times timing failed to place it
	var bound flowValue
	for round := 0; round < 4; round++ {
		chosen, value := p.flow(t, excluded, big)
		if round == 0 {
			bound = value
		}
		failed := 0
		for _, r := range chosen {
			if !t.place(r) {
				excluded[[2]string{r.Host, r.Seeker}]++
				failed++
			}
		}
		if failed == 0 {
			break
		}
	}
	return p.finish(t.meetings(), bound)
}

// flowValue is what the flow promises: seekers newly served, and score.
type flowValue struct{ served, score int }

// servedBooked counts seekers with a booked meeting.
func (p *problem) servedBooked() int { return len(p.hasBooked) }

func (p *problem) servedBy(ms []Meeting) int {
	seekers := map[string]bool{}
	for s := range p.hasBooked {
		seekers[s] = true
	}
	for _, m := range ms {
		seekers[m.Seeker] = true
	}
	return len(seekers)
}

// finish makes a plan of new meetings, judged against the flow's bound.
func (p *problem) finish(ms []Meeting, bound flowValue) Plan {
	plan := Plan{Meetings: ms}
	slices.SortFunc(plan.Meetings, func(a, b Meeting) int {
		sa, sb := p.slots[p.slotIndex[a.Slot]], p.slots[p.slotIndex[b.Slot]]
		return cmp.Or(sa.Start.Compare(sb.Start), cmp.Compare(a.Host, b.Host), cmp.Compare(a.Slot, b.Slot))
	})
	met := map[[2]string]int{}
	for _, m := range plan.Meetings {
		plan.Total += m.Score
		met[[2]string{m.Host, m.Seeker}]++
	}
	plan.Served = p.servedBy(plan.Meetings)
	newly := plan.Served - p.servedBooked()
	plan.Optimal = newly > bound.served || (newly == bound.served && plan.Total >= bound.score)
	if p.fair.ScoreOnly {
		plan.Optimal = plan.Total >= bound.score
	}
	plan.Bound = max(bound.score, plan.Total)
	plan.Unmet = slices.Clone(p.unmetOK)
	for _, r := range p.requests {
		if met[[2]string{r.Host, r.Seeker}] == 0 {
			plan.Unmet = append(plan.Unmet, r)
		}
	}
	return plan
}
