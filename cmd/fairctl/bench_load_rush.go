package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	gosync "sync"
	"time"
)

// loadPlan is a check-in rush: how many of each write, over how long, and
// how often each laptop syncs.
type loadPlan struct {
	organisers, booths int
	people             int // registered before the fair: at least checkIns
	checkIns, visits   int
	edits, conflicts   int // edits of one person's job title; pairs of edits of one person on two laptops
	rush, every        time.Duration
	wait               time.Duration // how long after the rush to wait for every laptop to have everything
}

type loadKind int

const (
	loadCheckIn loadKind = iota
	loadVisit
	loadEdit
)

// loadAction is one write of the rush, at a time after its start.
type loadAction struct {
	at     time.Duration
	laptop int
	kind   loadKind
	person string
	title  string // for an edit
}

// loadWritten is what the rush wrote, to check that nothing was lost.
type loadWritten struct {
	mu         gosync.Mutex
	checkIns   []string             // ids of the check-in rows made
	visits     []string             // ids of the visits logged
	titles     map[string]string    // person -> the one job title an edit gave
	conflicted map[string][2]string // person -> the two titles given on two laptops apart
	failures   []error
}

func (w *loadWritten) fail(err error) {
	w.mu.Lock()
	w.failures = append(w.failures, err)
	w.mu.Unlock()
}

// schedule spreads the plan's writes over the rush at random: check-ins
// and edits on organisers' laptops (each person checked in once), visits
// on booth laptops for their own booth, and each conflict as the same
// person's job title changed on two organisers' laptops at one moment.
func (p loadPlan) schedule(fl *loadFleet, rng *rand.Rand) ([]loadAction, *loadWritten) {
	var orgs, booths []int
	for i, l := range fl.laptops {
		if l.organiser() {
			orgs = append(orgs, i)
		} else {
			booths = append(booths, i)
		}
	}
	at := func() time.Duration { return time.Duration(rng.Int64N(int64(p.rush))) }
	written := &loadWritten{titles: map[string]string{}, conflicted: map[string][2]string{}}
	var plan []loadAction
	arrivals := slices.Clone(fl.people)
	rng.Shuffle(len(arrivals), func(i, j int) { arrivals[i], arrivals[j] = arrivals[j], arrivals[i] })
	for _, id := range arrivals[:p.checkIns] {
		plan = append(plan, loadAction{at: at(), laptop: orgs[rng.IntN(len(orgs))], kind: loadCheckIn, person: id})
	}
	for range p.visits {
		plan = append(plan, loadAction{at: at(), laptop: booths[rng.IntN(len(booths))], kind: loadVisit, person: fl.people[rng.IntN(len(fl.people))]})
	}
	edited := slices.Clone(fl.people)
	rng.Shuffle(len(edited), func(i, j int) { edited[i], edited[j] = edited[j], edited[i] })
	for i, id := range edited[:p.edits] {
		title := fmt.Sprintf("Edited title %d", i)
		written.titles[id] = title
		plan = append(plan, loadAction{at: at(), laptop: orgs[rng.IntN(len(orgs))], kind: loadEdit, person: id, title: title})
	}
	for i, id := range edited[p.edits : p.edits+p.conflicts] {
		when := p.rush/10 + time.Duration(rng.Int64N(int64(p.rush*8/10)))
		a := rng.IntN(len(orgs))
		b := (a + 1 + rng.IntN(len(orgs)-1)) % len(orgs)
		pair := [2]string{fmt.Sprintf("Conflicting title %d on %s", i, fl.laptops[orgs[a]].name), fmt.Sprintf("Conflicting title %d on %s", i, fl.laptops[orgs[b]].name)}
		written.conflicted[id] = pair
		plan = append(plan, loadAction{at: when, laptop: orgs[a], kind: loadEdit, person: id, title: pair[0]},
			loadAction{at: when, laptop: orgs[b], kind: loadEdit, person: id, title: pair[1]})
	}
	slices.SortStableFunc(plan, func(x, y loadAction) int { return int(x.at - y.at) })
	return plan, written
}

// do makes one write on its laptop.
func (a loadAction) do(ctx context.Context, l *loadLaptop, w *loadWritten) {
	var err error
	switch a.kind {
	case loadCheckIn:
		res, cerr := l.st.CheckInPerson(ctx, a.person, "desk")
		if err = cerr; err == nil && res.Recorded.ID == "" {
			err = fmt.Errorf("person %s was checked in before", a.person)
		}
		if err == nil {
			l.noteWrite(time.Now(), true)
			w.mu.Lock()
			w.checkIns = append(w.checkIns, res.Recorded.ID)
			w.mu.Unlock()
		}
	case loadVisit:
		res, verr := l.st.LogVisitOf(ctx, l.booth, a.person, "staff")
		if err = verr; err == nil {
			l.noteWrite(time.Now(), false)
			w.mu.Lock()
			w.visits = append(w.visits, res.Visit.ID)
			w.mu.Unlock()
		}
	case loadEdit:
		p, perr := l.st.Person(ctx, a.person)
		if err = perr; err == nil {
			p.JobTitle = a.title
			if err = l.st.SavePerson(ctx, &p.Person); err == nil {
				l.noteWrite(time.Now(), false)
			}
		}
	}
	if err != nil {
		w.fail(fmt.Errorf("%s: %w", l.name, err))
	}
}

// loadRun is what one rush measured.
type loadRun struct {
	start, end  time.Time     // the rush: the first write planned, the last made
	stopped     time.Time     // the laptops stopped syncing
	cpu         time.Duration // this process's CPU time from start to stopped
	converged   time.Time     // every laptop had everything (zero: not within the wait)
	behind      []string      // laptops without everything when the wait ran out
	latency     []time.Duration
	undelivered int // (check-in, laptop) pairs that never arrived
	syncs       []loadSync
	written     *loadWritten
}

