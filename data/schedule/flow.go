package schedule

import (
	"container/heap"
	"math"
)

// flowGraph is a min-cost flow network, solved by the primal-dual method:
// Dijkstra on reduced costs finds the cheapest augmenting paths' length,
// then a blocking flow (Dinic) pushes along every path of that length at
// once. The schedule's costs take few distinct values (scores are small
// integers), so there are few phases, each near-linear in the edges: the
// 2,000-seeker fair solves in a fraction of a second where one
// augmentation per Dijkstra would need thousands of passes.
type flowGraph struct {
	head []int // first edge of each node, -1 for none
	next []int
	to   []int
	cap  []int64
	cost []int64
	flow []int64
}

func newFlowGraph(nodes int) *flowGraph {
	g := &flowGraph{head: make([]int, nodes)}
	for i := range g.head {
		g.head[i] = -1
	}
	return g
}

// addEdge adds u→v and its reverse; it returns the forward edge's index.
func (g *flowGraph) addEdge(u, v int, capacity, cost int64) int {
	e := len(g.to)
	for _, x := range [2]struct {
		from, to  int
		cap, cost int64
	}{{u, v, capacity, cost}, {v, u, 0, -cost}} {
		g.to = append(g.to, x.to)
		g.cap = append(g.cap, x.cap)
		g.cost = append(g.cost, x.cost)
		g.flow = append(g.flow, 0)
		g.next = append(g.next, g.head[x.from])
		g.head[x.from] = len(g.to) - 1
	}
	return e
}

func (g *flowGraph) residual(e int) int64 { return g.cap[e] - g.flow[e] }

// minCostFlow pushes flow from s to t while an augmenting path has
// negative cost: the flow of least cost, of any value. Costs may be
// negative but the network must have no negative cycle (ours is a DAG).
// It returns the total cost.
func (g *flowGraph) minCostFlow(s, t int) int64 {
	n := len(g.head)
	pot := g.bellmanFord(s)
	dist := make([]int64, n)
	level := make([]int, n)
	iter := make([]int, n)
	var total int64
	for {
		if !g.dijkstra(s, pot, dist) || dist[t]+pot[t]-pot[s] >= 0 {
			return total
		}
		// A node not reached takes the farthest distance, so that no edge
		// into the reached part gets a negative reduced cost.
		var far int64
		for _, d := range dist {
			if d < math.MaxInt64 {
				far = max(far, d)
			}
		}
		for v := range pot {
			pot[v] += min(dist[v], far)
		}
		// Blocking flow on the edges of zero reduced cost.
		for g.levels(s, t, pot, level) {
			copy(iter, g.head)
			for {
				f := g.push(s, t, math.MaxInt64, pot, level, iter)
				if f == 0 {
					break
				}
				total += f * (pot[t] - pot[s])
			}
		}
	}
}

func (g *flowGraph) reduced(u, e int, pot []int64) int64 { return g.cost[e] + pot[u] - pot[g.to[e]] }

// bellmanFord gives potentials that make every residual edge's reduced
// cost non-negative, from shortest distances with negative costs.
func (g *flowGraph) bellmanFord(s int) []int64 {
	n := len(g.head)
	dist := make([]int64, n)
	for i := range dist {
		dist[i] = math.MaxInt64
	}
	dist[s] = 0
	inQueue := make([]bool, n)
	queue := []int{s}
	inQueue[s] = true
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		inQueue[u] = false
		for e := g.head[u]; e >= 0; e = g.next[e] {
			if g.residual(e) > 0 && dist[u]+g.cost[e] < dist[g.to[e]] {
				dist[g.to[e]] = dist[u] + g.cost[e]
				if !inQueue[g.to[e]] {
					inQueue[g.to[e]] = true
					queue = append(queue, g.to[e])
				}
			}
		}
	}
	for i := range dist {
		if dist[i] == math.MaxInt64 {
			dist[i] = 0 // unreachable now; no residual edge from a reached node leads there
		}
	}
	return dist
}

type item struct {
	node int
	dist int64
}
type minHeap []item

func (h minHeap) Len() int           { return len(h) }
func (h minHeap) Less(i, j int) bool { return h[i].dist < h[j].dist }
func (h minHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)        { *h = append(*h, x.(item)) }
func (h *minHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// dijkstra fills dist with reduced-cost distances from s; it reports
// whether anything but s is reachable.
func (g *flowGraph) dijkstra(s int, pot, dist []int64) bool {
	for i := range dist {
		dist[i] = math.MaxInt64
	}
	dist[s] = 0
	h := &minHeap{{s, 0}}
	reached := false
	for h.Len() > 0 {
		it := heap.Pop(h).(item)
		u := it.node
		if it.dist > dist[u] {
			continue
		}
		for e := g.head[u]; e >= 0; e = g.next[e] {
			if g.residual(e) <= 0 {
				continue
			}
			v := g.to[e]
			if d := dist[u] + g.reduced(u, e, pot); d < dist[v] {
				dist[v] = d
				reached = true
				heap.Push(h, item{v, d})
			}
		}
	}
	return reached
}

// levels numbers the nodes by breadth from s over residual edges of zero
// reduced cost; it reports whether t is reached.
func (g *flowGraph) levels(s, t int, pot []int64, level []int) bool {
	for i := range level {
		level[i] = -1
	}
	level[s] = 0
	queue := []int{s}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for e := g.head[u]; e >= 0; e = g.next[e] {
			v := g.to[e]
			if level[v] < 0 && g.residual(e) > 0 && g.reduced(u, e, pot) == 0 {
				level[v] = level[u] + 1
				queue = append(queue, v)
			}
		}
	}
	return level[t] >= 0
}

// push sends up to limit along one path of the level graph (Dinic's DFS).
func (g *flowGraph) push(u, t int, limit int64, pot []int64, level, iter []int) int64 {
	if u == t {
		return limit
	}
	for ; iter[u] >= 0; iter[u] = g.next[iter[u]] {
		e := iter[u]
		v := g.to[e]
		if level[v] != level[u]+1 || g.residual(e) <= 0 || g.reduced(u, e, pot) != 0 {
			continue
		}
		if f := g.push(v, t, min(limit, g.residual(e)), pot, level, iter); f > 0 {
			g.flow[e] += f
			g.flow[e^1] -= f
			return f
		}
	}
	return 0
}
