package schedule

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"
)

var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return loc
}()

// opening is 11:00 on the fair day, in London.
var opening = time.Date(2026, 10, 23, 11, 0, 0, 0, london)

func at(minutes int) time.Time { return opening.Add(time.Duration(minutes) * time.Minute) }

// violations lists every hard constraint plan breaks on f, or nothing.
func violations(f Fair, plan Plan) []string {
	var bad []string
	slots := map[string]Slot{}
	for _, s := range f.Slots {
		slots[s.ID] = s
	}
	scores := map[[2]string]int{}
	for _, r := range f.Requests {
		scores[[2]string{r.Host, r.Seeker}] = r.Score
	}
	used := map[string]bool{}
	met := map[[2]string]int{}
	times := map[string][]Interval{} // person → meetings, as seeker or as the person hosting
	for _, m := range f.Booked {
		used[m.Slot] = true
		met[[2]string{m.Host, m.Seeker}]++
		s := slots[m.Slot]
		times[m.Seeker] = append(times[m.Seeker], Interval{s.Start, s.End})
	}
	total := 0
	for _, m := range plan.Meetings {
		s, ok := slots[m.Slot]
		key := [2]string{m.Host, m.Seeker}
		score, asked := scores[key]
		switch {
		case !ok:
			bad = append(bad, fmt.Sprintf("meeting in unknown slot %s", m.Slot))
			continue
		case s.Host != m.Host:
			bad = append(bad, fmt.Sprintf("meeting of %s in slot %s of %s", m.Host, m.Slot, s.Host))
		case used[m.Slot]:
			bad = append(bad, fmt.Sprintf("slot %s holds two meetings", m.Slot))
		case !asked:
			bad = append(bad, fmt.Sprintf("%s meets %s without asking", m.Seeker, m.Host))
		case f.NoThanks[key]:
			bad = append(bad, fmt.Sprintf("%s said no thanks to %s", m.Host, m.Seeker))
		case score != m.Score:
			bad = append(bad, fmt.Sprintf("meeting %v scored %d, request %d", m, m.Score, score))
		}
		used[m.Slot] = true
		total += m.Score
		met[key]++
		c := f.Cap[m.Host]
		if c <= 0 {
			c = 1
		}
		if met[key] > c {
			bad = append(bad, fmt.Sprintf("%s meets %s %d times, cap %d", m.Seeker, m.Host, met[key], c))
		}
		iv := Interval{s.Start, s.End}
		people := []string{m.Seeker}
		if hp := f.HostPerson[m.Host]; hp != "" {
			people = append(people, hp)
		}
		for _, person := range people {
			for _, b := range f.Busy[person] {
				if b.overlaps(iv) {
					bad = append(bad, fmt.Sprintf("%s is at a session during slot %s", person, m.Slot))
				}
			}
		}
		for _, o := range times[m.Seeker] {
			if o.overlaps(iv) {
				bad = append(bad, fmt.Sprintf("%s is in two meetings at %s", m.Seeker, s.Start))
			}
		}
		times[m.Seeker] = append(times[m.Seeker], iv)
	}
	// A mentor who asked to meet someone is at their own table during the
	// slots they offer, met or not.
	for _, m := range append(slices.Clone(f.Booked), plan.Meetings...) {
		s := slots[m.Slot]
		for _, own := range f.Slots {
			if f.HostPerson[own.Host] == m.Seeker && (Interval{own.Start, own.End}).overlaps(Interval{s.Start, s.End}) {
				bad = append(bad, fmt.Sprintf("%s meets at %s during a slot of their own", m.Seeker, s.Start))
				break
			}
		}
	}
	if total != plan.Total {
		bad = append(bad, fmt.Sprintf("total %d, meetings add to %d", plan.Total, total))
	}
	return bad
}

