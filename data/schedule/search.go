package schedule

import "math"

// searchNodes caps the exact search: a fair whose choices multiply to
// more than this keeps the flow's schedule and reports its bound.
const searchNodes = 200_000

// search finds the best schedule by trying every choice, slot by slot:
// each free slot holds nobody or one of its host's requests whose seeker
// is free then. It runs only on fairs small enough (searchNodes), where
// the flow's schedule was not proved optimal; it reports false when the
// fair is too large.
func (p *problem) search(start Plan) (Plan, bool) {
	var slots []int
	options := map[int][]int{} // slot → request indexes
	for h, list := range p.byHost {
		for _, i := range list {
			for k, r := range p.requests {
				if r.Host == h && !p.busyAt(r.Seeker, Interval{p.slots[i].Start, p.slots[i].End}, true) {
					options[i] = append(options[i], k)
				}
			}
		}
	}
	size := 1.0
	for i := range p.slots {
		if len(options[i]) > 0 {
			slots = append(slots, i)
			size *= float64(len(options[i]) + 1)
		}
	}
	if size > searchNodes {
		return start, false
	}
	// rest[k] bounds what slots[k:] can add: each slot its best option.
	rest := make([]int, len(slots)+1)
	for k := len(slots) - 1; k >= 0; k-- {
		top := 0
		for _, r := range options[slots[k]] {
			top = max(top, p.requests[r].Score)
		}
		rest[k] = rest[k+1] + top
	}
	big := int64(p.big())
	value := func(served, score int) int64 { return int64(served)*big + int64(score) }
	t := newTiming(p)
	bestValue := int64(math.MinInt64)
	var best []Meeting
	served := map[string]int{}
	newly := 0
	var walk func(k, score int)
	walk = func(k, score int) {
		// Each remaining slot can serve one more seeker at most.
		if value(newly+len(slots)-k, score+rest[k]) <= bestValue {
			return
		}
		if k == len(slots) {
			bestValue, best = value(newly, score), t.meetings()
			return
		}
		i := slots[k]
		for _, ri := range options[i] {
			r := p.requests[ri]
			if t.met[[2]string{r.Host, r.Seeker}] >= p.capLeft(r.Host, r.Seeker) || t.clash(r.Seeker, i, -1) >= 0 {
				continue
			}
			idx := t.assign(r, i)
			first := served[r.Seeker] == 0 && !p.hasBooked[r.Seeker]
			if first {
				newly++
			}
			served[r.Seeker]++
			walk(k+1, score+r.Score)
			served[r.Seeker]--
			if first {
				newly--
			}
			t.unassign(idx)
		}
		walk(k+1, score)
	}
	walk(0, 0)
	plan := p.finish(best, flowValue{})
	// The search tried everything: what it found is the best there is.
	plan.Optimal, plan.Bound = true, plan.Total
	return plan, true
}
