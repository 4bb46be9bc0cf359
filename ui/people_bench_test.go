package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/seed"
)

// benchPeople is issue 3's size: the list must stay quick at 100,000.
const benchPeople = 100_000

func seededStore(b *testing.B) *data.Store {
	b.Helper()
	st := datatest.Open(b, nil)
	if err := seed.Generate(context.Background(), st, seed.Options{People: benchPeople, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return st
}

// benchQueries are typed one character at a time: Latin, kanji and kana
// names, an e-mail part, a badge prefix; the first letters match tens of
// thousands of people.
var benchQueries = []string{"yamada", "sato", "tanaka", "suzuki", "smith", "brown", "wilson", "taro", "hanako",
	"example", "山田", "佐藤", "やまだ", "たなか", "watanabe", "kobayashi", "matsumoto", "yoshida", "emma", "james",
	"kato", "mori", "ikeda", "shimizu", "inoue", "kimura", "hayashi", "nakamura", "sasaki", "jones", "taylor", "davies"}

func percentile(sorted []time.Duration, p float64) float64 {
	i := min(int(float64(len(sorted))*p), len(sorted)-1)
	return float64(sorted[i].Microseconds()) / 1000
}

// BenchmarkPeopleSearchKeystroke measures, at 100,000 people, the time from
// a keystroke in the search box to the list drawn with the new results
// (count, first page, list refresh), in a headless test app. Run with
// go test -tags ci -run '^$' -bench PeopleSearchKeystroke -benchtime 1x ./ui/
func BenchmarkPeopleSearchKeystroke(b *testing.B) {
	st := seededStore(b)
	test.NewTempApp(b)
	q := newUIQueue()
	s := newPeopleScreen(peopleDeps{screenEnv: q.env(context.Background()), store: st})
	w := test.NewWindow(s.content)
	w.Resize(fyne.NewSize(1100, 720))
	defer w.Close()
	shown, counted := 0, 0
	s.shown = func() { shown++ }
	s.counted = func() { counted++ }
	s.refresh()
	q.waitFor(b, "first list", func() bool { return shown == 1 && counted == 1 })

	// times: keystroke to the new rows drawn; countTimes: to the count
	// shown as well (it comes separately, and may come second).
	var times, countTimes []time.Duration
	keystroke := func(do func()) {
		wantShown, wantCounted := shown+1, counted+1
		start := time.Now()
		do()
		q.waitFor(b, "rows", func() bool { return shown >= wantShown })
		times = append(times, time.Since(start))
		q.waitFor(b, "count", func() bool { return counted >= wantCounted })
		countTimes = append(countTimes, time.Since(start))
	}
	b.ResetTimer()
	for range b.N {
		for _, query := range benchQueries {
			for _, r := range query {
				keystroke(func() { s.search.TypedRune(r) })
			}
			keystroke(func() { s.search.SetText("") })
		}
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(percentile(times, 0.50), "p50-ms")
	b.ReportMetric(percentile(times, 0.99), "p99-ms")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(len(times)), "keystrokes")
	slices.Sort(countTimes)
	b.ReportMetric(percentile(countTimes, 0.99), "count-p99-ms")
}

// BenchmarkPeopleListOpen measures opening the People screen on 100,000
// people until its first rows show.
func BenchmarkPeopleListOpen(b *testing.B) {
	st := seededStore(b)
	test.NewTempApp(b)
	var times []time.Duration
	b.ResetTimer()
	for range b.N {
		for range 20 {
			q := newUIQueue()
			start := time.Now()
			s := newPeopleScreen(peopleDeps{screenEnv: q.env(context.Background()), store: st})
			w := test.NewWindow(s.content)
			w.Resize(fyne.NewSize(1100, 720))
			s.refresh()
			q.waitFor(b, "first rows", func() bool { return len(visibleNames(s)) > 0 })
			times = append(times, time.Since(start))
			w.Close()
		}
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(percentile(times, 0.50), "p50-ms")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
}
