package networking

import (
	"math/rand/v2"
	"slices"
)

// attempts is how many orders each round is tried in when the rotation
// does not fit; the best seating is kept, and up to eight times as many
// are tried while it is not perfect.
const attempts = 24

// searcher seats the rounds one after another, remembering who has met.
type searcher struct {
	people  []Participant
	tables  int
	lo, big int    // every table seats lo, big of them lo+1
	met     []bool // met[a*len(people)+b]
	rng     *rand.Rand
}

// search seats every round greedily (doc.go says how), by index into
// people, which are sorted hosts first.
func search(people []Participant, tables, rounds int, seed uint64) [][][]int {
	p := len(people)
	s := &searcher{people: people, tables: tables, lo: p / tables, big: p % tables, met: make([]bool, p*p),
		rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	out := make([][][]int, 0, rounds)
	for range rounds {
		var best [][]int
		var bestScore score
		for a := 0; a < attempts || (bestScore != (score{}) && a < 8*attempts); a++ {
			seats := s.seat(s.orderFor(a))
			sc := s.score(seats)
			if best == nil || sc.better(bestScore) {
				best, bestScore = seats, sc
			}
			if bestScore == (score{}) {
				break // perfect
			}
		}
		s.remember(best)
		out = append(out, best)
	}
	return out
}

// maxSize is the largest table of a round.
func (s *searcher) maxSize() int {
	if s.big > 0 {
		return s.lo + 1
	}
	return s.lo
}

func (s *searcher) hasMet(a, b int) bool { return s.met[a*len(s.people)+b] }

func (s *searcher) remember(seats [][]int) {
	p := len(s.people)
	for _, table := range seats {
		for _, a := range table {
			for _, b := range table {
				s.met[a*p+b] = true
			}
		}
	}
}

// orderFor is the order people are seated in on attempt a: hosts before
// job seekers, within each those who have met the most people first; the
// first attempt keeps the sorted order, the others shuffle before that.
func (s *searcher) orderFor(a int) []int {
	p := len(s.people)
	ks := make([]int, p)
	for k := range ks {
		ks[k] = k
	}
	if a > 0 {
		s.rng.Shuffle(p, func(i, j int) { ks[i], ks[j] = ks[j], ks[i] })
	}
	metCount := make([]int, p)
	for k := range p {
		for m := range p {
			if m != k && s.hasMet(k, m) {
				metCount[k]++
			}
		}
	}
	slices.SortStableFunc(ks, func(x, y int) int {
		if hx, hy := s.people[x].Host, s.people[y].Host; hx != hy {
			if hx {
				return -1
			}
			return 1
		}
		return metCount[y] - metCount[x]
	})
	return ks
}

// seating is one attempt at a round.
type seating struct {
	*searcher
	members [][]int
	bigUsed int // tables at lo+1
}

// room tells whether table t takes one more within the round's sizes.
func (st *seating) room(t int) bool {
	n := len(st.members[t])
	return n < st.lo || (n == st.lo && st.bigUsed < st.big)
}

func (st *seating) add(t, k int) {
	if len(st.members[t]) == st.lo {
		st.bigUsed++
	}
	st.members[t] = append(st.members[t], k)
}

// strangers tells whether k has met no one at table t, leaving out skip.
func (st *seating) strangers(k, t, skip int) bool {
	for _, m := range st.members[t] {
		if m != skip && st.hasMet(k, m) {
			return false
		}
	}
	return true
}

// cost ranks the tables k could join: fewest of k's kind, then fewest
// hosts of k's sector or organisation, then the emptiest.
func (st *seating) cost(k, t int) [3]int {
	me := st.people[k]
	var kind, clash int
	for _, m := range st.members[t] {
		other := st.people[m]
		if other.Host == me.Host {
			kind++
		}
		if me.Host && other.Host && sameGroup(me, other) {
			clash++
		}
	}
	return [3]int{kind, clash, len(st.members[t])}
}

func sameGroup(a, b Participant) bool {
	return (a.Sector != "" && a.Sector == b.Sector) || (a.Org != "" && a.Org == b.Org)
}

func (s *searcher) seat(order []int) [][]int {
	st := &seating{searcher: s, members: make([][]int, s.tables)}
	var left []int
	for _, k := range order {
		best := -1
		var bestCost [3]int
		for t := range s.tables {
			if !st.room(t) || !st.strangers(k, t, -1) {
				continue
			}
			if c := st.cost(k, t); best < 0 || less(c, bestCost) {
				best, bestCost = t, c
			}
		}
		switch {
		case best >= 0:
			st.add(best, k)
		case !st.moveAside(k):
			left = append(left, k)
		}
	}
	// Those left over may take a table up to the largest size even past
	// the round's share of larger tables: some seats are empty anyway.
	for _, k := range left {
		for t := range s.tables {
			if len(st.members[t]) < s.maxSize() && st.strangers(k, t, -1) {
				st.members[t] = append(st.members[t], k)
				break
			}
		}
	}
	st.balance()
	// No one sits at a table alone: join another, or sit out.
	for t, table := range st.members {
		if len(table) != 1 {
			continue
		}
		k := table[0]
		st.members[t] = nil
		for u := range s.tables {
			if u != t && len(st.members[u]) > 0 && len(st.members[u]) < s.maxSize() && st.strangers(k, u, -1) {
				st.members[u] = append(st.members[u], k)
				break
			}
		}
	}
	return st.members
}

// balance evens the tables out after the leftovers took seats past the
// round's share of larger tables: while one table is short of lo and
// another has more than its share, someone moves across to where they
// know no one; if no one can and everyone is seated, one of the larger
// table sits out, so that a full round always keeps its sizes.
func (st *seating) balance() {
	for {
		short, seated, large := -1, 0, 0
		for t, table := range st.members {
			seated += len(table)
			if len(table) < st.lo && (short < 0 || len(table) < len(st.members[short])) {
				short = t
			}
			if len(table) > st.lo {
				large++
			}
		}
		if short < 0 || large <= st.big {
			return
		}
		moved := false
		for t, table := range st.members {
			if len(table) <= st.lo {
				continue
			}
			for i, y := range table {
				if st.strangers(y, short, -1) {
					st.members[t] = slices.Delete(table, i, i+1)
					st.members[short] = append(st.members[short], y)
					moved = true
					break
				}
			}
			if moved {
				break
			}
		}
		if moved {
			continue
		}
		if seated < len(st.people) {
			return // someone sits out already: sizes need only stay within lo+1
		}
		for t, table := range st.members {
			if len(table) > st.lo {
				st.members[t] = table[:len(table)-1]
				break
			}
		}
	}
}

// moveAside seats k at a table where the only one they have met (or
// anyone, at a full table) moves to another table that has room and where
// they know no one.
func (st *seating) moveAside(k int) bool {
	for t := range st.tables {
		for i, y := range st.members[t] {
			if !st.strangers(k, t, y) {
				continue
			}
			for u := range st.tables {
				if u != t && st.room(u) && st.strangers(y, u, -1) {
					st.add(u, y)
					st.members[t][i] = k
					return true
				}
			}
		}
	}
	return false
}

func less(a, b [3]int) bool { return slices.Compare(a[:], b[:]) < 0 }

// score says how good a seating is, lower better, compared in order: who
// sits out, how far tables are from an even share of hosts (and from
// having a job seeker, when there are enough to go round), hosts of one
// sector or organisation at one table.
type score struct{ out, unmixed, clashes int }

func (a score) better(b score) bool {
	return less([3]int{a.out, a.unmixed, a.clashes}, [3]int{b.out, b.unmixed, b.clashes})
}

func (s *searcher) score(seats [][]int) score {
	var sc score
	hosts := 0
	for _, p := range s.people {
		if p.Host {
			hosts++
		}
	}
	seekers := len(s.people) - hosts
	fewest, most := hosts/s.tables, (hosts+s.tables-1)/s.tables
	sc.out = len(s.people)
	for _, table := range seats {
		sc.out -= len(table)
		h := 0
		for i, a := range table {
			if s.people[a].Host {
				h++
				for _, b := range table[i+1:] {
					if s.people[b].Host && sameGroup(s.people[a], s.people[b]) {
						sc.clashes++
					}
				}
			}
		}
		if len(table) == 0 {
			continue
		}
		sc.unmixed += max(0, h-most) + max(0, fewest-h)
		if h == len(table) && seekers >= s.tables {
			sc.unmixed++
		}
	}
	return sc
}
