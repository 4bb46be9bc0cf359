package data_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// BenchmarkApplyEdits: applying another laptop's edit of 10,000 people
// who are already here, the case of fairctl bench's "sync bringing
// 100,000 changes" at a tenth of its size.
func BenchmarkApplyEdits(b *testing.B) {
	ctx := context.Background()
	st := privacyBenchStore(b)
	var created []data.RowChange
	datatest.Must(b, st.LocalChanges(ctx, 0, st.LastSeq(), func(rc data.RowChange) error { created = append(created, rc); return nil }))
	dir := b.TempDir()
	base := filepath.Join(dir, "base.db")
	to := datatest.OpenAt(b, base, nil)
	_, err := to.ApplyRemote(ctx, data.Origin{Device: st.DeviceID(), Seq: 1}, rowsOf(created))
	datatest.Must(b, err)
	datatest.Must(b, to.Close())

	from := st.LastSeq()
	people, err := st.ListPeople(ctx, data.PeopleFilter{}, 0, 10000)
	datatest.Must(b, err)
	datatest.Must(b, st.ImportTx(ctx, func(tx *data.ImportTx) error {
		for i := range people {
			people[i].JobTitle = fmt.Sprintf("Title %d", i)
			if err := tx.SavePerson(&people[i].Person); err != nil {
				return err
			}
		}
		return nil
	}))
	var edits []data.RowChange
	datatest.Must(b, st.LocalChanges(ctx, from, st.LastSeq(), func(rc data.RowChange) error { edits = append(edits, rc); return nil }))
	whole, err := os.ReadFile(base)
	datatest.Must(b, err)
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		path := filepath.Join(dir, fmt.Sprintf("to-%d.db", i))
		datatest.Must(b, os.WriteFile(path, whole, 0o600))
		to := datatest.OpenAt(b, path, nil)
		b.StartTimer()
		stats, err := to.ApplyRemote(ctx, data.Origin{Device: st.DeviceID(), Seq: 2}, rowsOf(edits))
		datatest.Must(b, err)
		b.StopTimer()
		if stats.Changed != len(people) {
			b.Fatalf("%d rows changed, want %d", stats.Changed, len(people))
		}
		to.Close()
		os.Remove(path)
		b.StartTimer()
	}
}
