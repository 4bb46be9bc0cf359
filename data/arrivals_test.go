package data_test

import (
	"fmt"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// Arrivals: who is in now, who came at all (a check-out leaves them
// counted, an undone check-in does not), and first arrivals per hour on
// the event's clock.
func TestArrivalsByHourOnTheEventsClock(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	f.Clock.Set(datatest.FairDay(11, 10))
	_, err := f.Store.CheckIn(ctx, f.Taro.BadgeCode, "ann")
	datatest.Must(t, err)
	f.Clock.Set(datatest.FairDay(11, 50))
	_, err = f.Store.CheckIn(ctx, f.Alice.BadgeCode, "ann")
	datatest.Must(t, err)
	f.Clock.Set(datatest.FairDay(13, 5))
	_, err = f.Store.CheckOut(ctx, f.Alice.BadgeCode, "ann")
	datatest.Must(t, err)
	_, err = f.Store.CheckIn(ctx, f.Alice.BadgeCode, "ann") // back again: still one arrival, at 11:50
	datatest.Must(t, err)
	slip, err := f.Store.CheckIn(ctx, f.Bob.BadgeCode, "ann")
	datatest.Must(t, err)
	_, err = f.Store.UndoCheckIn(ctx, slip.Recorded.ID, "ann")
	datatest.Must(t, err)

	got, err := f.Store.Arrivals(ctx, datatest.London)
	datatest.Must(t, err)
	if got.In != 2 || got.Arrived != 2 {
		t.Errorf("in now %d, arrived %d; want 2 and 2", got.In, got.Arrived)
	}
	if len(got.ByHour) != 1 || !got.ByHour[0].Start.Equal(datatest.FairDay(11, 0)) || got.ByHour[0].Count != 2 {
		t.Fatalf("by hour %+v, want 2 at 11:00", got.ByHour)
	}
	if h := got.ByHour[0].Start; h.Hour() != 11 {
		t.Errorf("the hour reads %v, want 11:00 on the event's clock, not 10:00 UTC", h)
	}
	// A late arrival at 14:20 makes 12:00 and 13:00 show as quiet hours.
	late := data.Person{GivenName: "Late", FamilyName: "Comer"}
	datatest.Must(t, f.Store.SavePerson(ctx, &late))
	f.Clock.Set(datatest.FairDay(14, 20))
	_, err = f.Store.CheckInPerson(ctx, late.ID, "ann")
	datatest.Must(t, err)
	got, err = f.Store.Arrivals(ctx, datatest.London)
	datatest.Must(t, err)
	var counts []int
	for _, h := range got.ByHour {
		counts = append(counts, h.Count)
	}
	if fmt.Sprint(counts) != "[2 0 0 1]" || got.In != 3 {
		t.Errorf("by hour %v (in %d), want [2 0 0 1] from 11:00 to 14:00", counts, got.In)
	}
}
