package schedule

// timing holds the new meetings as they are placed: which seeker each
// free slot holds, and each seeker's new meetings.
type timing struct {
	p      *problem
	holder []int             // slot → index of its meeting in placed, -1 when free
	placed []placedMeeting   // every meeting placed, live or not
	mine   map[string][]int  // seeker → indexes of their live meetings
	met    map[[2]string]int // {host, seeker} → live new meetings
	budget int               // moves left for the current placement
}

type placedMeeting struct {
	r    Request
	slot int
	live bool
}

// maxDepth is how many meetings one placement may move in a chain, and
// moveBudget how many tries it may spend: enough for every fair we have
// measured, and a bound on the time a hopeless request can take.
const (
	maxDepth   = 4
	moveBudget = 2000
)

func newTiming(p *problem) *timing {
	t := &timing{p: p, holder: make([]int, len(p.slots)), mine: map[string][]int{}, met: map[[2]string]int{}}
	for i := range t.holder {
		t.holder[i] = -1
	}
	return t
}

func (t *timing) served(seeker string) bool { return len(t.mine[seeker]) > 0 }

// freeSlots counts a host's slots that hold no new meeting.
func (t *timing) freeSlots(host string) int {
	n := 0
	for _, i := range t.p.byHost[host] {
		if t.holder[i] < 0 {
			n++
		}
	}
	return n
}

// freeFor lists r's candidate slots that are empty and where its seeker
// has no new meeting.
func (t *timing) freeFor(r Request, into []int) []int {
	into = t.p.candidates(r, into)
	n := 0
	for _, i := range into {
		if t.holder[i] < 0 && t.clash(r.Seeker, i, -1) < 0 {
			into[n] = i
			n++
		}
	}
	return into[:n]
}

// clash is the seeker's live new meeting that overlaps slot i (other than
// meeting skip), or -1.
func (t *timing) clash(seeker string, i, skip int) int {
	s := t.p.slots[i]
	iv := Interval{s.Start, s.End}
	for _, m := range t.mine[seeker] {
		if m == skip {
			continue
		}
		o := t.p.slots[t.placed[m].slot]
		if iv.overlaps(Interval{o.Start, o.End}) {
			return m
		}
	}
	return -1
}

func (t *timing) assign(r Request, slot int) int {
	idx := len(t.placed)
	t.placed = append(t.placed, placedMeeting{r: r, slot: slot, live: true})
	t.holder[slot] = idx
	t.mine[r.Seeker] = append(t.mine[r.Seeker], idx)
	t.met[[2]string{r.Host, r.Seeker}]++
	return idx
}

// revive puts an unassigned meeting back in its slot, under its own
// index, so that a move undone leaves every index as it was.
func (t *timing) revive(idx int) {
	m := &t.placed[idx]
	m.live = true
	t.holder[m.slot] = idx
	t.mine[m.r.Seeker] = append(t.mine[m.r.Seeker], idx)
	t.met[[2]string{m.r.Host, m.r.Seeker}]++
}

func (t *timing) unassign(idx int) {
	m := &t.placed[idx]
	m.live = false
	t.holder[m.slot] = -1
	list := t.mine[m.r.Seeker]
	for k, v := range list {
		if v == idx {
			t.mine[m.r.Seeker] = append(list[:k:k], list[k+1:]...)
			break
		}
	}
	t.met[[2]string{m.r.Host, m.r.Seeker}]--
}

// place puts one meeting of r into a slot, moving others if it must. It
// reports whether it did.
func (t *timing) place(r Request) bool {
	t.budget = moveBudget
	return t.try(r, maxDepth, map[int]bool{})
}

// try places r: in a free slot where its seeker is free; else, depth
// allowing, by moving the meeting that holds a slot, or the seeker's own
// meeting that clashes with a free slot, elsewhere. Slots in the chain
// are not touched twice.
func (t *timing) try(r Request, depth int, chain map[int]bool) bool {
	var cand []int
	cand = t.p.candidates(r, cand)
	for _, i := range cand {
		if !chain[i] && t.holder[i] < 0 && t.clash(r.Seeker, i, -1) < 0 {
			t.assign(r, i)
			return true
		}
	}
	if depth == 0 {
		return false
	}
	for _, i := range cand {
		if chain[i] || t.budget <= 0 {
			continue
		}
		t.budget--
		holder, own := t.holder[i], t.clash(r.Seeker, i, -1)
		if (holder >= 0) == (own >= 0) || (own >= 0 && t.clash(r.Seeker, i, own) >= 0) {
			continue // free and fine (done above), or both taken and clashing: too far
		}
		moved := holder
		if own >= 0 {
			moved = own
		}
		q := t.placed[moved].r
		t.unassign(moved)
		mine := t.assign(r, i)
		chain[i] = true
		if t.try(q, depth-1, chain) {
			return true
		}
		delete(chain, i)
		t.unassign(mine)
		t.revive(moved)
	}
	return false
}

// meetings are the live new meetings.
func (t *timing) meetings() []Meeting {
	var list []Meeting
	for _, m := range t.placed {
		if m.live {
			list = append(list, Meeting{Seeker: m.r.Seeker, Host: m.r.Host, Slot: t.p.slots[m.slot].ID, Score: m.r.Score})
		}
	}
	return list
}
