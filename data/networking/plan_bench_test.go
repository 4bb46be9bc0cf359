package networking

import (
	"fmt"
	"testing"
)

// A large session the rotation cannot plan: 240 people at 30 tables (not
// prime) for 8 rounds, which leaves it to the search.
func BenchmarkSearch240People30Tables8Rounds(b *testing.B) {
	var people []Participant
	for i := range 240 {
		people = append(people, Participant{ID: fmt.Sprintf("p%03d", i), Host: i < 50, Sector: fmt.Sprint(i % 7)})
	}
	out := 0
	for b.Loop() {
		plan, err := Make(people, Options{Tables: 30, Rounds: 8})
		if err != nil || plan.Rotation {
			b.Fatal(err, plan.Rotation)
		}
		out = 0
		for _, r := range plan.Rounds {
			out += len(r.SittingOut)
		}
	}
	b.ReportMetric(float64(out), "sitting-out")
}
