package schedule

// Greedy is the baseline the benchmark compares with: requests best score
// first, each in the earliest slot of its host where its seeker is free,
// as often as the host's cap allows; no fairness and no moving. It keeps
// the same hard constraints.
func Greedy(f Fair) Plan {
	p := prepare(f)
	t := newTiming(p)
	var cand []int
	for _, r := range p.requests {
		for n := p.capLeft(r.Host, r.Seeker); n > 0; n-- {
			if cand = t.freeFor(r, cand); len(cand) == 0 {
				break
			}
			t.assign(r, cand[0])
		}
	}
	plan := p.finish(t.meetings(), flowValue{})
	plan.Optimal, plan.Bound = false, plan.Total
	return plan
}
