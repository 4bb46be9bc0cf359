package schedule

// flow chooses which requests to meet next, with the exact min-cost flow
// over what timing has left free:
//
//	source → seeker: one unit worth big if the seeker has no meeting yet
//	         (fairness), any more units worth nothing;
//	seeker → request: as many units as the host's cap leaves, worth the
//	         request's score, when the seeker is free at one of the
//	         host's free slots;
//	request → host → sink: as many units as the host has free slots.
//
// It returns the requests chosen, one per unit, and what they are worth.
func (p *problem) flow(t *timing, excluded map[[2]string]int, big int) ([]Request, flowValue) {
	seekers := map[string]int{}
	hosts := map[string]int{}
	var seekerNames, hostNames []string
	for _, r := range p.requests {
		if _, ok := seekers[r.Seeker]; !ok {
			seekers[r.Seeker] = len(seekerNames)
			seekerNames = append(seekerNames, r.Seeker)
		}
		if _, ok := hosts[r.Host]; !ok {
			hosts[r.Host] = len(hostNames)
			hostNames = append(hostNames, r.Host)
		}
	}
	// Nodes: 0 source, 1 sink, then seekers, hosts, requests.
	const source, sink = 0, 1
	seekerNode := func(i int) int { return 2 + i }
	hostNode := func(i int) int { return 2 + len(seekerNames) + i }
	requestNode := func(i int) int { return 2 + len(seekerNames) + len(hostNames) + i }
	g := newFlowGraph(2 + len(seekerNames) + len(hostNames) + len(p.requests))

	for i, s := range seekerNames {
		if big > 0 && !p.hasBooked[s] && !t.served(s) {
			g.addEdge(source, seekerNode(i), 1, -int64(big))
		}
		g.addEdge(source, seekerNode(i), int64(len(p.slots)), 0)
	}
	for i, h := range hostNames {
		if free := t.freeSlots(h); free > 0 {
			g.addEdge(hostNode(i), sink, int64(free), 0)
		}
	}
	var cand []int
	edges := make([]int, len(p.requests))
	for i, r := range p.requests {
		edges[i] = -1
		key := [2]string{r.Host, r.Seeker}
		left := p.capLeft(r.Host, r.Seeker) - t.met[key] - excluded[key]
		if left <= 0 {
			continue
		}
		cand = t.freeFor(r, cand)
		if len(cand) == 0 {
			continue
		}
		left = min(left, len(cand))
		edges[i] = g.addEdge(seekerNode(seekers[r.Seeker]), requestNode(i), int64(left), -int64(r.Score))
		g.addEdge(requestNode(i), hostNode(hosts[r.Host]), int64(left), 0)
	}
	g.minCostFlow(source, sink)

	var chosen []Request
	var v flowValue
	for i, e := range edges {
		if e < 0 {
			continue
		}
		for n := int64(0); n < g.flow[e]; n++ {
			chosen = append(chosen, p.requests[i])
			v.score += p.requests[i].Score
		}
	}
	for e := g.head[source]; e >= 0; e = g.next[e] {
		if g.cost[e] < 0 && g.flow[e] > 0 {
			v.served++
		}
	}
	return chosen, v
}
