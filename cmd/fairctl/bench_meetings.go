package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/fairdesk/fairdesk/data/schedule"
)

// runMeetingsBench is the meetings part of the bench alone.
func runMeetingsBench(ctx context.Context, e *env, rest []string) error {
	if err := noArgs(rest); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Fairdesk meetings benchmark (lower time is better, higher score is better)\n\n")
	return benchMeetings(ctx, e.stdout)
}

// benchMeetings times the auto-schedule of the fair, 2,000 job
// seekers with 5 requests each and 200 hosts with 20 slots, and prints
// its total score beside a greedy baseline's on the same fair, and the
// best score with fairness left out (what fairness costs).
func benchMeetings(ctx context.Context, out io.Writer) error {
	const seekers, hosts, slots, requests = 2000, 200, 20, 5
	f := schedule.SampleFair(seekers, hosts, slots, requests, 1)
	timed := func(f schedule.Fair, solve func(schedule.Fair) schedule.Plan) (schedule.Plan, time.Duration, error) {
		start := time.Now()
		plan := solve(f)
		return plan, time.Since(start), ctx.Err()
	}
	plan, took, err := timed(f, schedule.Schedule)
	if err != nil {
		return err
	}
	greedy, greedyTook, err := timed(f, schedule.Greedy)
	if err != nil {
		return err
	}
	scoreOnly := f
	scoreOnly.ScoreOnly = true
	best, _, err := timed(scoreOnly, schedule.Schedule)
	if err != nil {
		return err
	}
	proved := "not proved optimal"
	if plan.Optimal {
		proved = "proved optimal"
	}
	fmt.Fprintf(out, "auto-schedule meetings   %d seekers, %d hosts x %d slots, %d requests each   (target < 2s)\n", seekers, hosts, slots, requests)
	fmt.Fprintf(out, "  fairdesk %8s   score %d, %d meetings, %d seekers served, %s (bound %d)\n",
		round(took), plan.Total, len(plan.Meetings), plan.Served, proved, plan.Bound)
	fmt.Fprintf(out, "  greedy   %8s   score %d, %d meetings, %d seekers served   ratio of scores %.3f\n",
		round(greedyTook), greedy.Total, len(greedy.Meetings), greedy.Served, float64(plan.Total)/float64(max(greedy.Total, 1)))
	fmt.Fprintf(out, "  without fairness the best score is %d, %d seekers served\n", best.Total, best.Served)
	return nil
}
