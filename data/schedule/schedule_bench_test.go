package schedule

import "testing"

// The target: 2,000 seekers, 200 hosts with 20 slots each and 5
// requests per seeker, scheduled in under 2 seconds. The total score is
// reported beside the greedy baseline's on the same fair.
func BenchmarkSchedule(b *testing.B) {
	f := SampleFair(2000, 200, 20, 5, 1)
	greedy := Greedy(f)
	scoreOnly := f
	scoreOnly.ScoreOnly = true
	best := Schedule(scoreOnly)
	var plan Plan
	for b.Loop() {
		plan = Schedule(f)
	}
	b.ReportMetric(float64(plan.Total), "score")
	b.ReportMetric(float64(greedy.Total), "greedy-score")
	b.ReportMetric(float64(plan.Served), "served")
	b.ReportMetric(float64(greedy.Served), "greedy-served")
	b.ReportMetric(float64(plan.Bound), "bound")
	b.ReportMetric(float64(best.Total), "score-only")
	if bad := violations(f, plan); len(bad) > 0 {
		b.Fatalf("%d constraints broken, first %s", len(bad), bad[0])
	}
}
