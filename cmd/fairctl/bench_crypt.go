package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/sync"
)

// runEncryptedSyncBench measures the encrypted sync alone, on an event of
// the given size shared with one organiser and one booth laptop.
func runEncryptedSyncBench(ctx context.Context, e *env, rest []string, people int) error {
	if err := noArgs(rest); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "fairdesk-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	csvPath := filepath.Join(dir, "people.csv")
	if err := makePeopleCSV(ctx, filepath.Join(dir, "source.db"), csvPath, people); err != nil {
		return err
	}
	_, st, err := timeImport(ctx, filepath.Join(dir, "ours.db"), csvPath)
	if err != nil {
		return err
	}
	defer st.Close()
	pair, err := shareAndJoin(ctx, e.stdout, st, dir)
	if err != nil {
		return err
	}
	defer pair.other.Close()
	return benchEncryptedSync(ctx, e.stdout, st, pair, dir)
}

// startCPUProfile writes a CPU profile to path until the returned stop.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// benchEncryptedSync times a 10,000-change sync through the encrypted
// folder (sealing per audience, signatures, roster and role checks) beside
// the same changes carried the way the format before encryption did, in
// the same run. The plain changes are applied to a copy of the receiving
// laptop's database, so that both apply them to the same state: after
// the benchmarks before this one, the receiver holds the history of
// 110,000 edits, which a laptop joined afresh would not. A single pair of
// timings of about a second moves by a tenth with the page cache and the
// collector, so it takes three rounds, each of new edits and in
// alternating order, and compares the medians.
func benchEncryptedSync(ctx context.Context, out io.Writer, st *data.Store, pair benchPair, dir string) error {
	sender, receiver := pair.sender, pair.receiver
	if _, err := receiver.Sync(ctx); err != nil {
		return err
	}
	plainPath := filepath.Join(dir, "plain.db")
	if err := pair.other.Backup(ctx, plainPath); err != nil {
		return err
	}
	plainTo, err := data.Open(plainPath, data.Options{})
	if err != nil {
		return err
	}
	defer plainTo.Close()
	const n, rounds = 10000, 3
	var sealedTimes, plainTimes []time.Duration
	received := 0
	for round := range rounds {
		from := sync.SentUpTo(ctx, st)
		if err := editPeople(ctx, st, n); err != nil {
			return err
		}
		upTo, _ := st.LocalProgress()
		plainDir := filepath.Join(dir, fmt.Sprintf("plain-%d", round))
		if err := os.Mkdir(plainDir, 0o700); err != nil {
			return err
		}
		relay := func() error {
			took, err := sync.PlainRelay(ctx, st, plainTo, plainDir, from, upTo, 1<<30+int64(round))
			plainTimes = append(plainTimes, took)
			return err
		}
		sealed := func() error {
			start := time.Now()
			if _, err := sender.Sync(ctx); err != nil {
				return err
			}
			r, err := receiver.Sync(ctx)
			sealedTimes = append(sealedTimes, time.Since(start))
			received = r.Received
			return err
		}
		first, second := relay, sealed
		if round%2 == 1 {
			first, second = sealed, relay
		}
		if err := first(); err != nil {
			return err
		}
		if err := second(); err != nil {
			return err
		}
	}
	sealed, plain := percentile(sealedTimes, 50), percentile(plainTimes, 50)
	fmt.Fprintf(out, "sync of %d changes, encrypted and checked %8s   unencrypted, unchecked %8s   ratio %.2f   (medians of %d rounds; %d received; target ≤ 1.2)\n",
		n, round(sealed), round(plain), float64(sealed)/float64(plain), rounds, received)
	return nil
}

// benchBoothJoin times a booth laptop joining the whole event, as staff of
// its first booth (made if the event has none).
func benchBoothJoin(ctx context.Context, out io.Writer, st *data.Store, sender *sync.Engine, folder, dir string) error {
	booths, err := st.Booths(ctx)
	if err != nil {
		return err
	}
	if len(booths) == 0 {
		b := data.Booth{Code: "BENCH", Name: "Benchmark booth"}
		if err := st.SaveBooth(ctx, &b, nil); err != nil {
			return err
		}
		booths = append(booths, data.BoothRow{Booth: b})
		if _, err := sender.Sync(ctx); err != nil {
			return err
		}
	}
	people, _ := st.CountPeople(ctx, data.PeopleFilter{})
	start := time.Now()
	booth, _, err := joinInvited(ctx, st, folder, filepath.Join(dir, "booth.db"), data.BoothLaptop(booths[0].ID))
	if err != nil {
		return err
	}
	booth.Close()
	fmt.Fprintf(out, "join a %d-person event as a booth laptop %8s   (target < 10s)\n", people, round(time.Since(start)))
	return nil
}