// genFair makes a random fair: hosts with slots of 10 to 30 minutes that
// may overlap other hosts' slots, seekers with ranked requests, some "no
// thanks", sessions people are at, mentors who also ask to meet someone,
// caps and meetings already booked.
func genFair(t *rapid.T, maxSeekers, maxHosts, maxSlots int) Fair {
	nSeekers := rapid.IntRange(1, maxSeekers).Draw(t, "seekers")
	nHosts := rapid.IntRange(1, maxHosts).Draw(t, "hosts")
	f := Fair{Cap: map[string]int{}, NoThanks: map[[2]string]bool{}, HostPerson: map[string]string{}, Busy: map[string][]Interval{}}
	seeker := func(i int) string { return fmt.Sprintf("s%d", i) }
	for h := range nHosts {
		host := fmt.Sprintf("h%d", h)
		if rapid.Bool().Draw(t, "person host") {
			// Sometimes the mentor is one of the seekers too.
			if rapid.IntRange(0, 3).Draw(t, "mentor seeks") == 0 {
				f.HostPerson[host] = seeker(rapid.IntRange(0, nSeekers-1).Draw(t, "mentor"))
			} else {
				f.HostPerson[host] = "m" + host
			}
		}
		f.Cap[host] = rapid.IntRange(0, 2).Draw(t, "cap")
		start := rapid.IntRange(0, 3).Draw(t, "first slot") * 5
		length := []int{10, 15, 20, 30}[rapid.IntRange(0, 3).Draw(t, "length")]
		for k := range rapid.IntRange(1, maxSlots).Draw(t, "slots") {
			s := at(start + k*length)
			f.Slots = append(f.Slots, Slot{ID: fmt.Sprintf("%s-%d", host, k), Host: host, Start: s, End: s.Add(time.Duration(length) * time.Minute)})
		}
	}
	for s := range nSeekers {
		for h := range nHosts {
			if rapid.IntRange(0, 2).Draw(t, "asks") > 0 {
				host := fmt.Sprintf("h%d", h)
				if f.HostPerson[host] == seeker(s) {
					continue
				}
				f.Requests = append(f.Requests, Request{Seeker: seeker(s), Host: host, Score: rapid.IntRange(0, 9).Draw(t, "score")})
				if rapid.IntRange(0, 5).Draw(t, "no thanks") == 0 {
					f.NoThanks[[2]string{host, seeker(s)}] = true
				}
			}
		}
		if rapid.IntRange(0, 3).Draw(t, "busy") == 0 {
			b := at(rapid.IntRange(0, 8).Draw(t, "session") * 10)
			f.Busy[seeker(s)] = append(f.Busy[seeker(s)], Interval{b, b.Add(25 * time.Minute)})
		}
	}
	for host, person := range f.HostPerson {
		if rapid.IntRange(0, 3).Draw(t, "mentor speaks") == 0 {
			b := at(rapid.IntRange(0, 8).Draw(t, "talk") * 10)
			f.Busy[person] = append(f.Busy[person], Interval{b, b.Add(20 * time.Minute)})
		}
		_ = host
	}
	// A booked meeting or two, made valid by construction.
	for _, r := range f.Requests {
		if len(f.Booked) >= 2 || rapid.IntRange(0, 6).Draw(t, "booked") != 0 || f.NoThanks[[2]string{r.Host, r.Seeker}] {
			continue
		}
		for _, s := range f.Slots {
			m := Meeting{Seeker: r.Seeker, Host: r.Host, Slot: s.ID, Score: r.Score}
			if s.Host == r.Host && len(violations(f, Plan{Meetings: []Meeting{m}, Total: m.Score})) == 0 && !busyHost(f, s) {
				f.Booked = append(f.Booked, m)
				break
			}
		}
	}
	return f
}

func busyHost(f Fair, s Slot) bool {
	for _, b := range f.Busy[f.HostPerson[s.Host]] {
		if b.overlaps(Interval{s.Start, s.End}) {
			return true
		}
	}
	return false
}

// bruteForce tries every way to fill every free slot: the best seekers
// served, then the best total score.
func bruteForce(f Fair) (served, total int) {
	used := map[string]bool{}
	for _, m := range f.Booked {
		used[m.Slot] = true
	}
	var free []Slot
	for _, s := range f.Slots {
		if !used[s.ID] {
			free = append(free, s)
		}
	}
	booked := map[string]bool{}
	for _, m := range f.Booked {
		booked[m.Seeker] = true
	}
	bestServed, bestTotal := -1, -1
	var chosen []Meeting
	var walk func(k int)
	walk = func(k int) {
		if len(violations(f, Plan{Meetings: chosen, Total: sum(chosen)})) > 0 {
			return
		}
		if k == len(free) {
			who := map[string]bool{}
			for _, m := range chosen {
				if !booked[m.Seeker] {
					who[m.Seeker] = true
				}
			}
			if n, tot := len(who), sum(chosen); n > bestServed || n == bestServed && tot > bestTotal {
				bestServed, bestTotal = n, tot
			}
			return
		}
		walk(k + 1)
		for _, r := range f.Requests {
			if r.Host == free[k].Host {
				chosen = append(chosen, Meeting{Seeker: r.Seeker, Host: r.Host, Slot: free[k].ID, Score: r.Score})
				walk(k + 1)
				chosen = chosen[:len(chosen)-1]
			}
		}
	}
	walk(0)
	return bestServed + len(booked), bestTotal
}

func sum(ms []Meeting) int {
	n := 0
	for _, m := range ms {
		n += m.Score
	}
	return n
}

