package data

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestLocalTimeAroundClockChanges(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	// An ordinary summer time.
	got, err := LocalTime(2026, time.June, 10, 11, 0, 0, london)
	if err != nil || !got.Equal(time.Date(2026, 6, 10, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("11:00 on 10 June in London = %v, %v", got, err)
	}
	// London's clocks go forward at 01:00 GMT to 02:00 BST; Paris's at 02:00 to 03:00.
	for _, c := range []struct {
		loc  *time.Location
		h, m int
		want string
	}{
		{london, 1, 30, "01:30 does not exist on 29 March 2026 in Europe/London: the clocks go forward from 01:00 to 02:00"},
		{paris, 2, 30, "02:30 does not exist on 29 March 2026 in Europe/Paris: the clocks go forward from 02:00 to 03:00"},
	} {
		got, err := LocalTime(2026, time.March, 29, c.h, c.m, 0, c.loc)
		if err == nil || err.Error() != c.want {
			t.Errorf("%02d:%02d in %s = %v, %v; want the error %q", c.h, c.m, c.loc, got, err, c.want)
		}
		// The values travel with the error, for the window to say in its language.
		var gap *ClockGapError
		if !errors.As(err, &gap) || gap.Zone != c.loc.String() || gap.Wall.Hour() != c.h || gap.Wall.Day() != 29 {
			t.Errorf("%02d:%02d in %s: error %#v carries no values", c.h, c.m, c.loc, err)
		}
	}
	for _, h := range []int{0, 2, 3} {
		if _, err := LocalTime(2026, time.March, 29, h, 30, 0, london); err != nil {
			t.Errorf("%02d:30 on 29 March in London refused: %v", h, err)
		}
	}
	// 01:30 on 25 October happens twice in London: the first, still in
	// summer time, is the one taken.
	got, err = LocalTime(2026, time.October, 25, 1, 30, 0, london)
	if err != nil || !got.Equal(time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)) {
		t.Errorf("01:30 on 25 October in London = %v, %v; want the first, 00:30 UTC", got, err)
	}
	if name, _ := got.Zone(); name != "BST" {
		t.Errorf("01:30 on 25 October taken in %s, want BST", name)
	}
	// A zone half an hour off, and one without changes.
	adelaide, _ := time.LoadLocation("Australia/Adelaide")
	if _, err := LocalTime(2026, time.October, 4, 2, 15, 0, adelaide); err == nil || !strings.Contains(err.Error(), "from 02:00 to 03:00") {
		t.Errorf("Adelaide's gap: %v", err)
	}
	if got, err := LocalTime(2026, time.March, 29, 1, 30, 0, time.UTC); err != nil || got.Hour() != 1 {
		t.Errorf("UTC: %v %v", got, err)
	}
}
