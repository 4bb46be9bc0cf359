package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/sync"
)

// benchEncryptedSync times a 10,000-change sync through the encrypted
// folder (sealing per audience, signatures, roster and role checks) beside
// the same changes carried the way the format before encryption did, in
// the same run.
func benchEncryptedSync(ctx context.Context, out io.Writer, st *data.Store, sender, receiver *sync.Engine, folder, dir string) error {
	plainTo, _, err := joinInvited(ctx, st, folder, filepath.Join(dir, "plain.db"), data.LaptopOrganiser)
	if err != nil {
		return err
	}
	defer plainTo.Close()
	if _, err := receiver.Sync(ctx); err != nil {
		return err
	}
	const n = 10000
	from := sync.SentUpTo(ctx, st)
	if err := editPeople(ctx, st, n); err != nil {
		return err
	}
	upTo, _ := st.LocalProgress()
	plainDir := filepath.Join(dir, "plain")
	if err := os.Mkdir(plainDir, 0o700); err != nil {
		return err
	}
	plain, err := sync.PlainRelay(ctx, st, plainTo, plainDir, from, upTo, 1<<30)
	if err != nil {
		return err
	}
	start := time.Now()
	if _, err := sender.Sync(ctx); err != nil {
		return err
	}
	r, err := receiver.Sync(ctx)
	if err != nil {
		return err
	}
	sealed := time.Since(start)
	fmt.Fprintf(out, "sync of %d changes, encrypted and checked %8s   unencrypted, unchecked %8s   ratio %.2f   (%d received; target ≤ 1.2)\n",
		n, round(sealed), round(plain), float64(sealed)/float64(plain), r.Received)
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