func TestHardConstraintsAlwaysHold(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genFair(t, 30, 8, 8)
		plan := Schedule(f)
		if bad := violations(f, plan); len(bad) > 0 {
			t.Fatalf("%d broken: %v\nfair %+v\nplan %+v", len(bad), bad, f, plan)
		}
		if plan.Bound < plan.Total {
			t.Fatalf("bound %d under the total %d", plan.Bound, plan.Total)
		}
	})
}

// On fairs small enough to try every schedule, the scheduler finds the
// best one; and the flow alone, before any exact search, never promises
// less than the best (its bound is sound) nor claims optimality falsely.
func TestOptimalAgainstBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genFair(t, 4, 3, 2)
		served, total := bruteForce(f)
		plan := Schedule(f)
		if plan.Served != served || plan.Total != total {
			t.Fatalf("scheduled %d seekers, score %d; the best is %d seekers, score %d: %+v\nfair %+v", plan.Served, plan.Total, served, total, plan.Meetings, f)
		}
		flow := prepare(f).solve()
		if bad := violations(f, flow); len(bad) > 0 {
			t.Fatalf("the flow's schedule breaks %v", bad)
		}
		if flow.Served == served && flow.Bound < total {
			t.Fatalf("the flow's bound %d is under the best total %d", flow.Bound, total)
		}
		if flow.Optimal && (flow.Served != served || flow.Total != total) {
			t.Fatalf("the flow claims optimal with %d seekers, score %d; the best is %d, %d", flow.Served, flow.Total, served, total)
		}
	})
}

// Fairness: one seeker asking three hosts with high scores does not take
// the one slot that is the other seeker's only chance.
func TestEveryoneWhoAskedGetsOneBeforeAnyoneGetsAThird(t *testing.T) {
	f := Fair{}
	for h := range 3 {
		host := fmt.Sprintf("h%d", h)
		f.Slots = append(f.Slots, Slot{ID: host, Host: host, Start: at(h * 15), End: at(h*15 + 15)})
		f.Requests = append(f.Requests, Request{Seeker: "keen", Host: host, Score: 10})
	}
	f.Requests = append(f.Requests, Request{Seeker: "shy", Host: "h1", Score: 1})
	plan := Schedule(f)
	var shy, keen int
	for _, m := range plan.Meetings {
		if m.Seeker == "shy" {
			shy++
		} else {
			keen++
		}
	}
	if shy != 1 || keen != 2 || plan.Total != 21 || plan.Served != 2 || !plan.Optimal {
		t.Fatalf("shy %d, keen %d, total %d: %+v", shy, keen, plan.Total, plan)
	}
	if len(plan.Unmet) != 1 || plan.Unmet[0] != (Request{Seeker: "keen", Host: "h1", Score: 10}) {
		t.Errorf("unmet: %+v", plan.Unmet)
	}
	// The same with the flow alone, on a fair too large to search.
	big := Fair{}
	for h := range 40 {
		host := fmt.Sprintf("h%02d", h)
		big.Slots = append(big.Slots, Slot{ID: host, Host: host, Start: at(h * 15), End: at(h*15 + 15)})
		big.Requests = append(big.Requests, Request{Seeker: "keen", Host: host, Score: 10})
		big.Requests = append(big.Requests, Request{Seeker: fmt.Sprintf("shy%02d", h), Host: host, Score: 1})
	}
	// 40 slots serve 40 of the 41 seekers either way; keen taking one of
	// them (score 10) beats a 40th shy one (1), and keen takes no second.
	plan = Schedule(big)
	if plan.Served != 40 || plan.Total != 39+10 || !plan.Optimal {
		t.Errorf("40 shy seekers and one keen: served %d, total %d, optimal %v", plan.Served, plan.Total, plan.Optimal)
	}
}

