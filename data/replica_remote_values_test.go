package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestEventTimeZoneMustBeARealZone(t *testing.T) {
	st := newReplica(t, nil).st
	for _, zone := range []string{"Mars/Olympus_Mons", "Local", "", "europe/london", "Europe/London ", "../../etc/passwd"} {
		ev := Event{Name: "Fair", TimeZone: zone}
		var fe FieldErrors
		if err := st.SaveEvent(context.Background(), &ev); !errors.As(err, &fe) || fe["time_zone"].Code != ProblemTimeZoneUnknown {
			t.Errorf("time zone %q: err = %v, want a time_zone field error", zone, err)
		}
	}
	ev := Event{Name: "Fair", TimeZone: "Asia/Tokyo"}
	if err := st.SaveEvent(context.Background(), &ev); err != nil {
		t.Fatal(err)
	}
}

func TestSyncRefusesAnEventTimeZoneThatIsNotAZone(t *testing.T) {
	ctx := context.Background()
	a, b := newReplica(t, nil), newReplica(t, nil)
	ev := Event{Name: "Alumni Careers Fair", TimeZone: "Europe/London", Starts: time.Date(2026, 10, 23, 10, 0, 0, 0, time.UTC)}
	if err := a.st.SaveEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	a.publish(t)
	b.pull(t, a)
	before := b.dump(t)

	// A forged batch, as anyone who can write the shared folder could
	// leave: the event's time zone set to a place with no zone, stamped
	// newer than anything so far, with a harmless edit beside it.
	for _, c := range []struct {
		col, value, want string
	}{
		{"time_zone", "Mars/Olympus_Mons", `refused time_zone: "Mars/Olympus_Mons" is not a time zone name`},
		{"time_zone", "Local", `refused time_zone: "Local" is not a time zone name`},
		{"name", "Fair\x00", `refused name: it holds a NUL byte`},
	} {
		var forged []RowChange
		for _, rc := range a.batches[0].rows {
			if rc.Table == eventsTable.name {
				st := Stamp{HLC: rc.Cells["time_zone"].HLC + 1000, Dev: a.st.DeviceID()}
				forged = append(forged, RowChange{Table: rc.Table, ID: rc.ID, Cells: map[string]Cell{
					"venue": {Value: "Hall 2", Stamp: st},
					c.col:   {Value: c.value, Stamp: st},
				}})
			}
		}
		if len(forged) != 1 {
			t.Fatalf("%d event rows in the batch", len(forged))
		}
		i := 0
		_, err := b.st.ApplyRemote(ctx, Origin{Device: a.st.DeviceID(), Seq: 2}, func() (RowChange, bool, error) {
			if i == len(forged) {
				return RowChange{}, false, nil
			}
			i++
			return forged[i-1], true, nil
		})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Fatalf("err = %v, want %q", err, c.want)
		}
		if after := b.dump(t); after != before {
			t.Errorf("the refused %s changed the database", c.col)
		}
	}
	got, err := b.st.Event(ctx)
	if err != nil || got.TimeZone != "Europe/London" || got.Venue != "" {
		t.Errorf("event after the refused batch: %+v %v", got, err)
	}
}