// run runs the plan on the fleet: each laptop writes what the schedule
// gives it and syncs every plan.every (give or take a fifth, at random)
// until every laptop has everything or plan.wait has passed since the
// last write.
func (p loadPlan) run(ctx context.Context, fl *loadFleet, rng *rand.Rand) (*loadRun, error) {
	plan, written := p.schedule(fl, rng)
	run := &loadRun{written: written}
	perLaptop := make([][]loadAction, len(fl.laptops))
	for _, a := range plan {
		perLaptop[a.laptop] = append(perLaptop[a.laptop], a)
	}
	stop := make(chan struct{})
	var syncers, writers gosync.WaitGroup
	cpu := processCPU()
	run.start = time.Now()
	for i, l := range fl.laptops {
		jitter := rand.New(rand.NewPCG(uint64(i), 99))
		syncers.Add(1)
		go func() {
			defer syncers.Done()
			for {
				wait := time.Duration(float64(p.every) * (0.8 + 0.4*jitter.Float64()))
				select {
				case <-stop:
					return
				case <-ctx.Done():
					return
				case <-time.After(wait):
				}
				l.syncOnce(ctx)
			}
		}()
		writers.Add(1)
		go func() {
			defer writers.Done()
			for _, a := range perLaptop[i] {
				if d := time.Until(run.start.Add(a.at)); d > 0 {
					select {
					case <-ctx.Done():
						return
					case <-time.After(d):
					}
				}
				a.do(ctx, l, written)
			}
		}()
	}
	writers.Wait()
	run.end = time.Now()
	// Having every batch is not yet the end: a batch applied can make a
	// laptop say more (an organiser sends a booth the contact details of
	// a visitor the booth logged on its sync after the visit arrives). So
	// the fleet has converged once every laptop has everything and then
	// synced once more with no laptop writing a new batch.
	var quiet time.Time
	var quietLast string
	for deadline := run.end.Add(p.wait); ; {
		at, behind := fl.convergedAt(run.end)
		switch last := fl.lastBatches(); {
		case len(behind) > 0:
			quiet = time.Time{}
		case quiet.IsZero() || last != quietLast:
			quiet, quietLast = time.Now(), last
		default:
			behind = fl.notSyncedSince(quiet)
		}
		if !quiet.IsZero() && len(behind) == 0 {
			run.converged = at
			break
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			run.behind = behind
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	close(stop)
	syncers.Wait()
	run.stopped = time.Now()
	run.cpu = processCPU() - cpu
	for _, l := range fl.laptops {
		for _, s := range l.syncs {
			if !s.start.Before(run.start) {
				run.syncs = append(run.syncs, s)
			}
		}
	}
	run.latency, run.undelivered = fl.checkInLatency()
	return run, ctx.Err()
}

// convergedAt is when every laptop had applied every other laptop's last
// batch, each laptop's last batch being the one its first sync after
// the rush ended wrote (or before); behind names those not there yet.
func (fl *loadFleet) convergedAt(end time.Time) (at time.Time, behind []string) {
	finals := map[string]int64{}
	for _, l := range fl.laptops {
		l.mu.Lock()
		done := slices.ContainsFunc(l.syncs, func(s loadSync) bool { return s.start.After(end) && s.err == nil })
		finals[l.st.DeviceID()] = l.last
		l.mu.Unlock()
		if !done {
			behind = append(behind, l.name+" (has not synced since)")
		}
	}
	if len(behind) > 0 {
		return at, behind
	}
	for _, b := range fl.laptops {
		for dev, seq := range finals {
			if dev == b.st.DeviceID() || seq == 0 {
				continue
			}
			t, ok := b.reached(dev, seq)
			if !ok {
				behind = append(behind, fmt.Sprintf("%s (lacks batch %d of %s)", b.name, seq, dev))
				break
			}
			if t.After(at) {
				at = t
			}
		}
	}
	return at, behind
}

// lastBatches is every laptop's last batch number, to tell whether any
// wrote one since it was last read.
func (fl *loadFleet) lastBatches() string {
	var b strings.Builder
	for _, l := range fl.laptops {
		l.mu.Lock()
		fmt.Fprintf(&b, "%d ", l.last)
		l.mu.Unlock()
	}
	return b.String()
}

// notSyncedSince names the laptops with no good sync begun after t.
func (fl *loadFleet) notSyncedSince(t time.Time) []string {
	var behind []string
	for _, l := range fl.laptops {
		l.mu.Lock()
		done := slices.ContainsFunc(l.syncs, func(s loadSync) bool { return s.start.After(t) && s.err == nil })
		l.mu.Unlock()
		if !done {
			behind = append(behind, l.name+" (has not synced since the others had everything)")
		}
	}
	return behind
}

// checkInLatency is, for every check-in and every other laptop, how long
// it took from the check-in until that laptop had applied its batch; and
// how many such arrivals never happened.
func (fl *loadFleet) checkInLatency() (latency []time.Duration, undelivered int) {
	for _, a := range fl.laptops {
		a.mu.Lock()
		writes := slices.Clone(a.writes)
		a.mu.Unlock()
		for _, w := range writes {
			if !w.checkIn {
				continue
			}
			for _, b := range fl.laptops {
				if b == a {
					continue
				}
				t, ok := b.reached(a.st.DeviceID(), w.batch)
				if w.batch == 0 || !ok {
					undelivered++
					continue
				}
				latency = append(latency, t.Sub(w.at))
			}
		}
	}
	return latency, undelivered
}

// errLoadLost says that a write made during the rush is not where it
// should be at the end.
var errLoadLost = errors.New("a write was lost")
