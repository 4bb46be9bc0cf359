package datatest

import (
	"context"
	"testing"

	"github.com/fairdesk/fairdesk/data"
)

// Relay brings laptop to the changes laptop from made after its change
// afterSeq, as from's next batch, the way a sync applies it, and returns
// from's last change: the afterSeq of the next relay between them.
func Relay(t testing.TB, from, to *data.Store, afterSeq int64) int64 {
	t.Helper()
	ctx := context.Background()
	upTo := from.LastSeq()
	var rows []data.RowChange
	Must(t, from.LocalChanges(ctx, afterSeq, upTo, func(rc data.RowChange) error { rows = append(rows, rc); return nil }))
	var batch int64
	peers, err := to.Peers(ctx)
	Must(t, err)
	for _, p := range peers {
		if p.Device == from.DeviceID() {
			batch = p.LastSeq
		}
	}
	_, err = to.ApplyRemote(ctx, data.Origin{Device: from.DeviceID(), Name: from.LaptopName(), Seq: batch + 1}, func() (data.RowChange, bool, error) {
		if len(rows) == 0 {
			return data.RowChange{}, false, nil
		}
		rc := rows[0]
		rows = rows[1:]
		return rc, true, nil
	})
	Must(t, err)
	return upTo
}
