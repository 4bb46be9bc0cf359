package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// theRush is the check-in rush of issue 15: 2,000 check-ins and 500 booth
// visits in a minute, with edits and a few conflicts, each laptop syncing
// every 5 seconds.
func theRush(laptops int) loadPlan {
	organisers := max(2, laptops*2/5)
	return loadPlan{organisers: organisers, booths: max(1, laptops-organisers), people: 2500,
		checkIns: 2000, visits: 500, edits: 200, conflicts: 10,
		rush: time.Minute, every: 5 * time.Second, wait: time.Minute}
}

// idleFleet is the small fleet whose idle sync is the reference for the
// large one's.
const idleFleet = 5

// runLoadBench runs the rush on laptops laptops through each place
// (bucket, folder) and prints what it measured beside the goals.
func runLoadBench(ctx context.Context, e *env, rest []string, laptops int, places string) error {
	if err := noArgs(rest); err != nil {
		return err
	}
	kinds := strings.Split(places, ",")
	for _, k := range kinds {
		if k != "bucket" && k != "folder" {
			return misusef("--place %q: say bucket, folder or bucket,folder", places)
		}
	}
	if laptops < 3 {
		return misusef("--laptops %d: the rush needs at least 3 laptops (two organisers and a booth)", laptops)
	}
	dir, err := os.MkdirTemp("", "fairdesk-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	plan := theRush(laptops)
	fmt.Fprintf(e.stdout, "%d laptops at once: %d organisers' and %d booth laptops, %d people registered; a rush of %d check-ins, %d booth visits, %d edits and %d conflicting pairs of edits in %s, each laptop syncing every %s ± 20%% (lower is better)\n",
		laptops, plan.organisers, plan.booths, plan.people, plan.checkIns, plan.visits, plan.edits, plan.conflicts, plan.rush, plan.every)
	var lost error
	for _, kind := range kinds {
		err := runLoadPlace(ctx, e.stdout, filepath.Join(dir, kind), kind, plan)
		if errors.Is(err, errLoadLost) {
			lost = errors.Join(lost, err)
			continue
		}
		if err != nil {
			return err
		}
	}
	return lost
}

// runLoadPlace measures one place: first the idle sync of a small fleet,
// then the rush on the full one.
func runLoadPlace(ctx context.Context, out io.Writer, dir, kind string, plan loadPlan) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	places := func(name string) (loadPlace, error) {
		folder := filepath.Join(dir, name+"-shared")
		return folderPlace(folder), os.Mkdir(folder, 0o700)
	}
	where := "a shared folder on the local disk"
	if kind == "bucket" {
		s3, err := startLoadS3(ctx, filepath.Join(dir, "s3"))
		if err != nil {
			return err
		}
		defer s3.stop()
		places = func(name string) (loadPlace, error) { return s3.place(name), nil }
		where = "one bucket on versitygw at 127.0.0.1"
	}
	fmt.Fprintf(out, "\n%s: %s   (load average %s at the start)\n", kind, where, loadAverage())

	small, err := places("small")
	if err != nil {
		return err
	}
	idleSmall, err := idleOfSmallFleet(ctx, filepath.Join(dir, "small"), small, plan)
	if err != nil {
		return err
	}

	big, err := places("big")
	if err != nil {
		return err
	}
	bigDir := filepath.Join(dir, "big")
	if err := os.Mkdir(bigDir, 0o700); err != nil {
		return err
	}
	setup := time.Now()
	fl, err := newLoadFleet(ctx, bigDir, big, plan.organisers, plan.booths, plan.people)
	if err != nil {
		return err
	}
	defer fl.close()
	fmt.Fprintf(out, "  %d laptops shared and joined by invitation in %s\n", len(fl.laptops), round(time.Since(setup)))
	run, err := plan.run(ctx, fl, rand.New(rand.NewPCG(15, 50)))
	if err != nil {
		return err
	}
	printRush(out, plan, run)
	checked, lost := fl.check(ctx, bigDir, run.written)
	if lost == nil {
		fmt.Fprintf(out, "  at the end                    the %d organisers' laptops hold the same data; each of the %d booth laptops holds the organisers' data filtered to its booth; no write lost (%d check-ins, %d visits, %d edits; %d of %d conflicting pairs listed as conflicts)\n",
			checked.organisers, checked.booths, checked.checkIns, checked.visits, checked.titles, checked.conflicts, checked.conflicted)
	} else {
		fmt.Fprintf(out, "  at the end                    FAILED: %v\n", lost)
	}
	idleBig := idleCost(ctx, fl)
	fmt.Fprintf(out, "  idle sync per laptop          %d laptops %s   %d laptops %s   requests ratio %.2f (target: flat)\n",
		idleFleet, idleSmall, len(fl.laptops), idleBig, idleBig.requests/idleSmall.requests)
	fmt.Fprintf(out, "  (load average %s at the end)\n", loadAverage())
	return lost
}

