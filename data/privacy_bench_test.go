package data_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// privacyBenchStore is an event with 10,000 people changed since the last
// batch, half of them consenting and each visiting one of 20 booths.
func privacyBenchStore(b *testing.B) *data.Store {
	ctx := context.Background()
	st := datatest.OpenAt(b, filepath.Join(b.TempDir(), "event.db"), nil)
	var booths []data.Booth
	for i := range 20 {
		booth := data.Booth{Code: fmt.Sprintf("B%02d", i)}
		datatest.Must(b, st.SaveBooth(ctx, &booth, nil))
		booths = append(booths, booth)
	}
	datatest.Must(b, st.ImportTx(ctx, func(bt *data.ImportTx) error {
		for i := range 10000 {
			p := data.Person{GivenName: fmt.Sprintf("Given%d", i), FamilyName: "Family", Email: fmt.Sprintf("p%d@example.com", i), Consent: i%2 == 0}
			if err := bt.SavePerson(&p); err != nil {
				return err
			}
		}
		return nil
	}))
	people, err := st.ListPeople(ctx, data.PeopleFilter{}, 0, 10000)
	datatest.Must(b, err)
	for i, p := range people[:2000] {
		_, err := st.LogVisitOf(ctx, booths[i%20].ID, p.ID, "staff")
		datatest.Must(b, err)
	}
	return st
}

// BenchmarkLocalChanges/{whole,split}: reading 12,000 changed rows as one
// stream, and split by audience with the visitors' contact details sent to
// their booths, side by side.
func BenchmarkLocalChanges(b *testing.B) {
	ctx := context.Background()
	st := privacyBenchStore(b)
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			datatest.Must(b, st.LocalChanges(ctx, 0, st.LastSeq(), func(data.RowChange) error { return nil }))
		}
	})
	b.Run("split", func(b *testing.B) {
		for b.Loop() {
			datatest.Must(b, st.LocalChangesFor(ctx, 0, st.LastSeq(), func(data.Audience, data.RowChange) error { return nil }))
		}
	})
}

// BenchmarkApplyChecked: applying those changes on an organiser laptop
// from an organiser (no checks but the erasure list), and on a booth
// laptop, which checks and filters every row.
func BenchmarkApplyChecked(b *testing.B) {
	ctx := context.Background()
	st := privacyBenchStore(b)
	var whole []data.RowChange
	datatest.Must(b, st.LocalChanges(ctx, 0, st.LastSeq(), func(rc data.RowChange) error { whole = append(whole, rc); return nil }))
	var boothID string
	for _, rc := range whole {
		if rc.Table == "booths" {
			boothID = rc.ID
			break
		}
	}
	// What the booth laptop reads: the sections of its audiences.
	role := data.BoothLaptop(boothID)
	var sections []data.RowChange
	datatest.Must(b, st.LocalChangesFor(ctx, 0, st.LastSeq(), func(a data.Audience, rc data.RowChange) error {
		if role.Reads(a) {
			sections = append(sections, rc)
		}
		return nil
	}))
	for _, run := range []struct {
		name string
		role data.LaptopRole
		rows []data.RowChange
	}{{"organiser", data.LaptopOrganiser, whole}, {"booth", role, sections}} {
		role, rows := run.role, run.rows
		b.Run(run.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				to := datatest.OpenAt(b, filepath.Join(b.TempDir(), "to.db"), nil)
				datatest.Must(b, to.SetLocalRole(ctx, role))
				b.StartTimer()
				_, err := to.ApplyRemote(ctx, data.Origin{Device: st.DeviceID(), Seq: 1}, rowsOf(rows))
				datatest.Must(b, err)
				b.StopTimer()
				to.Close()
				b.StartTimer()
			}
		})
	}
}
