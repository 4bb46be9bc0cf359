package notify_test

import (
	"context"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/notify"
	"github.com/fairdesk/fairdesk/data/seed"
)

// BenchmarkSchedulerTick works out what is due at 100,000 people and
// about 2,000 sessions, as an organiser following every session and as
// the staff of a booth: the budget is 5 ms a tick.
func BenchmarkSchedulerTick(b *testing.B) {
	ctx := context.Background()
	st := datatest.Open(b, nil)
	if err := seed.Generate(ctx, st, seed.Options{People: 100000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	sessions, err := st.Sessions(ctx)
	if err != nil {
		b.Fatal(err)
	}
	booths, err := st.Booths(ctx)
	if err != nil || len(booths) == 0 {
		b.Fatal("no booths", err)
	}
	for _, s := range sessions[:50] {
		if err := st.FollowSession(ctx, s.ID, true); err != nil {
			b.Fatal(err)
		}
	}
	now := sessions[len(sessions)/2].Starts.Add(-7 * time.Minute)
	opts := notify.Options{AllSessions: true, Organiser: true, Booth: booths[0].ID, BoothCode: booths[0].Code}
	b.ReportMetric(float64(len(sessions)), "sessions")
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if _, err := notify.Due(ctx, st, now.Add(time.Duration(i)*time.Second), time.Time{}, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/tick")
}