// printRush prints what the rush measured.
func printRush(out io.Writer, plan loadPlan, run *loadRun) {
	w := run.written
	fmt.Fprintf(out, "  rush                          %d check-ins, %d visits, %d edits in %s (planned %s)\n",
		len(w.checkIns), len(w.visits), len(w.titles)+2*len(w.conflicted), round(run.end.Sub(run.start)), plan.rush)
	if run.converged.IsZero() {
		fmt.Fprintf(out, "  every laptop has everything   NOT within %s of the rush's end: %s   (target <= 30s)\n",
			plan.wait, strings.Join(run.behind[:min(len(run.behind), 3)], "; "))
	} else {
		fmt.Fprintf(out, "  every laptop has everything   %8s after the rush's end   (target <= 30s)\n", round(max(0, run.converged.Sub(run.end))))
	}
	if len(run.latency) > 0 {
		fmt.Fprintf(out, "  check-in to another laptop    p50 %8s  p99 %8s  max %8s   (%d arrivals; %d never arrived)\n",
			round(percentile(run.latency, 50)), round(percentile(run.latency, 99)), round(percentile(run.latency, 100)), len(run.latency), run.undelivered)
	}
	var requests, lists, bytes int64
	failed := 0
	var problems []string
	var took []time.Duration
	for _, s := range run.syncs {
		took = append(took, s.end.Sub(s.start))
		requests += s.requests
		lists += s.list
		bytes += s.bytes
		if s.err != nil {
			failed++
			problems = append(problems, s.err.Error())
		}
		problems = append(problems, s.problems...)
	}
	n := float64(max(1, len(run.syncs)))
	fmt.Fprintf(out, "  per sync, rush to convergence %.1f requests (%.1f LIST), %.0f bytes read, took p50 %s p99 %s   (%d syncs, %d failed)\n",
		float64(requests)/n, float64(lists)/n, float64(bytes)/n, round(percentile(took, 50)), round(percentile(took, 99)), len(run.syncs), failed)
	wall := run.stopped.Sub(run.start)
	fmt.Fprintf(out, "  CPU of the laptops            %.2f cores on average from the rush's start until they stopped syncing (%s of CPU in %s; the machine has %d)\n",
		run.cpu.Seconds()/wall.Seconds(), round(run.cpu), round(wall), runtime.NumCPU())
	slices.Sort(problems)
	problems = slices.Compact(problems)
	for _, p := range problems[:min(len(problems), 3)] {
		fmt.Fprintf(out, "  problem reported: %s\n", p)
	}
}

// idleSummary is what a sync with nothing new cost, on average.
type idleSummary struct {
	requests, lists float64
	p50, max        time.Duration
}

func (s idleSummary) String() string {
	return fmt.Sprintf("%.1f requests (%.1f LIST) p50 %s max %s", s.requests, s.lists, round(s.p50), round(s.max))
}

// idleCost syncs every laptop of the fleet, one after the other, twice
// with nothing new, and sums up the second round.
func idleCost(ctx context.Context, fl *loadFleet) idleSummary {
	var took []time.Duration
	var s idleSummary
	for round := range 2 {
		for _, l := range fl.laptops {
			r := l.syncOnce(ctx)
			if round == 1 {
				took = append(took, r.end.Sub(r.start))
				s.requests += float64(r.requests)
				s.lists += float64(r.list)
			}
		}
	}
	n := float64(len(fl.laptops))
	s.requests /= n
	s.lists /= n
	s.p50, s.max = percentile(took, 50), percentile(took, 100)
	return s
}

// idleOfSmallFleet makes a fleet of idleFleet laptops on the same kind of
// event, has each write once and everyone sync, and measures its idle sync.
func idleOfSmallFleet(ctx context.Context, dir string, place loadPlace, plan loadPlan) (idleSummary, error) {
	if err := os.Mkdir(dir, 0o700); err != nil {
		return idleSummary{}, err
	}
	organisers := max(2, idleFleet*plan.organisers/(plan.organisers+plan.booths))
	fl, err := newLoadFleet(ctx, dir, place, organisers, idleFleet-organisers, plan.people)
	if err != nil {
		return idleSummary{}, err
	}
	defer fl.close()
	w := &loadWritten{}
	for i, l := range fl.laptops {
		kind := loadCheckIn
		if !l.organiser() {
			kind = loadVisit
		}
		loadAction{kind: kind, person: fl.people[i]}.do(ctx, l, w)
	}
	for range 2 {
		for _, l := range fl.laptops {
			l.syncOnce(ctx)
		}
	}
	return idleCost(ctx, fl), errors.Join(w.failures...)
}

// loadAverage is the machine's load average over the last minute.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Fields(string(b))[0]
}