// "No thanks" is never scheduled, even when it is the only request; a
// session the seeker or the mentor is at is avoided.
func TestNoThanksAndSessionsAreAvoided(t *testing.T) {
	f := Fair{
		Slots: []Slot{{ID: "a", Host: "mentor", Start: at(0), End: at(15)}, {ID: "b", Host: "mentor", Start: at(15), End: at(30)},
			{ID: "c", Host: "mentor", Start: at(30), End: at(45)}, {ID: "d", Host: "booth", Start: at(0), End: at(15)}},
		Requests:   []Request{{Seeker: "ann", Host: "mentor", Score: 5}, {Seeker: "ben", Host: "mentor", Score: 5}, {Seeker: "cat", Host: "booth", Score: 9}},
		NoThanks:   map[[2]string]bool{{"booth", "cat"}: true},
		HostPerson: map[string]string{"mentor": "mia"},
		Busy: map[string][]Interval{
			"ann": {{at(0), at(20)}},  // at a panel over slots a and b
			"mia": {{at(30), at(40)}}, // the mentor speaks during slot c
		},
		Cap: map[string]int{"mentor": 2},
	}
	plan := Schedule(f)
	if bad := violations(f, plan); len(bad) > 0 {
		t.Fatal(bad)
	}
	got := map[string]string{}
	for _, m := range plan.Meetings {
		got[m.Slot] = m.Seeker
	}
	// Only slots a and b are open to the mentor and ann is busy in both:
	// ben meets the mentor in both, as the cap of 2 allows.
	if len(plan.Meetings) != 2 || got["a"] != "ben" || got["b"] != "ben" {
		t.Errorf("meetings: %+v", plan.Meetings)
	}
	if len(plan.Unmet) != 2 {
		t.Errorf("unmet: %+v", plan.Unmet)
	}
}

// Slots are instants: on 25 October 2026 the clocks in London go back at
// 02:00 BST, so 01:30 comes twice. A seeker at a session at the second
// 01:30 (GMT) is free at the first (BST), an hour earlier.
func TestTheClockChangeMovesNothing(t *testing.T) {
	first := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC) // 01:30 BST
	second := first.Add(time.Hour)                          // 01:30 GMT
	if a, b := first.In(london).Format("15:04 MST"), second.In(london).Format("15:04 MST"); a != "01:30 BST" || b != "01:30 GMT" {
		t.Fatalf("the clock change is not where the test expects it: %s, %s", a, b)
	}
	var f Fair
	for k := range 8 { // every 15 minutes from 01:00 BST for two hours of instants
		s := first.Add(time.Duration(k-2) * 15 * time.Minute)
		f.Slots = append(f.Slots, Slot{ID: fmt.Sprintf("x%d", k), Host: "booth", Start: s, End: s.Add(15 * time.Minute)})
	}
	f.Busy = map[string][]Interval{"ann": {{second.Add(-30 * time.Minute), second.Add(30 * time.Minute)}}}
	f.Cap = map[string]int{"booth": 8}
	f.Requests = []Request{{Seeker: "ann", Host: "booth", Score: 3}}
	plan := Schedule(f)
	if bad := violations(f, plan); len(bad) > 0 {
		t.Fatal(bad)
	}
	var starts []string
	for _, m := range plan.Meetings {
		i := slices.IndexFunc(f.Slots, func(s Slot) bool { return s.ID == m.Slot })
		starts = append(starts, f.Slots[i].Start.In(london).Format("15:04 MST"))
	}
	// 01:00 to 01:45 BST are free; 01:00 GMT (the second 01:00) and after
	// are the session's.
	want := []string{"01:00 BST", "01:15 BST", "01:30 BST", "01:45 BST"}
	if !slices.Equal(starts, want) {
		t.Errorf("ann meets at %v, want %v", starts, want)
	}
}

// Without fairness the scheduler maximises the score alone, which the
// brute force confirms, and keeps the hard constraints.
func TestScoreOnlyIsTheBestScore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genFair(t, 4, 3, 2)
		f.ScoreOnly = true
		plan := Schedule(f)
		if bad := violations(f, plan); len(bad) > 0 {
			t.Fatal(bad)
		}
		if best := bestScore(f); plan.Total != best || !plan.Optimal {
			t.Fatalf("score %d (optimal %v), the best is %d", plan.Total, plan.Optimal, best)
		}
	})
}

// bestScore is the best total score of any schedule, fairness aside.
func bestScore(f Fair) int {
	used := map[string]bool{}
	for _, m := range f.Booked {
		used[m.Slot] = true
	}
	best := 0
	var chosen []Meeting
	var walk func(k int)
	walk = func(k int) {
		if len(violations(f, Plan{Meetings: chosen, Total: sum(chosen)})) > 0 {
			return
		}
		if k == len(f.Slots) {
			best = max(best, sum(chosen))
			return
		}
		walk(k + 1)
		if used[f.Slots[k].ID] {
			return
		}
		for _, r := range f.Requests {
			if r.Host == f.Slots[k].Host {
				chosen = append(chosen, Meeting{Seeker: r.Seeker, Host: r.Host, Slot: f.Slots[k].ID, Score: r.Score})
				walk(k + 1)
				chosen = chosen[:len(chosen)-1]
			}
		}
	}
	walk(0)
	return best
}

func TestGreedyKeepsTheHardConstraints(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genFair(t, 20, 6, 6)
		if bad := violations(f, Greedy(f)); len(bad) > 0 {
			t.Fatal(bad)
		}
	})
}
