package sync

import (
	"context"
	"fmt"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// PlainRelay carries sender's changes in (from, upTo] to receiver the way
// the format before encryption did: one gzip batch file, written and read
// back, its rows decoded and applied, with no sections, sealing, signature
// or role check. make bench times it beside a real sync of the same
// changes, to show what encryption and checks cost.
func PlainRelay(ctx context.Context, sender, receiver Replica, dir string, from, upTo, seq int64) (time.Duration, error) {
	start := time.Now()
	var rows []data.RowChange
	if err := sender.LocalChanges(ctx, from, upTo, func(rc data.RowChange) error { rows = append(rows, rc); return nil }); err != nil {
		return 0, err
	}
	ev, err := sender.Event(ctx)
	if err != nil {
		return 0, err
	}
	b, err := encodeBatch(batchHeader{Event: ev.ID, Device: sender.DeviceID(), Laptop: sender.LaptopName(), Seq: seq, Written: sender.Now().UTC()}, rows)
	if err != nil {
		return 0, err
	}
	f := Dir{Root: dir}
	name := fmt.Sprintf("plain-%010d.fdb", seq)
	if err := f.Create(ctx, name, b); err != nil {
		return 0, err
	}
	read, err := readFile(ctx, f, name, maxBatchFile)
	if err != nil {
		return 0, err
	}
	_, got, err := decodeBatch(read)
	if err != nil {
		return 0, err
	}
	i := 0
	_, err = receiver.ApplyRemote(ctx, data.Origin{Device: sender.DeviceID(), Name: sender.LaptopName(), Seq: seq}, func() (data.RowChange, bool, error) {
		if i == len(got) {
			return data.RowChange{}, false, nil
		}
		i++
		return got[i-1], true, nil
	})
	return time.Since(start), err
}

// SentUpTo is how far this laptop's changes are in batches.
func SentUpTo(ctx context.Context, st Replica) int64 {
	e := &Engine{Store: st}
	sent, _, _, _ := e.state(ctx)
	return sent
}
